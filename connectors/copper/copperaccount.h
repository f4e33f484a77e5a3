#pragma once

#include <QString>
#include <QUrl>

/// One Copper account: where it is and how to sign in (API key headers).
struct CopperAccount
{
    QString id; ///< Linkloom's id for the account, used in RecordKey::account
    QString displayName; ///< the name the user gave it
    QUrl baseUrl; ///< e.g. https://api.copper.com/developer_api/v1
    QString email; ///< X-PW-UserEmail: the owner of the API key
    QString apiKey; ///< X-PW-AccessToken; never logged, never written in plain text
};
