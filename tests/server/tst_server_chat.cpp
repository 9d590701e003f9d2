// Chat over real WebSockets against a real server: delivery, history, edit/delete rules,
// idempotent retries and exact resume.
#include "storedhistory.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QJsonArray>
#include <QTest>

namespace {

const QString kCourse = QStringLiteral("CECS327");
const QString kCode = QString::fromLatin1(TestServer::JoinCode);

QJsonObject chatSend(const QString &text, const QString &clientMsgId, const QString &channel = QStringLiteral("general"))
{
    return {{QStringLiteral("type"), QStringLiteral("chat.send")},
            {QStringLiteral("course"), kCourse},
            {QStringLiteral("channel"), channel},
            {QStringLiteral("text"), text},
            {QStringLiteral("clientMsgId"), clientMsgId}};
}

QString typeOf(const QJsonObject &o) { return o.value(QLatin1String("type")).toString(); }

bool isChatPosted(const QJsonObject &o, const QString &text)
{
    return typeOf(o) == QLatin1String("event") && o.value(QLatin1String("kind")).toString() == QLatin1String("chat.posted")
           && o.value(QLatin1String("data")).toObject().value(QLatin1String("text")).toString() == text;
}

} // namespace

class TestChat : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;

    std::unique_ptr<WsTestClient> joinedClient(const QString &user, qint64 since = -1)
    {
        auto c = std::make_unique<WsTestClient>();
        if (!c->open(m_server.wsUrl()) || c->helloAndJoin(user, kCourse, kCode, since).isEmpty())
            return nullptr;
        return c;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    void twoClientsChat()
    {
        auto a = joinedClient(QStringLiteral("angie.nguyen"));
        auto b = joinedClient(QStringLiteral("ben.ortiz"));
        QVERIFY(a && b);
        const QJsonObject ack = a->request(chatSend(QStringLiteral("hello class \u00e9\U0001F600"), QStringLiteral("a-1")));
        QCOMPARE(typeOf(ack), QStringLiteral("ack"));
        const quint64 id = quint64(ack.value(QLatin1String("id")).toDouble());
        QVERIFY(id > 0);
        QCOMPARE(quint64(ack.value(QLatin1String("seq")).toDouble()), id);

        const QJsonObject seen = b->waitFor([](const QJsonObject &o) { return isChatPosted(o, QStringLiteral("hello class \u00e9\U0001F600")); });
        QVERIFY(!seen.isEmpty());
        const QJsonObject data = seen.value(QLatin1String("data")).toObject();
        QCOMPARE(data.value(QLatin1String("author")).toString(), QStringLiteral("angie.nguyen"));
        QCOMPARE(data.value(QLatin1String("channel")).toString(), QStringLiteral("general"));
        QCOMPARE(quint64(data.value(QLatin1String("id")).toDouble()), id);
        QVERIFY(!a->waitFor([](const QJsonObject &o) { return isChatPosted(o, QStringLiteral("hello class \u00e9\U0001F600")); }).isEmpty());
    }

    void historyOnJoin()
    {
        auto a = joinedClient(QStringLiteral("angie.nguyen"));
        QVERIFY(a);
        QCOMPARE(typeOf(a->request(chatSend(QStringLiteral("homework is due"), QStringLiteral("h-1"), QStringLiteral("homework")))),
                 QStringLiteral("ack"));
        auto c = joinedClient(QStringLiteral("carla.diaz"));
        QVERIFY(c);
        const QJsonObject page = c->waitFor([](const QJsonObject &o) {
            return typeOf(o) == QLatin1String("history") && o.value(QLatin1String("channel")).toString() == QLatin1String("homework");
        });
        QVERIFY(!page.isEmpty());
        const QJsonArray messages = page.value(QLatin1String("messages")).toArray();
        QVERIFY(!messages.isEmpty());
        QCOMPARE(messages.last().toObject().value(QLatin1String("text")).toString(), QStringLiteral("homework is due"));
        QCOMPARE(c->receivedOfType(QStringLiteral("history")).size(), 2); // general and homework
    }

    void editAndDeleteRules()
    {
        auto author = joinedClient(QStringLiteral("angie.nguyen"));
        auto other = joinedClient(QStringLiteral("ben.ortiz"));
        auto prof = joinedClient(QStringLiteral("prof.lee"));
        QVERIFY(author && other && prof);
        const QJsonObject ack = author->request(chatSend(QStringLiteral("first draft"), QStringLiteral("e-1")));
        const double id = ack.value(QLatin1String("id")).toDouble();

        auto edit = [&](const QString &text) {
            return QJsonObject{{QStringLiteral("type"), QStringLiteral("chat.edit")}, {QStringLiteral("course"), kCourse},
                               {QStringLiteral("id"), id}, {QStringLiteral("text"), text}};
        };
        const QJsonObject del{{QStringLiteral("type"), QStringLiteral("chat.delete")}, {QStringLiteral("course"), kCourse},
                              {QStringLiteral("id"), id}};

        QJsonObject r = other->request(edit(QStringLiteral("hijacked")));
        QCOMPARE(r.value(QLatin1String("code")).toString(), QStringLiteral("forbidden"));
        r = other->request(del);
        QCOMPARE(r.value(QLatin1String("code")).toString(), QStringLiteral("forbidden"));

        r = author->request(edit(QStringLiteral("final draft")));
        QCOMPARE(typeOf(r), QStringLiteral("ack"));
        QVERIFY(!other->waitFor([](const QJsonObject &o) {
                          return o.value(QLatin1String("kind")).toString() == QLatin1String("chat.edited")
                                 && o.value(QLatin1String("data")).toObject().value(QLatin1String("text")).toString()
                                        == QLatin1String("final draft");
                      }).isEmpty());

        r = prof->request(del); // an instructor moderates
        QCOMPARE(typeOf(r), QStringLiteral("ack"));
        QVERIFY(!other->waitFor([id](const QJsonObject &o) {
                          return o.value(QLatin1String("kind")).toString() == QLatin1String("chat.deleted")
                                 && o.value(QLatin1String("data")).toObject().value(QLatin1String("id")).toDouble() == id;
                      }).isEmpty());

        r = author->request(edit(QStringLiteral("after deletion")));
        QCOMPARE(r.value(QLatin1String("code")).toString(), QStringLiteral("conflict"));
        r = author->request(del); // deleting again is a retry
        QCOMPARE(typeOf(r), QStringLiteral("ack"));
        QCOMPARE(r.value(QLatin1String("duplicate")).toBool(), true);

        r = author->request(QJsonObject{{QStringLiteral("type"), QStringLiteral("chat.edit")}, {QStringLiteral("course"), kCourse},
                                        {QStringLiteral("id"), 999999}, {QStringLiteral("text"), QStringLiteral("x")}});
        QCOMPARE(r.value(QLatin1String("code")).toString(), QStringLiteral("not_found"));
    }

    // The errors of chat.send/edit/delete (answered once the Hub is done) count in
    // collab_ws_errors_total like every other error reply.
    void chatErrorsAreCounted()
    {
        auto author = joinedClient(QStringLiteral("angie.nguyen"));
        auto other = joinedClient(QStringLiteral("ben.ortiz"));
        QVERIFY(author && other);
        const double id = author->request(chatSend(QStringLiteral("mine"), QStringLiteral("m-1"))).value(QLatin1String("id")).toDouble();
        const QString base = m_server.httpUrl(QString()).toString();
        const qint64 before = metricValue(base, QStringLiteral("collab_ws_errors_total"));
        QVERIFY(before >= 0);
        const QJsonObject edit{{QStringLiteral("type"), QStringLiteral("chat.edit")}, {QStringLiteral("course"), kCourse},
                               {QStringLiteral("id"), id}, {QStringLiteral("text"), QStringLiteral("hijacked")}};
        const QJsonObject del{{QStringLiteral("type"), QStringLiteral("chat.delete")}, {QStringLiteral("course"), kCourse},
                              {QStringLiteral("id"), id}};
        QCOMPARE(other->request(edit).value(QLatin1String("code")).toString(), QStringLiteral("forbidden"));
        QCOMPARE(other->request(del).value(QLatin1String("code")).toString(), QStringLiteral("forbidden"));
        QCOMPARE(other->request(chatSend(QStringLiteral("x"), QStringLiteral("m-2"), QStringLiteral("nowhere")))
                     .value(QLatin1String("code")).toString(),
                 QStringLiteral("unknown_channel"));
        QCOMPARE(metricValue(base, QStringLiteral("collab_ws_errors_total")), before + 3);
    }

    void retriedSendIsStoredOnce()
    {
        auto a = joinedClient(QStringLiteral("angie.nguyen"));
        auto b = joinedClient(QStringLiteral("ben.ortiz"));
        QVERIFY(a && b);
        const QString text = QStringLiteral("only once");
        // Two copies in the same turn (before the first commit), then one after the ack.
        a->sendJson(chatSend(text, QStringLiteral("dup-1")));
        const QJsonObject first = a->request(chatSend(text, QStringLiteral("dup-1")));
        const QJsonObject again = a->request(chatSend(text, QStringLiteral("dup-1")));
        QCOMPARE(typeOf(first), QStringLiteral("ack"));
        QCOMPARE(typeOf(again), QStringLiteral("ack"));
        QCOMPARE(again.value(QLatin1String("id")), first.value(QLatin1String("id")));
        QCOMPARE(again.value(QLatin1String("duplicate")).toBool(), true);

        // Fence: a later message arrives after any duplicate would have.
        QCOMPARE(typeOf(a->request(chatSend(QStringLiteral("fence"), QStringLiteral("dup-fence")))), QStringLiteral("ack"));
        QVERIFY(!b->waitFor([](const QJsonObject &o) { return isChatPosted(o, QStringLiteral("fence")); }).isEmpty());
        int copies = 0;
        for (const QJsonObject &o : b->received())
            copies += isChatPosted(o, text) ? 1 : 0;
        QCOMPARE(copies, 1);
        // The same clientMsgId from another user is another message.
        const QJsonObject other = b->request(chatSend(text, QStringLiteral("dup-1")));
        QVERIFY(other.value(QLatin1String("id")) != first.value(QLatin1String("id")));
    }

    void resumeReplaysExactlyTheMissedEvents()
    {
        auto a = joinedClient(QStringLiteral("angie.nguyen"));
        auto b = joinedClient(QStringLiteral("ben.ortiz"));
        QVERIFY(a && b);
        const QJsonObject ack = a->request(chatSend(QStringLiteral("before the drop"), QStringLiteral("r-0")));
        QVERIFY(!b->waitFor([](const QJsonObject &o) { return isChatPosted(o, QStringLiteral("before the drop")); }).isEmpty());
        const double lastSeen = ack.value(QLatin1String("seq")).toDouble();
        b->close();

        QList<double> missed;
        for (int i = 0; i < 5; ++i)
            missed << a->request(chatSend(QStringLiteral("missed %1").arg(i), QStringLiteral("r-%1").arg(i + 1)))
                          .value(QLatin1String("seq"))
                          .toDouble();

        auto back = joinedClient(QStringLiteral("ben.ortiz"), qint64(lastSeen));
        QVERIFY(back);
        const QJsonObject joined = back->receivedOfType(QStringLiteral("joined")).value(0);
        QCOMPARE(joined.value(QLatin1String("recovered")).toBool(), true);
        QCOMPARE(joined.value(QLatin1String("resumed")).toBool(), true);
        // Replayed events come right after `joined`: all of them, in order, nothing before lastSeen.
        QTRY_VERIFY_WITH_TIMEOUT(back->receivedOfType(QStringLiteral("event")).size() >= joined.value(QLatin1String("replayed")).toInt(), 5000);
        QList<double> replayedSeqs;
        QStringList texts;
        for (const QJsonObject &e : back->receivedOfType(QStringLiteral("event"))) {
            replayedSeqs << e.value(QLatin1String("seq")).toDouble();
            if (e.value(QLatin1String("kind")).toString() == QLatin1String("chat.posted"))
                texts << e.value(QLatin1String("data")).toObject().value(QLatin1String("text")).toString();
        }
        QVERIFY(!replayedSeqs.isEmpty());
        QCOMPARE(replayedSeqs.first(), lastSeen + 1);
        for (int i = 1; i < replayedSeqs.size(); ++i)
            QCOMPARE(replayedSeqs[i], replayedSeqs[i - 1] + 1);
        QVERIFY(replayedSeqs.contains(missed.last()));
        QCOMPARE(texts, (QStringList{QStringLiteral("missed 0"), QStringLiteral("missed 1"), QStringLiteral("missed 2"),
                                     QStringLiteral("missed 3"), QStringLiteral("missed 4")}));
        QVERIFY(back->receivedOfType(QStringLiteral("history")).isEmpty());

        // A resume point from the future cannot be honoured: say so and send the state instead.
        auto confused = joinedClient(QStringLiteral("carla.diaz"), 1'000'000);
        QVERIFY(confused);
        QCOMPARE(confused->receivedOfType(QStringLiteral("joined")).value(0).value(QLatin1String("recovered")).toBool(), false);
        QTRY_COMPARE_WITH_TIMEOUT(confused->receivedOfType(QStringLiteral("history")).size(), 2, 5000);
    }

    void historyPaging()
    {
        auto a = joinedClient(QStringLiteral("dana.kim"));
        QVERIFY(a);
        for (int i = 0; i < 12; ++i)
            a->sendJson(chatSend(QStringLiteral("page %1").arg(i), QStringLiteral("p-%1").arg(i), QStringLiteral("homework")));
        QCOMPARE(typeOf(a->request(chatSend(QStringLiteral("page end"), QStringLiteral("p-end"), QStringLiteral("homework")))),
                 QStringLiteral("ack"));
        QJsonObject page = a->request({{QStringLiteral("type"), QStringLiteral("history")}, {QStringLiteral("course"), kCourse},
                                       {QStringLiteral("channel"), QStringLiteral("homework")}, {QStringLiteral("limit"), 5}});
        QCOMPARE(typeOf(page), QStringLiteral("history"));
        QJsonArray messages = page.value(QLatin1String("messages")).toArray();
        QCOMPARE(messages.size(), 5);
        QCOMPARE(messages.last().toObject().value(QLatin1String("text")).toString(), QStringLiteral("page end"));
        QVERIFY(page.value(QLatin1String("more")).toBool());
        const double oldest = messages.first().toObject().value(QLatin1String("id")).toDouble();
        page = a->request({{QStringLiteral("type"), QStringLiteral("history")}, {QStringLiteral("course"), kCourse},
                           {QStringLiteral("channel"), QStringLiteral("homework")}, {QStringLiteral("before"), oldest},
                           {QStringLiteral("limit"), 5}});
        messages = page.value(QLatin1String("messages")).toArray();
        QCOMPARE(messages.size(), 5);
        QVERIFY(messages.last().toObject().value(QLatin1String("id")).toDouble() < oldest);
    }

    void noteActionsAreEdits()
    {
        auto a = joinedClient(QStringLiteral("angie.nguyen"));
        auto b = joinedClient(QStringLiteral("ben.ortiz"));
        QVERIFY(a && b);
        const QJsonObject ack = a->request({{QStringLiteral("type"), QStringLiteral("edit")}, {QStringLiteral("course"), kCourse},
                                            {QStringLiteral("note"), QStringLiteral("class-notes")},
                                            {QStringLiteral("action"), QStringLiteral("insert_line")},
                                            {QStringLiteral("text"), QStringLiteral("Lamport clocks")}});
        QCOMPARE(typeOf(ack), QStringLiteral("ack"));
        QVERIFY(ack.value(QLatin1String("seq")).toDouble() > 0);
        QVERIFY(!b->waitFor([](const QJsonObject &o) {
                      const QJsonObject d = o.value(QLatin1String("data")).toObject();
                      return o.value(QLatin1String("kind")).toString() == QLatin1String("note.ops")
                             && d.value(QLatin1String("note")).toString() == QLatin1String("class-notes")
                             && d.value(QLatin1String("user")).toString() == QLatin1String("angie.nguyen");
                  }).isEmpty());
        const QJsonObject bad = a->request({{QStringLiteral("type"), QStringLiteral("edit")}, {QStringLiteral("course"), kCourse},
                                            {QStringLiteral("note"), QStringLiteral("no-such-note")},
                                            {QStringLiteral("action"), QStringLiteral("delete_word")}});
        QCOMPARE(bad.value(QLatin1String("code")).toString(), QStringLiteral("unknown_note"));
    }
};

QTEST_GUILESS_MAIN(TestChat)
#include "tst_server_chat.moc"
