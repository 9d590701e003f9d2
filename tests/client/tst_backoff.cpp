#include "client/backoff.h"

#include <QtTest>

using collab::client::Backoff;

class TestBackoff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void doublesUpToTheCapWithoutJitter();
    void resetStartsOver();
    void jitterStaysWithinBounds_data();
    void jitterStaysWithinBounds();
    void randomJitterVaries();
    void hugeAttemptCountsStayCapped();
    void nonsensePolicyIsSanitized();
};

void TestBackoff::doublesUpToTheCapWithoutJitter()
{
    Backoff b(Backoff::Policy{250, 10000, 2.0, 0.0});
    const QList<int> expected{250, 500, 1000, 2000, 4000, 8000, 10000, 10000};
    QList<int> got;
    for (int i = 0; i < expected.size(); ++i)
        got << b.next();
    QCOMPARE(got, expected);
    QCOMPARE(b.attempts(), expected.size());
}

void TestBackoff::resetStartsOver()
{
    Backoff b(Backoff::Policy{100, 1000, 2.0, 0.0});
    b.next();
    b.next();
    QCOMPARE(b.next(), 400);
    b.reset();
    QCOMPARE(b.attempts(), 0);
    QCOMPARE(b.next(), 100);
}

void TestBackoff::jitterStaysWithinBounds_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<QList<int>>("expected");
    // jitter 0.5: delay = base * (1 - 0.5 * r)
    QTest::newRow("r=0 keeps the full delay") << 0.0 << QList<int>{200, 400, 800, 1000};
    QTest::newRow("r=1 halves it") << 1.0 << QList<int>{100, 200, 400, 500};
    QTest::newRow("r=0.5 three quarters") << 0.5 << QList<int>{150, 300, 600, 750};
    QTest::newRow("out-of-range random is clamped") << 7.0 << QList<int>{100, 200, 400, 500};
}

void TestBackoff::jitterStaysWithinBounds()
{
    QFETCH(double, random);
    QFETCH(QList<int>, expected);
    Backoff b(Backoff::Policy{200, 1000, 2.0, 0.5});
    b.setRandomSource([random] { return random; });
    QList<int> got;
    for (int i = 0; i < expected.size(); ++i)
        got << b.next();
    QCOMPARE(got, expected);
}

void TestBackoff::randomJitterVaries()
{
    // The default source: every delay is inside [base/2, base], and they are not all equal.
    QSet<int> seen;
    for (int i = 0; i < 50; ++i) {
        Backoff b(Backoff::Policy{1000, 1000, 2.0, 0.5});
        const int d = b.next();
        QVERIFY2(d >= 500 && d <= 1000, qPrintable(QString::number(d)));
        seen.insert(d);
    }
    QVERIFY(seen.size() > 1);
}

void TestBackoff::hugeAttemptCountsStayCapped()
{
    Backoff b(Backoff::Policy{250, 10000, 2.0, 0.0});
    int last = 0;
    for (int i = 0; i < 5000; ++i)
        last = b.next();
    QCOMPARE(last, 10000);
}

void TestBackoff::nonsensePolicyIsSanitized()
{
    Backoff b(Backoff::Policy{0, -5, 0.1, 3.0});
    b.setRandomSource([] { return 0.0; });
    QCOMPARE(b.policy().initialMs, 1);
    QCOMPARE(b.policy().maxMs, 1);
    QCOMPARE(b.policy().factor, 1.0);
    QCOMPARE(b.policy().jitter, 1.0);
    QCOMPARE(b.next(), 1);
}

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
