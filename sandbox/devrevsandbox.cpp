// TEMPORARY stand-in written by the lead so colleagues can build while DevRev is being written.
// The DevRev engineer replaces this whole file.
#include "sandbox/devrevsandbox.h"

#include "sandbox/sandboxclock.h"

using namespace Qt::StringLiterals;

DevRevSandbox::DevRevSandbox(const SandboxClock &clock, quint32 seed, int scale, QByteArray token)
    : m_clock(clock)
    , m_seed(seed)
    , m_scale(scale)
    , m_token(std::move(token))
    , m_limiter(DefaultRateLimit, RateWindowMs)
{ }

SandboxResponse DevRevSandbox::handle(const SandboxRequest &request)
{
    Q_UNUSED(request)
    return vendorError(501, u"DevRev is not simulated yet"_s);
}

SandboxResponse DevRevSandbox::vendorError(int status, const QString &message) const
{
    return SandboxResponse::json(status, QJsonObject{{"message"_L1, message}});
}

QJsonObject DevRevSandbox::saveState() const
{
    return {};
}

bool DevRevSandbox::restoreState(const QJsonObject &state, QString *error)
{
    Q_UNUSED(state)
    *error = u"DevRev state files are not supported yet"_s;
    return false;
}

void DevRevSandbox::setRateLimit(int perWindow)
{
    m_limiter.setLimit(perWindow);
}
