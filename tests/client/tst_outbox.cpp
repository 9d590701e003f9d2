#include "client/outbox.h"
#include "client/outboxdispatcher.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace collab;
using namespace collab::client;

namespace {

// Records every send and lets the test answer it.
struct FakeSender
{
    struct Sent
    {
        OutboxMessage message;
        ResultHandler done;
    };
    QList<Sent> sent;
    bool online = true;

    OutboxDispatcher::SendFunction function()
    {
        return [this](const OutboxMessage &m, ResultHandler done) {
            if (!online)
                return false;
            sent << Sent{m, std::move(done)};
            return true;
        };
    }
};

RequestResult ackWith(quint64 id, bool duplicate = false)
{
    proto::Ack ack;
    ack.fields = QJsonObject{{QStringLiteral("id"), double(id)},
                             {QStringLiteral("seq"), double(id)},
                             {QStringLiteral("duplicate"), duplicate}};
    return RequestResult::replied(ack);
}

RequestResult errorWith(const char *code, bool retryable)
{
    return RequestResult::rejected(proto::ErrorReply{QJsonValue(), QLatin1String(code), QStringLiteral("no"), retryable});
}

const Backoff::Policy FastRetry{10, 40, 2.0, 0.0};

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void persistsAndReloads();
    void removeIsPersisted();
    void corruptFileIsMovedAsideNotLost_data();
    void corruptFileIsMovedAsideNotLost();
    void memoryOnlyOutbox();
    void writeOffFailsTheCoursesMessagesOnly();
    void sendsOnlyWhenTheCourseIsReady();
    void ackRemovesAndReports();
    void fatalErrorDropsAndReports_data();
    void fatalErrorDropsAndReports();
    void retryableErrorKeepsAndResendsWithTheSameId_data();
    void retryableErrorKeepsAndResendsWithTheSameId();
    void connectionLossResendsEverythingInOrderAfterRejoin();
    void lateResultOfAWrittenOffSendIsIgnored();
};

void TestOutbox::persistsAndReloads()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/outbox.json"));
    const OutboxMessage a{QStringLiteral("id-a"), QStringLiteral("CECS327"), QStringLiteral("general"),
                          QStringLiteral("hello\nclass ✓"), 1700000000000};
    const OutboxMessage b{QStringLiteral("id-b"), QStringLiteral("CECS327"), QStringLiteral("homework"),
                          QStringLiteral("second"), 1700000000001};
    // Files alone (issue 15): no text, the ids of files already uploaded.
    const OutboxMessage c{QStringLiteral("id-c"), QStringLiteral("CECS327"), QStringLiteral("general"), QString(), 1700000000002,
                          ChatExtras{0, false, false, {QStringLiteral("f01"), QStringLiteral("f02")}}};
    {
        Outbox box(path);
        QVERIFY(box.load()); // no file yet: empty, fine
        QSignalSpy sizes(&box, &Outbox::sizeChanged);
        box.add(a);
        box.add(b);
        box.add(a); // same clientMsgId: not twice
        box.add(c);
        QCOMPARE(box.size(), 3);
        QCOMPARE(sizes.size(), 3);
    }
    Outbox reloaded(path);
    QVERIFY2(reloaded.load(), qPrintable(reloaded.lastError()));
    QCOMPARE(reloaded.messages(), (QList<OutboxMessage>{a, b, c}));
    QCOMPARE(reloaded.messagesFor(QStringLiteral("CECS327")).size(), 3);
    QCOMPARE(reloaded.messagesFor(QStringLiteral("OTHER")).size(), 0);
}

void TestOutbox::removeIsPersisted()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("outbox.json"));
    {
        Outbox box(path);
        box.add({QStringLiteral("x"), QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("one"), 1});
        box.add({QStringLiteral("y"), QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("two"), 2});
        QVERIFY(box.remove(QStringLiteral("x")));
        QVERIFY(!box.remove(QStringLiteral("x")));
    }
    Outbox reloaded(path);
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.size(), 1);
    QCOMPARE(reloaded.messages().first().clientMsgId, QStringLiteral("y"));
}

void TestOutbox::corruptFileIsMovedAsideNotLost_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("not json") << QByteArray("{{{");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("wrong version") << QByteArray(R"({"version":99,"messages":[]})");
    QTest::newRow("message without text")
        << QByteArray(R"({"version":1,"messages":[{"clientMsgId":"a","course":"C","channel":"g"}]})");
    QTest::newRow("message not an object") << QByteArray(R"({"version":1,"messages":[3]})");
}

