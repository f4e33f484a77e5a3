#include "connectors/copper/copperconnector.h"
#include "connectors/copper/coppermapping.h"
#include "connectors/networkmanager.h"
#include "connectors/sync/syncservice.h"
#include "models/linkrepository.h"
#include "sandbox/coppersandbox.h"
#include "sandbox/sandboxserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestSyncService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void accounts();
    void fetchRecordsFillsRepository();
    void secondRequestIsCoalesced();
    void fetchLinksAddsLinksAndResolvesStubs();
    void fetchLinksFollowsRemoteRemovals();
    void wrongApiKeyLeavesRepositoryAsBefore();
    void unreachableSandboxLeavesRepositoryAsBefore();
    void unknownAccountFails();

private:
    /// Everything the repository holds, to compare before and after a failed request.
    QString snapshot() const;
    Result fetchRecords(const QString &type);
    Result fetchLinks(const RecordKey &record);
    RecordKey key(CopperEntity type, qint64 id) const
    {
        return RecordKey{Vendor::Copper, u"sales"_s, copperTypeName(type), QString::number(id)};
    }
    CopperWorld &world() { return m_sandbox->copper().world(); }
    /// An opportunity related to at least two records.
    CopperRef wellConnectedDeal();
    void addAccount(const QString &name, const QString &apiKey)
    {
        m_sync->addConnector(new CopperConnector({Vendor::Copper,
                                                  u"sales"_s,
                                                  name,
                                                  m_sandbox->baseUrl(Vendor::Copper),
                                                  QString::fromLatin1(SandboxServer::CopperEmail),
                                                  {}},
                                                 apiKey, m_network.get()));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_repository;
    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<SyncService> m_sync;
};

void TestSyncService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_repository = std::make_unique<LinkRepository>();
    const Result opened = m_repository->open(m_dir->filePath(u"test.linkloom"_s));
    QVERIFY2(opened.ok(), qPrintable(opened.message()));
    m_network = std::make_unique<NetworkManager>();
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    m_sync = std::make_unique<SyncService>(m_repository.get(), m_network.get());
    addAccount(u"Sales"_s, QString::fromLatin1(SandboxServer::CopperApiKey));
}

void TestSyncService::cleanup()
{
    m_sync.reset();
    m_sandbox.reset();
    m_network.reset();
    m_repository.reset();
    m_dir.reset();
}

QString TestSyncService::snapshot() const
{
    QStringList lines{
        u"records %1 links %2"_s.arg(m_repository->recordCount()).arg(m_repository->linkCount())};
    for (const QString &type : Copper::recordTypes()) {
        for (const RecordKey &k : m_repository->recordsOfType(Vendor::Copper, u"sales"_s, type)) {
            const auto r = m_repository->record(k);
            lines << k.toString() + u' ' + (r ? r->title : u"?"_s);
            for (const Link &l : m_repository->linksOf(k))
                lines << u"  "_s + l.source.toString() + u" - "_s + l.target.toString();
        }
    }
    return lines.join(u'\n');
}

