#include "connectors/keychainsecretstore.h"
#include "connectors/secretstore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

/// Set in the environment of the copy of this test that runs under a private session bus.
constexpr char ChildMarker[] = "LINKLOOM_SECRETSTORE_CHILD";
/// Set by CTest for tst_secretstore_keychain, which runs only keychainRoundTrip.
constexpr char KeychainTestMarker[] = "LINKLOOM_TEST_KEYCHAIN";
/// The secret the child writes, chosen by the parent so it can look for it on disk afterwards.
constexpr char ChildSecret[] = "LINKLOOM_TEST_SECRET";

const QString TestService = u"LinkloomTest"_s;

/// What the callback of one operation received, and how often it was called.
struct Outcome
{
    int calls = 0;
    SecretResult result;
};
using OutcomePtr = std::shared_ptr<Outcome>;

SecretStore::Callback recordInto(const OutcomePtr &outcome)
{
    return [outcome](const SecretResult &result) {
        ++outcome->calls;
        outcome->result = result;
    };
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // MemorySecretStore
    void memoryRoundTrip();
    void memoryOverwrite();
    void memoryRemove();
    void memoryReadMissing();
    void memoryCallbacksAreAsynchronousAndInOrder();
    void memoryNoCallbackAfterContextDestroyed();
    void memoryNoCallbackAfterStoreDestroyed();

    // KeychainSecretStore without a session bus
    void keychainFallsBackWithoutBus();
    void keychainFallbackNoCallbackAfterContextDestroyed();
    void keychainReadFromPersistenceSlotSeesWrite();

    // KeychainSecretStore against a real Secret Service (GNOME Keyring)
    void keychainRoundTrip();

private:
    /// Runs one operation to its end; nullopt (and a failed test) when the callback never came.
    std::optional<SecretResult> readNow(SecretStore &store, const QString &key);
    std::optional<SecretResult> writeNow(SecretStore &store, const QString &key,
                                         const QByteArray &value);
    std::optional<SecretResult> removeNow(SecretStore &store, const QString &key);
    std::optional<SecretResult> wait(const OutcomePtr &outcome);
    void realKeychainChecks();

    QTemporaryDir m_runtimeDir;
};

void TestSecretStore::initTestCase()
{
    if (qEnvironmentVariableIsSet(ChildMarker))
        return; // under dbus-run-session: keep the private bus
    // No session bus for this process, wherever it runs: GLib and libdbus look at the address,
    // then at $XDG_RUNTIME_DIR/bus, then autolaunch through the X11 display.
    QVERIFY(m_runtimeDir.isValid());
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtimeDir.path()));
}

std::optional<SecretResult> TestSecretStore::wait(const OutcomePtr &outcome)
{
    if (!QTest::qWaitFor([&] { return outcome->calls > 0; }, 20000))
        return std::nullopt;
    QTest::qWait(0); // a second call would show up here
    if (outcome->calls != 1)
        return std::nullopt;
    return outcome->result;
}

std::optional<SecretResult> TestSecretStore::readNow(SecretStore &store, const QString &key)
{
    auto outcome = std::make_shared<Outcome>();
    store.read(key, this, recordInto(outcome));
    return wait(outcome);
}

std::optional<SecretResult> TestSecretStore::writeNow(SecretStore &store, const QString &key,
                                                      const QByteArray &value)
{
    auto outcome = std::make_shared<Outcome>();
    store.write(key, value, this, recordInto(outcome));
    return wait(outcome);
}

std::optional<SecretResult> TestSecretStore::removeNow(SecretStore &store, const QString &key)
{
    auto outcome = std::make_shared<Outcome>();
    store.remove(key, this, recordInto(outcome));
    return wait(outcome);
}

