// RateLimiter: the rolling-window request limit the simulators use for vendor limits.

#include "sandbox/ratelimiter.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 T0 = 1'700'000'000'000; // an arbitrary "now", epoch ms
constexpr qint64 Minute = 60'000;

} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void allowsUpToTheLimit();
    void refusalIsNotCounted();
    void windowRolls();
    void windowEdgeIsExclusive();
    void subjectsAreSeparate();
    void decisionValues();
    void retryAfterRoundsUp_data();
    void retryAfterRoundsUp();
    void zeroLimitIsUnlimited();
    void loweredLimitApplies();
    void resetForgets();
};

void TestRateLimiter::allowsUpToTheLimit()
{
    RateLimiter limiter(3, Minute);
    for (int i = 0; i < 3; ++i)
        QVERIFY(limiter.take(u"key"_s, T0 + i).allowed);
    QVERIFY(!limiter.take(u"key"_s, T0 + 3).allowed);
}

void TestRateLimiter::refusalIsNotCounted()
{
    // Refused requests do not extend the wait: the slot frees when the first request ages out.
    RateLimiter limiter(1, Minute);
    QVERIFY(limiter.take(u"key"_s, T0).allowed);
    for (int i = 1; i <= 5; ++i)
        QVERIFY(!limiter.take(u"key"_s, T0 + i * 1000).allowed);
    QVERIFY(limiter.take(u"key"_s, T0 + Minute).allowed);
}

