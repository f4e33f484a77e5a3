// linkloom-cli end to end: CommandLine runs in-process (its own event loop serves the
// in-process sandbox on loopback) with the real connectors, against a workspace file in a
// temporary folder. Every case checks the exit code, the output and what the workspace and the
// sandbox's world hold afterwards; no case may print a secret (checked after each one).

#include "app/cli/commandline.h"
#include "connectors/connector.h"
#include "models/linkrepository.h"
#include "sandbox/coppersandbox.h"
#include "sandbox/devrevsandbox.h"
#include "sandbox/laserfichesandbox.h"
#include "sandbox/pm415demo.h"
#include "sandbox/pm415sandbox.h"
#include "sandbox/sandboxserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

inline size_t qHash(const Pm415Ref &ref, size_t seed = 0) noexcept
{
    return qHashMulti(seed, int(ref.type), ref.id);
}

namespace {

/// What one command did.
struct Run
{
    int code = -1;
    QString out;
    QString err;
};

/// The account each vendor's cases use, as the command line names it.
QString accountId(Vendor vendor)
{
    switch (vendor) {
    case Vendor::Copper:
        return u"sales"_s;
    case Vendor::DevRev:
        return u"work"_s;
    case Vendor::Pm415:
        return u"roadmap"_s;
    case Vendor::Laserfiche:
        break;
    }
    return u"docs"_s;
}

QString accountArg(Vendor vendor)
{
    return vendorId(vendor) + u':' + accountId(vendor);
}

QByteArray demoSecret(Vendor vendor)
{
    switch (vendor) {
    case Vendor::Copper:
        return SandboxServer::CopperApiKey;
    case Vendor::DevRev:
        return SandboxServer::DevRevToken;
    case Vendor::Pm415:
        return SandboxServer::Pm415ApiKey;
    case Vendor::Laserfiche:
        break;
    }
    return {};
}

QByteArray secretVariable(Vendor vendor)
{
    return CommandLine::secretVariable(vendor, accountId(vendor)).toLatin1();
}

/// Secrets that no output may contain: the demo credentials and the wrong ones the tests try.
const QList<QByteArray> &secrets()
{
    static const QList<QByteArray> all{SandboxServer::CopperApiKey, SandboxServer::DevRevToken,
                                       SandboxServer::Pm415ApiKey,  "wrong-copper-7f3a9c",
                                       "wrong-devrev-2b8e1d",       "wrong-pm415-5c0f4e"};
    return all;
}

QString wrongSecretOf(Vendor vendor)
{
    return QString::fromLatin1(secrets().at(3 + int(vendor)));
}

RecordKey key(Vendor vendor, const QString &type, const QString &id)
{
    return {vendor, accountId(vendor), type, id};
}

RecordKey copperKey(CopperRef ref)
{
    return key(Vendor::Copper, copperTypeName(ref.type), QString::number(ref.id));
}

RecordKey devRevKey(const DevRevObject &object)
{
    return key(Vendor::DevRev, QString(devRevKindInfo(object.kind).type), object.id);
}

RecordKey pm415Key(Pm415Ref ref)
{
    return key(Vendor::Pm415, pm415TypeName(ref.type), QString::number(ref.id));
}

/// The link type every link case of a vendor uses.
QString linkType(Vendor vendor)
{
    switch (vendor) {
    case Vendor::Copper:
        return u"related"_s;
    case Vendor::DevRev:
        return u"is_related_to"_s;
    default:
        return u"connection"_s;
    }
}

/// The record kinds DevRevConnector lists (every kind but rev_org and code_change).
constexpr DevRevKinds DevRevSynced = DevRevWorks | DevRevParts | devRevBit(DevRevKind::Account)
    | devRevBit(DevRevKind::RevUser) | devRevBit(DevRevKind::DevUser);

/// Two records of the demo world that may be linked and are not: Copper an opportunity and a
/// project, DevRev two issues, pm415 a bug and an initiative of the demo organization.
std::pair<RecordKey, RecordKey> unlinkedPair(SandboxServer &sandbox, Vendor vendor)
{
    if (vendor == Vendor::Copper) {
        const CopperWorld &world = sandbox.copper().world();
        for (const auto &[deal, _] : world.records(CopperEntity::Opportunity)) {
            for (const auto &[project, __] : world.records(CopperEntity::Project)) {
                const CopperRef a{CopperEntity::Opportunity, deal},
                    b{CopperEntity::Project, project};
                if (!world.isRelated(a, b))
                    return {copperKey(a), copperKey(b)};
            }
        }
    } else if (vendor == Vendor::DevRev) {
        // Every demo issue has links, but not to every other issue.
        const DevRevWorld &world = sandbox.devRev().world();
        const DevRevObject *first = nullptr;
        for (const DevRevObject &object : world.objects()) {
            if (object.kind != DevRevKind::Issue)
                continue;
            if (!first) {
                first = &object;
                continue;
            }
            const auto linked = [&](qint64 number) {
                const DevRevLink &link = world.links().at(number);
                return link.source == object.id || link.target == object.id;
            };
            if (std::ranges::none_of(world.linksOf(first->id), linked))
                return {devRevKey(*first), devRevKey(object)};
        }
    } else if (vendor == Vendor::Pm415) {
        const Pm415World &world = sandbox.pm415().world();
        for (const auto &[bug, bugRecord] : world.records(Pm415Type::Bug)) {
            if (bugRecord.organizationId != Pm415DemoOrgId)
                continue;
            const QList<Pm415Ref> linked = world.connected({Pm415Type::Bug, bug});
            for (const auto &[initiative, record] : world.records(Pm415Type::Initiative)) {
                const Pm415Ref other{Pm415Type::Initiative, initiative};
                if (record.organizationId == Pm415DemoOrgId && !linked.contains(other))
                    return {pm415Key({Pm415Type::Bug, bug}), pm415Key(other)};
            }
        }
    }
    return {};
}

/// Two records of the demo world linked by linkType(vendor): source first.
std::pair<RecordKey, RecordKey> linkedPair(SandboxServer &sandbox, Vendor vendor)
{
    if (vendor == Vendor::Copper) {
        const CopperWorld &world = sandbox.copper().world();
        for (const auto &[deal, _] : world.records(CopperEntity::Opportunity)) {
            const CopperRef a{CopperEntity::Opportunity, deal};
            if (const QList<CopperRef> related = world.related(a); !related.isEmpty())
                return {copperKey(a), copperKey(related.first())};
        }
    } else if (vendor == Vendor::DevRev) {
        const DevRevWorld &world = sandbox.devRev().world();
        for (const auto &[number, link] : world.links()) {
            if (link.linkType == linkType(vendor))
                return {devRevKey(*world.object(link.source)),
                        devRevKey(*world.object(link.target))};
        }
    } else if (vendor == Vendor::Pm415) {
        const Pm415World &world = sandbox.pm415().world();
        for (const auto &[bug, record] : world.records(Pm415Type::Bug)) {
            const QList<Pm415Ref> linked = world.connected({Pm415Type::Bug, bug});
            if (record.organizationId == Pm415DemoOrgId && !linked.isEmpty())
                return {pm415Key({Pm415Type::Bug, bug}), pm415Key(linked.first())};
        }
    }
    return {};
}

/// The links of the sandbox's world between `a` and `b` (either way round).
int worldLinks(SandboxServer &sandbox, const RecordKey &a, const RecordKey &b)
{
    int count = 0;
    if (a.vendor == Vendor::Copper) {
        const auto ref = [](const RecordKey &k) {
            return CopperRef{*copperEntityFromTypeName(k.type), k.id.toLongLong()};
        };
        count = sandbox.copper().world().isRelated(ref(a), ref(b)) ? 1 : 0;
    } else if (a.vendor == Vendor::DevRev) {
        for (const auto &[number, link] : sandbox.devRev().world().links()) {
            if ((link.source == a.id && link.target == b.id)
                || (link.source == b.id && link.target == a.id)) {
                ++count;
            }
        }
    } else if (a.vendor == Vendor::Pm415) {
        const auto typeA = *pm415TypeFromName(a.type), typeB = *pm415TypeFromName(b.type);
        for (const auto &[id, row] : sandbox.pm415().world().connections()) {
            if (row[typeA] == a.id.toLongLong() && row[typeB] == b.id.toLongLong())
                ++count;
        }
    }
    return count;
}

/// The vendor's whole world, to prove that nothing changed.
QJsonObject worldState(SandboxServer &sandbox, Vendor vendor)
{
    switch (vendor) {
    case Vendor::Copper:
        return sandbox.copper().saveState();
    case Vendor::DevRev:
        return sandbox.devRev().saveState();
    case Vendor::Pm415:
        return sandbox.pm415().saveState();
    case Vendor::Laserfiche:
        break;
    }
    return {};
}

/// What a full sync of the demo account must find, counted in the sandbox's world.
struct Expected
{
    qsizetype records = 0;
    qsizetype links = 0;
    QStringList types;
};

Expected expectedSync(SandboxServer &sandbox, Vendor vendor)
{
    Expected expected;
    if (vendor == Vendor::Copper) {
        const CopperWorld &world = sandbox.copper().world();
        qsizetype relatedEnds = 0;
        for (const CopperEntity type : AllCopperEntities) {
            expected.types << copperTypeName(type);
            expected.records += qsizetype(world.records(type).size());
            for (const auto &[id, _] : world.records(type))
                relatedEnds += world.related({type, id}).size();
        }
        // Related items are undirected pairs; each Connect link comes with its mirror.
        expected.links = relatedEnds / 2 + world.linkCount() / 2;
    } else if (vendor == Vendor::DevRev) {
        const DevRevWorld &world = sandbox.devRev().world();
        const auto synced = [&](const QString &id) {
            const DevRevObject *object = world.object(id);
            return object && (DevRevSynced & devRevBit(object->kind));
        };
        for (const DevRevObject &object : world.objects()) {
            if (DevRevSynced & devRevBit(object.kind)) {
                ++expected.records;
                const QString type(devRevKindInfo(object.kind).type);
                if (!expected.types.contains(type))
                    expected.types << type;
            }
        }
        for (const auto &[number, link] : world.links()) {
            if (synced(link.source) || synced(link.target))
                ++expected.links;
        }
    } else if (vendor == Vendor::Pm415) {
        const Pm415World &world = sandbox.pm415().world();
        QSet<qint64> organizations;
        for (const Pm415Organization &organization : world.organizations()) {
            if (organization.role != "Pending"_L1)
                organizations.insert(organization.id);
        }
        QSet<Pm415Ref> synced;
        for (const Pm415Type type : AllPm415Types) {
            expected.types << pm415TypeName(type);
            for (const auto &[id, record] : world.records(type)) {
                const QString owner = record.ownerTable.toLower();
                if (organizations.contains(record.organizationId)
                    && (type != Pm415Type::Item || owner == "backlogs"_L1
                        || owner == "initiatives"_L1)) {
                    synced.insert({type, id});
                }
            }
        }
        expected.records = synced.size();
        QSet<std::pair<Pm415Ref, Pm415Ref>> pairs;
        for (const auto &[id, row] : world.connections()) {
            QList<Pm415Ref> ends;
            for (const Pm415Type type : AllPm415Types) {
                if (const auto value = row[type])
                    ends.append({type, *value});
            }
            if (ends.size() == 2 && (synced.contains(ends[0]) || synced.contains(ends[1])))
                pairs.insert({std::min(ends[0], ends[1]), std::max(ends[0], ends[1])});
        }
        expected.links = pairs.size();
    }
    return expected;
}

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void helpAndVersion();
    void badUsage_data();
    void badUsage();
    void addListAndRemoveAccounts_data();
    void addListAndRemoveAccounts();
    void addAccountRefusesBadInput_data();
    void addAccountRefusesBadInput();
    void addAccountAgainChangesIt();
    void pacingIsOnOutsideTheTests();
    void syncDemoAccount_data();
    void syncDemoAccount();
    void laserficheRunsOnARefreshToken();
    void syncThatFailsSaysWhy();
    void recordsByTypeAsTextAndJson();
    void linksAndRefresh();
    void linkThenUnlink_data();
    void linkThenUnlink();
    void linkNeedsATypeWhenSeveralFit();
    void linkGoesTheWayTheTypeAllows();
    void linkRefusedByTheRulesSendsNothing_data();
    void linkRefusedByTheRulesSendsNothing();
    void missingSecretNamesTheVariable_data();
    void missingSecretNamesTheVariable();
    void wrongSecret_data();
    void wrongSecret();
    void notAWorkspaceIsLeftAlone_data();
    void notAWorkspaceIsLeftAlone();
    void readFaultsAreRetried_data();
    void readFaultsAreRetried();
    void writeFaultsChangeTheWorldAtMostOnce_data();
    void writeFaultsChangeTheWorldAtMostOnce();

private:
    /// Runs `linkloom-cli --workspace <m_path> args...` in-process.
    Run cli(const QStringList &args, const QString &workspace = {});
    /// add-account of the vendor's demo account in the sandbox, and its secret in the
    /// environment.
    void addDemoAccount(Vendor vendor);
    QStringList addAccountArgs(Vendor vendor) const;
    /// The workspace file, opened (close it before the next command).
    std::unique_ptr<LinkRepository> workspace();
    /// "METHOD /path" of every request the sandbox answered since startLog().
    QStringList requests() const;
    void startLog();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QString m_log;
    std::unique_ptr<SandboxServer> m_sandbox;
    /// The same deterministic demo world as m_sandbox's, for the data functions to pick ids.
    std::unique_ptr<SandboxServer> m_demo;
    QStringList m_leaks;
    /// What every command's connector gets before it sends anything (set in init()).
    std::function<void(Connector &)> m_connectorHook;
};

