// Shared notes under attack, over real sockets (docs/security.md, "Shared notes"): replica ids
// belong to the member who first used them (durably), operations that could never apply are
// refused at the door, a member's share of the waiting queue is bounded, a note has a size bound
// and every member an edit rate, big replies reach clients that have other frames queued, and a
// history page is bounded in bytes.
#include "jsonhttp.h"
#include "hub/hub.h"
#include "wsnoteeditor.h"
#include "store/eventlog.h"
#include "testserver.h"

#include <QDir>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using collab::crdt::Document;
using collab::crdt::ItemId;
using collab::crdt::Operation;

namespace {

const QString kCourse = QStringLiteral("CECS327");
const QString kNote = QStringLiteral("class-notes");
QString typeOf(const QJsonObject &o) { return o.value(QLatin1String("type")).toString(); }
QString codeOf(const QJsonObject &o) { return o.value(QLatin1String("code")).toString(); }
QString messageOf(const QJsonObject &o) { return o.value(QLatin1String("message")).toString(); }

// What a forger builds from the events it received: its copy of the note, as someone else's replica.
Document impersonate(const Document &copy, quint64 victim)
{
    return Document::decodeSnapshot(copy.encodeSnapshot(), victim).value();
}

} // namespace

class TestNoteTrust : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QNetworkAccessManager m_http;

    std::unique_ptr<WsNoteEditor> editor(TestServer &server, const QString &user,
                                       quint64 replica = QRandomGenerator::global()->generate64() | 1)
    {
        auto e = std::make_unique<WsNoteEditor>(replica);
        if (!e->ws.open(server.wsUrl())
            || e->ws.helloAndJoin(user, kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty() || !e->syncFresh())
            return nullptr;
        return e;
    }
    std::unique_ptr<WsNoteEditor> editor(const QString &user) { return editor(*m_server, user); }

    QJsonObject rest(TestServer &server, const QByteArray &verb, const QString &path, const QByteArray &body = {},
                     int *status = nullptr)
    {
        const JsonHttpResult r = jsonHttp(m_http, server.httpUrl(path), verb, body, TestServer::ApiKey, "application/json", 10000);
        if (status)
            *status = r.status;
        return r.json;
    }
    QString serverText(TestServer &server)
    {
        return rest(server, "GET", QStringLiteral("/api/v1/courses/CECS327/notes/class-notes")).value(QLatin1String("text")).toString();
    }
    QString serverText() { return serverText(*m_server); }
    quint64 lastSeq() const { return m_server->instance()->hub().log().lastSeq(kCourse); }

    static std::unique_ptr<TestServer> startServer(const collab::server::LimitsConfig &limits,
                                                   const collab::server::WsLimits &transport = {})
    {
        auto server = std::make_unique<TestServer>();
        server->setLimits(limits);
        server->setTransportLimits(transport);
        if (!server->start())
            return nullptr;
        return server;
    }

private Q_SLOTS:
    void init()
    {
        collab::server::LimitsConfig limits = TestServer::unlimited();
        limits.notePendingPerMember = 3;
        m_server = startServer(limits);
        QVERIFY(m_server);
    }
    void cleanup() { m_server.reset(); }

    // Mallory continues Angie's replica with its next counter: refused, stored nowhere; Angie's
    // own next edit lands intact on the server and on every other replica, also after a restart.
    void forgedReplicaIdsAreRefused()
    {
        auto angie = editor(QStringLiteral("angie.nguyen"));
        auto ben = editor(QStringLiteral("ben.ortiz"));
        auto mallory = editor(QStringLiteral("mallory"));
        QVERIFY(angie && ben && mallory);
        QCOMPARE(typeOf(angie->insert(0, QStringLiteral("Angie's notes. "))), QStringLiteral("ack"));
        QTRY_VERIFY_WITH_TIMEOUT((mallory->absorb(), mallory->doc.text() == angie->doc.text()), 5000);
        const quint64 seq = lastSeq();
        const QString before = serverText();

        Document forger = impersonate(mallory->doc, angie->doc.replica());
        const Operation forged = forger.localInsert(0, QStringLiteral("FORGED ")).value();
        QCOMPARE(forged.id.replica, angie->doc.replica());
        const QJsonObject r = mallory->send({forged});
        QCOMPARE(codeOf(r), QStringLiteral("forbidden"));
        QVERIFY2(messageOf(r).contains(QLatin1String("belongs to another member")), qPrintable(messageOf(r)));
        // Even mixed with mallory's own, honest operation: the whole batch is refused.
        const Operation honest = mallory->doc.localInsert(0, QStringLiteral("m")).value();
        QCOMPARE(codeOf(mallory->send({honest, forged})), QStringLiteral("forbidden"));
        QCOMPARE(lastSeq(), seq);
        QCOMPARE(serverText(), before);

        // The victim's real edit, with the counter the forger tried to take.
        const QJsonObject ack = angie->insert(angie->doc.length(), QStringLiteral("Exam on Friday."));
        QCOMPARE(typeOf(ack), QStringLiteral("ack"));
        QCOMPARE(ack.value(QLatin1String("applied")).toInt(), 1);
        QCOMPARE(serverText(), angie->doc.text());
        QTRY_VERIFY_WITH_TIMEOUT((ben->absorb(), ben->doc.text() == angie->doc.text()), 5000);
        QVERIFY(!ben->doc.text().contains(QLatin1String("FORGED")));

        // The claims are durable: after a restart the replica is still Angie's.
        const quint64 angieReplica = angie->doc.replica();
        angie.reset();
        mallory.reset();
        QVERIFY(m_server->start());
        auto mallory2 = editor(QStringLiteral("mallory"));
        auto angie2 = editor(*m_server, QStringLiteral("angie.nguyen"), angieReplica);
        QVERIFY(mallory2 && angie2);
        Document forger2 = impersonate(mallory2->doc, angieReplica);
        QCOMPARE(codeOf(mallory2->send({forger2.localInsert(0, QStringLiteral("X")).value()})), QStringLiteral("forbidden"));
        QCOMPARE(typeOf(angie2->insert(0, QStringLiteral("Still mine: "))), QStringLiteral("ack"));
        QCOMPARE(serverText(), angie2->doc.text());
    }

    // A replica belongs to a person, recorded by the normalized name: the owner stored for
    // "Dana.Lopez" is "dana.lopez", the form names are compared by (claims, kicks, mentions).
    void ownersAreRecordedByTheNormalizedName()
    {
        auto dana = editor(QStringLiteral("Dana.Lopez"));
        QVERIFY(dana);
        QCOMPARE(typeOf(dana->insert(0, QStringLiteral("Dana's line"))), QStringLiteral("ack"));
        QString owner;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("note-trust-read"));
            db.setDatabaseName(QDir(m_server->dataDir()).filePath(QStringLiteral("identity.db")));
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT owner FROM replica_claims WHERE course = ? AND replica = ?"));
            q.addBindValue(kCourse);
            q.addBindValue(collab::crdt::replicaToString(dana->doc.replica()));
            QVERIFY(q.exec() && q.next());
            owner = q.value(0).toString();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("note-trust-read"));
        QCOMPARE(owner, QStringLiteral("dana.lopez"));
    }

    // The server's own replica (REST edits) is no member's either.
    void theServersReplicaIsNotForLoan()
    {
        auto mallory = editor(QStringLiteral("mallory"));
        QVERIFY(mallory);
        int status = 0;
        rest(*m_server, "POST", QStringLiteral("/api/v1/courses/CECS327/notes/class-notes/edits"),
             R"({"op":"append","text":"from the LMS"})", &status);
        QCOMPARE(status, 200);
        const QJsonObject event = mallory->ws.waitFor([](const QJsonObject &o) {
            return o.value(QLatin1String("kind")).toString() == QLatin1String("note.ops");
        });
        QVERIFY(!event.isEmpty());
        mallory->absorb();
        const auto ops = collab::crdt::operationsFromJson(event.value(QLatin1String("data")).toObject().value(QLatin1String("ops")).toArray());
        QVERIFY(ops.ok() && !ops.value().isEmpty());
        Document server = impersonate(mallory->doc, ops.value().first().id.replica);
        const QString before = serverText();
        QCOMPARE(codeOf(mallory->send({server.localInsert(0, QStringLiteral("official: ")).value()})), QStringLiteral("forbidden"));
        QCOMPARE(serverText(), before);
        rest(*m_server, "POST", QStringLiteral("/api/v1/courses/CECS327/notes/class-notes/edits"),
             R"({"op":"append","text":" and more"})", &status);
        QCOMPARE(status, 200);
        QCOMPARE(serverText(), before + QStringLiteral(" and more"));
    }

    // A gap in the sender's own counter can never be filled by anyone else: refused, not stored.
    void gapsAreRefused()
    {
        auto a = editor(QStringLiteral("angie.nguyen"));
        QVERIFY(a);
        const Operation first = a->doc.localInsert(0, QStringLiteral("first ")).value();
        const Operation second = a->doc.localInsert(6, QStringLiteral("second")).value();
        const quint64 seq = lastSeq();
        const QJsonObject r = a->send({second});
        QCOMPARE(codeOf(r), QStringLiteral("invalid_value"));
        QVERIFY2(messageOf(r).contains(QLatin1String("gap")), qPrintable(messageOf(r)));
        QCOMPARE(lastSeq(), seq);
        const QJsonObject ack = a->send({first, second});
        QCOMPARE(ack.value(QLatin1String("applied")).toInt(), 2);
        QCOMPARE(serverText(), QStringLiteral("first second"));
    }

    // An operation after a unit of a replica no member ever used would wait forever.
    void operationsOnUnknownReplicasAreRefused()
    {
        auto a = editor(QStringLiteral("angie.nguyen"));
        QVERIFY(a);
        Document ghost(0x6057);
        const Operation g = ghost.localInsert(0, QStringLiteral("boo")).value();
        QVERIFY(a->doc.apply(g).ok());
        const Operation after = a->doc.localInsert(3, QStringLiteral("!")).value();
        const quint64 seq = lastSeq();
        const QJsonObject r = a->send({after});
        QCOMPARE(codeOf(r), QStringLiteral("invalid_value"));
        QVERIFY2(messageOf(r).contains(QLatin1String("no member has used")), qPrintable(messageOf(r)));
        QCOMPARE(lastSeq(), seq);
    }

    // A legitimate member's operation that arrives before one it depends on still waits and
    // applies; a member's share of the waiting queue is bounded (notePendingPerMember = 3 here).
    void outOfOrderOperationsStillMerge()
    {
        auto a = editor(QStringLiteral("angie.nguyen"));
        auto b = editor(QStringLiteral("ben.ortiz"));
        auto c = editor(QStringLiteral("cara.diaz"));
        QVERIFY(a && b && c);
        QCOMPARE(typeOf(b->insert(0, QStringLiteral("b0 "))), QStringLiteral("ack")); // b's replica is b's now
        QTRY_VERIFY_WITH_TIMEOUT((a->absorb(), a->doc.text() == b->doc.text()), 5000);
        const Operation late = b->doc.localInsert(b->doc.length(), QStringLiteral("late ")).value(); // not sent yet
        QVERIFY(a->doc.apply(late).ok());
        QVector<Operation> waiting;
        for (int i = 0; i < 3; ++i)
            waiting << a->doc.localInsert(a->doc.length(), QStringLiteral("w%1 ").arg(i)).value();
        QJsonObject ack = a->send(waiting);
        QCOMPARE(typeOf(ack), QStringLiteral("ack"));
        QCOMPARE(ack.value(QLatin1String("applied")).toInt(), 3);
        // A fourth waiting one is over a's share: refused (retryable), the first three are kept.
        const Operation fourth = a->doc.localInsert(a->doc.length(), QStringLiteral("w3 ")).value();
        const QJsonObject over = a->send({fourth});
        QCOMPARE(codeOf(over), QStringLiteral("rate_limited"));
        QVERIFY(over.value(QLatin1String("retryable")).toBool());
        QVERIFY2(messageOf(over).contains(QLatin1String("wait for operations")), qPrintable(messageOf(over)));

        // b's operation arrives: everything applies, the same everywhere; a's retry goes through.
        QCOMPARE(typeOf(b->send({late})), QStringLiteral("ack"));
        QCOMPARE(typeOf(a->send({fourth})), QStringLiteral("ack"));
        QCOMPARE(serverText(), a->doc.text());
        QTRY_VERIFY_WITH_TIMEOUT((c->absorb(), c->doc.text() == a->doc.text()), 5000);
        QTRY_VERIFY_WITH_TIMEOUT((b->absorb(), b->doc.text() == a->doc.text()), 5000);
        QCOMPARE(serverText(), QStringLiteral("b0 late w0 w1 w2 w3 "));
    }

    // The size bound counts deleted text too, with a clear error; REST edits meet it as well.
    void notesHaveASizeBound()
    {
        collab::server::LimitsConfig limits = TestServer::unlimited();
        limits.noteMaxUnits = 1000;
        auto server = startServer(limits);
        QVERIFY(server);
        auto a = editor(*server, QStringLiteral("angie.nguyen"));
        QVERIFY(a);
        QCOMPARE(typeOf(a->insert(0, QString(600, QLatin1Char('x')))), QStringLiteral("ack"));
        QCOMPARE(typeOf(a->remove(0, 600)), QStringLiteral("ack")); // tombstones: still 600 units held
        const QJsonObject r = a->insert(0, QString(500, QLatin1Char('y')));
        QCOMPARE(codeOf(r), QStringLiteral("too_large"));
        QVERIFY2(messageOf(r).contains(QLatin1String("the note is full")) && messageOf(r).contains(QLatin1String("1000"))
                     && messageOf(r).contains(QLatin1String("deleted text counts")),
                 qPrintable(messageOf(r)));
        QCOMPARE(serverText(*server), QString());
        int status = 0;
        const QJsonObject restReply = rest(*server, "POST", QStringLiteral("/api/v1/courses/CECS327/notes/class-notes/edits"),
                                           QByteArray(R"({"op":"append","text":")") + QByteArray(500, 'z') + "\"}", &status);
        QCOMPARE(status, 413);
        QVERIFY(QJsonDocument(restReply).toJson().contains("the note is full"));
        // What fits still does (from a new replica: the refused operation spent a's counters).
        auto b = editor(*server, QStringLiteral("ben.ortiz"));
        QVERIFY(b);
        QCOMPARE(typeOf(b->insert(0, QString(300, QLatin1Char('y')))), QStringLiteral("ack"));
        QCOMPARE(serverText(*server), QString(300, QLatin1Char('y')));
    }

    // Operations a second and bytes a second, per member (all their connections together).
    void editRatesAreBoundedPerMember()
    {
        collab::server::LimitsConfig limits = TestServer::unlimited();
        limits.noteOpsPerSecond = 0.5;
        limits.noteOpsBurst = 5;
        limits.noteBytesPerSecond = 100;
        limits.noteBytesBurst = 2000;
        auto server = startServer(limits);
        QVERIFY(server);
        auto a = editor(*server, QStringLiteral("angie.nguyen"));
        auto a2 = editor(*server, QStringLiteral("angie.nguyen")); // the same member, another connection
        auto b = editor(*server, QStringLiteral("ben.ortiz"));
        QVERIFY(a && a2 && b);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(typeOf(a->insert(0, QStringLiteral("a"))), QStringLiteral("ack"));
        QJsonObject r = a->insert(0, QStringLiteral("a"));
        QCOMPARE(codeOf(r), QStringLiteral("rate_limited"));
        QVERIFY(r.value(QLatin1String("retryable")).toBool());
        QVERIFY2(messageOf(r).contains(QLatin1String("operations a second")), qPrintable(messageOf(r)));
        a2->absorb();
        QCOMPARE(codeOf(a2->insert(0, QStringLiteral("b"))), QStringLiteral("rate_limited"));
        QCOMPARE(typeOf(b->insert(0, QString(1500, QLatin1Char('b')))), QStringLiteral("ack")); // others are not slowed
        r = b->insert(0, QString(600, QLatin1Char('b')));
        QCOMPARE(codeOf(r), QStringLiteral("rate_limited"));
        QVERIFY2(messageOf(r).contains(QLatin1String("bytes of text a second")), qPrintable(messageOf(r)));
    }

    // A big note reaches ten fresh clients that ask for it twice in a row while chat traffic is
    // queued for them, with a send queue limit far below the note's size: the replies go out in
    // fragments the slow-consumer rule does not count. The snapshot is encoded once for all.
    void bigNotesLoadWhileOtherFramesAreQueued()
    {
        collab::server::LimitsConfig limits = TestServer::unlimited();
        collab::server::WsLimits transport;
        transport.sendQueueHardLimit = 256 * 1024;
        auto server = startServer(limits, transport);
        QVERIFY(server);
        auto writer = editor(*server, QStringLiteral("angie.nguyen"));
        QVERIFY(writer);
        // ~600k units of CJK text that compresses badly: a note.state of several MB.
        QRandomGenerator random(19);
        for (int frame = 0; frame < 30; ++frame) {
            QVector<Operation> ops;
            for (int k = 0; k < 5; ++k) {
                QString text;
                for (int i = 0; i < 4000; ++i)
                    text.append(QChar(char16_t(0x4e00 + random.bounded(0x5000))));
                ops << writer->doc.localInsert(writer->doc.length(), text).value();
            }
            QCOMPARE(typeOf(writer->send(ops, 20000)), QStringLiteral("ack"));
        }
        const QString text = writer->doc.text();
        const int encodingsBefore = server->instance()->hub().noteSnapshotEncodings();

        std::vector<std::unique_ptr<WsNoteEditor>> fresh;
        for (int i = 0; i < 10; ++i) {
            fresh.push_back(std::make_unique<WsNoteEditor>());
            QVERIFY(fresh.back()->ws.open(server->wsUrl()));
            QVERIFY(!fresh.back()->ws.helloAndJoin(QStringLiteral("reader%1").arg(i), kCourse,
                                                   QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        }
        for (auto &f : fresh) {
            f->ws.sendJson(f->syncRequest());
            f->ws.sendJson(f->syncRequest());
        }
        for (int i = 0; i < 20; ++i)
            writer->ws.sendJson({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                                 {QStringLiteral("channel"), QStringLiteral("general")},
                                 {QStringLiteral("clientMsgId"), QStringLiteral("load-%1").arg(i)},
                                 {QStringLiteral("text"), QString(QStringLiteral("while you load %1 ").arg(i) + QString(8000, QLatin1Char('.')))}});
        for (auto &f : fresh) {
            QTRY_VERIFY_WITH_TIMEOUT(f->ws.receivedOfType(QStringLiteral("note.state")).size() == 2 || !f->ws.isConnected(), 60000);
            QVERIFY2(f->ws.isConnected(), qPrintable(QStringLiteral("closed with %1").arg(f->ws.closeCode())));
            for (const QJsonObject &state : f->ws.receivedOfType(QStringLiteral("note.state"))) {
                QVERIFY(f->load(state));
                QCOMPARE(f->doc.text(), text);
            }
        }
        // One note version: one encoding for twenty requests.
        QCOMPARE(server->instance()->hub().noteSnapshotEncodings() - encodingsBefore, 1);
    }

    // 500 messages of 16 KiB would be an 8 MB page: a page stops at limits.historyPageBytes.
    void historyPagesAreBoundedInBytes()
    {
        auto a = editor(QStringLiteral("angie.nguyen"));
        QVERIFY(a);
        const QString big(16000, QLatin1Char('h'));
        for (int i = 0; i < 40; ++i) {
            const QJsonObject ack = a->ws.request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                                                   {QStringLiteral("channel"), QStringLiteral("homework")},
                                                   {QStringLiteral("clientMsgId"), QStringLiteral("big-%1").arg(i)},
                                                   {QStringLiteral("text"), QString(QString::number(i) + big)}});
            QVERIFY2(typeOf(ack) == QLatin1String("ack"), qPrintable(messageOf(ack)));
        }
        const int before = a->ws.receivedCount();
        const QJsonObject page = a->ws.request({{QStringLiteral("type"), QStringLiteral("history")}, {QStringLiteral("course"), kCourse},
                                                {QStringLiteral("channel"), QStringLiteral("homework")}, {QStringLiteral("limit"), 500}});
        QCOMPARE(typeOf(page), QStringLiteral("history"));
        QVERIFY(a->ws.receivedCount() > before);
        const QJsonArray messages = page.value(QLatin1String("messages")).toArray();
        QVERIFY(page.value(QLatin1String("more")).toBool());
        QVERIFY2(messages.size() < 40 && messages.size() > 5, qPrintable(QString::number(messages.size())));
        QVERIFY(QJsonDocument(page).toJson(QJsonDocument::Compact).size() <= collab::server::LimitsConfig{}.historyPageBytes);
        // The newest come first; the page before them holds the older ones.
        QVERIFY(messages.last().toObject().value(QLatin1String("text")).toString().startsWith(QLatin1String("39")));
        const double oldest = messages.first().toObject().value(QLatin1String("id")).toDouble();
        const QJsonObject older = a->ws.request({{QStringLiteral("type"), QStringLiteral("history")}, {QStringLiteral("course"), kCourse},
                                                 {QStringLiteral("channel"), QStringLiteral("homework")},
                                                 {QStringLiteral("before"), oldest}, {QStringLiteral("limit"), 500}});
        QVERIFY(!older.value(QLatin1String("messages")).toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestNoteTrust)
#include "tst_note_trust.moc"
