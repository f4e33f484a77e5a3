// AccountManager against the sandbox: accounts saved with their credential in the secret store
// (never in the workspace), connections made and tested step by step, full syncs with progress
// and cancel, demo credentials kept out of the store, removal forgetting the credential.

#include "connectors/accountmanager.h"
#include "connectors/connector.h"
#include "connectors/laserfiche/laserfichesignin.h"
#include "connectors/networkmanager.h"
#include "connectors/secretstore.h"
#include "connectors/sync/syncservice.h"
#include "models/linkrepository.h"
#include "sandbox/laserfichesandbox.h"
#include "sandbox/sandboxserver.h"

#include <QFile>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAccountManager : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void accountProblems_data();
    void accountProblems();
    void savingStoresTheSecretInTheStoreOnly();
    void savingWithoutASecretKeepsTheStoredOne();
    void aSecretStoreFailureSavesNothing();
    void savedAccountsConnectAtTheNextStart();
    void anAccountWithoutCredentialIsReported();
    void testConnection_data();
    void testConnection();
    void testConnectionCanBeCancelled();
    void demoCredentialsStayOutOfTheStore();
    void syncReportsProgressAndCounts();
    void syncCanBeCancelled();
    void aSlowVendorSyncReportsProgressAndCancels();
    void syncOfAnUnconnectedAccountSaysWhatToDo();
    void removeForgetsConnectorAndCredential();
    void laserficheSignsInThroughTheBrowser();
    void laserficheDemoIsSignedInAlready();

private:
    AccountConfig pm415() const;
    AccountConfig copper() const;
    Result save(const AccountConfig &account, const std::optional<QString> &secret);
    QByteArray stored(const QString &key);
    std::pair<Result, QString> finish(AccountTask *task);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_repository;
    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<SyncService> m_sync;
    std::unique_ptr<AccountManager> m_manager;
};

/// A store whose writes fail, as a locked keychain's do.
class RefusingSecretStore : public MemorySecretStore
{
public:
    void write(const QString &, const QByteArray &, QObject *context, Callback done) override
    {
        deliver(context, std::move(done),
                {false, false, {}, u"The keychain is locked: unlock it and try again."_s});
    }
};

void TestAccountManager::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_repository = std::make_unique<LinkRepository>();
    QVERIFY(m_repository->open(m_dir->filePath(u"w.linkloom"_s)));
    m_network = std::make_unique<NetworkManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    m_secrets = std::make_unique<MemorySecretStore>();
    m_sync = std::make_unique<SyncService>(m_repository.get(), m_network.get());
    m_manager = std::make_unique<AccountManager>(m_repository.get(), m_sync.get(), m_secrets.get());
}

void TestAccountManager::cleanup()
{
    m_manager.reset();
    m_sync.reset();
    m_secrets.reset();
    m_sandbox.reset();
    m_network.reset();
    m_repository.reset();
    m_dir.reset();
}

AccountConfig TestAccountManager::pm415() const
{
    return {Vendor::Pm415, u"backlog"_s, u"Backlog"_s, m_sandbox->baseUrl(Vendor::Pm415), {}, {}};
}

AccountConfig TestAccountManager::copper() const
{
    return {Vendor::Copper,
            u"sales"_s,
            u"Sales"_s,
            m_sandbox->baseUrl(Vendor::Copper),
            QString::fromLatin1(SandboxServer::CopperEmail),
            {}};
}

