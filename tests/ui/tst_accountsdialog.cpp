// The Accounts dialogs and the main window's full sync, offscreen, against the sandbox: what a
// user types is checked before it is saved, Test Connection says what worked, credentials go
// to the secret store, removal asks first, a sync shows progress and its result.

#include "connectors/accountmanager.h"
#include "connectors/connector.h"
#include "connectors/networkmanager.h"
#include "connectors/secretstore.h"
#include "connectors/sync/syncservice.h"
#include "models/linkrepository.h"
#include "models/recordtreemodel.h"
#include "sandbox/sandboxserver.h"
#include "ui/accounteditdialog.h"
#include "ui/accountsdialog.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkProxy>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;

class TestAccountsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void addingAnAccountTestsAndSavesIt();
    void badSettingsAreRefusedInPlace();
    void aTakenIdIsRefused();
    void aWrongCredentialSaysSo();
    void editingKeepsIdAndCredential();
    void demoAccountsKeepTheirAddress();
    void warnsWhenCredentialsDoNotPersist();
    void removingAsksFirst();
    void mainWindowSyncShowsProgressAndResult();
    void sampleDataSaysSoUntilARealAccountIsAdded();

private:
    AccountConfig pm415() const;
    Result save(const AccountConfig &account, const QString &secret);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<LinkRepository> m_repository;
    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<SyncService> m_sync;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AccountManager> m_manager;
};

void TestAccountsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestAccountsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    m_repository = std::make_unique<LinkRepository>();
    QVERIFY(m_repository->open(m_dir->filePath(u"w.linkloom"_s)));
    m_network = std::make_unique<NetworkManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_sync = std::make_unique<SyncService>(m_repository.get(), m_network.get());
    m_secrets = std::make_unique<MemorySecretStore>();
    m_manager = std::make_unique<AccountManager>(m_repository.get(), m_sync.get(), m_secrets.get());
}

void TestAccountsDialog::cleanup()
{
    m_manager.reset();
    m_secrets.reset();
    m_sync.reset();
    m_network.reset();
    m_repository.reset();
    m_sandbox.reset();
    m_dir.reset();
}

AccountConfig TestAccountsDialog::pm415() const
{
    return {Vendor::Pm415, u"backlog"_s, u"Backlog"_s, m_sandbox->baseUrl(Vendor::Pm415), {}, {}};
}