void TestCommandLine::initTestCase()
{
    m_demo = std::make_unique<SandboxServer>();
    for (const Vendor vendor : {Vendor::Copper, Vendor::DevRev, Vendor::Pm415})
        qunsetenv(secretVariable(vendor).constData());
}

void TestCommandLine::cleanupTestCase()
{
    m_demo.reset();
}

void TestCommandLine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"cli.linkloom"_s);
    m_log.clear();
    m_leaks.clear();
    m_connectorHook = [](Connector &connector) {
        // Copper paces 180 requests a minute, so a demo sync would take minutes: the tests turn
        // the pacing off (pacingIsOnOutsideTheTests shows it is on otherwise), and the
        // sandbox's limit with it. Reads are still retried, without the long waits.
        connector.client()->setRequestRate(0, 0);
        connector.client()->setRetryPolicy({4, 10, 40, 2});
    };
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    // The clients' pacing is off (m_connectorHook), so the sandbox's limits are off too.
    m_sandbox->copper().setRateLimit(0);
    m_sandbox->devRev().setRateLimit(0);
    m_sandbox->laserfiche().rateLimiter().setLimit(0);
}

void TestCommandLine::cleanup()
{
    for (const Vendor vendor : {Vendor::Copper, Vendor::DevRev, Vendor::Pm415})
        qunsetenv(secretVariable(vendor).constData());
    m_sandbox.reset();
    QVERIFY2(m_leaks.isEmpty(), qPrintable(u"A secret was printed by: "_s + m_leaks.join(u"; "_s)));
    // Nor is one ever written to the workspace.
    QFile file(m_path);
    if (QFileInfo(m_path).isFile() && file.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = file.readAll();
        for (const QByteArray &secret : secrets())
            QVERIFY2(!bytes.contains(secret), secret.constData());
    }
    m_dir.reset();
}

