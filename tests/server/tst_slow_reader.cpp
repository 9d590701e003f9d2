// A client that joins a busy course and then stops reading, against the whole server (sessions,
// hub, SQLite, real sockets): its typing/presence frames are dropped first, then it is closed with
// 4008, and the 50 others lose nothing and keep their order. How much the stalled member slows
// the others is a measurement: collab-bench-resilience prints it (docs/benchmarks.md).
#include "slowreaderscenario.h"

#include <QTest>

class TestSlowReader : public QObject
{
    Q_OBJECT

private:
    SlowReaderScenario m_run;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_run.start()); }

    void stalledReaderIsCutOffAndOthersLoseNothing()
    {
        // Phase 1: everybody reads.
        m_run.startTicking();
        QTRY_VERIFY_WITH_TIMEOUT(m_run.sent() >= SlowReaderScenario::CalmTicks, 30000);
        m_run.stopTicking();
        QTRY_VERIFY_WITH_TIMEOUT(m_run.everyoneHas(m_run.sent()), 20000);

        // Phase 2: the same traffic with one member who stopped reading, until the server cuts
        // it off (its presence goes offline for the others).
        QVERIFY(m_run.stallOne());
        const int firstStalled = m_run.firstStalled();
        m_run.startTicking();
        QTRY_VERIFY_WITH_TIMEOUT(m_run.stalledWasCutOff() || m_run.sent() - firstStalled >= SlowReaderScenario::MaxStalledTicks, 60000);
        m_run.stopTicking();
        QVERIFY2(m_run.stalledWasCutOff(), "the stalled reader was never disconnected");
        QTRY_VERIFY_WITH_TIMEOUT(m_run.everyoneHas(m_run.sent()), 20000);

        // (1) Server side: closed with 4008 after typing/presence frames were dropped for it.
        QCOMPARE(m_run.metric("collab_ws_slow_consumer_closes_total"), 1);
        QVERIFY2(m_run.metric("collab_ws_frames_dropped_total") > 0, "droppable frames go before the connection");
        // Client side: what reached it is an unbroken, ordered run of the messages, then the end.
        const QList<int> got = m_run.drainStalled();
        QVERIFY(m_run.stalledReachedEnd());
        QVERIFY(!got.isEmpty());
        for (qsizetype k = 0; k < got.size(); ++k)
            QCOMPARE(got[k], firstStalled + int(k));
        QVERIFY2(got.size() < m_run.sent() - firstStalled, "it must have been cut off before the end");

        // (2) The others lost nothing and kept the order.
        QList<int> expected;
        for (int n = 0; n < m_run.sent(); ++n)
            expected << n;
        for (int i = 0; i < SlowReaderScenario::Readers; ++i)
            QCOMPARE(m_run.order()[size_t(i)], expected);
    }
};

QTEST_GUILESS_MAIN(TestSlowReader)
#include "tst_slow_reader.moc"