void TestSecretStore::memoryRoundTrip()
{
    // Given an empty memory store
    MemorySecretStore store;
    QVERIFY(!store.isPersistent());
    // When a secret is written and read back
    const auto written = writeNow(store, u"copper/sales/api_key"_s, "k3y\0bytes"_ba);
    QVERIFY(written);
    QVERIFY(written->ok);
    QVERIFY(written->error.isEmpty());
    const auto read = readNow(store, u"copper/sales/api_key"_s);
    // Then the same bytes come back
    QVERIFY(read);
    QVERIFY(read->ok);
    QVERIFY(!read->notFound);
    QCOMPARE(read->value, "k3y\0bytes"_ba);
    // and other keys are not affected
    const auto other = readNow(store, u"copper/other/api_key"_s);
    QVERIFY(other && other->ok && other->notFound);
}

void TestSecretStore::memoryOverwrite()
{
    MemorySecretStore store;
    QVERIFY(writeNow(store, u"devrev/acme/token"_s, "first"_ba));
    QVERIFY(writeNow(store, u"devrev/acme/token"_s, "second"_ba));
    const auto read = readNow(store, u"devrev/acme/token"_s);
    QVERIFY(read && read->ok);
    QCOMPARE(read->value, "second"_ba);
}

void TestSecretStore::memoryRemove()
{
    MemorySecretStore store;
    QVERIFY(writeNow(store, u"pm415/main/token"_s, "t0ken"_ba));
    const auto removed = removeNow(store, u"pm415/main/token"_s);
    QVERIFY(removed);
    QVERIFY(removed->ok);
    QVERIFY(!removed->notFound);
    const auto read = readNow(store, u"pm415/main/token"_s);
    QVERIFY(read && read->ok && read->notFound);
    QVERIFY(read->value.isEmpty());
    // Removing what is not there is no error, and says so
    const auto again = removeNow(store, u"pm415/main/token"_s);
    QVERIFY(again && again->ok && again->notFound);
}

void TestSecretStore::memoryReadMissing()
{
    MemorySecretStore store;
    const auto read = readNow(store, u"laserfiche/acme/refresh_token"_s);
    QVERIFY(read);
    QVERIFY(read->ok); // not finding a secret is not an error
    QVERIFY(read->notFound);
    QVERIFY(read->value.isEmpty());
    QVERIFY(read->error.isEmpty());
}

void TestSecretStore::memoryCallbacksAreAsynchronousAndInOrder()
{
    MemorySecretStore store;
    QList<int> order;
    auto step = [&order](int n, OutcomePtr outcome) {
        return [&order, n, outcome](const SecretResult &result) {
            order.append(n);
            ++outcome->calls;
            outcome->result = result;
        };
    };
    const QString key = u"laserfiche/acme/access_token"_s;
    auto write = std::make_shared<Outcome>();
    auto read = std::make_shared<Outcome>();
    auto remove = std::make_shared<Outcome>();
    auto readAfterRemove = std::make_shared<Outcome>();

    store.write(key, "abc"_ba, this, step(1, write));
    QCOMPARE(write->calls, 0); // not called inside write()
    store.read(key, this, step(2, read));
    QCOMPARE(read->calls, 0);
    store.remove(key, this, step(3, remove));
    QCOMPARE(remove->calls, 0);
    store.read(key, this, step(4, readAfterRemove));
    QCOMPARE(readAfterRemove->calls, 0);

    QTRY_COMPARE(order.size(), 4);
    QCOMPARE(order, (QList<int>{1, 2, 3, 4}));
    // Each operation saw the ones made before it
    QCOMPARE(read->result.value, "abc"_ba);
    QVERIFY(remove->result.ok && !remove->result.notFound);
    QVERIFY(readAfterRemove->result.ok && readAfterRemove->result.notFound);
}

