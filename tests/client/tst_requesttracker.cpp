#include "client/requesttracker.h"

#include <QtTest>

using namespace collab;
using namespace collab::client;

class TestRequestTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replyFinishesOnce();
    void timeoutFinishesWithLocalError();
    void failAllReportsConnectionLoss();
    void unknownAndForeignRefsAreIgnored_data();
    void unknownAndForeignRefsAreIgnored();
    void handlerMayStartAnotherRequest();
};

void TestRequestTracker::replyFinishesOnce()
{
    RequestTracker tracker;
    QList<RequestResult> results;
    const quint64 ref = tracker.start(60000, [&](const RequestResult &r) { results << r; });
    QVERIFY(tracker.isPending(ref));
    proto::Ack ack;
    ack.ref = double(ref);
    ack.fields = QJsonObject{{QStringLiteral("id"), 7}};
    QVERIFY(tracker.finish(double(ref), RequestResult::replied(ack)));
    QVERIFY(!tracker.finish(double(ref), RequestResult::replied(ack))); // a second reply is dropped
    QCOMPARE(results.size(), 1);
    QVERIFY(results.first().ok());
    QVERIFY(results.first().ack());
    QCOMPARE(results.first().ack()->fields.value(QLatin1String("id")).toInt(), 7);
    QCOMPARE(tracker.pendingCount(), 0);
}

void TestRequestTracker::timeoutFinishesWithLocalError()
{
    RequestTracker tracker;
    QList<RequestResult> results;
    const quint64 ref = tracker.start(20, [&](const RequestResult &r) { results << r; });
    QTRY_COMPARE(results.size(), 1);
    QCOMPARE(results.first().status, RequestResult::Status::TimedOut);
    QCOMPARE(results.first().error.code, localerror::timeout());
    QCOMPARE(results.first().error.ref.toDouble(), double(ref));
    QVERIFY(results.first().retryable());
    // A reply after the timeout finds nothing to finish.
    QVERIFY(!tracker.finish(double(ref), RequestResult::replied(proto::Pong{double(ref)})));
    QCOMPARE(results.size(), 1);
}

void TestRequestTracker::failAllReportsConnectionLoss()
{
    RequestTracker tracker;
    QList<RequestResult> results;
    tracker.start(60000, [&](const RequestResult &r) { results << r; });
    tracker.start(60000, [&](const RequestResult &r) { results << r; });
    tracker.failAll(QStringLiteral("socket closed"));
    QCOMPARE(results.size(), 2);
    for (const RequestResult &r : results) {
        QCOMPARE(r.status, RequestResult::Status::ConnectionLost);
        QCOMPARE(r.error.code, localerror::disconnected());
        QVERIFY(r.error.message.contains(QLatin1String("socket closed")));
    }
    QCOMPARE(tracker.pendingCount(), 0);
    // Their timers are gone with them: nothing fires later.
    QTest::qWait(0);
    QCOMPARE(results.size(), 2);
}

void TestRequestTracker::unknownAndForeignRefsAreIgnored_data()
{
    QTest::addColumn<QJsonValue>("ref");
    QTest::newRow("missing") << QJsonValue();
    QTest::newRow("string") << QJsonValue(QStringLiteral("1"));
    QTest::newRow("fraction") << QJsonValue(1.5);
    QTest::newRow("zero") << QJsonValue(0);
    QTest::newRow("negative") << QJsonValue(-1);
    QTest::newRow("never issued") << QJsonValue(99);
}

void TestRequestTracker::unknownAndForeignRefsAreIgnored()
{
    QFETCH(QJsonValue, ref);
    RequestTracker tracker;
    int calls = 0;
    const quint64 mine = tracker.start(60000, [&](const RequestResult &) { ++calls; });
    QCOMPARE(mine, quint64(1));
    QVERIFY(!tracker.finish(ref, RequestResult::replied(proto::Pong{})));
    QCOMPARE(calls, 0);
    QVERIFY(tracker.isPending(mine));
}

void TestRequestTracker::handlerMayStartAnotherRequest()
{
    RequestTracker tracker;
    quint64 second = 0;
    int secondCalls = 0;
    tracker.start(60000, [&](const RequestResult &) {
        second = tracker.start(60000, [&](const RequestResult &) { ++secondCalls; });
    });
    tracker.failAll(QStringLiteral("drop"));
    QVERIFY(second != 0);
    QVERIFY(tracker.isPending(second)); // started after the drop: not failed by it
    QCOMPARE(secondCalls, 0);
}

QTEST_GUILESS_MAIN(TestRequestTracker)
#include "tst_requesttracker.moc"
