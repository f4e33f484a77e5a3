#pragma once

#include "sandbox/vendorsimulator.h"

class SandboxClock;

/// Pm415's API as the sandbox simulates it. Not written yet: every request answers 501.
class Pm415Sandbox : public VendorSimulator
{
public:
    Pm415Sandbox(const SandboxClock &clock, quint32 seed, int scale);

    SandboxResponse handle(const SandboxRequest &request) override;
    SandboxResponse vendorError(int status, const QString &message) const override;
    QJsonObject saveState() const override;
    bool restoreState(const QJsonObject &state, QString *error) override;

private:
    const SandboxClock &m_clock;
    quint32 m_seed;
    int m_scale;
};
