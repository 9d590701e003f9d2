// Shared notes through the server: client replicas exchanging CRDT operations over WebSocket,
// REST edits, the prototype's edit actions, note.sync catch-up, and persistence across restarts.
#include "jsonhttp.h"
#include "crdt/document.h"
#include "hub/hub.h"
#include "store/eventlog.h"
#include "store/projections.h"
#include "notes/notebook.h"
#include "notes/textedits.h"
#include "wsnoteeditor.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTest>

using collab::crdt::Document;
using collab::crdt::Operation;

namespace {

const QString kCourse = QStringLiteral("CECS327");
const QString kNote = QStringLiteral("class-notes");
QString typeOf(const QJsonObject &o) { return o.value(QLatin1String("type")).toString(); }

} // namespace

class TestNotes : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QNetworkAccessManager m_http;

    std::unique_ptr<WsNoteEditor> editor(const QString &user)
    {
        auto e = std::make_unique<WsNoteEditor>(QRandomGenerator::global()->generate64() | 1);
        if (!e->ws.open(m_server.wsUrl()) || e->ws.helloAndJoin(user, kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty()
            || !e->syncFresh())
            return nullptr;
        return e;
    }

    QJsonObject rest(const QByteArray &verb, const QString &path, const QByteArray &body = {}, int *status = nullptr)
    {
        const JsonHttpResult r = jsonHttp(m_http, m_server.httpUrl(path), verb, body, TestServer::ApiKey, "application/json", 10000);
        if (status)
            *status = r.status;
        return r.json;
    }

    QString serverText()
    {
        return rest("GET", QStringLiteral("/api/v1/courses/CECS327/notes/class-notes")).value(QLatin1String("text")).toString();
    }

    QJsonObject restEdit(const QByteArray &body, int *status = nullptr)
    {
        return rest("POST", QStringLiteral("/api/v1/courses/CECS327/notes/class-notes/edits"), body, status);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server.setLimits(TestServer::unlimited()); // one test sends hundreds of note.ops at once
        QVERIFY(m_server.start());
    }

    void textEdits()
    {
        using namespace collab::server;
        const QString t = QStringLiteral("alpha beta\ngamma");
        TextEdit e = insertLineEdit(t, QStringLiteral("new"), -1);
        QCOMPARE(t.left(e.position) + e.text + t.mid(e.position), QStringLiteral("alpha beta\ngamma\nnew"));
        e = insertLineEdit(t, QStringLiteral("first"), 0);
        QCOMPARE(t.left(e.position) + e.text + t.mid(e.position), QStringLiteral("first\nalpha beta\ngamma"));
        e = insertLineEdit(t, QStringLiteral("mid"), 1);
        QCOMPARE(t.left(e.position) + e.text + t.mid(e.position), QStringLiteral("alpha beta\nmid\ngamma"));
        e = insertLineEdit(QString(), QStringLiteral("only"), 5);
        QCOMPARE(e.text, QStringLiteral("only"));
        auto d = deleteWordEdit(t, -1);
        QVERIFY(d);
        QCOMPARE(t.left(d->position) + t.mid(d->position + d->length), QStringLiteral("alpha beta\n"));
        d = deleteWordEdit(t, 1);
        QCOMPARE(t.left(d->position) + t.mid(d->position + d->length), QStringLiteral("alpha\ngamma"));
        d = deleteWordEdit(t, 0);
        QCOMPARE(t.left(d->position) + t.mid(d->position + d->length), QStringLiteral("beta\ngamma"));
        QVERIFY(!deleteWordEdit(t, 3));
        QVERIFY(!deleteWordEdit(QStringLiteral("   "), -1));
    }

    void opsReachOtherReplicas()
    {
        auto a = editor(QStringLiteral("angie.nguyen"));
        auto b = editor(QStringLiteral("ben.ortiz"));
        QVERIFY(a && b);
        QJsonObject ack = a->insert(a->doc.length(), QStringLiteral("Consensus: Paxos \U0001F600\n"));
        QCOMPARE(typeOf(ack), QStringLiteral("ack"));
        QCOMPARE(ack.value(QLatin1String("applied")).toInt(), 1);
        QVERIFY(ack.value(QLatin1String("seq")).toDouble() > 0);
        QTRY_VERIFY_WITH_TIMEOUT((b->absorb(), b->doc.text() == a->doc.text()), 5000);
        QCOMPARE(serverText(), a->doc.text());

        // A resend of the same operation is harmless: nothing new is stored.
        const Operation op = b->doc.localInsert(0, QStringLiteral("# ")).value();
        QCOMPARE(b->send({op}).value(QLatin1String("applied")).toInt(), 1);
        ack = b->send({op});
        QCOMPARE(ack.value(QLatin1String("applied")).toInt(), 0);
        QCOMPARE(ack.value(QLatin1String("duplicates")).toInt(), 1);
        QCOMPARE(ack.value(QLatin1String("seq")).toDouble(), 0.0);
        QTRY_VERIFY_WITH_TIMEOUT((a->absorb(), a->doc.text() == b->doc.text()), 5000);
    }

    void invalidOpsAreRejected()
    {
        auto a = editor(QStringLiteral("mallory"));
        QVERIFY(a);
        const QString before = serverText();
        // An insert after an id no replica ever made waits (it may be late); a self-referencing or
        // malformed one is refused outright, and nothing changes.
        const QJsonArray bogus{QStringLiteral("i"), QStringLiteral("00000000000000ff"), 0,
                               QJsonArray{QStringLiteral("00000000000000ff"), 0}, QJsonValue(), QStringLiteral("x")};
        QJsonObject r = a->ws.request({{QStringLiteral("type"), QStringLiteral("note.ops")}, {QStringLiteral("course"), kCourse},
                                       {QStringLiteral("note"), kNote}, {QStringLiteral("ops"), QJsonArray{bogus}}});
        QCOMPARE(r.value(QLatin1String("code")).toString(), QStringLiteral("invalid_value"));
        r = a->ws.request({{QStringLiteral("type"), QStringLiteral("note.ops")}, {QStringLiteral("course"), kCourse},
                           {QStringLiteral("note"), kNote}, {QStringLiteral("ops"), QJsonArray{QJsonArray{QStringLiteral("z")}}}});
        QCOMPARE(r.value(QLatin1String("code")).toString(), QStringLiteral("invalid_value"));
        r = a->ws.request({{QStringLiteral("type"), QStringLiteral("note.ops")}, {QStringLiteral("course"), kCourse},
                           {QStringLiteral("note"), QStringLiteral("nope")}, {QStringLiteral("ops"), QJsonArray{bogus}}});
        QCOMPARE(r.value(QLatin1String("code")).toString(), QStringLiteral("invalid_value"));
        QCOMPARE(serverText(), before);
    }

    // An insert whose origins were never neighbours (docs/notes-crdt.md, "Validation") would land
    // in different places on different replicas: the server refuses it and stores nothing.
    void forgedInsertsAreRefused()
    {
        auto a = editor(QStringLiteral("angie.nguyen"));
        auto mallory = editor(QStringLiteral("mallory"));
        QVERIFY(a && mallory);
        const Operation typed = a->doc.localInsert(a->doc.length(), QStringLiteral("xyz")).value();
        QCOMPARE(typeOf(a->send({typed})), QStringLiteral("ack"));
        QTRY_VERIFY_WITH_TIMEOUT((mallory->absorb(), mallory->doc.text() == a->doc.text()), 5000);
        const QString before = serverText();
        const collab::server::EventLog &store = m_server.instance()->hub().log();
        const quint64 seq = store.lastSeq(kCourse);

        // After the x and before the z, as if the y were not there.
        const collab::crdt::ItemId x = typed.id;
        const collab::crdt::ItemId z{typed.id.replica, typed.id.counter + 2};
        const Operation honest = mallory->doc.localInsert(0, QStringLiteral("ok ")).value();
        const QJsonObject r = mallory->send({Operation::makeInsert(honest.id, x, z, QStringLiteral("!"))});
        QCOMPARE(typeOf(r), QStringLiteral("error"));
        QCOMPARE(r.value(QLatin1String("code")).toString(), QStringLiteral("invalid_value"));
        QVERIFY2(r.value(QLatin1String("message")).toString().contains(QLatin1String("never neighbours")),
                 qPrintable(r.value(QLatin1String("message")).toString()));
        QCOMPARE(serverText(), before);
        QCOMPARE(store.lastSeq(kCourse), seq);

        // In a batch, the honest operation before it is kept and the forged one is not.
        const Operation forged = Operation::makeInsert({honest.id.replica, honest.id.counter + 3}, x, z, QStringLiteral("!"));
        const QJsonObject batch = mallory->send({honest, forged});
        QCOMPARE(typeOf(batch), QStringLiteral("error"));
        QCOMPARE(serverText(), QStringLiteral("ok ") + before);
        QTRY_VERIFY_WITH_TIMEOUT((a->absorb(), a->doc.text() == QStringLiteral("ok ") + before), 5000);
    }

    void restAndEditActionsMergeWithClients()
    {
        auto a = editor(QStringLiteral("angie.nguyen"));
        auto b = editor(QStringLiteral("ben.ortiz"));
        QVERIFY(a && b);
        int status = 0;
        restEdit(R"({"op":"append","text":"from the LMS\n"})", &status);
        QCOMPARE(status, 200);
        restEdit(R"({"op":"insert","position":0,"text":"Week 3\n"})", &status);
        QCOMPARE(status, 200);
        // Concurrent: a and b type while REST and the edit action land.
        a->insert(a->doc.length(), QStringLiteral("a types here "));
        b->insert(0, QStringLiteral("b types there "));
        QCOMPARE(typeOf(a->ws.request({{QStringLiteral("type"), QStringLiteral("edit")}, {QStringLiteral("course"), kCourse},
                                        {QStringLiteral("note"), kNote}, {QStringLiteral("action"), QStringLiteral("insert_line")},
                                        {QStringLiteral("text"), QStringLiteral("a line")}})),
                 QStringLiteral("ack"));
        QCOMPARE(typeOf(b->ws.request({{QStringLiteral("type"), QStringLiteral("edit")}, {QStringLiteral("course"), kCourse},
                                        {QStringLiteral("note"), kNote}, {QStringLiteral("action"), QStringLiteral("delete_word")}})),
                 QStringLiteral("ack"));
        QTRY_VERIFY_WITH_TIMEOUT((a->absorb(), b->absorb(), a->doc.text() == b->doc.text() && a->doc.text() == serverText()), 5000);
        QVERIFY(a->doc.text().contains(QStringLiteral("from the LMS")));
        QVERIFY(a->doc.text().contains(QStringLiteral("Week 3")));

        restEdit(R"({"op":"delete","position":0,"length":100000})", &status);
        QCOMPARE(status, 400);
        restEdit(R"({"op":"paint"})", &status);
        QCOMPARE(status, 400);
        rest("POST", QStringLiteral("/api/v1/courses/CECS327/notes/nope/edits"), R"({"op":"append","text":"x"})", &status);
        QCOMPARE(status, 404);
    }

    void syncBringsOnlyWhatIsMissing()
    {
        auto a = editor(QStringLiteral("angie.nguyen"));
        QVERIFY(a);
        const QJsonObject have = a->doc.version().toJson();
        restEdit(R"({"op":"append","text":"missed while away"})");
        const QJsonObject state = a->ws.request({{QStringLiteral("type"), QStringLiteral("note.sync")}, {QStringLiteral("course"), kCourse},
                                                 {QStringLiteral("note"), kNote}, {QStringLiteral("have"), have}});
        QCOMPARE(typeOf(state), QStringLiteral("note.state"));
        QVERIFY(!state.contains(QLatin1String("snapshot")));
        const auto ops = collab::crdt::operationsFromJson(state.value(QLatin1String("ops")).toArray());
        QVERIFY(ops.ok());
        QCOMPARE(ops.value().size(), 1);
        for (const Operation &op : ops.value())
            a->doc.apply(op);
        QCOMPARE(a->doc.text(), serverText());
    }

    // note.sync {compact: true}: what is missing comes as one compact batch (`history`), which a
    // replica merges in bulk; without `compact` the same request still gets `ops`.
    void syncCompactBringsOneBatch()
    {
        auto a = editor(QStringLiteral("angie.nguyen"));
        QVERIFY(a);
        const QJsonObject have = a->doc.version().toJson();
        restEdit(R"({"op":"append","text":"missed while away"})");
        restEdit(R"({"op":"append","text":" and this"})");
        const QJsonObject request{{QStringLiteral("type"), QStringLiteral("note.sync")}, {QStringLiteral("course"), kCourse},
                                  {QStringLiteral("note"), kNote}, {QStringLiteral("have"), have}};
        QJsonObject compact = request;
        compact.insert(QStringLiteral("compact"), true);
        const QJsonObject state = a->ws.request(compact);
        QCOMPARE(typeOf(state), QStringLiteral("note.state"));
        QVERIFY(!state.contains(QLatin1String("snapshot")));
        QVERIFY(!state.contains(QLatin1String("ops")));
        const QByteArray history = QByteArray::fromBase64(state.value(QLatin1String("history")).toString().toLatin1());
        const auto ops = collab::crdt::decodeOperationBatch(history);
        QVERIFY2(ops.ok(), qPrintable(ops.ok() ? QString() : ops.error().message));
        QCOMPARE(ops.value().size(), 1); // the server typed on at the end: one run
        QCOMPARE(ops.value().front().text, QStringLiteral("missed while away and this"));
        const collab::crdt::ApplyResult merged = a->doc.applyBatch(history);
        QCOMPARE(merged.status, collab::crdt::ApplyStatus::Applied);
        QCOMPARE(merged.appliedCount, 1);
        QCOMPARE(a->doc.text(), serverText());
        QCOMPARE(a->doc.version().toJson(), state.value(QLatin1String("version")).toObject());

        const QJsonObject old = a->ws.request(request); // an older client: JSON operations as before
        QVERIFY(!old.contains(QLatin1String("history")));
        QCOMPARE(collab::crdt::operationsFromJson(old.value(QLatin1String("ops")).toArray()).value(), ops.value());
    }

    void offlineEditsMergeBothWays()
    {
        auto a = editor(QStringLiteral("angie.nguyen"));
        auto b = editor(QStringLiteral("ben.ortiz"));
        QVERIFY(a && b);
        a->ws.close(); // a goes offline and keeps typing
        QVector<Operation> offline;
        for (int i = 0; i < 20; ++i)
            offline << a->doc.localInsert(a->doc.length(), QStringLiteral("offline %1 ").arg(i)).value();
        for (int i = 0; i < 20; ++i)
            b->insert(0, QStringLiteral("online %1 ").arg(i));
        // back online: a catches up (note.sync), then sends what it did
        const QJsonObject have = a->doc.version().toJson();
        WsTestClient again;
        QVERIFY(again.open(m_server.wsUrl()));
        QVERIFY(!again.helloAndJoin(QStringLiteral("angie.nguyen"), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        const QJsonObject state = again.request({{QStringLiteral("type"), QStringLiteral("note.sync")}, {QStringLiteral("course"), kCourse},
                                                 {QStringLiteral("note"), kNote}, {QStringLiteral("have"), have}});
        for (const Operation &op : collab::crdt::operationsFromJson(state.value(QLatin1String("ops")).toArray()).value())
            a->doc.apply(op);
        const QJsonObject ack = again.request({{QStringLiteral("type"), QStringLiteral("note.ops")}, {QStringLiteral("course"), kCourse},
                                               {QStringLiteral("note"), kNote}, {QStringLiteral("ops"), collab::crdt::operationsToJson(offline)}});
        QCOMPARE(ack.value(QLatin1String("applied")).toInt(), 20);
        QTRY_VERIFY_WITH_TIMEOUT((b->absorb(), b->doc.text() == a->doc.text() && a->doc.text() == serverText()), 5000);
    }

    void notesSurviveRestartsAndSnapshots()
    {
        {
            auto a = editor(QStringLiteral("angie.nguyen"));
            QVERIFY(a);
            // Enough operations for at least one snapshot, then some after it.
            for (int i = 0; i < collab::server::Notebook::SnapshotEvery + 50; ++i) {
                a->ws.sendJson({{QStringLiteral("type"), QStringLiteral("note.ops")}, {QStringLiteral("course"), kCourse},
                                {QStringLiteral("note"), kNote},
                                {QStringLiteral("ops"), collab::crdt::operationsToJson({a->doc.localInsert(a->doc.length(), QStringLiteral("x")).value()})}});
            }
            QCOMPARE(typeOf(a->insert(a->doc.length(), QStringLiteral("END"))), QStringLiteral("ack"));
        }
        const QString before = serverText();
        QVERIFY(before.endsWith(QStringLiteral("END")));
        // Snapshots are compressed on a worker thread and saved a moment later.
        const collab::server::NotesProjection &notes = m_server.instance()->hub().projections().notes();
        QTRY_VERIFY_WITH_TIMEOUT(notes.noteSnapshot(kCourse, kNote).has_value(), 10000);
        QVERIFY(notes.noteSnapshot(kCourse, kNote)->seq > 0);
        QVERIFY(m_server.start()); // restart on the same data
        QCOMPARE(serverText(), before);
        auto b = editor(QStringLiteral("ben.ortiz"));
        QVERIFY(b);
        QCOMPARE(b->doc.text(), before);
    }

    void instructorsLockNotes()
    {
        auto prof = editor(QStringLiteral("prof.lee"));
        auto student = editor(QStringLiteral("locked.out"));
        QVERIFY(prof && student);
        auto lock = [](WsNoteEditor &e, bool locked) {
            return e.ws.request({{QStringLiteral("type"), QStringLiteral("note.lock")}, {QStringLiteral("course"), kCourse},
                                 {QStringLiteral("note"), kNote}, {QStringLiteral("locked"), locked}});
        };
        QCOMPARE(lock(*student, true).value(QLatin1String("code")).toString(), QStringLiteral("forbidden"));
        QCOMPARE(typeOf(lock(*prof, true)), QStringLiteral("ack"));
        QVERIFY(!student->ws.waitFor([](const QJsonObject &o) {
                              return o.value(QLatin1String("kind")).toString() == QLatin1String("note.locked");
                          }).isEmpty());
        const QString before = serverText();
        QCOMPARE(student->insert(0, QStringLiteral("vandal ")).value(QLatin1String("code")).toString(), QStringLiteral("forbidden"));
        QCOMPARE(student->ws.request({{QStringLiteral("type"), QStringLiteral("edit")}, {QStringLiteral("course"), kCourse},
                                      {QStringLiteral("note"), kNote}, {QStringLiteral("action"), QStringLiteral("delete_word")}})
                     .value(QLatin1String("code")).toString(),
                 QStringLiteral("forbidden"));
        QCOMPARE(serverText(), before);
        QCOMPARE(typeOf(prof->insert(0, QStringLiteral("Final: "))), QStringLiteral("ack")); // instructors still edit

        QVERIFY(m_server.start()); // the lock is durable
        auto again = editor(QStringLiteral("locked.out"));
        QVERIFY(again);
        QCOMPARE(again->insert(0, QStringLiteral("x")).value(QLatin1String("code")).toString(), QStringLiteral("forbidden"));
        auto profAgain = editor(QStringLiteral("prof.lee"));
        QVERIFY(profAgain);
        QCOMPARE(typeOf(lock(*profAgain, false)), QStringLiteral("ack"));
        // The refused operation spent its counters (a later one would leave a gap): a new replica.
        auto unlocked = editor(QStringLiteral("locked.out"));
        QVERIFY(unlocked);
        QCOMPARE(unlocked->insert(0, QStringLiteral("x")).value(QLatin1String("applied")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestNotes)
#include "tst_notes.moc"
