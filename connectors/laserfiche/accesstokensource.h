#pragma once

#include "connectors/connectorerror.h"

#include <QObject>
#include <QString>

#include <functional>

/// Where a Laserfiche account's OAuth 2.0 access tokens come from (the authorization-code +
/// PKCE sign-in with QtNetworkAuth, or a fixed token in tests). LaserficheClient asks it for a
/// token before every request and tells it when Laserfiche refused one.
///
/// Not thread-safe: use it from the thread of the connectors.
class AccessTokenSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    using Done = std::function<void(const QString &token, const ConnectorError &error)>;
    /// Calls `done` with a live access token (possibly later: after a refresh or a sign-in), or
    /// with an error (a sentence saying what to do, e.g. sign in again) and an empty token.
    /// `done` is not called once `context` is destroyed.
    virtual void accessToken(QObject *context, Done done) = 0;
    /// Laserfiche answered 401 to a request carrying `token`: do not hand it out again (a
    /// refresh or a new sign-in is needed). A rejection of a token that is no longer the
    /// current one must be ignored.
    virtual void tokenRejected(const QString &token) = 0;
};
