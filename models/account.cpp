#include "models/account.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

bool isLoopback(const QString &host)
{
    // QtNetwork's QHostAddress is not for models/: loopback is localhost, 127.0.0.0/8 or ::1.
    static const QRegularExpression ipv4Loopback(u"^127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$"_s);
    return host.compare("localhost"_L1, Qt::CaseInsensitive) == 0 || host == "::1"_L1
        || ipv4Loopback.match(host).hasMatch();
}

} // namespace

QString accountProblem(const AccountConfig &account)
{
    static const QRegularExpression idPattern(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"_s);
    if (!idPattern.match(account.id).hasMatch())
        return QCoreApplication::translate(
            "AccountConfig",
            "Give the account a short id of letters, digits, “-”, “_” or “.” (at most "
            "64), e.g. “sales”.");
    const QUrl &url = account.baseUrl;
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != "https"_L1 && scheme != "http"_L1))
        return QCoreApplication::translate("AccountConfig",
                                           "Enter the server's address as an https:// URL, e.g. "
                                           "“https://api.copper.com/developer_api/v1”.");
    if (scheme == "http"_L1 && !isLoopback(url.host()))
        return QCoreApplication::translate(
            "AccountConfig",
            "Use an https:// address: Linkloom sends credentials over plain http only to "
            "this computer (localhost).");
    if (!url.userInfo().isEmpty())
        return QCoreApplication::translate(
            "AccountConfig",
            "Remove the user name and password from the address: enter credentials in "
            "their own fields.");
    if (account.vendor == Vendor::Copper && !account.user.contains(u'@'))
        return QCoreApplication::translate(
            "AccountConfig", "Enter the email address of the Copper user the API key belongs to.");
    return {};
}
