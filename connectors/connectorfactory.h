#pragma once

#include "models/account.h"

#include <QString>

class Connector;
class NetworkManager;
class AccessTokenSource;

/// Makes the connector of an account from its settings and its secret (Copper: the API key;
/// DevRev: a personal access token; pm415: an API key). Laserfiche takes no secret but the
/// account's access tokens from `laserficheTokens` (not owned: one LaserficheSignIn per account
/// and process, since Laserfiche rotates refresh tokens). Returns nullptr with *error set (a
/// sentence saying what to do) when the account cannot be served that way.
Connector *makeConnector(const AccountConfig &account, const QString &secret,
                         NetworkManager *network, QString *error,
                         AccessTokenSource *laserficheTokens = nullptr);