void TestRateLimiter::windowRolls()
{
    // Rolling, not fixed: at T0 + 30 s two more requests come; at T0 + 60 s only the ones from
    // T0 have left the window.
    RateLimiter limiter(3, Minute);
    QVERIFY(limiter.take(u"key"_s, T0).allowed);
    QVERIFY(limiter.take(u"key"_s, T0 + 30'000).allowed);
    QVERIFY(limiter.take(u"key"_s, T0 + 30'001).allowed);
    QVERIFY(!limiter.take(u"key"_s, T0 + 59'999).allowed);

    const RateLimiter::Decision freed = limiter.take(u"key"_s, T0 + Minute);
    QVERIFY(freed.allowed);
    QCOMPARE(freed.remaining, 0);
    QVERIFY(!limiter.take(u"key"_s, T0 + Minute + 1).allowed);
    QVERIFY(!limiter.take(u"key"_s, T0 + 30'000 + Minute - 1).allowed);
    QVERIFY(limiter.take(u"key"_s, T0 + 30'000 + Minute).allowed);
}

void TestRateLimiter::windowEdgeIsExclusive()
{
    // A request exactly one window old no longer counts; one millisecond younger still does.
    RateLimiter limiter(1, 1000);
    QVERIFY(limiter.take(u"key"_s, T0).allowed);
    QVERIFY(!limiter.take(u"key"_s, T0 + 999).allowed);
    QVERIFY(limiter.take(u"key"_s, T0 + 1000).allowed);
}

void TestRateLimiter::subjectsAreSeparate()
{
    RateLimiter limiter(2, Minute);
    QVERIFY(limiter.take(u"alice"_s, T0).allowed);
    QVERIFY(limiter.take(u"alice"_s, T0).allowed);
    QVERIFY(!limiter.take(u"alice"_s, T0).allowed);

    const RateLimiter::Decision bob = limiter.take(u"bob"_s, T0);
    QVERIFY(bob.allowed);
    QCOMPARE(bob.remaining, 1);
    QVERIFY(limiter.take(u"bob"_s, T0).allowed);
    QVERIFY(!limiter.take(u"bob"_s, T0).allowed);
    // Subjects differ by exact text.
    QVERIFY(limiter.take(u"Alice"_s, T0).allowed);
}

void TestRateLimiter::decisionValues()
{
    RateLimiter limiter(3, Minute);
    QCOMPARE(limiter.limit(), 3);
    QCOMPARE(limiter.windowMs(), Minute);

    const RateLimiter::Decision first = limiter.take(u"key"_s, T0);
    QVERIFY(first.allowed);
    QCOMPARE(first.limit, 3);
    QCOMPARE(first.remaining, 2);
    QCOMPARE(first.resetMs, T0 + Minute);
    QCOMPARE(first.retryAfterSeconds, 0);

    const RateLimiter::Decision second = limiter.take(u"key"_s, T0 + 10'000);
    QCOMPARE(second.remaining, 1);
    QCOMPARE(second.resetMs, T0 + Minute); // the oldest request decides
    const RateLimiter::Decision third = limiter.take(u"key"_s, T0 + 20'000);
    QVERIFY(third.allowed);
    QCOMPARE(third.remaining, 0);

    const RateLimiter::Decision refused = limiter.take(u"key"_s, T0 + 45'500);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.limit, 3);
    QCOMPARE(refused.remaining, 0);
    QCOMPARE(refused.resetMs, T0 + Minute);
    QCOMPARE(refused.retryAfterSeconds, 15); // 14.5 s, rounded up

    // Once the first request leaves, the second one decides the reset.
    const RateLimiter::Decision later = limiter.take(u"key"_s, T0 + Minute);
    QVERIFY(later.allowed);
    QCOMPARE(later.remaining, 0);
    QCOMPARE(later.resetMs, T0 + 10'000 + Minute);
}

void TestRateLimiter::retryAfterRoundsUp_data()
{
    QTest::addColumn<qint64>("at");
    QTest::addColumn<int>("retryAfter");
    QTest::newRow("a full window to wait") << T0 << 60;
    QTest::newRow("whole seconds left") << T0 + 59'000 << 1;
    QTest::newRow("part of a second") << T0 + 59'001 << 1;
    QTest::newRow("a second and a bit") << T0 + 58'999 << 2;
    QTest::newRow("one millisecond") << T0 + 59'999 << 1;
}

void TestRateLimiter::retryAfterRoundsUp()
{
    QFETCH(qint64, at);
    QFETCH(int, retryAfter);
    RateLimiter limiter(1, Minute);
    QVERIFY(limiter.take(u"key"_s, T0).allowed);
    const RateLimiter::Decision refused = limiter.take(u"key"_s, at);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfterSeconds, retryAfter);
    QCOMPARE(refused.resetMs, T0 + Minute);
}

void TestRateLimiter::zeroLimitIsUnlimited()
{
    for (int limit : {0, -1}) {
        RateLimiter limiter(limit, Minute);
        for (int i = 0; i < 1000; ++i) {
            const RateLimiter::Decision decision = limiter.take(u"key"_s, T0);
            QVERIFY(decision.allowed);
            QCOMPARE(decision.limit, 0);
            QCOMPARE(decision.retryAfterSeconds, 0);
        }
    }

    // Lifting a limit lets a refused subject through at once.
    RateLimiter limiter(1, Minute);
    QVERIFY(limiter.take(u"key"_s, T0).allowed);
    QVERIFY(!limiter.take(u"key"_s, T0).allowed);
    limiter.setLimit(0);
    QCOMPARE(limiter.limit(), 0);
    QVERIFY(limiter.take(u"key"_s, T0).allowed);
}

void TestRateLimiter::loweredLimitApplies()
{
    RateLimiter limiter(5, Minute);
    for (int i = 0; i < 4; ++i)
        QVERIFY(limiter.take(u"key"_s, T0 + i).allowed);
    limiter.setLimit(2);
    const RateLimiter::Decision refused = limiter.take(u"key"_s, T0 + 10);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.limit, 2);
    QCOMPARE(refused.remaining, 0);
    limiter.setLimit(6);
    const RateLimiter::Decision allowed = limiter.take(u"key"_s, T0 + 10);
    QVERIFY(allowed.allowed);
    QCOMPARE(allowed.remaining, 1);
}

void TestRateLimiter::resetForgets()
{
    RateLimiter limiter(1, Minute);
    QVERIFY(limiter.take(u"a"_s, T0).allowed);
    QVERIFY(limiter.take(u"b"_s, T0).allowed);
    QVERIFY(!limiter.take(u"a"_s, T0).allowed);
    limiter.reset();
    QVERIFY(limiter.take(u"a"_s, T0).allowed);
    QVERIFY(limiter.take(u"b"_s, T0).allowed);
    QCOMPARE(limiter.limit(), 1); // the limit itself stays
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
