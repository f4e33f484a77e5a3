#pragma once

#include "models/result.h"

#include <QMetaType>
#include <QString>

#include <optional>

/// Every failure of a vendor request, mapped to one type. `message` is one translated sentence
/// a person can act on ("Copper refused the API key. Check the key and e-mail in the account
/// settings."); `details` is the technical part (method, URL without credentials, HTTP status,
/// an excerpt of the vendor's error body), shown on demand and never containing a credential.
struct ConnectorError
{
    enum class Kind {
        None,
        Unreachable, ///< connection refused, host not found, network down
        Timeout, ///< the transfer timeout ran out
        Tls, ///< certificate or handshake failure (never ignored)
        Unauthorized, ///< 401: missing, wrong or expired credentials
        Forbidden, ///< 403
        NotFound, ///< 404
        Rejected, ///< 400/409/413/422/423: the vendor refused the request as such
        RateLimited, ///< 429
        Server, ///< 5xx
        BadResponse, ///< a body that is not the JSON the vendor documents
        Redirect, ///< a redirect Linkloom does not follow (another host, too many)
        Cancelled, ///< the user or the app cancelled the request
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString message;
    QString details;
    /// Seconds the vendor asked to wait (Retry-After header or body), when it said.
    std::optional<int> retryAfterSeconds;

    bool isError() const { return kind != Kind::None; }
    Result toResult() const
    {
        return isError() ? Result::failure(message, details) : Result::success();
    }
};

Q_DECLARE_METATYPE(ConnectorError)