void TestOutbox::corruptFileIsMovedAsideNotLost()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("outbox.json"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    Outbox box(path);
    QVERIFY(!box.load());
    QVERIFY(!box.lastError().isEmpty());
    QCOMPARE(box.size(), 0);
    QFile aside(path + QStringLiteral(".corrupt"));
    QVERIFY(aside.open(QIODevice::ReadOnly));
    QCOMPARE(aside.readAll(), content);
    // The outbox keeps working on a fresh file.
    box.add({QStringLiteral("n"), QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("new"), 3});
    Outbox reloaded(path);
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.size(), 1);
}

void TestOutbox::memoryOnlyOutbox()
{
    Outbox box;
    QVERIFY(box.load());
    box.add({QStringLiteral("m"), QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("t"), 0});
    QVERIFY(box.contains(QStringLiteral("m")));
    QVERIFY(box.find(QStringLiteral("m")));
    QVERIFY(!box.find(QStringLiteral("other")));
}

void TestOutbox::sendsOnlyWhenTheCourseIsReady()
{
    Outbox box;
    FakeSender sender;
    OutboxDispatcher d(&box, FastRetry, sender.function());
    const QString id = d.enqueue(QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("hi"));
    QVERIFY(!id.isEmpty());
    QCOMPARE(box.size(), 1);
    QCOMPARE(sender.sent.size(), 0);
    d.courseReady(QStringLiteral("OTHER"));
    QCOMPARE(sender.sent.size(), 0);
    d.courseReady(QStringLiteral("C"));
    QCOMPARE(sender.sent.size(), 1);
    QCOMPARE(sender.sent.first().message.clientMsgId, id);
    QVERIFY(d.isInFlight(id));
    d.courseReady(QStringLiteral("C")); // in flight: not sent twice
    QCOMPARE(sender.sent.size(), 1);
}

void TestOutbox::ackRemovesAndReports()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("outbox.json"));
    Outbox box(path);
    FakeSender sender;
    OutboxDispatcher d(&box, FastRetry, sender.function());
    QSignalSpy acked(&d, &OutboxDispatcher::acked);
    d.courseReady(QStringLiteral("C"));
    const QString id = d.enqueue(QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("hi"));
    QCOMPARE(sender.sent.size(), 1);
    sender.sent.first().done(ackWith(12, true));
    QCOMPARE(box.size(), 0);
    QCOMPARE(acked.size(), 1);
    QCOMPARE(acked.first().at(0).toString(), id);
    QCOMPARE(acked.first().at(1).toULongLong(), quint64(12));
    QCOMPARE(acked.first().at(3).toBool(), true);
    Outbox reloaded(path);
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.size(), 0);
}

void TestOutbox::fatalErrorDropsAndReports_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::newRow("forbidden") << QByteArray("forbidden");
    QTest::newRow("too_large") << QByteArray("too_large");
    QTest::newRow("not_joined") << QByteArray("not_joined");
}

void TestOutbox::fatalErrorDropsAndReports()
{
    QFETCH(QByteArray, code);
    Outbox box;
    FakeSender sender;
    OutboxDispatcher d(&box, FastRetry, sender.function());
    QSignalSpy failed(&d, &OutboxDispatcher::failed);
    d.courseReady(QStringLiteral("C"));
    const QString id = d.enqueue(QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("hi"));
    sender.sent.first().done(errorWith(code.constData(), false));
    QCOMPARE(box.size(), 0);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).toString(), id);
    QCOMPARE(failed.first().at(1).value<proto::ErrorReply>().code, QString::fromLatin1(code));
    QVERIFY(!d.retryPending());
}

void TestOutbox::retryableErrorKeepsAndResendsWithTheSameId_data()
{
    QTest::addColumn<RequestResult>("first");
    QTest::newRow("unavailable") << errorWith("unavailable", true);
    QTest::newRow("rate_limited") << errorWith("rate_limited", true);
    QTest::newRow("ack timeout") << RequestResult::timedOut(QJsonValue(1), 10);
}