Result TestAccountsDialog::save(const AccountConfig &account, const QString &secret)
{
    std::optional<Result> outcome;
    m_manager->saveAccount(account, secret, this, [&](const Result &r) { outcome = r; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10'000))
        return Result::failure(u"no answer"_s);
    return *outcome;
}

void TestAccountsDialog::addingAnAccountTestsAndSavesIt()
{
    AccountConfig fresh;
    fresh.vendor = Vendor::Pm415;
    AccountEditDialog dialog(m_manager.get(), fresh, true);
    auto *name = dialog.findChild<QLineEdit *>(u"name"_s);
    auto *id = dialog.findChild<QLineEdit *>(u"id"_s);
    auto *url = dialog.findChild<QLineEdit *>(u"baseUrl"_s);
    auto *secret = dialog.findChild<QLineEdit *>(u"secret"_s);
    QVERIFY(name && id && url && secret);
    QCOMPARE(url->text(), u"https://pm415.com/api"_s); // the vendor's address to start from
    QCOMPARE(secret->echoMode(), QLineEdit::Password);

    QTest::keyClicks(name, u"Team Backlog (EU)"_s);
    QCOMPARE(id->text(), u"team-backlog-eu"_s); // derived until the user types one
    url->setText(m_sandbox->baseUrl(Vendor::Pm415).toString());
    QTest::keyClicks(secret, QString::fromLatin1(SandboxServer::Pm415ApiKey));

    QTest::mouseClick(dialog.findChild<QPushButton *>(u"testConnection"_s), Qt::LeftButton);
    QTRY_VERIFY2(dialog.statusText().contains(u"Credential accepted"_s),
                 qPrintable(dialog.statusText()));
    QVERIFY(m_repository->accounts().isEmpty()); // a test saves nothing

    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.save();
    QVERIFY(accepted.wait());
    const auto saved = m_repository->account(Vendor::Pm415, u"team-backlog-eu"_s);
    QVERIFY(saved);
    QCOMPARE(saved->displayName, u"Team Backlog (EU)"_s);
    QVERIFY(m_sync->connector(Vendor::Pm415, u"team-backlog-eu"_s));
}

void TestAccountsDialog::badSettingsAreRefusedInPlace()
{
    AccountConfig fresh;
    fresh.vendor = Vendor::Copper;
    AccountEditDialog dialog(m_manager.get(), fresh, true);
    dialog.findChild<QLineEdit *>(u"name"_s)->setText(u"Sales"_s);
    dialog.findChild<QLineEdit *>(u"baseUrl"_s)->setText(u"http://api.copper.com/v1"_s);
    dialog.findChild<QLineEdit *>(u"user"_s)->setText(u"me@example.com"_s);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.save();
    QVERIFY2(dialog.statusText().contains(u"https://"_s), qPrintable(dialog.statusText()));
    dialog.findChild<QLineEdit *>(u"baseUrl"_s)->setText(u"https://api.copper.com/v1"_s);
    dialog.findChild<QLineEdit *>(u"user"_s)->clear();
    dialog.save();
    QVERIFY2(dialog.statusText().contains(u"email"_s), qPrintable(dialog.statusText()));
    QVERIFY(accepted.isEmpty());
    QVERIFY(m_repository->accounts().isEmpty());
}

void TestAccountsDialog::aTakenIdIsRefused()
{
    QVERIFY(save(pm415(), QString::fromLatin1(SandboxServer::Pm415ApiKey)));
    AccountConfig fresh = pm415();
    fresh.displayName = u"Another"_s;
    AccountEditDialog dialog(m_manager.get(), fresh, true);
    dialog.findChild<QLineEdit *>(u"secret"_s)->setText(u"other-key"_s);
    dialog.save();
    QVERIFY2(dialog.statusText().contains(u"already"_s), qPrintable(dialog.statusText()));
    QCOMPARE(m_repository->account(Vendor::Pm415, u"backlog"_s)->displayName, u"Backlog"_s);
}

void TestAccountsDialog::aWrongCredentialSaysSo()
{
    AccountEditDialog dialog(m_manager.get(), pm415(), true);
    dialog.findChild<QLineEdit *>(u"secret"_s)->setText(u"not-the-key"_s);
    dialog.testConnection();
    QTRY_VERIFY2(dialog.statusText().contains(u"✗ Credential refused"_s),
                 qPrintable(dialog.statusText()));
    QVERIFY(!dialog.statusText().contains(u"not-the-key"_s));
}

void TestAccountsDialog::editingKeepsIdAndCredential()
{
    QVERIFY(save(pm415(), QString::fromLatin1(SandboxServer::Pm415ApiKey)));
    AccountEditDialog dialog(m_manager.get(), pm415(), false);
    QVERIFY(dialog.findChild<QLineEdit *>(u"id"_s)->isReadOnly());
    auto *secret = dialog.findChild<QLineEdit *>(u"secret"_s);
    QTRY_VERIFY(secret->placeholderText().contains(u"keychain"_s));
    QVERIFY(secret->text().isEmpty()); // the stored credential is never shown
    dialog.findChild<QLineEdit *>(u"name"_s)->setText(u"Renamed"_s);
    dialog.findChild<QLineEdit *>(u"organization"_s)->setText(u"7"_s);
    QCOMPARE(dialog.secret(), std::nullopt);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.save();
    QVERIFY(accepted.wait());
    const auto saved = m_repository->account(Vendor::Pm415, u"backlog"_s);
    QCOMPARE(saved->displayName, u"Renamed"_s);
    QCOMPARE(saved->options.value(u"organization"_s).toString(), u"7"_s);
    // Still connected with the stored credential.
    QVERIFY(m_sync->connector(Vendor::Pm415, u"backlog"_s));
}

void TestAccountsDialog::demoAccountsKeepTheirAddress()
{
    AccountConfig demo = pm415();
    demo.id = u"demo"_s;
    m_manager->addDemoAccount(demo, QString::fromLatin1(SandboxServer::Pm415ApiKey));
    AccountEditDialog dialog(m_manager.get(), demo, false);
    QVERIFY(dialog.findChild<QLineEdit *>(u"baseUrl"_s)->isReadOnly());
    QVERIFY(dialog.findChild<QLineEdit *>(u"secret"_s)->placeholderText().contains(u"demo"_s));
}

void TestAccountsDialog::warnsWhenCredentialsDoNotPersist()
{
    // MemorySecretStore never persists, as KeychainSecretStore without a keychain.
    AccountEditDialog edit(m_manager.get(), pm415(), true);
    QVERIFY(edit.findChild<QLabel *>(u"keychainWarning"_s));
    AccountsDialog list(m_manager.get());
    QVERIFY(list.findChild<QLabel *>(u"keychainWarning"_s));
}

void TestAccountsDialog::removingAsksFirst()
{
    QVERIFY(save(pm415(), QString::fromLatin1(SandboxServer::Pm415ApiKey)));
    AccountsDialog dialog(m_manager.get());
    QCOMPARE(dialog.accountList()->count(), 1);
    QVERIFY(dialog.accountList()->item(0)->text().startsWith(u"Backlog\n"_s));
    auto *remove = dialog.findChild<QPushButton *>(u"remove"_s);

    // First the user thinks again: Cancel.
    QString question;
    QTimer::singleShot(0, this, [&question] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        question = box->text();
        box->button(QMessageBox::Cancel)->click();
    });
    remove->click();
    QVERIFY2(question.contains(u"“Backlog”"_s), qPrintable(question));
    QCOMPARE(m_repository->accounts().size(), 1);

    QTimer::singleShot(0, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                button->click();
        }
    });
    remove->click();
    QVERIFY(m_repository->accounts().isEmpty());
    QCOMPARE(dialog.accountList()->count(), 0);
    QVERIFY(!m_sync->connector(Vendor::Pm415, u"backlog"_s));
}