Run TestCommandLine::cli(const QStringList &args, const QString &workspace)
{
    Run run;
    {
        QTextStream out(&run.out);
        QTextStream err(&run.err);
        CommandLine cli(out, err);
        cli.setConnectorHook(m_connectorHook);
        run.code = cli.run(QStringList{u"linkloom-cli"_s, u"--workspace"_s,
                                       workspace.isEmpty() ? m_path : workspace}
                           + args);
    }
    for (const QByteArray &secret : secrets()) {
        if (run.out.contains(QLatin1StringView(secret))
            || run.err.contains(QLatin1StringView(secret))) {
            m_leaks << args.join(u' ');
        }
    }
    return run;
}

QStringList TestCommandLine::addAccountArgs(Vendor vendor) const
{
    QStringList args{u"add-account"_s, accountArg(vendor), u"--url"_s,
                     m_sandbox->baseUrl(vendor).toString()};
    if (vendor == Vendor::Copper)
        args << u"--name"_s << u"Sales"_s << u"--user"_s
             << QString::fromLatin1(SandboxServer::CopperEmail);
    return args;
}

void TestCommandLine::addDemoAccount(Vendor vendor)
{
    const Run run = cli(addAccountArgs(vendor));
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    qputenv(secretVariable(vendor).constData(), demoSecret(vendor));
}

std::unique_ptr<LinkRepository> TestCommandLine::workspace()
{
    auto repository = std::make_unique<LinkRepository>();
    if (const Result opened = repository->open(m_path); !opened)
        qWarning("workspace: %s", qPrintable(opened.message()));
    return repository;
}

void TestCommandLine::startLog()
{
    m_log = m_dir->filePath(u"exchanges.jsonl"_s);
    QVERIFY(m_sandbox->setExchangeLog(m_log));
}

QStringList TestCommandLine::requests() const
{
    QStringList result;
    QFile file(m_log);
    if (!file.open(QIODevice::ReadOnly))
        return result;
    while (!file.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
        result << line.value("method"_L1).toString() + u' ' + line.value("path"_L1).toString();
    }
    return result;
}

void TestCommandLine::helpAndVersion()
{
    const Run help = cli({u"--help"_s});
    QCOMPARE(help.code, CommandLine::Done);
    QVERIFY(help.out.contains(u"add-account VENDOR:ID"_s));
    QVERIFY(help.out.contains(u"LINKLOOM_SECRET_<VENDOR>_<ACCOUNT>"_s));
    const Run version = cli({u"--version"_s});
    QCOMPARE(version.code, CommandLine::Done);
    QVERIFY(!version.out.trimmed().isEmpty());
    QVERIFY(!QFileInfo::exists(m_path)); // neither opened the workspace
}

void TestCommandLine::badUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("hint");
    QTest::addColumn<bool>("createsWorkspace");

    QTest::newRow("no command") << QStringList{} << u"No command given."_s << false;
    QTest::newRow("unknown command")
        << QStringList{u"frobnicate"_s} << u"Unknown command “frobnicate”."_s << false;
    QTest::newRow("unknown option")
        << QStringList{u"accounts"_s, u"--colour"_s} << u"Unknown option 'colour'."_s << false;
    QTest::newRow("accounts with an argument")
        << QStringList{u"accounts"_s, u"copper:sales"_s} << u"takes no argument"_s << true;
    QTest::newRow("records without account")
        << QStringList{u"records"_s} << u"Use: records"_s << true;
    QTest::newRow("sync of no VENDOR:ID")
        << QStringList{u"sync"_s, u"copper"_s} << u"“copper” is not VENDOR:ID"_s << true;
    QTest::newRow("sync of an unknown account")
        << QStringList{u"sync"_s, u"copper:nosuch"_s}
        << u"The workspace has no account “copper:nosuch”. Add it with add-account."_s << true;
    QTest::newRow("remove an unknown account")
        << QStringList{u"remove-account"_s, u"pm415:nosuch"_s} << u"Add it with add-account"_s
        << true;
    QTest::newRow("links of no record") << QStringList{u"links"_s, u"copper:sales:person"_s}
                                        << u"is not a record (vendor:account:type:id)"_s << true;
    QTest::newRow("link of one record") << QStringList{u"link"_s, u"copper:sales:person:1"_s}
                                        << u"Use: link RECORD RECORD"_s << true;
    QTest::newRow("unlink without type")
        << QStringList{u"unlink"_s, u"copper:sales:person:1"_s, u"copper:sales:company:2"_s}
        << u"Use: unlink RECORD RECORD --type TYPE"_s << true;
}

void TestCommandLine::badUsage()
{
    QFETCH(QStringList, args);
    QFETCH(QString, hint);
    QFETCH(bool, createsWorkspace);

    const Run run = cli(args);
    QCOMPARE(run.code, CommandLine::Usage);
    QVERIFY2(run.err.contains(hint), qPrintable(run.err));
    // Each says what to do next: the help, or (an unknown account) add-account
    QVERIFY(run.err.contains(u"Run “linkloom-cli --help” for the commands."_s)
            || run.err.contains(u"Add it with add-account."_s));
    QCOMPARE(run.out, QString());
    QCOMPARE(QFileInfo::exists(m_path), createsWorkspace);
}

void TestCommandLine::addListAndRemoveAccounts_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QString>("name"); // as `accounts` lists it
    QTest::addColumn<QString>("user");
    QTest::addColumn<QStringList>("more"); // further add-account options
    QTest::addColumn<QVariantMap>("options");

    QTest::newRow("copper") << u"copper"_s << u"Sales"_s << u"demo@linkloom.example"_s
                            << QStringList{} << QVariantMap{};
    QTest::newRow("devrev named") << u"devrev"_s << u"Engineering"_s << QString()
                                  << QStringList{u"--name"_s, u"Engineering"_s} << QVariantMap{};
    QTest::newRow("pm415 with an option")
        << u"pm415"_s << u"roadmap"_s << QString()
        << QStringList{u"--option"_s, u"organization=17"_s, u"--option"_s, u"note=a=b"_s}
        << QVariantMap{{u"organization"_s, u"17"_s}, {u"note"_s, u"a=b"_s}};
}

