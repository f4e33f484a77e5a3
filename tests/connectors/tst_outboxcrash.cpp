// The outbox killed (SIGKILL) at each stage of a change, 20 times per stage: after a restart
// every change is applied exactly once at the vendor, nothing is left open, and the workspace
// passes SQLite's integrity check.

#include "models/linkrepository.h"
#include "sandbox/pm415demo.h"
#include "sandbox/pm415sandbox.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestOutboxCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killedAtEveryStage_data();
    void killedAtEveryStage();
    void cleanupTestCase();

private:
    /// Two bugs and initiatives of the demo organization that are not connected yet.
    QList<std::pair<qint64, qint64>> unconnectedPairs(int count);
    /// Runs the driver; true when it ended as `crashed` says.
    bool run(const QString &workspace, const QString &stage, const QStringList &pairs,
             bool crashed);
    QString integrity(const QString &path);

    std::unique_ptr<SandboxServer> m_sandbox;
    QTemporaryDir m_dir;
    QSet<std::pair<qint64, qint64>> m_used;
    int m_runs = 0;
    int m_kills = 0;
};

void TestOutboxCrash::initTestCase()
{
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    QVERIFY(m_dir.isValid());
}

void TestOutboxCrash::cleanupTestCase()
{
    qInfo("driver runs: %d, of which killed: %d", m_runs, m_kills);
}

QList<std::pair<qint64, qint64>> TestOutboxCrash::unconnectedPairs(int count)
{
    Pm415World &world = m_sandbox->pm415().world();
    QList<std::pair<qint64, qint64>> pairs;
    for (const auto &[bugId, bug] : world.records(Pm415Type::Bug)) {
        if (bug.organizationId != Pm415DemoOrgId)
            continue;
        const QList<Pm415Ref> linked = world.connected({Pm415Type::Bug, bugId});
        for (const auto &[initiativeId, initiative] : world.records(Pm415Type::Initiative)) {
            const std::pair pair{bugId, initiativeId};
            if (initiative.organizationId == Pm415DemoOrgId && !m_used.contains(pair)
                && !linked.contains(Pm415Ref{Pm415Type::Initiative, initiativeId})) {
                m_used.insert(pair);
                pairs.append(pair);
                break;
            }
        }
        if (pairs.size() == count)
            break;
    }
    return pairs;
}

bool TestOutboxCrash::run(const QString &workspace, const QString &stage, const QStringList &pairs,
                          bool crashed)
{
    QProcess driver;
    driver.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    driver.start(QCoreApplication::applicationDirPath() + u"/outbox_crash_driver"_s,
                 QStringList{workspace, m_sandbox->baseUrl(Vendor::Pm415).toString(), stage}
                     + pairs);
    if (!driver.waitForStarted(10'000))
        return false;
    // The sandbox answers in this process: keep its event loop running while the driver works.
    QElapsedTimer timer;
    timer.start();
    while (driver.state() != QProcess::NotRunning && timer.elapsed() < 60'000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        driver.waitForFinished(5);
    }
    ++m_runs;
    if (driver.exitStatus() == QProcess::CrashExit)
        ++m_kills;
    return crashed ? driver.exitStatus() == QProcess::CrashExit
                   : driver.exitStatus() == QProcess::NormalExit && driver.exitCode() == 0;
}

QString TestOutboxCrash::integrity(const QString &path)
{
    QString answer;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"integrity"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"PRAGMA integrity_check"_s) && q.next())
                answer = q.value(0).toString();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(u"integrity"_s);
    return answer;
}

void TestOutboxCrash::killedAtEveryStage_data()
{
    QTest::addColumn<QString>("stage");
    for (const char *stage : {"pending", "sending", "answered"}) {
        for (int run = 1; run <= 20; ++run)
            QTest::addRow("%s #%d", stage, run) << QString::fromLatin1(stage);
    }
}

void TestOutboxCrash::killedAtEveryStage()
{
    QFETCH(QString, stage);
    const QList<std::pair<qint64, qint64>> pairs = unconnectedPairs(2);
    QCOMPARE(pairs.size(), 2);
    QStringList arguments;
    for (const auto &[bug, initiative] : pairs)
        arguments.append(u"%1:%2"_s.arg(bug).arg(initiative));
    const QString workspace
        = m_dir.filePath(u"%1.linkloom"_s.arg(QString::fromLatin1(QTest::currentDataTag())));

    QVERIFY2(run(workspace, stage, arguments, true), "the driver did not die at its stage");
    // Where it died: before anything reached pm415, or just after pm415 applied the first link
    // (the case a careless retry would duplicate).
    Pm415World &world = m_sandbox->pm415().world();
    const auto connections = [&world](const std::pair<qint64, qint64> &pair) {
        return world.connected({Pm415Type::Bug, pair.first})
            .count(Pm415Ref{Pm415Type::Initiative, pair.second});
    };
    QCOMPARE(connections(pairs.first()), stage == u"answered"_s ? 1 : 0);
    QCOMPARE(connections(pairs.last()), 0);

    QVERIFY2(run(workspace, u"none"_s, {}, false), "the restarted driver did not settle");

    for (const auto &pair : pairs)
        QCOMPARE(connections(pair), 1); // exactly once
    QCOMPARE(integrity(workspace), u"ok"_s);
    LinkRepository repository;
    QVERIFY(repository.open(workspace));
    QVERIFY(repository.openIntents().isEmpty());
    for (const auto &[bug, initiative] : pairs) {
        const Link link{{Vendor::Pm415, u"roadmap"_s, u"bug"_s, QString::number(bug)},
                        {Vendor::Pm415, u"roadmap"_s, u"initiative"_s, QString::number(initiative)},
                        u"connection"_s,
                        LinkDirection::Undirected,
                        {},
                        {},
                        {}};
        QCOMPARE(repository.link(link.key())->state, LinkState::Confirmed);
    }
}

QTEST_GUILESS_MAIN(TestOutboxCrash)
#include "tst_outboxcrash.moc"
