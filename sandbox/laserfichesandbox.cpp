#include "sandbox/laserfichesandbox.h"

#include "sandbox/sandboxclock.h"

using namespace Qt::StringLiterals;

LaserficheSandbox::LaserficheSandbox(const SandboxClock &clock, quint32 seed, int scale)
    : m_clock(clock)
    , m_seed(seed)
    , m_scale(scale)
{ }

SandboxResponse LaserficheSandbox::handle(const SandboxRequest &request)
{
    Q_UNUSED(request)
    return vendorError(501, u"Laserfiche is not simulated yet"_s);
}

SandboxResponse LaserficheSandbox::vendorError(int status, const QString &message) const
{
    return SandboxResponse::json(status, QJsonObject{{"message"_L1, message}});
}

QJsonObject LaserficheSandbox::saveState() const
{
    return {};
}

bool LaserficheSandbox::restoreState(const QJsonObject &state, QString *error)
{
    Q_UNUSED(state)
    *error = u"Laserfiche state files are not supported yet"_s;
    return false;
}