void TestSecretStore::memoryNoCallbackAfterContextDestroyed()
{
    MemorySecretStore store;
    const QString key = u"copper/sales/api_key"_s;
    auto orphanWrite = std::make_shared<Outcome>();
    auto orphanRead = std::make_shared<Outcome>();
    auto *context = new QObject;
    store.write(key, "kept"_ba, context, recordInto(orphanWrite));
    store.read(key, context, recordInto(orphanRead));
    delete context;

    // Callbacks come in order: once this one arrived, the orphans would have come before it
    auto marker = std::make_shared<Outcome>();
    store.read(key, this, recordInto(marker));
    QTRY_COMPARE(marker->calls, 1);
    QCOMPARE(orphanWrite->calls, 0);
    QCOMPARE(orphanRead->calls, 0);
    // The write itself was carried out
    QCOMPARE(marker->result.value, "kept"_ba);
}

void TestSecretStore::memoryNoCallbackAfterStoreDestroyed()
{
    // A null context stands for the store itself
    auto orphan = std::make_shared<Outcome>();
    auto *store = new MemorySecretStore;
    store->read(u"copper/sales/api_key"_s, nullptr, recordInto(orphan));
    delete store;

    MemorySecretStore other;
    auto marker = std::make_shared<Outcome>();
    other.read(u"copper/sales/api_key"_s, nullptr, recordInto(marker));
    QTRY_COMPARE(marker->calls, 1);
    QCOMPARE(orphan->calls, 0);
}

void TestSecretStore::keychainFallsBackWithoutBus()
{
    // Given a keychain store in a process without a D-Bus session bus
    KeychainSecretStore store(TestService);
    QCOMPARE(store.service(), TestService);
    QVERIFY(store.isPersistent()); // until proved otherwise
    QSignalSpy persistence(&store, &SecretStore::persistenceChanged);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^Keeping credentials in memory only: "_s));

    // When secrets are written and read right away, on two keys at once
    const QByteArray secretA = "refresh-5ecret-AAAA"_ba;
    const QByteArray secretB = "api-5ecret-BBBB"_ba;
    auto writeA = std::make_shared<Outcome>();
    auto readA = std::make_shared<Outcome>();
    auto writeB = std::make_shared<Outcome>();
    auto readB = std::make_shared<Outcome>();
    store.write(u"laserfiche/acme/refresh_token"_s, secretA, this, recordInto(writeA));
    store.read(u"laserfiche/acme/refresh_token"_s, this, recordInto(readA));
    store.write(u"copper/sales/api_key"_s, secretB, this, recordInto(writeB));
    store.read(u"copper/sales/api_key"_s, this, recordInto(readB));
    QCOMPARE(writeA->calls + readA->calls + writeB->calls + readB->calls, 0);

    // Then the store falls back to memory, says so once, and the secrets round-trip
    QTRY_VERIFY_WITH_TIMEOUT(readA->calls == 1 && readB->calls == 1, 20000);
    QCOMPARE(writeA->calls, 1);
    QCOMPARE(writeB->calls, 1);
    QVERIFY2(writeA->result.ok, qPrintable(writeA->result.error));
    QVERIFY2(writeB->result.ok, qPrintable(writeB->result.error));
    QVERIFY(readA->result.ok && !readA->result.notFound);
    QCOMPARE(readA->result.value, secretA);
    QVERIFY(readB->result.ok && !readB->result.notFound);
    QCOMPARE(readB->result.value, secretB);

    QCOMPARE(persistence.size(), 1);
    QCOMPARE(persistence.at(0).at(0).toBool(), false);
    const QString reason = persistence.at(0).at(1).toString();
    QVERIFY(!reason.isEmpty());
    QVERIFY2(reason.contains(u"only until Linkloom quits"_s), qPrintable(reason));
    QVERIFY(!reason.contains(QString::fromLatin1(secretA)));
    QVERIFY(!reason.contains(QString::fromLatin1(secretB)));
    QVERIFY(!store.isPersistent());

    // and later operations stay in memory without another signal
    const auto removed = removeNow(store, u"laserfiche/acme/refresh_token"_s);
    QVERIFY(removed && removed->ok && !removed->notFound);
    const auto gone = readNow(store, u"laserfiche/acme/refresh_token"_s);
    QVERIFY(gone && gone->ok && gone->notFound);
    const auto missing = readNow(store, u"pm415/main/token"_s);
    QVERIFY(missing && missing->ok && missing->notFound);
    QCOMPARE(persistence.size(), 1);
}