void TestCommandLine::addListAndRemoveAccounts()
{
    QFETCH(QString, vendor);
    QFETCH(QString, name);
    QFETCH(QString, user);
    QFETCH(QStringList, more);
    QFETCH(QVariantMap, options);
    const Vendor v = *vendorFromId(vendor);
    const QString url = m_sandbox->baseUrl(v).toString();

    // Given an empty workspace, when the account is added
    Run run = cli(addAccountArgs(v) + more);
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    QCOMPARE(run.out, QString());

    // Then `accounts` lists it, as text and as JSON
    run = cli({u"accounts"_s});
    QCOMPARE(run.code, CommandLine::Done);
    QCOMPARE(run.out, accountArg(v) + u'\t' + name + u'\t' + url + u'\n');
    run = cli({u"accounts"_s, u"--json"_s});
    QCOMPARE(run.code, CommandLine::Done);
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(json.array(),
             (QJsonArray{
                 QJsonObject{{"account"_L1, accountArg(v)}, {"name"_L1, name}, {"url"_L1, url}}}));

    // And the workspace holds it as given
    {
        const auto repository = workspace();
        const auto account = repository->account(v, accountId(v));
        QVERIFY(account);
        QCOMPARE(account->baseUrl.toString(), url);
        QCOMPARE(account->user, user);
        QCOMPARE(account->options, options);
    }

    // When it is removed, nothing is left
    run = cli({u"remove-account"_s, accountArg(v)});
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    run = cli({u"accounts"_s});
    QCOMPARE(run.code, CommandLine::Done);
    QCOMPARE(run.out, QString());
    QVERIFY(workspace()->accounts().isEmpty());
}

void TestCommandLine::addAccountRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("hint");

    const QString url = u"https://api.example.com/v1"_s;
    QTest::newRow("unknown vendor")
        << QStringList{u"add-account"_s, u"salesforce:x"_s, u"--url"_s, url}
        << u"“salesforce:x” is not VENDOR:ID."_s;
    QTest::newRow("no id") << QStringList{u"add-account"_s, u"pm415"_s, u"--url"_s, url}
                           << u"“pm415” is not VENDOR:ID."_s;
    QTest::newRow("missing --url") << QStringList{u"add-account"_s, u"pm415:roadmap"_s}
                                   << u"Use: add-account VENDOR:ID --url URL"_s;
    QTest::newRow("two accounts") << QStringList{u"add-account"_s, u"pm415:a"_s, u"pm415:b"_s,
                                                 u"--url"_s, url}
                                  << u"Use: add-account VENDOR:ID --url URL"_s;
    QTest::newRow("ftp URL") << QStringList{u"add-account"_s, u"devrev:work"_s, u"--url"_s,
                                            u"ftp://api.example.com/"_s}
                             << u"“ftp://api.example.com/” is not an http(s) URL."_s;
    QTest::newRow("no URL at all")
        << QStringList{u"add-account"_s, u"devrev:work"_s, u"--url"_s, u"api.example.com"_s}
        << u"is not an http(s) URL."_s;
    QTest::newRow("option without =")
        << QStringList{u"add-account"_s, u"pm415:roadmap"_s, u"--url"_s, url,
                       u"--option"_s,    u"organization"_s}
        << u"“organization” is not KEY=VALUE."_s;
    QTest::newRow("copper without --user")
        << QStringList{u"add-account"_s, u"copper:sales"_s, u"--url"_s, url}
        << u"A Copper account needs --user E-MAIL"_s;
    QTest::newRow("id with a space")
        << QStringList{u"add-account"_s, u"devrev:my work"_s, u"--url"_s, url}
        << u"Give the account a short id"_s;
    QTest::newRow("plain http to another host")
        << QStringList{u"add-account"_s, u"devrev:work"_s, u"--url"_s, u"http://api.example.com/"_s}
        << u"Use an https:// address"_s;
    QTest::newRow("credentials in the URL")
        << QStringList{u"add-account"_s, u"devrev:work"_s, u"--url"_s,
                       u"https://me:pw@api.example.com/"_s}
        << u"Remove the user name and password from the address"_s;
}

void TestCommandLine::addAccountRefusesBadInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, hint);

    const Run run = cli(args);
    QCOMPARE(run.code, CommandLine::Usage);
    QVERIFY2(run.err.contains(hint), qPrintable(run.err));
    QVERIFY(run.err.contains(u"linkloom-cli --help"_s));
    QVERIFY(workspace()->accounts().isEmpty());
}

void TestCommandLine::addAccountAgainChangesIt()
{
    // add-account "adds or changes": the same VENDOR:ID again changes what is given, keeps the
    // rest (name, user, options) and never makes a second account.
    Run run = cli(addAccountArgs(Vendor::Copper) + QStringList{u"--option"_s, u"region=eu"_s});
    QCOMPARE(run.code, CommandLine::Done);
    run = cli({u"add-account"_s, u"copper:sales"_s, u"--url"_s,
               u"https://api.copper.com/developer_api/v1"_s});
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    run = cli({u"accounts"_s});
    QCOMPARE(run.out, u"copper:sales\tSales\thttps://api.copper.com/developer_api/v1\n"_s);
    const auto accounts = workspace()->accounts();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.first().user, QString::fromLatin1(SandboxServer::CopperEmail));
    QCOMPARE(accounts.first().options, (QVariantMap{{u"region"_s, u"eu"_s}}));
}

void TestCommandLine::pacingIsOnOutsideTheTests()
{
    // linkloom-cli paces Copper as the app does: 180 requests in any minute per account. (The
    // hook runs before the command's first request; it frees the slots it took again.)
    addDemoAccount(Vendor::Copper);
    int taken = 0;
    int wait = 0;
    m_connectorHook = [&](Connector &connector) {
        while (taken <= CopperSandbox::RequestsPerMinute) {
            if ((wait = connector.client()->reserveSlot()) != 0)
                break;
            ++taken;
        }
        connector.client()->setRequestRate(CopperSandbox::RequestsPerMinute, 60'000);
    };
    const qint64 person = m_sandbox->copper().world().records(CopperEntity::Person).begin()->first;
    const Run run
        = cli({u"links"_s, copperKey({CopperEntity::Person, person}).toString(), u"--refresh"_s});
    QCOMPARE(taken, CopperSandbox::RequestsPerMinute);
    QVERIFY(wait > 59'000 && wait <= 60'001);
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
}

void TestCommandLine::syncDemoAccount_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::newRow("copper") << u"copper"_s;
    QTest::newRow("devrev") << u"devrev"_s;
    QTest::newRow("pm415") << u"pm415"_s;
}

