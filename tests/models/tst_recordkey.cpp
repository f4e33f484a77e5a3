#include "models/link.h"
#include "models/recordkey.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class TestRecordKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void toStringEncodesSeparators();
    void invalidStrings_data();
    void invalidStrings();
    void validity();
    void hashingAndEquality();
    void ordering();
    void undirectedKeyIsNormalised();
    void directedKeyKeepsOrder();
    void otherEnd();
};

void TestRecordKey::roundTrip_data()
{
    QTest::addColumn<RecordKey>("key");
    QTest::newRow("plain") << RecordKey{Vendor::Copper, u"acme"_s, u"person"_s, u"42"_s};
    QTest::newRow("colons") << RecordKey{Vendor::DevRev, u"org:1"_s, u"issue"_s,
                                         u"don:core:dvrv-us-1:devo/0:issue/7"_s};
    QTest::newRow("percent") << RecordKey{Vendor::Pm415, u"50%off"_s, u"task"_s, u"%3A%%"_s};
    QTest::newRow("spaces and unicode")
        << RecordKey{Vendor::Laserfiche, u"r\u00e9po 1"_s, u"entry"_s, u"/Docs/\u00c4 b.pdf"_s};
    QTest::newRow("slash and hash")
        << RecordKey{Vendor::Copper, u"a/b"_s, u"company"_s, u"#1?x=2&y"_s};
}

void TestRecordKey::roundTrip()
{
    QFETCH(RecordKey, key);
    const QString text = key.toString();
    const auto parsed = RecordKey::fromString(text);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, key);
    // Exactly four parts: separators inside parts never leak into the text.
    QCOMPARE(text.count(u':'), 3);
}

void TestRecordKey::toStringEncodesSeparators()
{
    const RecordKey key{Vendor::DevRev, u"a:b"_s, u"issue"_s, u"5%"_s};
    QCOMPARE(key.toString(), u"devrev:a%3Ab:issue:5%25"_s);
}

void TestRecordKey::invalidStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("three parts") << u"copper:acme:person"_s;
    QTest::newRow("five parts") << u"copper:acme:person:1:2"_s;
    QTest::newRow("unknown vendor") << u"salesforce:acme:person:1"_s;
    QTest::newRow("vendor case") << u"Copper:acme:person:1"_s;
    QTest::newRow("empty account") << u"copper::person:1"_s;
    QTest::newRow("empty type") << u"copper:acme::1"_s;
    QTest::newRow("empty id") << u"copper:acme:person:"_s;
}

void TestRecordKey::invalidStrings()
{
    QFETCH(QString, text);
    QVERIFY(!RecordKey::fromString(text).has_value());
}

void TestRecordKey::validity()
{
    QVERIFY(RecordKey({Vendor::Copper, u"a"_s, u"t"_s, u"1"_s}).isValid());
    QVERIFY(!RecordKey({Vendor::Copper, QString(), u"t"_s, u"1"_s}).isValid());
    QVERIFY(!RecordKey({Vendor::Copper, u"a"_s, QString(), u"1"_s}).isValid());
    QVERIFY(!RecordKey({Vendor::Copper, u"a"_s, u"t"_s, QString()}).isValid());
    QVERIFY(!RecordKey().isValid());
}

void TestRecordKey::hashingAndEquality()
{
    const RecordKey a{Vendor::Copper, u"acme"_s, u"person"_s, u"1"_s};
    RecordKey same = a;
    same.id = u"1"_s; // an equal value built separately
    QCOMPARE(a, same);
    QCOMPARE(qHash(a), qHash(same));
    QCOMPARE(qHash(a, 7), qHash(same, 7));

    // Each part takes part in equality and in the hash.
    const QList<RecordKey> others = {
        {Vendor::DevRev, u"acme"_s, u"person"_s, u"1"_s},
        {Vendor::Copper, u"acme2"_s, u"person"_s, u"1"_s},
        {Vendor::Copper, u"acme"_s, u"company"_s, u"1"_s},
        {Vendor::Copper, u"acme"_s, u"person"_s, u"2"_s},
    };
    QSet<RecordKey> set{a};
    for (const RecordKey &other : others) {
        QVERIFY(other != a);
        QVERIFY(!set.contains(other));
        set.insert(other);
    }
    QCOMPARE(set.size(), 5);
    QVERIFY(set.contains(same));
    // Ids are unique per type only (Copper): the type keeps keys apart.
    QVERIFY(!(others.at(2) == a));
}

void TestRecordKey::ordering()
{
    const RecordKey a{Vendor::Copper, u"acme"_s, u"person"_s, u"1"_s};
    const RecordKey b{Vendor::Copper, u"acme"_s, u"person"_s, u"2"_s};
    const RecordKey c{Vendor::DevRev, u"a"_s, u"a"_s, u"0"_s};
    QVERIFY(a < b);
    QVERIFY(!(b < a));
    QVERIFY(!(a < a));
    QVERIFY(b < c); // the vendor orders first
}

void TestRecordKey::undirectedKeyIsNormalised()
{
    const RecordKey a{Vendor::Copper, u"acme"_s, u"person"_s, u"1"_s};
    const RecordKey b{Vendor::Copper, u"acme"_s, u"company"_s, u"9"_s};
    QVERIFY(b < a);
    const Link ab{a, b, u"related"_s, LinkDirection::Undirected, {}, LinkState::Confirmed, {}};
    const Link ba{b, a, u"related"_s, LinkDirection::Undirected, {}, LinkState::Confirmed, {}};
    QCOMPARE(ab.key(), ba.key());
    QCOMPARE(qHash(ab.key()), qHash(ba.key()));
    QCOMPARE(ab.key().source, b); // the smaller end first
    QCOMPARE(ab.key().target, a);

    Link other = ab;
    other.type = u"connection"_s;
    QVERIFY(other.key() != ab.key());
}

void TestRecordKey::directedKeyKeepsOrder()
{
    const RecordKey a{Vendor::DevRev, u"org"_s, u"issue"_s, u"1"_s};
    const RecordKey b{Vendor::DevRev, u"org"_s, u"issue"_s, u"2"_s};
    const Link ba{b, a, u"is_dependent_on"_s, LinkDirection::Directed, {}, LinkState::Confirmed,
                  {}};
    const Link ab{a, b, u"is_dependent_on"_s, LinkDirection::Directed, {}, LinkState::Confirmed,
                  {}};
    QCOMPARE(ba.key().source, b);
    QCOMPARE(ba.key().target, a);
    QVERIFY(ab.key() != ba.key());
}

void TestRecordKey::otherEnd()
{
    const RecordKey a{Vendor::Copper, u"acme"_s, u"person"_s, u"1"_s};
    const RecordKey b{Vendor::Copper, u"acme"_s, u"person"_s, u"2"_s};
    const Link link{a, b, u"related"_s, LinkDirection::Undirected, {}, LinkState::Confirmed, {}};
    QCOMPARE(link.otherEnd(a), b);
    QCOMPARE(link.otherEnd(b), a);
    QVERIFY(link.touches(a));
    QVERIFY(!link.touches(RecordKey{Vendor::Copper, u"acme"_s, u"person"_s, u"3"_s}));
    const Link self{a, a, u"related"_s, LinkDirection::Undirected, {}, LinkState::Confirmed, {}};
    QCOMPARE(self.otherEnd(a), a);
}

QTEST_GUILESS_MAIN(TestRecordKey)
#include "tst_recordkey.moc"
