#include "app/demoworkspace.h"

#include "connectors/accountmanager.h"
#include "models/linkrepository.h"
#include "sandbox/laserfichesandbox.h"
#include "sandbox/sandboxserver.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

void addDemoAccounts(AccountManager &accounts, const LinkRepository &repository,
                     SandboxServer &sandbox)
{
    const struct
    {
        Vendor vendor;
        QString name;
        QString user;
        QLatin1StringView secret;
    } demos[] = {
        {Vendor::Copper, QCoreApplication::translate("main", "Demo CRM (sandbox)"),
         QString::fromLatin1(SandboxServer::CopperEmail),
         QLatin1StringView(SandboxServer::CopperApiKey)},
        {Vendor::DevRev,
         QCoreApplication::translate("main", "Demo support (sandbox)"),
         {},
         QLatin1StringView(SandboxServer::DevRevToken)},
        {Vendor::Pm415,
         QCoreApplication::translate("main", "Demo backlog (sandbox)"),
         {},
         QLatin1StringView(SandboxServer::Pm415ApiKey)},
    };
    for (const auto &demo : demos) {
        AccountConfig account{demo.vendor, u"demo"_s,
                              demo.name,   sandbox.baseUrl(demo.vendor),
                              demo.user,   {{u"demo"_s, true}}};
        if (const auto existing = repository.account(demo.vendor, account.id)) {
            account.displayName = existing->displayName; // the user may have renamed it
            account.options.insert(existing->options);
        }
        accounts.addDemoAccount(account, QString(demo.secret));
    }

    // Laserfiche signs in with OAuth: the sandbox's demo user is signed in already, and the
    // refresh token it issued is the demo credential.
    AccountConfig documents{
        Vendor::Laserfiche,
        u"demo"_s,
        QCoreApplication::translate("main", "Demo documents (sandbox)"),
        sandbox.baseUrl(Vendor::Laserfiche),
        {},
        {{u"demo"_s, true},
         {u"signInUrl"_s, sandbox.laserficheSigninUrl().toString()},
         {u"clientId"_s, QString::fromLatin1(SandboxServer::LaserficheClientId)}}};
    if (const auto existing = repository.account(Vendor::Laserfiche, documents.id))
        documents.displayName = existing->displayName;
    const auto tokens
        = sandbox.laserfiche().oauth().issue({QString::fromLatin1(LaserficheOAuth::ReadScope),
                                              QString::fromLatin1(LaserficheOAuth::WriteScope)});
    accounts.addDemoAccount(documents, tokens.refreshToken);
}