Result TestAccountManager::save(const AccountConfig &account, const std::optional<QString> &secret)
{
    std::optional<Result> outcome;
    m_manager->saveAccount(account, secret, this, [&](const Result &r) { outcome = r; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10'000))
        return Result::failure(u"saveAccount never answered"_s);
    return *outcome;
}

QByteArray TestAccountManager::stored(const QString &key)
{
    std::optional<SecretResult> result;
    m_secrets->read(key, this, [&](const SecretResult &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 5'000))
        return "<no answer>";
    return result->value;
}

std::pair<Result, QString> TestAccountManager::finish(AccountTask *task)
{
    QSignalSpy finished(task, &AccountTask::finished);
    if (!finished.wait(60'000))
        return {Result::failure(u"the task never finished"_s), {}};
    return {finished.first().at(0).value<Result>(), finished.first().at(1).toString()};
}

void TestAccountManager::accountProblems_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("problem"); // a word of the message, or empty when fine

    QTest::newRow("fine") << u"sales"_s << u"https://api.copper.com/developer_api/v1"_s
                          << u"me@example.com"_s << QString();
    QTest::newRow("loopback http")
        << u"s"_s << u"http://127.0.0.1:8080/copper"_s << u"me@example.com"_s << QString();
    QTest::newRow("localhost http")
        << u"s"_s << u"http://localhost:8080/"_s << u"a@b"_s << QString();
    QTest::newRow("empty id") << QString() << u"https://x.example"_s << u"a@b"_s << u"id"_s;
    QTest::newRow("id with space")
        << u"my sales"_s << u"https://x.example"_s << u"a@b"_s << u"id"_s;
    QTest::newRow("id too long") << QString(65, u'a') << u"https://x.example"_s << u"a@b"_s
                                 << u"id"_s;
    QTest::newRow("no scheme") << u"s"_s << u"api.copper.com"_s << u"a@b"_s << u"https://"_s;
    QTest::newRow("ftp") << u"s"_s << u"ftp://api.copper.com"_s << u"a@b"_s << u"https://"_s;
    QTest::newRow("remote plain http")
        << u"s"_s << u"http://api.copper.com/developer_api/v1"_s << u"a@b"_s << u"https://"_s;
    QTest::newRow("127 lookalike host")
        << u"s"_s << u"http://127.0.0.1.evil.example/"_s << u"a@b"_s << u"https://"_s;
    QTest::newRow("password in url")
        << u"s"_s << u"https://me:pw@api.copper.com/"_s << u"a@b"_s << u"password"_s;
    QTest::newRow("copper without email")
        << u"s"_s << u"https://api.copper.com/developer_api/v1"_s << QString() << u"email"_s;
}

void TestAccountManager::accountProblems()
{
    QFETCH(QString, id);
    QFETCH(QString, url);
    QFETCH(QString, user);
    QFETCH(QString, problem);
    const AccountConfig account{Vendor::Copper, id, {}, QUrl(url, QUrl::StrictMode), user, {}};
    const QString found = accountProblem(account);
    if (problem.isEmpty())
        QVERIFY2(found.isEmpty(), qPrintable(found));
    else
        QVERIFY2(found.contains(problem), qPrintable(found));
    // The manager refuses what accountProblem() refuses, and saves nothing then.
    const Result saved = save(account, u"key"_s);
    QCOMPARE(saved.ok(), problem.isEmpty());
    QCOMPARE(m_repository->accounts().size(), problem.isEmpty() ? 1 : 0);
}

void TestAccountManager::savingStoresTheSecretInTheStoreOnly()
{
    QSignalSpy changed(m_manager.get(), &AccountService::accountsChanged);
    const QString secret = QString::fromLatin1(SandboxServer::Pm415ApiKey);
    QVERIFY(save(pm415(), secret));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_repository->accounts(), QList<AccountConfig>{pm415()});
    QCOMPARE(stored(AccountManager::secretKey(Vendor::Pm415, u"backlog"_s)), secret.toUtf8());
    QVERIFY(m_sync->connector(Vendor::Pm415, u"backlog"_s));
    QCOMPARE(m_sync->accounts().size(), 1);

    // The workspace file never holds the secret.
    m_repository.reset();
    QFile file(m_dir->filePath(u"w.linkloom"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(secret.toLatin1()));
}

void TestAccountManager::savingWithoutASecretKeepsTheStoredOne()
{
    QVERIFY(save(pm415(), QString::fromLatin1(SandboxServer::Pm415ApiKey)));
    AccountConfig renamed = pm415();
    renamed.displayName = u"Renamed"_s;
    QVERIFY(save(renamed, std::nullopt));
    QCOMPARE(m_repository->account(Vendor::Pm415, u"backlog"_s)->displayName, u"Renamed"_s);
    QCOMPARE(stored(AccountManager::secretKey(Vendor::Pm415, u"backlog"_s)),
             QByteArray(SandboxServer::Pm415ApiKey));
    Connector *connector = m_sync->connector(Vendor::Pm415, u"backlog"_s);
    QVERIFY(connector);
    QCOMPARE(connector->account().displayName, u"Renamed"_s);
}

void TestAccountManager::aSecretStoreFailureSavesNothing()
{
    RefusingSecretStore refusing;
    AccountManager manager(m_repository.get(), m_sync.get(), &refusing);
    std::optional<Result> outcome;
    manager.saveAccount(pm415(), u"key"_s, this, [&](const Result &r) { outcome = r; });
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!outcome->ok());
    QVERIFY(outcome->message().contains(u"unlock"_s));
    QVERIFY(m_repository->accounts().isEmpty());
    QVERIFY(!m_sync->connector(Vendor::Pm415, u"backlog"_s));
}

void TestAccountManager::savedAccountsConnectAtTheNextStart()
{
    QVERIFY(save(pm415(), QString::fromLatin1(SandboxServer::Pm415ApiKey)));
    // A new run: the same workspace and keychain, a new sync service and manager.
    m_manager.reset();
    m_sync = std::make_unique<SyncService>(m_repository.get(), m_network.get());
    m_manager = std::make_unique<AccountManager>(m_repository.get(), m_sync.get(), m_secrets.get());
    QVERIFY(!m_sync->connector(Vendor::Pm415, u"backlog"_s));
    m_manager->connectSavedAccounts();
    QTRY_VERIFY(m_sync->connector(Vendor::Pm415, u"backlog"_s));
}

void TestAccountManager::anAccountWithoutCredentialIsReported()
{
    QVERIFY(m_repository->saveAccount(pm415()));
    QSignalSpy problems(m_manager.get(), &AccountService::accountProblem);
    m_manager->connectSavedAccounts();
    QVERIFY(problems.wait());
    QCOMPARE(problems.first().at(1).toString(), u"backlog"_s);
    QVERIFY(problems.first().at(2).value<Result>().message().contains(u"credential"_s));
    QVERIFY(!m_sync->connector(Vendor::Pm415, u"backlog"_s));

    bool has = true;
    bool answered = false;
    m_manager->hasCredential(pm415(), this, [&](bool h) {
        has = h;
        answered = true;
    });
    QTRY_VERIFY(answered);
    QVERIFY(!has);
}

void TestAccountManager::testConnection_data()
{
    QTest::addColumn<int>("vendor");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("steps"); // the last step line

    QTest::newRow("copper") << int(Vendor::Copper)
                            << QString::fromLatin1(SandboxServer::CopperApiKey) << true
                            << u"link type"_s;
    QTest::newRow("pm415") << int(Vendor::Pm415) << QString::fromLatin1(SandboxServer::Pm415ApiKey)
                           << true << u"1 link type"_s;
    QTest::newRow("devrev") << int(Vendor::DevRev)
                            << QString::fromLatin1(SandboxServer::DevRevToken) << true
                            << u"link type"_s;
    QTest::newRow("copper wrong key")
        << int(Vendor::Copper) << u"wrong-key"_s << false << u"✗ Credential refused"_s;
    QTest::newRow("pm415 wrong key")
        << int(Vendor::Pm415) << u"wrong-key"_s << false << u"✗ Credential refused"_s;
    QTest::newRow("devrev wrong token")
        << int(Vendor::DevRev) << u"wrong-token"_s << false << u"✗ Credential refused"_s;
}

void TestAccountManager::testConnection()
{
    QFETCH(int, vendor);
    QFETCH(QString, secret);
    QFETCH(bool, ok);
    QFETCH(QString, steps);
    AccountConfig account{Vendor(vendor),
                          u"t"_s,
                          {},
                          m_sandbox->baseUrl(Vendor(vendor)),
                          QString::fromLatin1(SandboxServer::CopperEmail),
                          {}};
    AccountTask *task = m_manager->testConnection(account, secret);
    QSignalSpy progress(task, &AccountTask::progress);
    const auto [result, summary] = finish(task);
    QCOMPARE(result.ok(), ok);
    QVERIFY2(summary.split(u'\n').last().contains(steps), qPrintable(summary));
    QVERIFY(summary.startsWith(u"✓ Reached 127.0.0.1"_s));
    QVERIFY(!progress.isEmpty());
    if (!ok) // the vendor's message, never the secret
        QVERIFY(!result.message().isEmpty());
    QVERIFY(!result.message().contains(secret) && !result.details().contains(secret));
    QVERIFY(!summary.contains(secret));
    // A test saves nothing.
    QVERIFY(m_repository->accounts().isEmpty());
    QVERIFY(stored(AccountManager::secretKey(Vendor(vendor), u"t"_s)).isEmpty());
}

void TestAccountManager::testConnectionCanBeCancelled()
{
    // A server that accepts the connection and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    AccountConfig account = pm415();
    account.baseUrl = QUrl(u"http://127.0.0.1:%1/api"_s.arg(silent.serverPort()));
    AccountTask *task = m_manager->testConnection(account, u"key"_s);
    QSignalSpy progress(task, &AccountTask::progress);
    QSignalSpy finished(task, &AccountTask::finished);
    QVERIFY(progress.wait());
    QTRY_VERIFY(silent.hasPendingConnections()); // the request is out, unanswered
    task->cancel();
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first().at(0).value<Result>().message().contains(u"Cancelled"_s));
}

void TestAccountManager::demoCredentialsStayOutOfTheStore()
{
    AccountConfig demo = pm415();
    demo.id = u"demo"_s;
    m_manager->addDemoAccount(demo, QString::fromLatin1(SandboxServer::Pm415ApiKey));
    QVERIFY(m_manager->isDemo(Vendor::Pm415, u"demo"_s));
    QVERIFY(!m_manager->isDemo(Vendor::Pm415, u"backlog"_s));
    QVERIFY(m_sync->connector(Vendor::Pm415, u"demo"_s));
    QVERIFY(m_repository->account(Vendor::Pm415, u"demo"_s));
    QVERIFY(stored(AccountManager::secretKey(Vendor::Pm415, u"demo"_s)).isEmpty());
    // Its connection works with the demo credential.
    const auto [result, summary] = finish(m_manager->testConnection(demo, std::nullopt));
    QVERIFY2(result.ok(), qPrintable(result.message()));
    // Saving it again (renamed) keeps it a demo account, still out of the store.
    demo.displayName = u"My demo"_s;
    QVERIFY(save(demo, std::nullopt));
    QVERIFY(m_sync->connector(Vendor::Pm415, u"demo"_s));
    QVERIFY(stored(AccountManager::secretKey(Vendor::Pm415, u"demo"_s)).isEmpty());
}

void TestAccountManager::syncReportsProgressAndCounts()
{
    QVERIFY(save(pm415(), QString::fromLatin1(SandboxServer::Pm415ApiKey)));
    QSignalSpy started(m_manager.get(), &AccountService::syncStarted);
    AccountTask *task = m_manager->syncAccount(Vendor::Pm415, u"backlog"_s);
    QCOMPARE(started.size(), 1);
    // Asking again while it runs gives the running sync.
    QCOMPARE(m_manager->syncAccount(Vendor::Pm415, u"backlog"_s), task);
    QSignalSpy progress(task, &AccountTask::progress);
    const auto [result, summary] = finish(task);
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QVERIFY(progress.size() > 2);
    const auto last = progress.last();
    QCOMPARE(last.at(0).value<qsizetype>(), last.at(1).value<qsizetype>());
    const qsizetype records
        = m_repository->recordsOfType(Vendor::Pm415, u"backlog"_s, u"bug"_s).size()
        + m_repository->recordsOfType(Vendor::Pm415, u"backlog"_s, u"item"_s).size()
        + m_repository->recordsOfType(Vendor::Pm415, u"backlog"_s, u"backlog"_s).size()
        + m_repository->recordsOfType(Vendor::Pm415, u"backlog"_s, u"initiative"_s).size();
    QVERIFY(records > 0);
    QVERIFY2(summary.startsWith(QLocale().toString(records) + u" record"_s), qPrintable(summary));
    QVERIFY(m_repository->linkCount() > 0);
    // A new sync after the end is a new task.
    AccountTask *again = m_manager->syncAccount(Vendor::Pm415, u"backlog"_s);
    QVERIFY(again != task || started.size() == 2);
    again->cancel();
}

void TestAccountManager::syncCanBeCancelled()
{
    QVERIFY(save(pm415(), QString::fromLatin1(SandboxServer::Pm415ApiKey)));
    AccountTask *task = m_manager->syncAccount(Vendor::Pm415, u"backlog"_s);
    QSignalSpy progress(task, &AccountTask::progress);
    QSignalSpy finished(task, &AccountTask::finished);
    QVERIFY(progress.wait());
    task->cancel();
    QVERIFY(finished.size() == 1 || finished.wait());
    QCOMPARE(finished.size(), 1);
    QVERIFY(!finished.first().at(0).value<Result>().ok());
    QVERIFY(task->isFinished());
}

void TestAccountManager::aSlowVendorSyncReportsProgressAndCancels()
{
    // Every pm415 answer arrives 150 ms late: the sync is in its link phase long enough to be
    // watched and cancelled there.
    QVERIFY(m_sandbox->addFault(u"pm415:GET:*:latency=150"_s));
    QVERIFY(save(pm415(), QString::fromLatin1(SandboxServer::Pm415ApiKey)));
    AccountTask *task = m_manager->syncAccount(Vendor::Pm415, u"backlog"_s);
    QSignalSpy progress(task, &AccountTask::progress);
    QSignalSpy finished(task, &AccountTask::finished);
    // Wait until the records are in and links are being read (done grows past the types).
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(0).value<qsizetype>() > 8
                                 && progress.last().at(1).value<qsizetype>() > 20,
                             30'000);
    const qsizetype done = progress.last().at(0).value<qsizetype>();
    const qsizetype total = progress.last().at(1).value<qsizetype>();
    QVERIFY(done < total);
    const qsizetype records = m_repository->recordCount();
    QVERIFY(records > 0);
    task->cancel();
    QCOMPARE(finished.size(), 1);
    const Result result = finished.first().at(0).value<Result>();
    QVERIFY2(result.message().contains(u"cancelled"_s), qPrintable(result.message()));
    QVERIFY(result.message().contains(u"kept"_s)); // what was read stays
    QCOMPARE(m_repository->recordCount(), records);
    // Nothing more arrives after the cancel.
    const qsizetype links = m_repository->linkCount();
    const int steps = int(progress.size());
    QTest::qWait(400); // longer than two late answers: proves that none is still applied
    QCOMPARE(m_repository->linkCount(), links);
    QCOMPARE(progress.size(), steps);
}

void TestAccountManager::syncOfAnUnconnectedAccountSaysWhatToDo()
{
    QVERIFY(m_repository->saveAccount(pm415()));
    const auto [result, summary] = finish(m_manager->syncAccount(Vendor::Pm415, u"backlog"_s));
    QVERIFY(!result.ok());
    QVERIFY2(result.message().contains(u"Accounts"_s), qPrintable(result.message()));
    const auto [unknown, none] = finish(m_manager->syncAccount(Vendor::Copper, u"nope"_s));
    QVERIFY(!unknown.ok());
}

void TestAccountManager::removeForgetsConnectorAndCredential()
{
    QVERIFY(save(pm415(), QString::fromLatin1(SandboxServer::Pm415ApiKey)));
    QVERIFY(m_manager->removeAccount(Vendor::Pm415, u"backlog"_s));
    QVERIFY(m_repository->accounts().isEmpty());
    QVERIFY(!m_sync->connector(Vendor::Pm415, u"backlog"_s));
    QTRY_VERIFY(stored(AccountManager::secretKey(Vendor::Pm415, u"backlog"_s)).isEmpty());
}

namespace {

AccountConfig laserficheAccount(const SandboxServer &sandbox, const QString &id)
{
    return {Vendor::Laserfiche,
            id,
            u"Contracts"_s,
            sandbox.baseUrl(Vendor::Laserfiche),
            {},
            {{u"signInUrl"_s, sandbox.laserficheSigninUrl().toString()},
             {u"clientId"_s, QString::fromLatin1(SandboxServer::LaserficheClientId)}}};
}

} // namespace

void TestAccountManager::laserficheSignsInThroughTheBrowser()
{
    m_sandbox->laserfiche().rateLimiter().setLimit(0);
    const AccountConfig account = laserficheAccount(*m_sandbox, u"docs"_s);
    // Saved before any sign-in: connected, and told to sign in.
    QSignalSpy problems(m_manager.get(), &AccountService::accountProblem);
    QVERIFY(save(account, std::nullopt));
    QVERIFY(m_sync->connector(Vendor::Laserfiche, u"docs"_s));
    auto [untested, none] = finish(m_manager->testConnection(account, std::nullopt));
    QVERIFY(!untested.ok());
    QVERIFY2(untested.message().contains(u"Sign in"_s), qPrintable(untested.message()));

    // The "browser": follows the consent page, which the sandbox approves at once.
    QNetworkAccessManager browser;
    browser.setProxy(QNetworkProxy::NoProxy);
    connect(m_manager.get(), &AccountService::openBrowser, this, [&](const QUrl &url) {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::NoLessSafeRedirectPolicy);
        QNetworkReply *reply = browser.get(request);
        connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    });
    const auto [signedIn, summary] = finish(m_manager->signIn(account));
    QVERIFY2(signedIn.ok(), qPrintable(signedIn.message()));
    QVERIFY(summary.contains(u"Signed in"_s));
    QVERIFY(!stored(LaserficheSignIn::refreshTokenKey(u"docs"_s)).isEmpty());

    // Now the connection works, with the same sign-in (no second refresh token in play).
    const auto [tested, steps] = finish(m_manager->testConnection(account, std::nullopt));
    QVERIFY2(tested.ok(), qPrintable(tested.message()));
    QVERIFY(steps.contains(u"Credential accepted"_s));
    bool has = false;
    m_manager->hasCredential(account, this, [&](bool h) { has = h; });
    QTRY_VERIFY(has);
    // Removing the account forgets the sign-in.
    QVERIFY(m_manager->removeAccount(Vendor::Laserfiche, u"docs"_s));
    QTRY_VERIFY(stored(LaserficheSignIn::refreshTokenKey(u"docs"_s)).isEmpty());
}

void TestAccountManager::laserficheDemoIsSignedInAlready()
{
    m_sandbox->laserfiche().rateLimiter().setLimit(0);
    AccountConfig demo = laserficheAccount(*m_sandbox, u"demo"_s);
    const auto tokens
        = m_sandbox->laserfiche().oauth().issue({u"repository.Read"_s, u"repository.Write"_s});
    m_manager->addDemoAccount(demo, tokens.refreshToken);
    const auto [tested, steps] = finish(m_manager->testConnection(demo, std::nullopt));
    QVERIFY2(tested.ok(), qPrintable(tested.message()));
    // The demo's token never reaches the keychain.
    QVERIFY(stored(LaserficheSignIn::refreshTokenKey(u"demo"_s)).isEmpty());
}

QTEST_GUILESS_MAIN(TestAccountManager)
#include "tst_accountmanager.moc"
