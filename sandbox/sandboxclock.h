#pragma once

#include <QDateTime>

#include <optional>

/// The sandbox's idea of "now", shared by every simulator: rate-limit windows, token expiry,
/// timestamps of new objects. Tests freeze and advance it instead of sleeping.
class SandboxClock
{
public:
    qint64 nowMs() const { return m_frozen ? *m_frozen : QDateTime::currentMSecsSinceEpoch(); }
    qint64 nowSeconds() const { return nowMs() / 1000; }

    /// Stops the clock at `epochMs`; it then moves only through advance().
    void freezeAt(qint64 epochMs) { m_frozen = epochMs; }
    /// Moves a frozen clock forward; a running clock cannot be moved.
    void advance(qint64 ms)
    {
        if (m_frozen)
            *m_frozen += ms;
    }
    void unfreeze() { m_frozen.reset(); }
    bool isFrozen() const { return m_frozen.has_value(); }

private:
    std::optional<qint64> m_frozen;
};
