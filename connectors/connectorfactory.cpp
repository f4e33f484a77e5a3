#include "connectors/connectorfactory.h"

#include "connectors/copper/copperconnector.h"
#include "connectors/devrev/devrevconnector.h"
#include "connectors/laserfiche/accesstokensource.h"
#include "connectors/laserfiche/laserficheconnector.h"
#include "connectors/pm415/pm415connector.h"

#include <QCoreApplication>

Connector *makeConnector(const AccountConfig &account, const QString &secret,
                         NetworkManager *network, QString *error,
                         AccessTokenSource *laserficheTokens)
{
    const auto fail = [&](const QString &why) -> Connector * {
        if (error)
            *error = why;
        return nullptr;
    };
    if (account.vendor == Vendor::Laserfiche) {
        if (!laserficheTokens) {
            return fail(QCoreApplication::translate("Connectors",
                                                    "Linkloom has no sign-in for Laserfiche "
                                                    "account “%1”.")
                            .arg(account.name()));
        }
        return new LaserficheConnector(account, laserficheTokens, network);
    }
    if (secret.isEmpty()) {
        return fail(QCoreApplication::translate("Connectors",
                                                "No credential for %1 account “%2”. Enter it in "
                                                "the account settings.")
                        .arg(vendorDisplayName(account.vendor), account.name()));
    }
    switch (account.vendor) {
    case Vendor::Copper:
        return new CopperConnector(account, secret, network);
    case Vendor::DevRev:
        return new DevRevConnector(account, secret, network);
    case Vendor::Pm415:
        return new Pm415Connector(account, secret, network);
    case Vendor::Laserfiche: // made above
        break;
    }
    return fail(QCoreApplication::translate("Connectors",
                                            "This version of Linkloom cannot connect to %1 yet.")
                    .arg(vendorDisplayName(account.vendor)));
}
