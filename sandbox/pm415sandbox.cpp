#include "sandbox/pm415sandbox.h"

#include "sandbox/sandboxclock.h"

using namespace Qt::StringLiterals;

Pm415Sandbox::Pm415Sandbox(const SandboxClock &clock, quint32 seed, int scale)
    : m_clock(clock)
    , m_seed(seed)
    , m_scale(scale)
{ }

SandboxResponse Pm415Sandbox::handle(const SandboxRequest &request)
{
    Q_UNUSED(request)
    return vendorError(501, u"Pm415 is not simulated yet"_s);
}

SandboxResponse Pm415Sandbox::vendorError(int status, const QString &message) const
{
    return SandboxResponse::json(status, QJsonObject{{"message"_L1, message}});
}

QJsonObject Pm415Sandbox::saveState() const
{
    return {};
}

bool Pm415Sandbox::restoreState(const QJsonObject &state, QString *error)
{
    Q_UNUSED(state)
    *error = u"Pm415 state files are not supported yet"_s;
    return false;
}