void TestCommandLine::syncDemoAccount()
{
    QFETCH(QString, vendor);
    const Vendor v = *vendorFromId(vendor);
    addDemoAccount(v);
    const Expected expected = expectedSync(*m_sandbox, v);
    QVERIFY(expected.records > 50);
    QVERIFY(expected.links > 50);
    const QLocale locale;

    // When the demo account is synced
    const Run run = cli({u"sync"_s, accountArg(v)});

    // Then every record and link of the sandbox's world arrived, with progress on stderr
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    QCOMPARE(run.out,
             u"%1 records, %2 links\n"_s.arg(locale.toString(expected.records),
                                             locale.toString(expected.links)));
    const QStringList progress = run.err.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(!progress.isEmpty());
    const auto last = QRegularExpression(u"^(\\d+) of (\\d+)$"_s).match(progress.last());
    QVERIFY2(last.hasMatch(), qPrintable(progress.last()));
    QCOMPARE(last.captured(1), last.captured(2));
    {
        const auto repository = workspace();
        qsizetype stored = 0;
        for (const QString &type : expected.types)
            stored += repository->recordsOfType(v, accountId(v), type).size();
        QCOMPARE(stored, expected.records);
        QCOMPARE(repository->linkCount(), expected.links);
    }

    // And a second sync, as JSON, finds the same and duplicates nothing
    const Run again = cli({u"sync"_s, accountArg(v), u"--json"_s});
    QVERIFY2(again.code == CommandLine::Done, qPrintable(again.err));
    QJsonParseError error;
    const QJsonObject counts = QJsonDocument::fromJson(again.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(counts.keys(), (QStringList{u"errors"_s, u"links"_s, u"records"_s}));
    QCOMPARE(counts.value("records"_L1).toInteger(), expected.records);
    QCOMPARE(counts.value("links"_L1).toInteger(), expected.links);
    QCOMPARE(counts.value("errors"_L1).toInteger(), 0);
    QCOMPARE(workspace()->linkCount(), expected.links);
}

void TestCommandLine::laserficheRunsOnARefreshToken()
{
    const QString signIn = m_sandbox->laserficheSigninUrl().toString();
    Run run = cli({u"add-account"_s, u"laserfiche:docs"_s, u"--url"_s,
                   m_sandbox->baseUrl(Vendor::Laserfiche).toString(), u"--option"_s,
                   u"signInUrl="_s + signIn, u"--option"_s,
                   u"clientId="_s + QString::fromLatin1(SandboxServer::LaserficheClientId)});
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));

    // A refresh token of an earlier sign-in, given in the variable, serves one run.
    const QByteArray token = m_sandbox->laserfiche()
                                 .oauth()
                                 .issue({u"repository.Read"_s, u"repository.Write"_s})
                                 .refreshToken.toLatin1();
    qputenv("LINKLOOM_SECRET_LASERFICHE_DOCS", token);
    run = cli({u"sync"_s, u"laserfiche:docs"_s});
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    QVERIFY2(QRegularExpression(u"^[1-9][\\d,]* records, [1-9][\\d,]* links\n$"_s)
                 .match(run.out)
                 .hasMatch(),
             qPrintable(run.out));
    QVERIFY(!run.out.contains(QLatin1StringView(token))
            && !run.err.contains(QLatin1StringView(token)));

    // Laserfiche rotated it during that run: given again, it is refused and the message says
    // to sign in again.
    run = cli({u"sync"_s, u"laserfiche:docs"_s});
    QCOMPARE(run.code, int(CommandLine::VendorFailed));
    QVERIFY2(run.err.contains(u"Sign in again"_s), qPrintable(run.err));
    qunsetenv("LINKLOOM_SECRET_LASERFICHE_DOCS");
}

void TestCommandLine::syncThatFailsSaysWhy()
{
    addDemoAccount(Vendor::Copper);
    // Copper lists records by POST .../search, which is not repeated: the sync ends.
    QVERIFY(
        m_sandbox->addFault(u"copper:POST:companies/search:status=500:message=Sandbox is down"_s));
    const Run run = cli({u"sync"_s, u"copper:sales"_s});
    QCOMPARE(run.code, CommandLine::VendorFailed);
    QCOMPARE(run.out, u"0 records, 0 links\n"_s);
    QVERIFY2(run.err.contains(u"Copper CRM"_s) && run.err.contains(u"Sandbox is down"_s),
             qPrintable(run.err));
    QCOMPARE(workspace()->linkCount(), 0);
}

void TestCommandLine::recordsByTypeAsTextAndJson()
{
    addDemoAccount(Vendor::Copper);
    QCOMPARE(cli({u"sync"_s, u"copper:sales"_s}).code, CommandLine::Done);
    const auto &companies = m_sandbox->copper().world().records(CopperEntity::Company);
    QVERIFY(companies.size() > 5);

    // Text: one "key<TAB>title" line per company, in the workspace's order
    Run run = cli({u"records"_s, u"copper:sales"_s, u"--type"_s, u"company"_s});
    QCOMPARE(run.code, CommandLine::Done);
    QCOMPARE(run.err, QString());
    QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QStringList expected;
    for (const auto &[id, company] : companies) {
        expected << copperKey({CopperEntity::Company, id}).toString() + u'\t'
                + company.value("name"_L1).toString();
    }
    lines.sort();
    expected.sort();
    QCOMPARE(lines, expected);

    // JSON: valid, with key, type, id and title, the key one RECORD argument
    run = cli({u"records"_s, u"copper:sales"_s, u"--type"_s, u"company"_s, u"--json"_s});
    QCOMPARE(run.code, CommandLine::Done);
    QJsonParseError error;
    const QJsonArray array = QJsonDocument::fromJson(run.out.toUtf8(), &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(array.size(), qsizetype(companies.size()));
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        QCOMPARE(o.keys(), (QStringList{u"id"_s, u"key"_s, u"title"_s, u"type"_s}));
        const auto k = RecordKey::fromString(o.value("key"_L1).toString());
        QVERIFY(k);
        QCOMPARE(o.value("type"_L1).toString(), u"company"_s);
        QCOMPARE(k->id, o.value("id"_L1).toString());
        const auto it = companies.find(k->id.toLongLong());
        QVERIFY(it != companies.end());
        QCOMPARE(o.value("title"_L1).toString(), it->second.value("name"_L1).toString());
    }

    // Without --type: every record of the account; an unknown type: none
    run = cli({u"records"_s, u"copper:sales"_s});
    QCOMPARE(run.code, CommandLine::Done);
    QCOMPARE(run.out.count(u'\n'), expectedSync(*m_sandbox, Vendor::Copper).records);
    run = cli({u"records"_s, u"copper:sales"_s, u"--type"_s, u"spaceship"_s, u"--json"_s});
    QCOMPARE(run.code, CommandLine::Done);
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array(), QJsonArray());
}

