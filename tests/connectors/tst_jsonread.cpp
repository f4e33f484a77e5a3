// JsonRead: the readers of untrusted JSON every mapping uses, and the nesting limit that keeps
// a hostile answer from costing deep recursion.

#include "connectors/jsonread.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestJsonRead : public QObject
{
    Q_OBJECT

private slots:
    void nestingDepth_data();
    void nestingDepth();
    void parseObject_data();
    void parseObject();
    void positiveInteger_data();
    void positiveInteger();
};

void TestJsonRead::nestingDepth_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("depth");
    QTest::newRow("scalar") << "42"_ba << 0;
    QTest::newRow("object") << R"({"a":1})"_ba << 1;
    QTest::newRow("nested") << R"({"a":[{"b":[]}]})"_ba << 4;
    QTest::newRow("brackets in strings") << R"({"a":"[[[{{{"})"_ba << 1;
    QTest::newRow("escaped quote") << R"({"a":"\"[[["})"_ba << 1;
    QTest::newRow("escaped backslash") << R"({"a":"\\",  "b":[]})"_ba << 2;
    QTest::newRow("siblings") << "[[],[],[[]]]"_ba << 3;
    QTest::newRow("stops past the limit") << QByteArray(100'000, '[') << JsonRead::MaxDepth + 1;
}

void TestJsonRead::nestingDepth()
{
    QFETCH(QByteArray, json);
    QFETCH(int, depth);
    QCOMPARE(JsonRead::nestingDepth(json), depth);
}

void TestJsonRead::parseObject_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem"); // a part of it; empty: parsed

    const QByteArray deep = QByteArray("{\"a\":") + QByteArray(JsonRead::MaxDepth, '[')
        + QByteArray(JsonRead::MaxDepth, ']') + '}';
    const QByteArray limit = QByteArray("{\"a\":") + QByteArray(JsonRead::MaxDepth - 1, '[')
        + QByteArray(JsonRead::MaxDepth - 1, ']') + '}';
    QTest::newRow("object") << R"({"id":1})"_ba << QString();
    QTest::newRow("at the limit") << limit << QString();
    QTest::newRow("past the limit") << deep << u"levels deep"_s;
    QTest::newRow("array") << "[1]"_ba << u"Expected a JSON object"_s;
    QTest::newRow("truncated") << R"({"id":)"_ba << u"not JSON"_s;
    QTest::newRow("empty") << QByteArray() << u"not JSON"_s;
}

void TestJsonRead::parseObject()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);
    QString found;
    const auto object = JsonRead::parseObject(json, &found);
    QCOMPARE(object.has_value(), problem.isEmpty());
    QVERIFY2(found.contains(problem), qPrintable(found));
}

void TestJsonRead::positiveInteger_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<qint64>("expected"); // 0: refused
    QTest::newRow("one") << QJsonValue(1) << qint64(1);
    QTest::newRow("zero") << QJsonValue(0) << qint64(0);
    QTest::newRow("negative") << QJsonValue(-5) << qint64(0);
    QTest::newRow("fraction") << QJsonValue(1.5) << qint64(0);
    QTest::newRow("string") << QJsonValue(u"7"_s) << qint64(0);
    QTest::newRow("2^53") << QJsonValue(double(JsonRead::MaxExactInteger))
                          << JsonRead::MaxExactInteger;
    QTest::newRow("past 2^53") << QJsonValue(1e300) << qint64(0);
}

void TestJsonRead::positiveInteger()
{
    QFETCH(QJsonValue, value);
    QFETCH(qint64, expected);
    QCOMPARE(JsonRead::positiveInteger(value).value_or(0), expected);
}

QTEST_GUILESS_MAIN(TestJsonRead)
#include "tst_jsonread.moc"