Result TestSyncService::fetchRecords(const QString &type)
{
    QSignalSpy fetched(m_sync.get(), &RecordSource::recordsFetched);
    m_sync->fetchRecords(Vendor::Copper, u"sales"_s, type);
    if (!fetched.wait(10'000))
        return Result::failure(u"recordsFetched() did not come"_s);
    const QList<QVariant> args = fetched.first();
    if (args.at(2).toString() != type)
        return Result::failure(u"recordsFetched() for another type"_s);
    return args.at(3).value<Result>();
}

Result TestSyncService::fetchLinks(const RecordKey &record)
{
    QSignalSpy fetched(m_sync.get(), &RecordSource::linksFetched);
    m_sync->fetchLinks(record);
    if (!fetched.wait(10'000))
        return Result::failure(u"linksFetched() did not come"_s);
    if (fetched.first().at(0).value<RecordKey>() != record)
        return Result::failure(u"linksFetched() for another record"_s);
    return fetched.first().at(1).value<Result>();
}

CopperRef TestSyncService::wellConnectedDeal()
{
    for (const auto &[id, record] : world().records(CopperEntity::Opportunity)) {
        if (world().related(CopperRef{CopperEntity::Opportunity, id}).size() >= 2)
            return CopperRef{CopperEntity::Opportunity, id};
    }
    return {};
}

void TestSyncService::accounts()
{
    const QList<AccountInfo> accounts = m_sync->accounts();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.first().vendor, Vendor::Copper);
    QCOMPARE(accounts.first().account, u"sales"_s);
    QCOMPARE(accounts.first().displayName, u"Sales"_s);
    QStringList types, labels;
    for (const RecordTypeInfo &t : accounts.first().recordTypes) {
        types << t.type;
        labels << t.label;
    }
    QCOMPARE(types, Copper::recordTypes());
    QCOMPARE(labels,
             QStringList({u"Companies"_s, u"People"_s, u"Opportunities"_s, u"Projects"_s,
                          u"Tasks"_s, u"Leads"_s}));

    // Adding the same account again updates it instead of adding a second one
    QSignalSpy changed(m_sync.get(), &RecordSource::accountsChanged);
    addAccount(u"Sales EU"_s, QString::fromLatin1(SandboxServer::CopperApiKey));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_sync->accounts().size(), 1);
    QCOMPARE(m_sync->accounts().first().displayName, u"Sales EU"_s);
    QVERIFY(m_sync->connector(Vendor::Copper, u"sales"_s));
    QVERIFY(!m_sync->connector(Vendor::Copper, u"other"_s));
    QVERIFY(!m_sync->connector(Vendor::DevRev, u"sales"_s));
}

void TestSyncService::fetchRecordsFillsRepository()
{
    QSignalSpy activity(m_sync.get(), &RecordSource::activityChanged);
    const Result result = fetchRecords(u"company"_s);
    QVERIFY2(result.ok(), qPrintable(result.message() + u'\n' + result.details()));

    const auto &companies = world().records(CopperEntity::Company);
    const QList<RecordKey> keys
        = m_repository->recordsOfType(Vendor::Copper, u"sales"_s, u"company"_s);
    QCOMPARE(keys.size(), qsizetype(companies.size()));
    for (const auto &[id, json] : companies) {
        const auto record = m_repository->record(key(CopperEntity::Company, id));
        QVERIFY(record);
        QCOMPARE(record->title, json.value("name"_L1).toString().simplified());
    }
    QCOMPARE(activity.size(), 2);
    QCOMPARE(activity.at(0).at(0).toInt(), 1);
    QCOMPARE(activity.at(1).at(0).toInt(), 0);
    QCOMPARE(m_sync->activeRequests(), 0);
}

void TestSyncService::secondRequestIsCoalesced()
{
    QSignalSpy fetched(m_sync.get(), &RecordSource::recordsFetched);
    QSignalSpy activity(m_sync.get(), &RecordSource::activityChanged);
    m_sync->fetchRecords(Vendor::Copper, u"sales"_s, u"person"_s);
    m_sync->fetchRecords(Vendor::Copper, u"sales"_s, u"person"_s);
    QCOMPARE(m_sync->activeRequests(), 1);
    QVERIFY(fetched.wait(10'000));
    QTest::qWait(100);
    QCOMPARE(fetched.size(), 1);
    QCOMPARE(activity.size(), 2);
    QVERIFY(fetched.first().at(3).value<Result>().ok());

    // Once it is over, asking again starts a new request
    m_sync->fetchRecords(Vendor::Copper, u"sales"_s, u"person"_s);
    QCOMPARE(m_sync->activeRequests(), 1);
    QTRY_COMPARE(fetched.size(), 2);
}

void TestSyncService::fetchLinksAddsLinksAndResolvesStubs()
{
    // Given an empty repository and a deal with related records in Copper
    const CopperRef deal = wellConnectedDeal();
    QVERIFY(deal.id != 0);
    const RecordKey dealKey = key(deal.type, deal.id);
    const QList<CopperRef> related = world().related(deal);

    // When its links are fetched
    const Result result = fetchLinks(dealKey);
    QVERIFY2(result.ok(), qPrintable(result.message() + u'\n' + result.details()));

    // Then each related record is linked, undirected and confirmed, and has its title
    qsizetype relatedLinks = 0;
    for (const Link &link : m_repository->linksOf(dealKey))
        relatedLinks += link.type == "related"_L1;
    QCOMPARE(relatedLinks, related.size());
    for (const CopperRef &other : related) {
        const RecordKey otherKey = key(other.type, other.id);
        const auto link = m_repository->link(LinkKey{dealKey, otherKey, u"related"_s});
        const auto reverse = m_repository->link(LinkKey{otherKey, dealKey, u"related"_s});
        QVERIFY(link || reverse);
        const Link l = link ? *link : *reverse;
        QCOMPARE(l.direction, LinkDirection::Undirected);
        QCOMPARE(l.state, LinkState::Confirmed);
        const auto record = m_repository->record(otherKey);
        QVERIFY(record);
        QCOMPARE(record->title, world().record(other).value("name"_L1).toString().simplified());
    }
    // And the account's link types arrive in the background, so their labels can show.
    QTRY_VERIFY(!m_repository->linkTypes(Vendor::Copper, dealKey.account).isEmpty());
    QVERIFY(m_repository->linkType(Vendor::Copper, dealKey.account, u"related"_s));
}

void TestSyncService::fetchLinksFollowsRemoteRemovals()
{
    const CopperRef deal = wellConnectedDeal();
    const RecordKey dealKey = key(deal.type, deal.id);
    QVERIFY(fetchLinks(dealKey).ok());
    const qsizetype before = m_repository->linksOf(dealKey).size();

    const CopperRef gone = world().related(deal).first();
    QVERIFY(world().unrelate(deal, gone));
    QVERIFY(fetchLinks(dealKey).ok());
    QCOMPARE(m_repository->linksOf(dealKey).size(), before - 1);
    QVERIFY(!m_repository->neighbours(dealKey).contains(key(gone.type, gone.id)));
}

void TestSyncService::wrongApiKeyLeavesRepositoryAsBefore()
{
    QVERIFY(fetchRecords(u"company"_s).ok());
    const QString before = snapshot();

    const QString wrongKey = u"wrong-key-0123456789abcdef"_s;
    addAccount(u"Sales"_s, wrongKey);

    const Result records = fetchRecords(u"person"_s);
    QVERIFY(!records.ok());
    QVERIFY2(records.message().contains(u"Copper CRM (account “Sales”)"_s)
                 && records.message().contains(u"account settings"_s),
             qPrintable(records.message()));
    QVERIFY(!records.details().contains(wrongKey));

    const qint64 company = world().records(CopperEntity::Company).begin()->first;
    const Result links = fetchLinks(key(CopperEntity::Company, company));
    QVERIFY(!links.ok());
    QCOMPARE(snapshot(), before);
}

void TestSyncService::unreachableSandboxLeavesRepositoryAsBefore()
{
    QVERIFY(fetchRecords(u"project"_s).ok());
    const qint64 project = world().records(CopperEntity::Project).begin()->first;
    const QString before = snapshot();
    m_sandbox.reset(); // the port is closed now

    const Result records = fetchRecords(u"person"_s);
    QVERIFY(!records.ok());
    QVERIFY2(records.message().contains(u"could not reach"_s)
                 && records.message().contains(u"network connection"_s),
             qPrintable(records.message()));
    QVERIFY(!fetchLinks(key(CopperEntity::Project, project)).ok());
    QCOMPARE(snapshot(), before);
    QCOMPARE(m_sync->activeRequests(), 0);
}

void TestSyncService::unknownAccountFails()
{
    QSignalSpy fetched(m_sync.get(), &RecordSource::recordsFetched);
    m_sync->fetchRecords(Vendor::Copper, u"nope"_s, u"person"_s);
    QCOMPARE(fetched.size(), 0); // never from inside the call
    QVERIFY(fetched.wait());
    const Result result = fetched.first().at(3).value<Result>();
    QVERIFY(!result.ok());
    QVERIFY2(result.message().contains(u"no Copper CRM account “nope”"_s),
             qPrintable(result.message()));

    QSignalSpy links(m_sync.get(), &RecordSource::linksFetched);
    m_sync->fetchLinks(RecordKey{Vendor::DevRev, u"x"_s, u"issue"_s, u"1"_s});
    QVERIFY(links.wait());
    QVERIFY(!links.first().at(1).value<Result>().ok());
    QCOMPARE(m_sync->activeRequests(), 0);
}

QTEST_GUILESS_MAIN(TestSyncService)
#include "tst_syncservice.moc"