void TestSecretStore::keychainFallbackNoCallbackAfterContextDestroyed()
{
    KeychainSecretStore store(TestService);
    QSignalSpy persistence(&store, &SecretStore::persistenceChanged);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^Keeping credentials in memory only: "_s));
    const QString key = u"devrev/acme/token"_s;
    auto orphanWrite = std::make_shared<Outcome>();
    auto orphanRead = std::make_shared<Outcome>();
    auto *context = new QObject;
    store.write(key, "t0ken-value"_ba, context, recordInto(orphanWrite));
    store.read(key, context, recordInto(orphanRead));
    delete context;

    // Operations on one key complete in order: the marker comes after the orphans would have
    auto marker = std::make_shared<Outcome>();
    store.read(key, this, recordInto(marker));
    QTRY_COMPARE_WITH_TIMEOUT(marker->calls, 1, 20000);
    QCOMPARE(orphanWrite->calls, 0);
    QCOMPARE(orphanRead->calls, 0);
    QCOMPARE(marker->result.value, "t0ken-value"_ba); // the orphan's write was carried out
    QCOMPARE(persistence.size(), 1);
}

void TestSecretStore::keychainReadFromPersistenceSlotSeesWrite()
{
    // Given a caller that reacts to the switch to memory by reading what it just wrote
    KeychainSecretStore store(TestService);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^Keeping credentials in memory only: "_s));
    const QString key = u"laserfiche/acme/access_token"_s;
    auto write = std::make_shared<Outcome>();
    auto readInSlot = std::make_shared<Outcome>();
    connect(&store, &SecretStore::persistenceChanged, this, [&](bool persistent) {
        QVERIFY(!persistent);
        QCOMPARE(write->calls, 0); // the write's callback is still to come
        store.read(key, this, recordInto(readInSlot));
    });
    store.write(key, "acc3ss"_ba, this, recordInto(write));
    // Then the read made from the slot still comes after the write
    QTRY_COMPARE_WITH_TIMEOUT(readInSlot->calls, 1, 20000);
    QCOMPARE(write->calls, 1);
    QVERIFY(readInSlot->result.ok && !readInSlot->result.notFound);
    QCOMPARE(readInSlot->result.value, "acc3ss"_ba);
}