void TestCommandLine::linksAndRefresh()
{
    addDemoAccount(Vendor::Copper);
    CopperWorld &world = m_sandbox->copper().world();
    // A person with related items and a Connect link ("Referred by")
    std::optional<CopperRef> person;
    for (const auto &[id, _] : world.records(CopperEntity::Person)) {
        const CopperRef ref{CopperEntity::Person, id};
        if (world.related(ref).size() >= 2
            && !world.links(CopperLinkEnd{CopperLinkType::Person, id}).isEmpty()) {
            person = ref;
            break;
        }
    }
    QVERIFY(person);
    const QString record = copperKey(*person).toString();
    const auto expectedLinks = [&] {
        QStringList lines;
        for (const CopperRef &other : world.related(*person))
            lines << u"related\t-\t"_s + copperKey(other).toString();
        for (const CopperLink &link :
             world.links(CopperLinkEnd{CopperLinkType::Person, person->id}))
            lines << QString::number(link.definitionId) + u"\t-\t"_s
                    + key(Vendor::Copper, copperFieldTypeName(link.target.type),
                          QString::number(link.target.id))
                          .toString();
        lines.sort();
        return lines;
    };
    const auto shown = [](const Run &run) {
        QStringList lines;
        for (const QString &line : run.out.split(u'\n', Qt::SkipEmptyParts))
            lines << line.section(u'\t', 0, 2);
        lines.sort();
        return lines;
    };

    // A workspace that never read the record knows no links; --refresh reads them
    Run run = cli({u"links"_s, record});
    QCOMPARE(run.code, CommandLine::Done);
    QCOMPARE(run.out, QString());
    run = cli({u"links"_s, record, u"--refresh"_s});
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    QCOMPARE(shown(run), expectedLinks());
    QCOMPARE(shown(cli({u"links"_s, record})), expectedLinks()); // stored
    // with the other ends' titles where the vendor's answers gave them (Connect links do)
    for (const CopperLink &link : world.links(CopperLinkEnd{CopperLinkType::Person, person->id})) {
        const RecordKey other = key(Vendor::Copper, copperFieldTypeName(link.target.type),
                                    QString::number(link.target.id));
        QVERIFY(!world.name(link.target).isEmpty());
        QVERIFY2(run.out.contains(other.toString() + u'\t' + world.name(link.target) + u'\n'),
                 qPrintable(run.out));
    }

    // JSON: both ends, type, direction, state, the Connect link's id
    run = cli({u"links"_s, record, u"--json"_s});
    QCOMPARE(run.code, CommandLine::Done);
    QJsonParseError error;
    const QJsonArray array = QJsonDocument::fromJson(run.out.toUtf8(), &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(array.size(), expectedLinks().size());
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        QVERIFY(o.value("source"_L1).toString() == record
                || o.value("target"_L1).toString() == record);
        QCOMPARE(o.value("directed"_L1), QJsonValue(false));
        QCOMPARE(o.value("state"_L1).toString(), u"confirmed"_s);
        QCOMPARE(o.contains("vendorLinkId"_L1), o.value("type"_L1).toString() != "related"_L1);
    }

    // When the vendor changes, the workspace shows it after --refresh only
    const CopperRef gone = world.related(*person).first();
    QVERIFY(world.unrelate(*person, gone));
    std::optional<CopperRef> added;
    for (const auto &[id, _] : world.records(CopperEntity::Opportunity)) {
        if (world.relate(*person, {CopperEntity::Opportunity, id})
            == CopperWorld::RelateResult::Added) {
            added = CopperRef{CopperEntity::Opportunity, id};
            break;
        }
    }
    QVERIFY(added);
    QVERIFY(shown(cli({u"links"_s, record})) != expectedLinks());
    run = cli({u"links"_s, record, u"--refresh"_s});
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    QCOMPARE(shown(run), expectedLinks());
    QVERIFY(run.out.contains(copperKey(*added).toString()));
    QVERIFY(!run.out.contains(copperKey(gone).toString() + u'\t'));
    QCOMPARE(shown(cli({u"links"_s, record})), expectedLinks());

    // --type filters by link type
    run = cli({u"links"_s, record, u"--type"_s, u"related"_s});
    QCOMPARE(run.out.count(u'\n'), world.related(*person).size());
}

void TestCommandLine::linkThenUnlink_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<bool>("withType"); // link --type; without it the only type that fits
    QTest::addColumn<int>("again"); // the exit code of linking them a second time

    QTest::newRow("copper") << u"copper"_s << false << int(CommandLine::RefusedByRules);
    // DevRev's is_related_to reads the same both ways: the link either way is the link.
    QTest::newRow("devrev") << u"devrev"_s << true << int(CommandLine::RefusedByRules);
    QTest::newRow("pm415") << u"pm415"_s << false << int(CommandLine::RefusedByRules);
}

void TestCommandLine::linkThenUnlink()
{
    QFETCH(QString, vendor);
    QFETCH(bool, withType);
    QFETCH(int, again);
    const Vendor v = *vendorFromId(vendor);
    addDemoAccount(v);
    const auto [a, b] = unlinkedPair(*m_sandbox, v);
    QVERIFY(a.isValid() && b.isValid());
    QCOMPARE(worldLinks(*m_sandbox, a, b), 0);
    const QString type = linkType(v);

    // When A is linked to B
    QStringList args{u"link"_s, a.toString(), b.toString()};
    if (withType)
        args << u"--type"_s << type;
    Run run = cli(args);

    // Then the vendor holds the link once, and the workspace knows it, confirmed
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    QCOMPARE(run.out, u"Linked: %1\t%2\t%3\n"_s.arg(a.toString(), type, b.toString()));
    QCOMPARE(worldLinks(*m_sandbox, a, b), 1);
    run = cli({u"links"_s, a.toString()});
    QCOMPARE(run.code, CommandLine::Done);
    QVERIFY2(run.out.startsWith(type + u'\t') && run.out.contains(b.toString()),
             qPrintable(run.out));
    {
        const auto links = workspace()->linksOf(a);
        QCOMPARE(links.size(), 1);
        QCOMPARE(links.first().otherEnd(a), b);
        QCOMPARE(links.first().state, LinkState::Confirmed);
    }

    // Linking them again changes nothing (refused by the rules, or found to exist)
    const QJsonObject before = worldState(*m_sandbox, v);
    run = cli(args);
    QVERIFY2(run.code == again, qPrintable(run.err));
    QCOMPARE(worldState(*m_sandbox, v), before);
    QCOMPARE(workspace()->linksOf(a).size(), 1);

    // When they are unlinked, the vendor and the workspace no longer have it
    run = cli({u"unlink"_s, a.toString(), b.toString(), u"--type"_s, type});
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    QCOMPARE(run.out, u"Unlinked: %1\t%2\t%3\n"_s.arg(a.toString(), type, b.toString()));
    QCOMPARE(worldLinks(*m_sandbox, a, b), 0);
    QCOMPARE(cli({u"links"_s, a.toString()}).out, QString());
    QVERIFY(workspace()->linksOf(a).isEmpty());
}

void TestCommandLine::linkNeedsATypeWhenSeveralFit()
{
    addDemoAccount(Vendor::DevRev);
    startLog();
    const auto [a, b] = unlinkedPair(*m_sandbox, Vendor::DevRev);
    const QJsonObject before = worldState(*m_sandbox, Vendor::DevRev);
    const Run run = cli({u"link"_s, a.toString(), b.toString()});
    QCOMPARE(run.code, CommandLine::Usage);
    QVERIFY2(run.err.contains(u"More than one link type fits; choose one with --type:"_s),
             qPrintable(run.err));
    QVERIFY(run.err.contains(u"  is_related_to  ("_s));
    QCOMPARE(worldState(*m_sandbox, Vendor::DevRev), before);
    QVERIFY(requests().filter(u"links.create"_s).isEmpty());
}

void TestCommandLine::linkGoesTheWayTheTypeAllows()
{
    // Given an issue and a ticket that are not linked (is_dependent_on: ticket -> issue only)
    addDemoAccount(Vendor::DevRev);
    const DevRevWorld &world = m_sandbox->devRev().world();
    const DevRevObject *issue = nullptr, *ticket = nullptr;
    for (const DevRevObject &object : world.objects()) {
        if (object.kind == DevRevKind::Issue && !issue)
            issue = &object;
        if (object.kind == DevRevKind::Ticket && issue
            && std::ranges::none_of(world.linksOf(issue->id), [&](qint64 number) {
                   return world.links().at(number).source == object.id;
               })) {
            ticket = &object;
            break;
        }
    }
    QVERIFY(issue && ticket);
    const RecordKey issueKey = devRevKey(*issue), ticketKey = devRevKey(*ticket);
    const auto before = world.links().size();

    // When they are named issue first
    const Run run = cli(
        {u"link"_s, issueKey.toString(), ticketKey.toString(), u"--type"_s, u"is_dependent_on"_s});

    // Then the link goes the one way the type allows
    QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    QCOMPARE(run.out,
             u"Linked: %1\tis_dependent_on\t%2\n"_s.arg(ticketKey.toString(), issueKey.toString()));
    QCOMPARE(world.links().size(), before + 1);
    const DevRevLink &made = world.links().rbegin()->second;
    QCOMPARE(made.source, ticket->id);
    QCOMPARE(made.target, issue->id);
    QCOMPARE(made.linkType, u"is_dependent_on"_s);
}

