// The outbox's store: intents written with their link's pending state in one transaction,
// moved on through their lifecycle, refused where they make no sense, kept across a reopen and
// never half-written.

#include "models/linkrepository.h"
#include "models/linkrepository_p.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using State = Intent::State;

namespace {

RecordKey pm(const QString &type, const QString &id)
{
    return {Vendor::Pm415, u"demo"_s, type, id};
}

const RecordKey Bug = pm(u"bug"_s, u"1"_s);
const RecordKey Item = pm(u"item"_s, u"2"_s);
const RecordKey Initiative = pm(u"initiative"_s, u"3"_s);

Link connection(const RecordKey &a, const RecordKey &b, LinkState state = LinkState::Confirmed)
{
    return {a, b, u"connection"_s, LinkDirection::Undirected, {}, state, {}};
}

Intent adding(const Link &link)
{
    Intent intent;
    intent.kind = Intent::Kind::AddLink;
    intent.link = link;
    return intent;
}

Intent removing(const Link &link)
{
    Intent intent = adding(link);
    intent.kind = Intent::Kind::RemoveLink;
    return intent;
}

} // namespace

class TestIntents : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void addedLinkIsPendingUntilConfirmed();
    void failedAddIsRetriedOrDiscarded();
    void removedLinkGoesWhenConfirmed();
    void discardedRemovalKeepsTheLink();
    void refusals_data();
    void refusals();
    void moves_data();
    void moves();
    void openIntentsSurviveReopen();
    void aFailedWriteChangesNothing_data();
    void aFailedWriteChangesNothing();
    void syncLeavesPendingChangesAlone();

private:
    QString path() const { return m_dir->filePath(u"w.linkloom"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_repository;
};

void TestIntents::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_repository = std::make_unique<LinkRepository>();
    QVERIFY(m_repository->open(path()));
    QVERIFY(m_repository->upsertRecords({{Bug, u"Login fails"_s, {}, {}},
                                         {Item, u"Sign-in page"_s, {}, {}},
                                         {Initiative, u"Accounts"_s, {}, {}}}));
}

void TestIntents::cleanup()
{
    LinkRepositoryTesting::failRowWrite(0);
}

void TestIntents::addedLinkIsPendingUntilConfirmed()
{
    QSignalSpy intents(m_repository.get(), &LinkRepository::intentsChanged);
    QSignalSpy added(m_repository.get(), &LinkRepository::linksAdded);
    // A view hearing of the new link finds its intent already.
    std::optional<Intent> seenByView;
    connect(m_repository.get(), &LinkRepository::linksAdded, this, [&](const QList<Link> &links) {
        seenByView = m_repository->openIntentFor(links.first().key());
    });
    Intent intent = adding(connection(Bug, Item));
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    QVERIFY(m_repository->addIntent(intent));
    QVERIFY(intent.id > 0);
    QCOMPARE(intent.state, State::Pending);
    QVERIFY(intent.created >= before && intent.created == intent.updated);
    QCOMPARE(intents.size(), 1);
    QCOMPARE(added.size(), 1);
    QVERIFY(seenByView && seenByView->id == intent.id);
    QCOMPARE(m_repository->link(intent.link.key())->state, LinkState::Pending);
    QCOMPARE(m_repository->openIntents(), QList<Intent>{intent});

    QVERIFY(m_repository->setIntentState(intent.id, State::Sending));
    QCOMPARE(m_repository->intent(intent.id)->attempts, 1);
    QCOMPARE(m_repository->link(intent.link.key())->state, LinkState::Pending);

    QVERIFY(m_repository->setIntentState(intent.id, State::Confirmed, {}, u"v-77"_s));
    const auto confirmed = m_repository->link(intent.link.key());
    QCOMPARE(confirmed->state, LinkState::Confirmed);
    QCOMPARE(confirmed->vendorLinkId, u"v-77"_s);
    QVERIFY(m_repository->openIntents().isEmpty());
    QVERIFY(!m_repository->intent(intent.id));
    QCOMPARE(intents.size(), 3);
}