void TestAccountsDialog::mainWindowSyncShowsProgressAndResult()
{
    QVERIFY(save(pm415(), QString::fromLatin1(SandboxServer::Pm415ApiKey)));
    MainWindow window(m_repository.get(), m_sync.get(), m_manager.get());
    window.show();
    auto *sync = window.findChild<QAction *>(u"syncAction"_s);
    auto *progress = window.findChild<QProgressBar *>(u"syncProgress"_s);
    QVERIFY(sync && progress);
    QCOMPARE(window.recordTree()->currentIndex().data(RecordTreeModel::AccountRole).toString(),
             u"backlog"_s);
    QSignalSpy started(m_manager.get(), &AccountService::syncStarted);
    sync->trigger();
    QCOMPARE(started.size(), 1);
    QVERIFY(progress->isVisible());
    QVERIFY(window.syncStatusText().startsWith(u"Syncing Backlog"_s));
    QTRY_VERIFY_WITH_TIMEOUT(window.syncStatusText().startsWith(u"Synced Backlog: "_s), 30'000);
    QVERIFY(!progress->isVisible());
    QVERIFY2(window.syncStatusText().contains(u" link"_s), qPrintable(window.syncStatusText()));
    QVERIFY(m_repository->linkCount() > 0);
}

void TestAccountsDialog::sampleDataSaysSoUntilARealAccountIsAdded()
{
    AccountConfig demo = pm415();
    demo.id = u"demo"_s;
    m_manager->addDemoAccount(demo, QString::fromLatin1(SandboxServer::Pm415ApiKey));
    MainWindow window(m_repository.get(), m_sync.get(), m_manager.get());
    window.show();
    QVERIFY(window.demoBanner()->isVisible());
    QVERIFY(window.demoBanner()->findChild<QPushButton *>(u"demoBannerAdd"_s));
    QVERIFY(save(pm415(), QString::fromLatin1(SandboxServer::Pm415ApiKey)));
    QVERIFY(!window.demoBanner()->isVisible());
    // Without account management (the explorer alone) there is no banner.
    MainWindow plain(m_repository.get(), m_sync.get());
    plain.show();
    QVERIFY(!plain.demoBanner()->isVisible());
}

QTEST_MAIN(TestAccountsDialog)
#include "tst_accountsdialog.moc"