void TestCommandLine::linkRefusedByTheRulesSendsNothing_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<QString>("type");

    const CopperWorld &copper = m_demo->copper().world();
    const auto copperAt = [&](CopperEntity type, int index) {
        auto it = copper.records(type).begin();
        std::advance(it, index);
        return copperKey({type, it->first}).toString();
    };
    QTest::newRow("copper self") << u"copper"_s << copperAt(CopperEntity::Opportunity, 0)
                                 << copperAt(CopperEntity::Opportunity, 0) << QString();
    QTest::newRow("copper two people") << u"copper"_s << copperAt(CopperEntity::Person, 0)
                                       << copperAt(CopperEntity::Person, 1) << u"related"_s;
    QTest::newRow("copper lead and opportunity")
        << u"copper"_s << copperAt(CopperEntity::Lead, 0) << copperAt(CopperEntity::Opportunity, 0)
        << QString();
    QTest::newRow("copper another account")
        << u"copper"_s << copperAt(CopperEntity::Opportunity, 0)
        << QString(copperAt(CopperEntity::Project, 0)).replace(u":sales:"_s, u":other:"_s)
        << QString();
    QTest::newRow("copper and pm415") << u"copper"_s << copperAt(CopperEntity::Opportunity, 0)
                                      << pm415Key({Pm415Type::Bug, 6}).toString() << QString();

    QList<RecordKey> issues, features;
    for (const DevRevObject &object : m_demo->devRev().world().objects()) {
        if (object.kind == DevRevKind::Issue)
            issues << devRevKey(object);
        else if (object.kind == DevRevKind::Feature)
            features << devRevKey(object);
    }
    QVERIFY(issues.size() > 1 && features.size() > 1);
    QTest::newRow("devrev self") << u"devrev"_s << issues.at(0).toString()
                                 << issues.at(0).toString() << u"is_related_to"_s;
    QTest::newRow("devrev feature depends on feature")
        << u"devrev"_s << features.at(0).toString() << features.at(1).toString()
        << u"is_dependent_on"_s;

    const Pm415World &pm415 = m_demo->pm415().world();
    const QString bug
        = pm415Key({Pm415Type::Bug, pm415.records(Pm415Type::Bug).begin()->first}).toString();
    const QString otherBug
        = pm415Key({Pm415Type::Bug, std::next(pm415.records(Pm415Type::Bug).begin())->first})
              .toString();
    QTest::newRow("pm415 self") << u"pm415"_s << bug << bug << QString();
    QTest::newRow("pm415 two bugs") << u"pm415"_s << bug << otherBug << QString();
}

void TestCommandLine::linkRefusedByTheRulesSendsNothing()
{
    QFETCH(QString, vendor);
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(QString, type);
    const Vendor v = *vendorFromId(vendor);
    addDemoAccount(v);
    startLog();
    const QJsonObject before = worldState(*m_sandbox, v);

    QStringList args{u"link"_s, first, second};
    if (!type.isEmpty())
        args << u"--type"_s << type;
    const Run run = cli(args);

    QCOMPARE(run.code, CommandLine::RefusedByRules);
    QCOMPARE(run.out, QString());
    QVERIFY(run.err.trimmed().size() > 10);
    QVERIFY2(!run.err.trimmed().contains(u'\n'), qPrintable(run.err)); // one sentence
    QCOMPARE(worldState(*m_sandbox, v), before);
    // At most the read of the account's link types reached the vendor
    for (const QString &request : requests())
        QVERIFY2(request.startsWith(u"GET "_s), qPrintable(request));
    QCOMPARE(workspace()->linkCount(), 0);
}

void TestCommandLine::missingSecretNamesTheVariable_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QStringList>("args");
    QTest::newRow("copper sync") << u"copper"_s << QStringList{u"sync"_s, u"copper:sales"_s};
    QTest::newRow("devrev links --refresh")
        << u"devrev"_s << QStringList{u"links"_s, u"devrev:work:issue:ISS-1"_s, u"--refresh"_s};
    QTest::newRow("pm415 link") << u"pm415"_s
                                << QStringList{u"link"_s, u"pm415:roadmap:bug:6"_s,
                                               u"pm415:roadmap:initiative:21"_s};
}

void TestCommandLine::missingSecretNamesTheVariable()
{
    QFETCH(QString, vendor);
    QFETCH(QStringList, args);
    const Vendor v = *vendorFromId(vendor);
    addDemoAccount(v);
    qunsetenv(secretVariable(v).constData());
    startLog();

    const Run run = cli(args);
    QCOMPARE(run.code, CommandLine::VendorFailed);
    QCOMPARE(run.err,
             u"No credential for %1: set the environment variable %2.\n"_s.arg(
                 accountArg(v), QString::fromLatin1(secretVariable(v))));
    QCOMPARE(requests(), QStringList()); // nothing was sent

    // An empty variable is no credential either
    qputenv(secretVariable(v).constData(), "");
    QCOMPARE(cli(args).code, CommandLine::VendorFailed);
    QCOMPARE(requests(), QStringList());
}

void TestCommandLine::wrongSecret_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QString>("message"); // the vendor's own
    QTest::newRow("copper") << u"copper"_s << u"Copper CRM said: “Invalid API key or user email”"_s;
    QTest::newRow("devrev") << u"devrev"_s
                            << u"DevRev said: “Invalid authorization token (unauthenticated)”"_s;
    QTest::newRow("pm415") << u"pm415"_s << u"pm415 said: “Authentication required”"_s;
}

void TestCommandLine::wrongSecret()
{
    QFETCH(QString, vendor);
    QFETCH(QString, message);
    const Vendor v = *vendorFromId(vendor);
    addDemoAccount(v);
    qputenv(secretVariable(v).constData(), wrongSecretOf(v).toLatin1());

    const Run run = cli({u"sync"_s, accountArg(v)});
    QCOMPARE(run.code, CommandLine::VendorFailed);
    QVERIFY2(run.err.contains(vendorDisplayName(v)) && run.err.contains(message),
             qPrintable(run.err));
    QCOMPARE(workspace()->linkCount(), 0);
    // (cli() and cleanup() check that the wrong secret appears nowhere.)
}

void TestCommandLine::notAWorkspaceIsLeftAlone_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("args");
    QTest::newRow("text, accounts") << u"text"_s << QStringList{u"accounts"_s};
    QTest::newRow("binary, add-account")
        << u"binary"_s
        << QStringList{u"add-account"_s, u"pm415:x"_s, u"--url"_s, u"https://pm415.com/api"_s};
    QTest::newRow("json, records")
        << u"json"_s << QStringList{u"records"_s, u"copper:sales"_s, u"--json"_s};
    QTest::newRow("another app's SQLite, sync")
        << u"sqlite"_s << QStringList{u"sync"_s, u"copper:sales"_s};
    QTest::newRow("a folder, accounts") << u"folder"_s << QStringList{u"accounts"_s};
}

