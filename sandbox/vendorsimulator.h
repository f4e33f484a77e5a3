#pragma once

#include "sandbox/sandboxrequest.h"

#include <QJsonObject>
#include <QString>

/// One vendor's API as the sandbox simulates it. SandboxServer strips the vendor's path prefix
/// and hands every request to handle(); the simulator owns its world (records, links, tokens)
/// and enforces the vendor's rules, limits and error shapes.
class VendorSimulator
{
public:
    virtual ~VendorSimulator() = default;

    virtual SandboxResponse handle(const SandboxRequest &request) = 0;
    /// An error in this vendor's own body shape (Copper {"success":false,...}, DevRev
    /// {type,message}, pm415 {statusCode,error,...}, Laserfiche ProblemDetails). Used by fault
    /// injection for 401 (expired token), 429 and 5xx answers.
    virtual SandboxResponse vendorError(int status, const QString &message) const = 0;
    /// The whole mutable state as JSON, for linkloom-sandbox --state FILE.
    virtual QJsonObject saveState() const = 0;
    /// Replaces the state with one saveState() made; false (state unchanged, *error set) for
    /// anything it does not understand.
    virtual bool restoreState(const QJsonObject &state, QString *error) = 0;
};