void TestOutbox::retryableErrorKeepsAndResendsWithTheSameId()
{
    QFETCH(RequestResult, first);
    Outbox box;
    FakeSender sender;
    OutboxDispatcher d(&box, FastRetry, sender.function());
    QSignalSpy acked(&d, &OutboxDispatcher::acked);
    QSignalSpy failed(&d, &OutboxDispatcher::failed);
    d.courseReady(QStringLiteral("C"));
    const QString id = d.enqueue(QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("hi"));
    sender.sent.first().done(first);
    QCOMPARE(box.size(), 1);
    QVERIFY(d.retryPending());
    // Sent while the retry waits: queued behind the older message, not ahead of it.
    const QString later = d.enqueue(QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("later"));
    QCOMPARE(sender.sent.size(), 1);
    QTRY_COMPARE(sender.sent.size(), 3);
    QCOMPARE(sender.sent.at(1).message.clientMsgId, id);
    QCOMPARE(sender.sent.at(2).message.clientMsgId, later);
    sender.sent.at(1).done(ackWith(5, true));
    sender.sent.at(2).done(ackWith(6));
    QCOMPARE(box.size(), 0);
    QCOMPARE(acked.size(), 2);
    QCOMPARE(failed.size(), 0);
}

void TestOutbox::connectionLossResendsEverythingInOrderAfterRejoin()
{
    Outbox box;
    FakeSender sender;
    OutboxDispatcher d(&box, FastRetry, sender.function());
    d.courseReady(QStringLiteral("C"));
    const QString a = d.enqueue(QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("a"));
    const QString b = d.enqueue(QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("b"));
    QCOMPARE(sender.sent.size(), 2);
    d.connectionLost();
    sender.sent.at(0).done(RequestResult::connectionLost(QJsonValue(1), QStringLiteral("drop")));
    sender.sent.at(1).done(RequestResult::connectionLost(QJsonValue(2), QStringLiteral("drop")));
    sender.online = false;
    const QString c = d.enqueue(QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("c")); // offline
    QCOMPARE(sender.sent.size(), 2);
    QCOMPARE(box.size(), 3);
    sender.online = true;
    sender.sent.clear();
    d.courseReady(QStringLiteral("C"));
    QCOMPARE(sender.sent.size(), 3);
    QCOMPARE(sender.sent.at(0).message.clientMsgId, a);
    QCOMPARE(sender.sent.at(1).message.clientMsgId, b);
    QCOMPARE(sender.sent.at(2).message.clientMsgId, c);
}

void TestOutbox::lateResultOfAWrittenOffSendIsIgnored()
{
    Outbox box;
    FakeSender sender;
    OutboxDispatcher d(&box, FastRetry, sender.function());
    QSignalSpy failed(&d, &OutboxDispatcher::failed);
    d.courseReady(QStringLiteral("C"));
    d.enqueue(QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("a"));
    d.connectionLost();
    sender.sent.first().done(errorWith("forbidden", false)); // from the old connection
    QCOMPARE(failed.size(), 0);
    QCOMPARE(box.size(), 1);
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"

// Removed from a course: its queued messages fail at once (the user may retry them) and are never
// sent by themselves later; another course's messages are not touched.
void TestOutbox::writeOffFailsTheCoursesMessagesOnly()
{
    Outbox box;
    FakeSender sender;
    OutboxDispatcher d(&box, FastRetry, sender.function());
    QSignalSpy failed(&d, &OutboxDispatcher::failed);
    const QString a = d.enqueue(QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("one"));
    const QString b = d.enqueue(QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("two"));
    const QString other = d.enqueue(QStringLiteral("D"), QStringLiteral("general"), QStringLiteral("three"));
    d.writeOff(QStringLiteral("C"), proto::ErrorReply{QJsonValue(), QStringLiteral("forbidden"), QStringLiteral("removed"), false});
    QCOMPARE(failed.size(), 2);
    QCOMPARE(failed.at(0).at(0).toString(), a);
    QCOMPARE(failed.at(1).at(0).toString(), b);
    QCOMPARE(failed.at(0).at(1).value<proto::ErrorReply>().code, QStringLiteral("forbidden"));
    QCOMPARE(box.size(), 1);
    QVERIFY(box.contains(other));
    d.courseReady(QStringLiteral("C")); // back in the course: nothing goes out by itself
    d.courseReady(QStringLiteral("D"));
    QCOMPARE(sender.sent.size(), 1);
    QCOMPARE(sender.sent.first().message.clientMsgId, other);
}