void TestIntents::failedAddIsRetriedOrDiscarded()
{
    Intent intent = adding(connection(Bug, Item));
    QVERIFY(m_repository->addIntent(intent));
    QVERIFY(m_repository->setIntentState(intent.id, State::Sending));
    QVERIFY(m_repository->setIntentState(intent.id, State::Failed, u"pm415: 500 boom"_s));
    auto shown = m_repository->link(intent.link.key());
    QCOMPARE(shown->state, LinkState::Failed);
    QCOMPARE(shown->error, u"pm415: 500 boom"_s);
    QCOMPARE(m_repository->intent(intent.id)->message, u"pm415: 500 boom"_s);

    // Retry: pending again, message gone; a second attempt fails too; then discard.
    QVERIFY(m_repository->setIntentState(intent.id, State::Pending));
    QCOMPARE(m_repository->link(intent.link.key())->state, LinkState::Pending);
    QVERIFY(m_repository->intent(intent.id)->message.isEmpty());
    QVERIFY(m_repository->setIntentState(intent.id, State::Sending));
    QVERIFY(m_repository->setIntentState(intent.id, State::Failed, u"still no"_s));
    QCOMPARE(m_repository->intent(intent.id)->attempts, 2);
    QVERIFY(m_repository->setIntentState(intent.id, State::Discarded));
    QVERIFY(!m_repository->link(intent.link.key())); // never made: gone
    QVERIFY(m_repository->openIntents().isEmpty());
    // A new intent for the same link may follow.
    Intent again = adding(connection(Item, Bug)); // undirected: either order
    QVERIFY(m_repository->addIntent(again));
    QVERIFY(again.id > intent.id);
}

void TestIntents::removedLinkGoesWhenConfirmed()
{
    Link existing = connection(Bug, Item);
    existing.vendorLinkId = u"c-9"_s;
    QVERIFY(m_repository->upsertLinks({existing}));
    Intent intent = removing(connection(Bug, Item));
    QVERIFY(m_repository->addIntent(intent));
    QCOMPARE(intent.link.vendorLinkId, u"c-9"_s); // the link as it was
    QCOMPARE(m_repository->link(existing.key())->state, LinkState::Pending);
    QVERIFY(m_repository->setIntentState(intent.id, State::Sending));
    QVERIFY(m_repository->setIntentState(intent.id, State::Failed, u"locked"_s));
    QCOMPARE(m_repository->link(existing.key())->state, LinkState::Failed); // still there
    QVERIFY(m_repository->setIntentState(intent.id, State::Sending)); // retried at once
    QSignalSpy removed(m_repository.get(), &LinkRepository::linksRemoved);
    QVERIFY(m_repository->setIntentState(intent.id, State::Confirmed));
    QCOMPARE(removed.size(), 1);
    QVERIFY(!m_repository->link(existing.key()));
}

void TestIntents::discardedRemovalKeepsTheLink()
{
    QVERIFY(m_repository->upsertLinks({connection(Bug, Item)}));
    Intent intent = removing(connection(Bug, Item));
    QVERIFY(m_repository->addIntent(intent));
    QVERIFY(m_repository->setIntentState(intent.id, State::Discarded));
    QCOMPARE(m_repository->link(connection(Bug, Item).key())->state, LinkState::Confirmed);
}

void TestIntents::refusals_data()
{
    QTest::addColumn<Intent>("intent");
    QTest::addColumn<QString>("message");
    QTest::newRow("add an existing link")
        << adding(connection(Bug, Initiative)) << u"already linked"_s;
    QTest::newRow("remove a missing link")
        << removing(connection(Bug, Item)) << u"nothing to remove"_s;
    QTest::newRow("a second change to a link")
        << adding(connection(Item, Initiative)) << u"already has a change waiting"_s;
    Link across = connection(Bug, Item);
    across.target.account = u"other"_s;
    QTest::newRow("two accounts") << adding(across) << u"same account"_s;
    Link untyped = connection(Bug, Item);
    untyped.type.clear();
    QTest::newRow("no type") << adding(untyped) << u"incomplete"_s;
}

void TestIntents::refusals()
{
    QFETCH(Intent, intent);
    QFETCH(QString, message);
    QVERIFY(m_repository->upsertLinks({connection(Bug, Initiative)}));
    Intent first = adding(connection(Item, Initiative));
    QVERIFY(m_repository->addIntent(first));
    const QList<Intent> before = m_repository->openIntents();
    const qsizetype links = m_repository->linkCount();
    QSignalSpy changed(m_repository.get(), &LinkRepository::intentsChanged);
    const Result result = m_repository->addIntent(intent);
    QVERIFY(!result);
    QVERIFY2(result.message().contains(message), qPrintable(result.message()));
    QCOMPARE(m_repository->openIntents(), before);
    QCOMPARE(m_repository->linkCount(), links);
    QCOMPARE(changed.size(), 0);
}

void TestIntents::moves_data()
{
    QTest::addColumn<QList<State>>("path");
    QTest::addColumn<State>("refused");
    QTest::newRow("confirm a failed one")
        << QList<State>{State::Sending, State::Failed} << State::Confirmed;
    QTest::newRow("discard while sending") << QList<State>{State::Sending} << State::Discarded;
    QTest::newRow("send twice") << QList<State>{State::Sending} << State::Sending;
    QTest::newRow("fail a failed one")
        << QList<State>{State::Sending, State::Failed} << State::Failed;
    QTest::newRow("pending again while pending") << QList<State>{} << State::Pending;
}

