// SharedNote against the real server (in-process, port 0): live convergence, offline edits merged
// after a reconnect, a late joiner loading the snapshot.
#include "client/collabclient.h"
#include "client/requestresult.h"
#include "client/sharednote.h"
#include "protocol/clientmessages.h"

#include "testserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace collab;
using namespace collab::client;

namespace {

const QString Course = QStringLiteral("CECS327");
const QString Note = QStringLiteral("class-notes");

struct Peer
{
    std::unique_ptr<CollabClient> client;
    SharedNote *note = nullptr;
    QString editorView; // patched through textReset/remoteChange only, as an editor would be
};

std::unique_ptr<Peer> makePeer(const TestServer &server, const QString &user)
{
    auto peer = std::make_unique<Peer>();
    ClientOptions o;
    o.url = server.wsUrl();
    o.user = user;
    o.reconnect = Backoff::Policy{20, 200, 2.0, 0.5};
    o.pingIntervalMs = 0;
    peer->client = std::make_unique<CollabClient>(o);
    peer->note = new SharedNote(peer->client.get(), Course, Note, peer->client.get());
    Peer *p = peer.get();
    QObject::connect(p->note, &SharedNote::textReset, p->client.get(), [p](const QString &t) { p->editorView = t; });
    QObject::connect(p->note, &SharedNote::remoteChange, p->client.get(),
                     [p](const QVector<crdt::TextDelta> &deltas, const QString &) {
                         for (const crdt::TextDelta &d : deltas)
                             p->editorView.replace(d.position, d.removed, d.inserted);
                     });
    peer->client->join(Course, QLatin1String(TestServer::JoinCode));
    peer->client->open();
    return peer;
}

// A local edit as the editor makes it: its own view first, then the replica.
bool type(Peer &p, int position, const QString &text)
{
    p.editorView.insert(position, text);
    return p.note->insert(position, text);
}

} // namespace

class TestSharedNoteLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
    }
    void cleanup() { m_server.reset(); }

    void editsConvergeLive()
    {
        auto a = makePeer(*m_server, QStringLiteral("angie.nguyen"));
        auto b = makePeer(*m_server, QStringLiteral("ben.ortiz"));
        QTRY_VERIFY_WITH_TIMEOUT(a->note->isSynced() && b->note->isSynced(), 5000);

        QSignalSpy remote(b->note, &SharedNote::remoteChange);
        QVERIFY(type(*a, 0, QStringLiteral("Week 1: intro\n")));
        QTRY_COMPARE_WITH_TIMEOUT(b->note->text(), QStringLiteral("Week 1: intro\n"), 5000);
        QCOMPARE(remote.last().at(1).toString(), QStringLiteral("angie.nguyen"));

        for (int i = 0; i < 20; ++i) {
            type(*a, a->note->length(), QStringLiteral("a"));
            type(*b, 0, QStringLiteral("b"));
        }
        QTRY_VERIFY_WITH_TIMEOUT(a->note->unackedCount() == 0 && b->note->unackedCount() == 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(a->note->text(), b->note->text(), 5000);
        QCOMPARE(a->note->text().count(QLatin1Char('a')), 20);
        QCOMPARE(b->editorView, b->note->text());
        QCOMPARE(a->editorView, a->note->text());
    }

    void offlineEditsMergeAfterReconnect()
    {
        auto a = makePeer(*m_server, QStringLiteral("angie.nguyen"));
        auto b = makePeer(*m_server, QStringLiteral("ben.ortiz"));
        QTRY_VERIFY_WITH_TIMEOUT(a->note->isSynced() && b->note->isSynced(), 5000);
        type(*a, 0, QStringLiteral("line one\n"));
        QTRY_COMPARE_WITH_TIMEOUT(b->note->text(), a->note->text(), 5000);

        b->client->close();
        QTRY_VERIFY(!b->note->isSynced());
        type(*b, b->note->length(), QStringLiteral("written offline\n"));
        type(*a, 0, QStringLiteral("while B was away\n"));
        QTRY_COMPARE_WITH_TIMEOUT(a->note->unackedCount(), 0, 5000);
        QCOMPARE(b->note->unackedCount(), 1);

        b->client->open();
        QTRY_VERIFY_WITH_TIMEOUT(b->note->isSynced(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(b->note->unackedCount(), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(a->note->text(), b->note->text(), 5000);
        QVERIFY(a->note->text().contains(QStringLiteral("written offline")));
        QVERIFY(a->note->text().contains(QStringLiteral("while B was away")));
        QCOMPARE(b->editorView, b->note->text());
    }

    void lateJoinerAndServerRestart()
    {
        auto a = makePeer(*m_server, QStringLiteral("angie.nguyen"));
        QTRY_VERIFY_WITH_TIMEOUT(a->note->isSynced(), 5000);
        type(*a, 0, QStringLiteral("notes so far"));
        QTRY_COMPARE_WITH_TIMEOUT(a->note->unackedCount(), 0, 5000);

        auto c = makePeer(*m_server, QStringLiteral("cara.diaz"));
        QTRY_COMPARE_WITH_TIMEOUT(c->note->text(), QStringLiteral("notes so far"), 5000);
        QCOMPARE(c->editorView, c->note->text());

        // The server restarts on the same data: both resync, and edits made meanwhile get through.
        m_server->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!a->note->isSynced() && !c->note->isSynced(), 5000);
        type(*c, 0, QStringLiteral("> "));
        QVERIFY(m_server->start());
        QTRY_VERIFY_WITH_TIMEOUT(a->note->isSynced() && c->note->isSynced(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(a->note->text(), QStringLiteral("> notes so far"), 10000);
        QCOMPARE(c->note->text(), a->note->text());
    }

    // Edits the server refuses for good (here: the note got locked) are undone and not resent:
    // the note reloads under a new replica id, and later edits (once unlocked) get through.
    void refusedEditsAreUndoneNotResent()
    {
        auto prof = makePeer(*m_server, QStringLiteral("prof.lee"));
        auto sam = makePeer(*m_server, QStringLiteral("sam.student"));
        QTRY_VERIFY_WITH_TIMEOUT(prof->note->isSynced() && sam->note->isSynced(), 5000);
        type(*prof, 0, QStringLiteral("Syllabus\n"));
        QTRY_COMPARE_WITH_TIMEOUT(sam->note->text(), QStringLiteral("Syllabus\n"), 5000);
        auto lock = [&](bool locked) {
            bool acked = false;
            prof->client->sendRequest(proto::NoteLock{Course, Note, locked},
                                      [&acked](const RequestResult &r) { acked = r.ok(); });
            QTRY_VERIFY_WITH_TIMEOUT(acked, 5000);
        };
        lock(true);
        const crdt::ReplicaId before = sam->note->replica();
        QSignalSpy refused(sam->note, &SharedNote::editsRefused);
        type(*sam, 0, QStringLiteral("vandal "));
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 5000);
        QCOMPARE(refused.first().at(0).toString(), QStringLiteral("forbidden"));
        QTRY_VERIFY_WITH_TIMEOUT(sam->note->isSynced(), 5000);
        QCOMPARE(sam->note->text(), QStringLiteral("Syllabus\n"));
        QCOMPARE(sam->editorView, QStringLiteral("Syllabus\n"));
        QCOMPARE(sam->note->unackedCount(), 0);
        QVERIFY(sam->note->replica() != before);

        lock(false);
        type(*sam, 0, QStringLiteral("ok "));
        QTRY_COMPARE_WITH_TIMEOUT(prof->note->text(), QStringLiteral("ok Syllabus\n"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(sam->note->unackedCount(), 0, 5000);
        QCOMPARE(refused.count(), 1); // nothing was sent again and refused again
    }

    void editsSurviveAnAppRestartWhileOffline()
    {
        QTemporaryDir dir;
        const QString state = dir.filePath(QStringLiteral("notes/class-notes.json"));
        auto a = makePeer(*m_server, QStringLiteral("angie.nguyen"));
        QTRY_VERIFY_WITH_TIMEOUT(a->note->isSynced(), 5000);
        type(*a, 0, QStringLiteral("before"));
        QTRY_COMPARE_WITH_TIMEOUT(a->note->unackedCount(), 0, 5000);

        ClientOptions o;
        o.url = m_server->wsUrl();
        o.user = QStringLiteral("ben.ortiz");
        o.reconnect = Backoff::Policy{20, 200, 2.0, 0.5};
        o.pingIntervalMs = 0;
        o.tokenPath = dir.filePath(QStringLiteral("tokens.json")); // the name stays ours across runs
        {
            CollabClient client(o);
            auto *note = new SharedNote(&client, Course, Note, state, &client);
            client.join(Course, QLatin1String(TestServer::JoinCode));
            client.open();
            QTRY_COMPARE_WITH_TIMEOUT(note->text(), QStringLiteral("before"), 5000);
            client.close();
            QTRY_VERIFY(!note->isSynced());
            QVERIFY(note->insert(6, QStringLiteral(" + offline edit")));
        } // the app quits with an unsent edit
        QVERIFY(QFile::exists(state));

        // The next run shows the note at once, offline, and sends the edit when it connects.
        CollabClient client(o);
        auto *note = new SharedNote(&client, Course, Note, state, &client);
        QCOMPARE(note->text(), QStringLiteral("before + offline edit"));
        QCOMPARE(note->unackedCount(), 1);
        client.join(Course, QLatin1String(TestServer::JoinCode));
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(a->note->text(), QStringLiteral("before + offline edit"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(note->unackedCount(), 0, 5000);
        QCOMPARE(note->text(), a->note->text());
    }

private:
    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TestSharedNoteLive)
#include "tst_sharednote_live.moc"