void TestCommandLine::notAWorkspaceIsLeftAlone()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, args);
    const QString path = m_dir->filePath(u"notes.linkloom"_s);
    if (kind == "folder"_L1) {
        QVERIFY(QDir(m_dir->path()).mkdir(u"notes.linkloom"_s));
    } else if (kind == "sqlite"_L1) {
        const QString connection = u"tst_commandline_foreign"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"_s));
            QVERIFY(query.exec(u"INSERT INTO notes (text) VALUES ('keep me')"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
    } else {
        static constexpr char Png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe";
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (kind == "text"_L1)
            file.write("These are my notes, not a workspace.\n");
        else if (kind == "json"_L1)
            file.write(R"({"accounts":[{"vendor":"copper","id":"sales"}]})");
        else
            file.write(QByteArray(Png, sizeof Png - 1).repeated(50));
    }
    QByteArray bytes;
    if (kind != "folder"_L1) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        bytes = file.readAll();
    }
    const QDateTime modified = QFileInfo(path).lastModified();
    qputenv(secretVariable(Vendor::Copper).constData(), SandboxServer::CopperApiKey);

    const Run run = cli(args, path);

    QCOMPARE(run.code, CommandLine::WorkspaceFailed);
    QCOMPARE(run.out, QString());
    QVERIFY(!run.err.trimmed().isEmpty());
    if (kind == "folder"_L1) {
        QVERIFY(QFileInfo(path).isDir());
        QVERIFY(QDir(path).isEmpty());
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytes);
        QCOMPARE(QFileInfo(path).lastModified(), modified);
    }
    // Nothing else appeared beside it (no journal, no second file)
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList{u"notes.linkloom"_s});
}

void TestCommandLine::readFaultsAreRetried_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("command"); // "links" (--refresh of a record) or "sync"
    QTest::newRow("copper related 500 x2")
        << u"copper"_s << u"copper:GET:*/*/related:status=500:count=2"_s << u"links"_s;
    QTest::newRow("copper connections reset")
        << u"copper"_s << u"copper:GET:related_links:reset:count=1"_s << u"links"_s;
    QTest::newRow("devrev links.list 429")
        << u"devrev"_s << u"devrev:links.list:status=429:retry_after=1:count=1"_s << u"links"_s;
    QTest::newRow("devrev links.list truncated")
        << u"devrev"_s << u"devrev:links.list:truncate=0.5:count=2"_s << u"links"_s;
    QTest::newRow("pm415 connections 503 x3")
        << u"pm415"_s << u"pm415:GET:connections/**:status=503:count=3"_s << u"links"_s;
    QTest::newRow("pm415 sync with 500s")
        << u"pm415"_s << u"pm415:GET:connections/**:status=500:count=3"_s << u"sync"_s;
}

void TestCommandLine::readFaultsAreRetried()
{
    QFETCH(QString, vendor);
    QFETCH(QString, fault);
    QFETCH(QString, command);
    const Vendor v = *vendorFromId(vendor);
    addDemoAccount(v);
    QString error;
    QVERIFY2(m_sandbox->addFault(fault, &error), qPrintable(error));
    const QJsonObject before = worldState(*m_sandbox, v);

    if (command == "sync"_L1) {
        const Expected expected = expectedSync(*m_sandbox, v);
        const Run run = cli({u"sync"_s, accountArg(v)});
        QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
        QCOMPARE(workspace()->linkCount(), expected.links);
    } else {
        const auto [a, b] = linkedPair(*m_sandbox, v);
        QVERIFY(a.isValid());
        const Run run = cli({u"links"_s, a.toString(), u"--refresh"_s});
        QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
        QVERIFY2(run.out.contains(b.toString()), qPrintable(run.out));
    }
    QVERIFY2(m_sandbox->faults().isEmpty(), "the fault did not strike as often as set up");
    QCOMPARE(worldState(*m_sandbox, v), before);
}

void TestCommandLine::writeFaultsChangeTheWorldAtMostOnce_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QString>("command"); // link or unlink
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("linksAfter"); // between the two records in the world, then

    // Every connector reads the state back after an unclear failure of a write: a 500 before
    // the change fails, one after it finds the change done.
    QTest::newRow("copper link, 500 before")
        << u"copper"_s << u"link"_s << u"copper:POST:*/*/related:status=500:message=Try later"_s
        << int(CommandLine::VendorFailed) << 0;
    QTest::newRow("copper link, 500 after")
        << u"copper"_s << u"link"_s << u"copper:POST:*/*/related:status=500:after"_s
        << int(CommandLine::Done) << 1;
    QTest::newRow("copper unlink, 500 after")
        << u"copper"_s << u"unlink"_s << u"copper:DELETE:*/*/related:status=500:after"_s
        << int(CommandLine::Done) << 0;
    QTest::newRow("devrev link, 500 before")
        << u"devrev"_s << u"link"_s << u"devrev:links.create:status=500:message=Try later"_s
        << int(CommandLine::VendorFailed) << 0;
    QTest::newRow("devrev link, 500 after")
        << u"devrev"_s << u"link"_s << u"devrev:links.create:status=500:after"_s
        << int(CommandLine::Done) << 1;
    QTest::newRow("devrev unlink, 500 after")
        << u"devrev"_s << u"unlink"_s << u"devrev:links.delete:status=500:after"_s
        << int(CommandLine::Done) << 0;
    QTest::newRow("pm415 link, 500 before")
        << u"pm415"_s << u"link"_s << u"pm415:POST:connections/**:status=500:message=Try later"_s
        << int(CommandLine::VendorFailed) << 0;
    QTest::newRow("pm415 link, 500 after")
        << u"pm415"_s << u"link"_s << u"pm415:POST:connections/**:status=500:after"_s
        << int(CommandLine::Done) << 1;
    QTest::newRow("pm415 unlink, 500 after")
        << u"pm415"_s << u"unlink"_s << u"pm415:POST:connections/**:status=500:after"_s
        << int(CommandLine::Done) << 0;
}

void TestCommandLine::writeFaultsChangeTheWorldAtMostOnce()
{
    QFETCH(QString, vendor);
    QFETCH(QString, command);
    QFETCH(QString, fault);
    QFETCH(int, code);
    QFETCH(int, linksAfter);
    const Vendor v = *vendorFromId(vendor);
    addDemoAccount(v);
    const bool add = command == "link"_L1;
    const auto [a, b] = add ? unlinkedPair(*m_sandbox, v) : linkedPair(*m_sandbox, v);
    QVERIFY(a.isValid() && b.isValid());
    const int linksBefore = worldLinks(*m_sandbox, a, b);
    QCOMPARE(linksBefore, add ? 0 : 1);
    QString error;
    QVERIFY2(m_sandbox->addFault(fault, &error), qPrintable(error));
    const QStringList args{command, a.toString(), b.toString(), u"--type"_s, linkType(v)};

    // When the write fails (before or after the vendor made the change)
    Run run = cli(args);

    // Then the world changed at most once, the command says so, and the workspace agrees
    QVERIFY2(run.code == code, qPrintable(u"%1: %2"_s.arg(run.code).arg(run.err)));
    QCOMPARE(worldLinks(*m_sandbox, a, b), linksAfter);
    if (code == CommandLine::VendorFailed) {
        QVERIFY2(run.err.contains(vendorDisplayName(v)), qPrintable(run.err));
        if (fault.contains(u"message="_s))
            QVERIFY2(run.err.contains(u"Try later"_s), qPrintable(run.err));
        QCOMPARE(run.out, QString());
    }
    const bool stored = [&] {
        for (const Link &link : workspace()->linksOf(a)) {
            if (link.otherEnd(a) == b)
                return true;
        }
        return false;
    }();
    QCOMPARE(stored, add && code == CommandLine::Done);

    // When the command is repeated without the fault, it ends as asked, still once
    m_sandbox->clearFaults();
    if (!(add && code == CommandLine::Done)) { // (a link the workspace holds is not offered)
        run = cli(args);
        QVERIFY2(run.code == CommandLine::Done, qPrintable(run.err));
    }
    QCOMPARE(worldLinks(*m_sandbox, a, b), add ? 1 : 0);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