void TestIntents::moves()
{
    QFETCH(QList<State>, path);
    QFETCH(State, refused);
    Intent intent = adding(connection(Bug, Item));
    QVERIFY(m_repository->addIntent(intent));
    for (State state : std::as_const(path))
        QVERIFY(m_repository->setIntentState(intent.id, state, u"why"_s));
    const Intent before = *m_repository->intent(intent.id);
    const Link linkBefore = *m_repository->link(intent.link.key());
    const Result result = m_repository->setIntentState(intent.id, refused, u"why"_s);
    QVERIFY(!result);
    QVERIFY(!result.message().isEmpty());
    QCOMPARE(*m_repository->intent(intent.id), before);
    QCOMPARE(*m_repository->link(intent.link.key()), linkBefore);
    // A closed intent cannot be moved at all.
    QVERIFY(m_repository->setIntentState(intent.id, State::Discarded)
            || m_repository->setIntentState(intent.id, State::Confirmed));
    QVERIFY(!m_repository->setIntentState(intent.id, State::Pending));
}

void TestIntents::openIntentsSurviveReopen()
{
    QVERIFY(m_repository->upsertLinks({connection(Bug, Initiative)}));
    Intent a = adding(connection(Bug, Item));
    Intent b = removing(connection(Bug, Initiative));
    Intent c = adding(connection(Item, Initiative));
    c.reverses = 41;
    for (Intent *intent : {&a, &b, &c})
        QVERIFY(m_repository->addIntent(*intent));
    QVERIFY(m_repository->setIntentState(a.id, State::Sending)); // interrupted mid-send
    QVERIFY(m_repository->setIntentState(b.id, State::Sending));
    QVERIFY(m_repository->setIntentState(b.id, State::Failed, u"locked"_s));
    QVERIFY(m_repository->setIntentState(c.id, State::Discarded)); // closed
    const QList<Intent> open = m_repository->openIntents();
    QCOMPARE(open.size(), 2);

    m_repository->close();
    LinkRepository reopened;
    QVERIFY(reopened.open(path()));
    QCOMPARE(reopened.openIntents(), open); // every field, times to the millisecond
    QCOMPARE(reopened.openIntents().first().state, State::Sending);
    QCOMPARE(reopened.link(a.link.key())->state, LinkState::Pending);
    QCOMPARE(reopened.link(b.link.key())->error, u"locked"_s);
    QVERIFY(!reopened.link(c.link.key()));
    // Ids go on after the closed ones.
    Intent d = adding(connection(Item, Initiative));
    QVERIFY(reopened.addIntent(d));
    QCOMPARE(d.id, c.id + 1);
}

void TestIntents::aFailedWriteChangesNothing_data()
{
    QTest::addColumn<bool>("move");
    QTest::addColumn<int>("failingRow");
    QTest::newRow("add: the link row") << false << 1;
    QTest::newRow("add: the intent row") << false << 2;
    QTest::newRow("confirm: the link row") << true << 1;
    QTest::newRow("confirm: the intent row") << true << 2;
}

void TestIntents::aFailedWriteChangesNothing()
{
    QFETCH(bool, move);
    QFETCH(int, failingRow);
    Intent intent = adding(connection(Bug, Item));
    if (move)
        QVERIFY(m_repository->addIntent(intent));
    const QList<Intent> before = m_repository->openIntents();
    const std::optional<Link> linkBefore = m_repository->link(intent.link.key());
    QSignalSpy changed(m_repository.get(), &LinkRepository::intentsChanged);

    LinkRepositoryTesting::failRowWrite(failingRow);
    const Result result = move ? m_repository->setIntentState(intent.id, State::Confirmed)
                               : m_repository->addIntent(intent);
    QVERIFY(!result);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_repository->openIntents(), before);
    QCOMPARE(m_repository->link(intent.link.key()), linkBefore);
    m_repository->close();
    LinkRepository reopened;
    QVERIFY(reopened.open(path()));
    QCOMPARE(reopened.openIntents(), before);
    QCOMPARE(reopened.link(intent.link.key()), linkBefore);
}

void TestIntents::syncLeavesPendingChangesAlone()
{
    QVERIFY(m_repository->upsertLinks({connection(Bug, Initiative)}));
    Intent add = adding(connection(Bug, Item));
    Intent remove = removing(connection(Bug, Initiative));
    QVERIFY(m_repository->addIntent(add));
    QVERIFY(m_repository->addIntent(remove));
    // The vendor does not have the new link yet and still has the old one: a refresh that
    // says so keeps both changes on their way.
    QVERIFY(m_repository->replaceLinksOf(Bug, QString(), {connection(Bug, Initiative)}));
    QCOMPARE(m_repository->link(add.link.key())->state, LinkState::Pending);
    QCOMPARE(m_repository->link(remove.link.key())->state, LinkState::Pending);
    QCOMPARE(m_repository->openIntents().size(), 2);
}

QTEST_GUILESS_MAIN(TestIntents)
#include "tst_intents.moc"
