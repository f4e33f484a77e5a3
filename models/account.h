#pragma once

#include "models/vendor.h"

#include <QMetaType>
#include <QString>
#include <QUrl>
#include <QVariantMap>

/// One account of one vendor as the user configured it: where it is and who signs in. Kept in
/// the workspace file. Secrets (API keys, tokens) are never here: they live in the system
/// keychain (connectors/secretstore.h), looked up by vendor and id.
struct AccountConfig
{
    Vendor vendor = Vendor::Copper;
    QString id; ///< Linkloom's id for the account, used in RecordKey::account
    QString displayName; ///< the name the user gave it
    QUrl baseUrl; ///< the API's base, e.g. https://api.devrev.ai or .../developer_api/v1
    QString user; ///< Copper: X-PW-UserEmail; unused elsewhere
    /// Vendor-specific settings: Laserfiche "repository" (repository id), "signInUrl",
    /// "clientId"; pm415 "organization" (org id, 0 or absent: every organization). Never
    /// secrets.
    QVariantMap options;

    QString name() const { return displayName.isEmpty() ? id : displayName; }

    friend bool operator==(const AccountConfig &a, const AccountConfig &b) = default;
};

/// What is wrong with `account` as the user entered it (one translated sentence saying what
/// to change), or an empty string when it can be saved: an id of letters, digits, '-', '_'
/// and '.'; an http(s) base URL with a host, plain http only to this computer (credentials
/// never travel unencrypted); Copper needs the user's email.
QString accountProblem(const AccountConfig &account);

Q_DECLARE_METATYPE(AccountConfig)