void TestSecretStore::keychainRoundTrip()
{
    if (qEnvironmentVariableIsSet(ChildMarker)) {
        realKeychainChecks();
        return;
    }
    if (!qEnvironmentVariableIsSet(KeychainTestMarker))
        QSKIP("Run by the tst_secretstore_keychain test");
    const QString dbusRunSession = QStandardPaths::findExecutable(u"dbus-run-session"_s);
    const QString keyringDaemon = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
    if (dbusRunSession.isEmpty() || keyringDaemon.isEmpty())
        QSKIP("Needs dbus-run-session and gnome-keyring-daemon (packages dbus, gnome-keyring)");

    // A throw-away home and runtime directory: the user's own keyring and running daemon are
    // never touched, and the new login keyring is unlocked with a known password.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString runtimeDir = home.filePath(u"run"_s);
    QVERIFY(QDir(home.path()).mkpath(u"run"_s));
    QVERIFY(
        QFile::setPermissions(runtimeDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    const QString secret = u"linkloom-test-secret-"_s + QUuid::createUuid().toString(QUuid::Id128);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &name : {u"DBUS_SESSION_BUS_ADDRESS"_s, u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s,
                             u"GNOME_KEYRING_CONTROL"_s, u"XDG_CURRENT_DESKTOP"_s,
                             u"DESKTOP_SESSION"_s, u"KDE_FULL_SESSION"_s})
        env.remove(name);
    env.insert(u"HOME"_s, home.path());
    env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    env.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
    env.insert(u"XDG_RUNTIME_DIR"_s, runtimeDir);
    env.insert(QString::fromLatin1(ChildMarker), u"1"_s);
    env.insert(QString::fromLatin1(ChildSecret), secret);

    QProcess child;
    child.setProcessEnvironment(env);
    child.setWorkingDirectory(home.path());
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(dbusRunSession,
                {u"--"_s, u"sh"_s, u"-c"_s,
                 u"printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
                 " && exec \"$0\" keychainRoundTrip"_s,
                 QCoreApplication::applicationFilePath()});
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
    const bool finished = child.waitForFinished(90000);
    if (!finished)
        child.kill();
    const QByteArray output = child.readAll();
    QVERIFY2(finished, QByteArray("The round trip did not finish in time:\n" + output).constData());
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             QByteArray("The round trip failed:\n" + output).constData());
    QVERIFY2(output.contains("PASS   : TestSecretStore::keychainRoundTrip()"), output.constData());

    // Nothing under the home holds the secret in plain text (the keyring file is encrypted)
    QDirIterator files(home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int fileCount = 0;
    while (files.hasNext()) {
        QFile file(files.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        ++fileCount;
        QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(file.fileName()));
    }
    QVERIFY(fileCount > 0); // the login keyring was written there
}

void TestSecretStore::realKeychainChecks()
{
    const QString key
        = u"linkloom-test/"_s + QUuid::createUuid().toString(QUuid::Id128) + u"/refresh_token"_s;
    const QByteArray secret = qgetenv(ChildSecret) + "\0\x01\xff"_ba; // binary-safe
    QVERIFY(secret.size() > 3);

    {
        KeychainSecretStore writer(TestService);
        QSignalSpy persistence(&writer, &SecretStore::persistenceChanged);
        const auto written = writeNow(writer, key, secret);
        QVERIFY(written);
        QVERIFY2(written->ok, qPrintable(written->error));
        QVERIFY(writer.isPersistent());
        QCOMPARE(persistence.size(), 0);
    }
    {
        // A fresh store object reads what the other one left in the keychain
        KeychainSecretStore reader(TestService);
        const auto read = readNow(reader, key);
        QVERIFY(read);
        QVERIFY2(read->ok, qPrintable(read->error));
        QVERIFY(!read->notFound);
        QCOMPARE(read->value, secret);
        QVERIFY(reader.isPersistent());
        // Another service is another namespace
        KeychainSecretStore otherService(TestService + u"-other"_s);
        const auto elsewhere = readNow(otherService, key);
        QVERIFY(elsewhere && elsewhere->ok && elsewhere->notFound);
    }
    {
        KeychainSecretStore store(TestService);
        QSignalSpy persistence(&store, &SecretStore::persistenceChanged);
        // Overwrite, then read right away: serialised on the key
        auto overwrite = std::make_shared<Outcome>();
        auto readBack = std::make_shared<Outcome>();
        store.write(key, "second"_ba, this, recordInto(overwrite));
        store.read(key, this, recordInto(readBack));
        QTRY_COMPARE_WITH_TIMEOUT(readBack->calls, 1, 20000);
        QCOMPARE(overwrite->calls, 1);
        QVERIFY2(overwrite->result.ok, qPrintable(overwrite->result.error));
        QCOMPARE(readBack->result.value, "second"_ba);

        const auto removed = removeNow(store, key);
        QVERIFY(removed);
        QVERIFY2(removed->ok, qPrintable(removed->error));
        QVERIFY(store.isPersistent());
        QCOMPARE(persistence.size(), 0);
    }
    {
        KeychainSecretStore fresh(TestService);
        const auto read = readNow(fresh, key);
        QVERIFY(read);
        QVERIFY2(read->ok, qPrintable(read->error));
        QVERIFY(read->notFound);
        QVERIFY(read->value.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
