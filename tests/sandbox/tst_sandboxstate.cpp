// linkloom-sandbox --state FILE: every vendor's state saved to one file and restored from it.

#include "sandbox/coppersandbox.h"
#include "sandbox/sandboxserver.h"
#include "sandbox/sandboxstate.h"
#include "tests/sandbox/sandboxclient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

/// A Copper request straight to the server, with the demo's credentials.
SandboxResponse copper(SandboxServer &server, const QByteArray &method, const QString &path,
                       const QJsonObject &body = {})
{
    return server.dispatch(copperRequest(
        method, path,
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact)));
}

/// Changes the Copper world: moves one Connect link to new ids (delete, then add it again).
bool changeCopper(SandboxServer &server)
{
    const QJsonObject link
        = server.copper().saveState()["related_links"_L1].toArray().first().toObject();
    const SandboxResponse removed
        = copper(server, "DELETE"_ba, u"related_links/%1"_s.arg(link["id"_L1].toInteger()));
    const SandboxResponse added
        = copper(server, "POST"_ba, u"related_links"_s,
                 {{"custom_field_definition_id"_L1, link["custom_field_definition_id"_L1]},
                  {"source"_L1, link["source"_L1]},
                  {"target"_L1, link["target"_L1]}});
    return removed.status == 200 && added.status == 200;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestSandboxState : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void roundTripThroughFile();
    void missingFileIsNoError();
    void savesOnlyWhenChanged();
    void malformedFileRefusedAndKept_data();
    void malformedFileRefusedAndKept();
    void unwritablePathFails();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestSandboxState::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"sandbox-state.json"_s);
}

void TestSandboxState::roundTripThroughFile()
{
    // Given a sandbox whose Copper account was changed, saved to a file
    SandboxServer first(nullptr, 415);
    QVERIFY(changeCopper(first));
    const QJsonObject copperState = first.copper().saveState();
    SandboxStateFile saved(first, m_path);
    QString error;
    QVERIFY2(saved.save(&error), qPrintable(error));

    // Then the file is one object keyed by vendor, Copper's state under "copper"
    const QJsonDocument document = QJsonDocument::fromJson(contents(m_path));
    QVERIFY(document.isObject());
    QCOMPARE(document.object()["copper"_L1].toObject(), copperState);
    for (const QString &key : document.object().keys()) {
        QVERIFY2(QStringList({u"copper"_s, u"devrev"_s, u"pm415"_s, u"laserfiche"_s}).contains(key),
                 qPrintable(key));
        QVERIFY(!document.object()[key].toObject().isEmpty()); // vendors without state left out
    }
    QCOMPARE(saved.collect(), document.object());

    // When another sandbox, of another seed, loads it
    SandboxServer second(nullptr, 7);
    QVERIFY(second.copper().saveState() != copperState);
    SandboxStateFile loaded(second, m_path);
    QVERIFY2(loaded.load(&error), qPrintable(error));

    // Then it holds the same Copper account, and the same of every vendor the file names
    QCOMPARE(second.copper().saveState(), copperState);
    QCOMPARE(loaded.collect(), saved.collect());
    QCOMPARE(copper(second, "GET"_ba, u"related_links?source_type=people&source_id=1"_s).status,
             404); // and answers as usual
}

void TestSandboxState::missingFileIsNoError()
{
    SandboxServer server(nullptr, 415);
    const QJsonObject before = server.copper().saveState();
    SandboxStateFile state(server, m_path);
    QString error;
    QVERIFY2(state.load(&error), qPrintable(error));
    QCOMPARE(server.copper().saveState(), before);
    QVERIFY(!QFile::exists(m_path));

    QCOMPARE(state.saveIfChanged(&error), SandboxStateFile::SaveResult::Unchanged);
    QVERIFY(!QFile::exists(m_path));
    QVERIFY(state.save(&error)); // as on exit
    QVERIFY(QFile::exists(m_path));
}

void TestSandboxState::savesOnlyWhenChanged()
{
    SandboxServer server(nullptr, 415);
    SandboxStateFile state(server, m_path);
    QString error;
    QVERIFY(state.save(&error));
    const QByteArray first = contents(m_path);
    QCOMPARE(state.saveIfChanged(&error), SandboxStateFile::SaveResult::Unchanged);

    // A read changes nothing; a write does.
    QCOMPARE(copper(server, "POST"_ba, u"people/search"_s).status, 200);
    QCOMPARE(state.saveIfChanged(&error), SandboxStateFile::SaveResult::Unchanged);
    QCOMPARE(contents(m_path), first);
    QVERIFY(changeCopper(server));
    QCOMPARE(state.saveIfChanged(&error), SandboxStateFile::SaveResult::Saved);
    QVERIFY(contents(m_path) != first);
    QCOMPARE(QJsonDocument::fromJson(contents(m_path)).object()["copper"_L1].toObject(),
             server.copper().saveState());
    QCOMPARE(state.saveIfChanged(&error), SandboxStateFile::SaveResult::Unchanged);

    // After a load, the loaded state is the saved one.
    SandboxServer other(nullptr, 415);
    SandboxStateFile otherState(other, m_path);
    QVERIFY(otherState.load(&error));
    QCOMPARE(otherState.saveIfChanged(&error), SandboxStateFile::SaveResult::Unchanged);
}

void TestSandboxState::malformedFileRefusedAndKept_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QByteArray valid;
    {
        SandboxServer server(nullptr, 415);
        valid = QJsonDocument(SandboxStateFile(server, QString()).collect()).toJson();
    }
    QJsonObject copperless = QJsonDocument::fromJson(valid).object();
    QJsonObject copper = copperless.take("copper"_L1).toObject();
    copper.remove("users"_L1);

    QTest::newRow("empty file") << QByteArray();
    QTest::newRow("not JSON") << "state: yes"_ba;
    QTest::newRow("cut short") << valid.left(valid.size() / 2);
    QTest::newRow("an array") << "[{\"copper\":{}}]"_ba;
    QTest::newRow("vendor not an object") << R"({"copper":5})"_ba;
    QTest::newRow("unknown vendor") << R"({"salesforce":{"records":[]}})"_ba;
    QTest::newRow("copper state refused") << R"({"copper":{"users":[]}})"_ba;
    copperless.insert("copper"_L1, copper);
    QTest::newRow("copper without users") << QJsonDocument(copperless).toJson();
}

void TestSandboxState::malformedFileRefusedAndKept()
{
    QFETCH(QByteArray, bytes);

    QVERIFY(write(m_path, bytes));
    SandboxServer server(nullptr, 415);
    const QJsonObject before = server.copper().saveState();
    SandboxStateFile state(server, m_path);
    QString error;
    QVERIFY(!state.load(&error));
    QVERIFY(error.startsWith(m_path));
    QCOMPARE(contents(m_path), bytes); // byte for byte
    QCOMPARE(server.copper().saveState(), before);
}

void TestSandboxState::unwritablePathFails()
{
    SandboxServer server(nullptr, 415);
    SandboxStateFile state(server, m_dir->filePath(u"no/such/folder/state.json"_s));
    QString error;
    QVERIFY(!state.save(&error));
    QVERIFY(!error.isEmpty());
    QVERIFY(changeCopper(server));
    QCOMPARE(state.saveIfChanged(&error), SandboxStateFile::SaveResult::Failed);
}

QTEST_GUILESS_MAIN(TestSandboxState)
#include "tst_sandboxstate.moc"
