// Linkloom's composition root: creates the repository, the network manager, the connectors and
// the main window, and wires them together. Nothing else creates any of them.

#include "app/demoworkspace.h"
#include "connectors/accountmanager.h"
#include "connectors/keychainsecretstore.h"
#include "connectors/networkmanager.h"
#include "connectors/outbox.h"
#include "connectors/sync/syncservice.h"
#include "models/linkrepository.h"
#include "resources/icons.h"
#include "sandbox/sandboxserver.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTranslator>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

void installTranslators(QApplication &app)
{
    // Qt's own strings (dialog buttons, context menus) and ours, for the system locale.
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), u"qtbase"_s, u"_"_s,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(QLocale(), u"linkloom"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(own);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Linkloom"_s);
    QApplication::setApplicationName(u"Linkloom"_s);
    QApplication::setApplicationVersion(QStringLiteral(LINKLOOM_VERSION));
    QApplication::setDesktopFileName(u"linkloom"_s);
    QApplication::setWindowIcon(Icons::application());
    installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Browse and link records across Copper CRM, DevRev, pm415 and Laserfiche."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        u"workspace"_s,
        QApplication::translate("main",
                                "Open the workspace <file> instead of the demo "
                                "workspace. It is created if it does not exist."),
        QApplication::translate("main", "file"));
    parser.addOption(workspaceOption);
    parser.process(app);

    // The demo account is served by the sandbox, in this process, on a free loopback port.
    SandboxServer sandbox;
    if (sandbox.start() == 0) {
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "Linkloom"),
            QApplication::translate("main",
                                    "The demo server could not listen on 127.0.0.1. "
                                    "Check that the loopback interface is up."));
        return 1;
    }

    LinkRepository repository;
    const QString path = parser.isSet(workspaceOption)
        ? QFileInfo(parser.value(workspaceOption)).absoluteFilePath()
        : LinkRepository::defaultWorkspacePath();
    if (const Result opened = repository.open(path); !opened) {
        QMessageBox box(QMessageBox::Critical, QApplication::translate("main", "Linkloom"),
                        opened.message(), QMessageBox::Close);
        box.setTextFormat(Qt::PlainText);
        box.setDetailedText(opened.details());
        box.exec();
        return 1;
    }

    NetworkManager network;
    SyncService sync(&repository, &network);
    KeychainSecretStore secrets;
    AccountManager accounts(&repository, &sync, &secrets);
    // Ask the keychain once now, so that a missing one is known (and said) before the user
    // types a credential.
    secrets.read(u"probe"_s, &accounts, [](const SecretResult &) {});

    // The demo accounts are in the default workspace, and in a workspace of the user's that has
    // no accounts yet or had them before; a workspace of real accounts only stays that way.
    const QList<AccountConfig> saved = repository.accounts();
    const bool withDemos = !parser.isSet(workspaceOption) || saved.isEmpty()
        || std::any_of(saved.cbegin(), saved.cend(), [](const AccountConfig &account) {
               return account.options.value(u"demo"_s).toBool();
           });
    if (withDemos)
        addDemoAccounts(accounts, repository, sandbox);
    accounts.connectSavedAccounts();
    // Sign-ins show the vendor's consent page in the system browser.
    QObject::connect(&accounts, &AccountService::openBrowser, &app,
                     [](const QUrl &url) { QDesktopServices::openUrl(url); });

    // Link changes made in the window are intents in the workspace; the outbox sends them, and
    // settles what a previous run left on its way.
    Outbox outbox(&repository, [&sync](Vendor vendor, const QString &account) {
        return sync.connector(vendor, account);
    });
    outbox.start();

    MainWindow window(&repository, &sync, &accounts);
    window.setWorkspaceTitle(
        QApplication::translate("main", "%1 — Linkloom").arg(QFileInfo(path).completeBaseName()));
    window.show();
    return QApplication::exec();
}
