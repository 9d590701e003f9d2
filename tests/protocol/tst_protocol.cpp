// The protocol codec alone: every message round-trips, every malformed frame gets the right typed
// error (never a half-filled object).
#include "model/chatmessage.h"
#include "protocol/emoji.h"
#include "protocol/jsonwriter.h"
#include "protocol/clientmessages.h"
#include "protocol/ids.h"
#include "protocol/jsonfields.h"
#include "protocol/limits.h"
#include "protocol/servermessages.h"

#include <QJsonDocument>
#include <QTest>

using namespace collab;
using namespace collab::proto;

Q_DECLARE_METATYPE(collab::ErrorCode)

namespace {
ClientMessage roundTrip(const ClientMessage &m)
{
    Result<ClientMessage> r = decodeClientMessage(m.encode());
    if (!r)
        qWarning("decode failed: %s", qPrintable(r.error().message));
    return r ? r.value() : ClientMessage{};
}
} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idValidation_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << QStringLiteral("CECS327") << true;
        QTest::newRow("dots, dashes, underscores") << QStringLiteral("angie.nguyen_2-b") << true;
        QTest::newRow("64 chars") << QString(64, QLatin1Char('a')) << true;
        QTest::newRow("65 chars") << QString(65, QLatin1Char('a')) << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("space") << QStringLiteral("a b") << false;
        QTest::newRow("slash") << QStringLiteral("a/b") << false;
        QTest::newRow("non-ascii") << QStringLiteral("caf\u00e9") << false;
    }
    void idValidation()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QCOMPARE(isValidId(id), valid);
    }

    void utf8Length()
    {
        QCOMPARE(collab::utf8Length(u"abc"), 3);
        QCOMPARE(collab::utf8Length(u"\u00e9"), 2);
        QCOMPARE(collab::utf8Length(u"\u20ac"), 3);
        QCOMPARE(collab::utf8Length(QString::fromUtf8("\xf0\x9f\x98\x80")), 4); // a surrogate pair
    }

    void clientRoundTrips()
    {
        const ClientMessage hello{1, Hello{QStringLiteral("angie.nguyen"), QStringLiteral("cli")}};
        const auto h = std::get<Hello>(roundTrip(hello).payload);
        QCOMPARE(h.user, QStringLiteral("angie.nguyen"));
        QCOMPARE(h.client, QStringLiteral("cli"));

        const ClientMessage join{QStringLiteral("r-2"), Join{QStringLiteral("CECS327"), QStringLiteral("code"), QStringLiteral("tok"), 41}};
        const ClientMessage joinBack = roundTrip(join);
        QCOMPARE(joinBack.ref.toString(), QStringLiteral("r-2"));
        const auto j = std::get<Join>(joinBack.payload);
        QCOMPARE(j.course, QStringLiteral("CECS327"));
        QCOMPARE(j.since.value_or(0), quint64(41));
        QCOMPARE(j.token, QStringLiteral("tok"));

        const QString text = QStringLiteral("h\u00e9llo \U0001F600\nclass");
        const auto s = std::get<ChatSend>(roundTrip({3, ChatSend{QStringLiteral("C"), QStringLiteral("general"), text,
                                                                 QStringLiteral("m-1")}})
                                              .payload);
        QCOMPARE(s.text, text);
        QCOMPARE(s.clientMsgId, QStringLiteral("m-1"));

        const auto e = std::get<ChatEdit>(roundTrip({4, ChatEdit{QStringLiteral("C"), 9007199254740991ULL, QStringLiteral("x")}}).payload);
        QCOMPARE(e.id, 9007199254740991ULL);
        QCOMPARE(std::get<ChatDelete>(roundTrip({5, ChatDelete{QStringLiteral("C"), 7}}).payload).id, quint64(7));

        const auto t = std::get<Typing>(roundTrip({6, Typing{QStringLiteral("C"), QString(), QStringLiteral("class-notes"), false}}).payload);
        QCOMPARE(t.note, QStringLiteral("class-notes"));
        QCOMPARE(t.active, false);

        EditAction action{QStringLiteral("C"), QStringLiteral("class-notes"), QStringLiteral("insert_line")};
        action.text = QStringLiteral("a line");
        action.line = 3;
        const auto a = std::get<EditAction>(roundTrip({7, action}).payload);
        QCOMPARE(a.action, QStringLiteral("insert_line"));
        QCOMPARE(a.line, 3);
        QCOMPARE(a.word, -1);

        const auto hist = std::get<History>(roundTrip({8, History{QStringLiteral("C"), QStringLiteral("general"), 12, 20}}).payload);
        QCOMPARE(hist.before, quint64(12));
        QCOMPARE(hist.limit, 20);

        const auto search = std::get<Search>(
            roundTrip({9, Search{QStringLiteral("C"), QStringLiteral("vector \"clock\" from:ana"), QStringLiteral("general"), 5}}).payload);
        QCOMPARE(search.q, QStringLiteral("vector \"clock\" from:ana"));
        QCOMPARE(search.channel, QStringLiteral("general"));
        QCOMPARE(search.limit, 5);
        // Note history (issue 15 part 2).
        const auto at = std::get<NoteAt>(roundTrip({10, NoteAt{QStringLiteral("C"), QStringLiteral("n"), 0, 0, QStringLiteral("Before midterm")}}).payload);
        QCOMPARE(at.version, QStringLiteral("Before midterm"));
        QCOMPARE(at.at, quint64(0));
        const auto named = std::get<NoteNameVersion>(
            roundTrip({11, NoteNameVersion{QStringLiteral("C"), QStringLiteral("n"), QStringLiteral("Week 3"), 42}}).payload);
        QCOMPARE(named.at, quint64(42));
        const auto restore = std::get<NoteRestore>(roundTrip({12, NoteRestore{QStringLiteral("C"), QStringLiteral("n"), 17, {}}}).payload);
        QCOMPARE(restore.at, quint64(17));
        const auto page = std::get<NoteHistoryGet>(roundTrip({13, NoteHistoryGet{QStringLiteral("C"), QStringLiteral("n"), 99, 7}}).payload);
        QCOMPARE(page.before, quint64(99));
        QCOMPARE(page.limit, 7);

        SearchHit hit;
        hit.id = 12;
        hit.channel = QStringLiteral("general");
        hit.snippet = QStringLiteral("a vector clock");
        hit.highlights = {{2, 6}, {9, 5}};
        hit.anonymous = true;
        hit.createdMs = 1700000000000;
        const Result<SearchHit> back = SearchHit::fromJson(hit.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back.value().highlights.size(), 2);
        QCOMPARE(back.value().highlights.at(1).start, 9);
        QVERIFY(back.value().author.isEmpty());
        QVERIFY(!hit.toJson().contains(QLatin1String("author")));
    }

    void serverRoundTrips()
    {
        Joined joined;
        joined.ref = 2;
        joined.course = QStringLiteral("CECS327");
        joined.seq = 12;
        joined.channels = {QStringLiteral("general")};
        joined.notes = {QStringLiteral("class-notes")};
        joined.members = {Member{QStringLiteral("prof.lee"), QStringLiteral("instructor"), true}};
        joined.resumed = true;
        joined.recovered = false;
        auto decoded = decodeServerMessage(encode(joined));
        QVERIFY(decoded.ok());
        const Joined back = std::get<Joined>(decoded.value());
        QCOMPARE(back.seq, quint64(12));
        QCOMPARE(back.members.size(), 1);
        QCOMPARE(back.members[0].role, QStringLiteral("instructor"));
        QCOMPARE(back.recovered, false);

        ChatMessage m;
        m.id = 5;
        m.channel = QStringLiteral("general");
        m.author = QStringLiteral("a");
        m.text = QStringLiteral("t");
        m.createdMs = 1700000000000;
        m.editedMs = 1700000000001;
        HistoryPage page;
        page.course = QStringLiteral("C");
        page.channel = QStringLiteral("general");
        page.messages = {m};
        decoded = decodeServerMessage(encode(page));
        QVERIFY(decoded.ok());
        QCOMPARE(std::get<HistoryPage>(decoded.value()).messages.value(0), m);

        CourseEvent event{QStringLiteral("C"), 44, EventKind::ChatEdited, 1, QJsonObject{{QStringLiteral("id"), 5}}};
        decoded = decodeServerMessage(encode(EventMessage{event}));
        QVERIFY(decoded.ok());
        QCOMPARE(std::get<EventMessage>(decoded.value()).event.seq, quint64(44));
        QCOMPARE(std::get<EventMessage>(decoded.value()).event.kind, EventKind::ChatEdited);

        const ErrorReply err = ErrorReply::from(ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("down"), 3));
        decoded = decodeServerMessage(encode(err));
        QVERIFY(decoded.ok());
        QCOMPARE(std::get<ErrorReply>(decoded.value()).code, QStringLiteral("unavailable"));
        QVERIFY(std::get<ErrorReply>(decoded.value()).retryable);
    }

    // The bytes on the wire, for every message type: decoding a frame and encoding it again gives
    // exactly these (keys sorted, optional fields left out as before the codecs were declarative).
    void wireBytes_data()
    {
        QTest::addColumn<bool>("fromClient");
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("server ack") << false << QByteArray(R"({"type":"ack","ref":2,"id":13,"seq":13,"duplicate":false})")
                << QByteArray(R"({"duplicate":false,"id":13,"ref":2,"seq":13,"type":"ack"})");
        QTest::newRow("client chat.edit") << true << QByteArray(R"({"type":"chat.edit","course":"cs101","id":7,"text":"fixed"})")
                << QByteArray(R"({"course":"cs101","id":7,"text":"fixed","type":"chat.edit"})");
        QTest::newRow("client chat.send") << true << QByteArray(R"({"type":"chat.send","ref":2,"course":"cs101","channel":"general","text":"hello é","clientMsgId":"m-1"})")
                << QByteArray(R"({"channel":"general","clientMsgId":"m-1","course":"cs101","ref":2,"text":"hello é","type":"chat.send"})");
        QTest::newRow("client edit") << true << QByteArray(R"({"type":"edit","course":"cs101","note":"week1","action":"insert_line","text":"x","line":2})")
                << QByteArray(R"({"action":"insert_line","course":"cs101","line":2,"note":"week1","text":"x","type":"edit"})");
        QTest::newRow("server error") << false << QByteArray(R"({"type":"error","ref":2,"code":"rate_limited","message":"slow down","retryable":true})")
                << QByteArray(R"({"code":"rate_limited","message":"slow down","ref":2,"retryable":true,"type":"error"})");
        QTest::newRow("server event") << false << QByteArray(R"({"type":"event","course":"cs101","seq":13,"kind":"chat.posted","ts":1700000000000,"data":{"id":13,"channel":"general","author":"bob","text":"yo","createdAt":1700000000000}})")
                << QByteArray(R"({"course":"cs101","data":{"author":"bob","channel":"general","createdAt":1700000000000,"id":13,"text":"yo"},"kind":"chat.posted","seq":13,"ts":1700000000000,"type":"event"})");
        QTest::newRow("client hello") << true << QByteArray(R"({"type":"hello","ref":1,"user":"alice","token":"t0k","client":"collab-cli/0.1"})")
                << QByteArray(R"({"client":"collab-cli/0.1","ref":1,"type":"hello","user":"alice"})");
        QTest::newRow("client history") << true << QByteArray(R"({"type":"history","course":"cs101","channel":"general","before":40,"limit":20})")
                << QByteArray(R"({"before":40,"channel":"general","course":"cs101","limit":20,"type":"history"})");
        QTest::newRow("client join") << true << QByteArray(R"({"type":"join","ref":"j1","course":"cs101","joinCode":"secret","since":12})")
                << QByteArray(R"({"course":"cs101","joinCode":"secret","ref":"j1","since":12,"type":"join"})");
        QTest::newRow("server note.state") << false << QByteArray(R"({"type":"note.state","ref":5,"course":"cs101","note":"week1","seq":13,"version":{"000000000000000b":3},"ops":[["i","000000000000000b",0,null,null,"hi"],["d","000000000000000b",2,[["000000000000000b",0,1]]]]})")
                << QByteArray(R"({"course":"cs101","note":"week1","ops":[["i","000000000000000b",0,null,null,"hi"],["d","000000000000000b",2,[["000000000000000b",0,1]]]],"ref":5,"seq":13,"type":"note.state","version":{"000000000000000b":3}})");
        QTest::newRow("client note.sync") << true << QByteArray(R"({"type":"note.sync","course":"cs101","note":"week1","have":{"000000000000000b":3}})")
                << QByteArray(R"({"course":"cs101","have":{"000000000000000b":3},"note":"week1","type":"note.sync"})");
        QTest::newRow("client ping") << true << QByteArray(R"({"type":"ping","ref":4})")
                << QByteArray(R"({"ref":4,"type":"ping"})");
        QTest::newRow("client typing") << true << QByteArray(R"({"type":"typing","course":"cs101","note":"week1","active":false})")
                << QByteArray(R"({"active":false,"course":"cs101","note":"week1","type":"typing"})");
        QTest::newRow("server welcome") << false << QByteArray(R"({"type":"welcome","ref":1,"session":"s1","user":"alice","server":"collab","protocol":1})")
                << QByteArray(R"({"protocol":1,"ref":1,"server":"collab","session":"s1","type":"welcome","user":"alice"})");
        QTest::newRow("server note.state snapshot") << false << QByteArray(R"({"type":"note.state","course":"C","note":"n","seq":3,"version":{},"snapshot":"AAAA"})")
                << QByteArray(R"({"course":"C","note":"n","seq":3,"snapshot":"AAAA","type":"note.state","version":{}})");
        QTest::newRow("server presence") << false << QByteArray(R"({"type":"presence","course":"C","user":"u","online":true})")
                << QByteArray(R"({"course":"C","online":true,"role":"student","type":"presence","user":"u"})");
        QTest::newRow("server kicked") << false << QByteArray(R"({"type":"kicked","course":"C","by":"p","until":5})")
                << QByteArray(R"({"by":"p","course":"C","type":"kicked","until":5})");
        QTest::newRow("server pong") << false << QByteArray(R"({"type":"pong","ref":3})")
                << QByteArray(R"({"ref":3,"type":"pong"})");
        QTest::newRow("server joined") << false << QByteArray(R"({"type":"joined","ref":1,"course":"C","seq":1,"channels":["g"],"notes":["n"],"members":[{"user":"a","role":"instructor","online":true}],"token":"t"})")
                << QByteArray(R"({"channels":["g"],"course":"C","members":[{"online":true,"role":"instructor","user":"a"}],"notes":["n"],"recovered":true,"ref":1,"replayed":0,"resumed":false,"seq":1,"title":"","token":"t","type":"joined"})");
        QTest::newRow("client course.create") << true << QByteArray(R"({"type":"course.create","ref":2,"course":"CS200","title":"Consensus","instructors":["prof.kim"],"announcements":["news"],"notes":["week1"]})")
                << QByteArray(R"({"announcements":["news"],"course":"CS200","instructors":["prof.kim"],"notes":["week1"],"ref":2,"title":"Consensus","type":"course.create"})");
        QTest::newRow("client kick with minutes") << true << QByteArray(R"({"type":"kick","course":"C","user":"u","minutes":0})")
                << QByteArray(R"({"course":"C","minutes":0,"type":"kick","user":"u"})");
        QTest::newRow("server typing") << false << QByteArray(R"({"type":"typing","course":"C","user":"u","channel":"g","active":true})")
                << QByteArray(R"({"active":true,"channel":"g","course":"C","type":"typing","user":"u"})");
        QTest::newRow("client note.lock") << true << QByteArray(R"({"type":"note.lock","course":"C","note":"n"})")
                << QByteArray(R"({"course":"C","locked":true,"note":"n","type":"note.lock"})");
        QTest::newRow("client kick") << true << QByteArray(R"({"type":"kick","course":"C","user":"u"})")
                << QByteArray(R"({"course":"C","type":"kick","user":"u"})");
        QTest::newRow("client leave") << true << QByteArray(R"({"type":"leave","course":"C"})")
                << QByteArray(R"({"course":"C","type":"leave"})");
        QTest::newRow("client chat.delete") << true << QByteArray(R"({"type":"chat.delete","course":"C","id":3})")
                << QByteArray(R"({"course":"C","id":3,"type":"chat.delete"})");
        QTest::newRow("client note.ops") << true << QByteArray(R"({"type":"note.ops","course":"C","note":"n","ops":[["i","00000000000000aa",0,null,null,"hi"]]})")
                << QByteArray(R"({"course":"C","note":"n","ops":[["i","00000000000000aa",0,null,null,"hi"]],"type":"note.ops"})");
        QTest::newRow("server history") << false << QByteArray(R"({"type":"history","course":"C","channel":"g","messages":[{"id":1,"channel":"g","author":"a","text":"t","createdAt":5,"editedAt":6,"deleted":true,"clientMsgId":"c"}],"seq":3,"more":true})")
                << QByteArray(R"({"channel":"g","course":"C","messages":[{"author":"a","channel":"g","clientMsgId":"c","createdAt":5,"deleted":true,"editedAt":6,"id":1,"text":"t"}],"more":true,"seq":3,"type":"history"})");
    }
    void wireBytes()
    {
        QFETCH(bool, fromClient);
        QFETCH(QByteArray, frame);
        QFETCH(QByteArray, encoded);
        if (fromClient) {
            const Result<ClientMessage> m = decodeClientMessage(frame);
            QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
            QCOMPARE(m.value().encode(), encoded);
        } else {
            const Result<ServerPayload> m = decodeServerMessage(frame);
            QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
            QCOMPARE(std::visit([](const auto &message) { return encode(message); }, m.value()), encoded);
        }
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<bool>("refKept");
        const QByteArray big(limits::MaxChatTextBytes + 1, 'x');
        QTest::newRow("broken json") << QByteArray("{\"type\":") << ErrorCode::BadJson << false;
        QTest::newRow("not an object") << QByteArray("[1,2]") << ErrorCode::BadJson << false;
        QTest::newRow("empty") << QByteArray("") << ErrorCode::BadJson << false;
        QTest::newRow("no type") << QByteArray(R"({"ref":1})") << ErrorCode::MissingField << true;
        QTest::newRow("type not a string") << QByteArray(R"({"ref":1,"type":5})") << ErrorCode::BadType << true;
        QTest::newRow("unknown type") << QByteArray(R"({"ref":1,"type":"chat.shout"})") << ErrorCode::UnknownType << true;
        QTest::newRow("ref an object") << QByteArray(R"({"ref":{},"type":"ping"})") << ErrorCode::BadType << false;
        QTest::newRow("search query over 512 bytes")
            << (R"({"ref":1,"type":"search","course":"C","q":")" + QByteArray(513, 'x') + R"("})") << ErrorCode::TooLarge << true;
        QTest::newRow("search limit 0") << QByteArray(R"({"ref":1,"type":"search","course":"C","q":"x","limit":0})")
                                        << ErrorCode::InvalidValue << true;
        QTest::newRow("search bad channel") << QByteArray(R"({"ref":1,"type":"search","course":"C","q":"x","channel":"../x"})")
                                            << ErrorCode::InvalidValue << true;
        QTest::newRow("note.at without a point") << QByteArray(R"({"ref":1,"type":"note.at","course":"C","note":"n"})")
                                                 << ErrorCode::InvalidValue << true;
        QTest::newRow("note.at two points") << QByteArray(R"({"ref":1,"type":"note.at","course":"C","note":"n","at":3,"version":"x"})")
                                            << ErrorCode::InvalidValue << true;
        QTest::newRow("note.at negative") << QByteArray(R"({"ref":1,"type":"note.at","course":"C","note":"n","at":-1})")
                                          << ErrorCode::BadType << true;
        QTest::newRow("note.at not a number") << QByteArray(R"({"ref":1,"type":"note.at","course":"C","note":"n","at":"12"})")
                                              << ErrorCode::BadType << true;
        QTest::newRow("note.name control character")
            << QByteArray(R"({"ref":1,"type":"note.name","course":"C","note":"n","name":"ab"})") << ErrorCode::InvalidValue << true;
        QTest::newRow("note.name too long")
            << (R"({"ref":1,"type":"note.name","course":"C","note":"n","name":")" + QByteArray(81, 'x') + R"("})") << ErrorCode::TooLarge << true;
        QTest::newRow("note.restore without a point") << QByteArray(R"({"ref":1,"type":"note.restore","course":"C","note":"n"})")
                                                      << ErrorCode::InvalidValue << true;
        QTest::newRow("note.history limit 501") << QByteArray(R"({"ref":1,"type":"note.history","course":"C","note":"n","limit":501})")
                                                << ErrorCode::InvalidValue << true;
        QTest::newRow("hello without user") << QByteArray(R"({"ref":1,"type":"hello"})") << ErrorCode::MissingField << true;
        QTest::newRow("hello bad user") << QByteArray(R"({"ref":1,"type":"hello","user":"a b"})") << ErrorCode::InvalidValue << true;
        QTest::newRow("user a number") << QByteArray(R"({"ref":1,"type":"hello","user":7})") << ErrorCode::BadType << true;
        QTest::newRow("since negative") << QByteArray(R"({"ref":1,"type":"join","course":"C","joinCode":"x","since":-1})")
                                        << ErrorCode::BadType << true;
        QTest::newRow("since fractional") << QByteArray(R"({"ref":1,"type":"join","course":"C","joinCode":"x","since":1.5})")
                                          << ErrorCode::BadType << true;
        QTest::newRow("text a number") << QByteArray(R"({"ref":1,"type":"chat.send","course":"C","channel":"g","text":1,"clientMsgId":"m"})")
                                       << ErrorCode::BadType << true;
        QTest::newRow("blank text") << QByteArray(R"({"ref":1,"type":"chat.send","course":"C","channel":"g","text":"  ","clientMsgId":"m"})")
                                    << ErrorCode::InvalidValue << true;
        QTest::newRow("text too long") << (QByteArray(R"({"ref":1,"type":"chat.send","course":"C","channel":"g","clientMsgId":"m","text":")") + big + "\"}")
                                       << ErrorCode::TooLarge << true;
        QTest::newRow("no clientMsgId") << QByteArray(R"({"ref":1,"type":"chat.send","course":"C","channel":"g","text":"hi"})")
                                        << ErrorCode::MissingField << true;
        QTest::newRow("edit id a string") << QByteArray(R"({"ref":1,"type":"chat.edit","course":"C","id":"3","text":"x"})")
                                          << ErrorCode::BadType << true;
        QTest::newRow("typing both targets") << QByteArray(R"({"ref":1,"type":"typing","course":"C","channel":"g","note":"n"})")
                                             << ErrorCode::InvalidValue << true;
        QTest::newRow("typing active a string") << QByteArray(R"({"ref":1,"type":"typing","course":"C","channel":"g","active":"yes"})")
                                                << ErrorCode::BadType << true;
        QTest::newRow("unknown edit action") << QByteArray(R"({"ref":1,"type":"edit","course":"C","note":"n","action":"explode"})")
                                             << ErrorCode::InvalidValue << true;
        QTest::newRow("history limit 0") << QByteArray(R"({"ref":1,"type":"history","course":"C","channel":"g","limit":0})")
                                         << ErrorCode::InvalidValue << true;
        // Course interactions (issue 14).
        QTest::newRow("react with text") << QByteArray(R"({"ref":1,"type":"react","course":"C","id":3,"emoji":"lol"})")
                                         << ErrorCode::InvalidValue << true;
        QTest::newRow("react 10 KB") << (QByteArray(R"({"ref":1,"type":"react","course":"C","id":3,"emoji":")") + QByteArray(10240, 'x') + "\"}")
                                     << ErrorCode::TooLarge << true;
        QTest::newRow("react digit") << QByteArray(R"({"ref":1,"type":"react","course":"C","id":3,"emoji":"1"})")
                                     << ErrorCode::InvalidValue << true;
        QTest::newRow("replyTo a string") << QByteArray(R"({"ref":1,"type":"chat.send","course":"C","channel":"g","text":"x","clientMsgId":"m","replyTo":"3"})")
                                          << ErrorCode::BadType << true;
        QTest::newRow("vote twice the same option") << QByteArray(R"({"ref":1,"type":"poll.vote","course":"C","poll":3,"options":[1,1]})")
                                                    << ErrorCode::InvalidValue << true;
        QTest::newRow("vote option out of range") << QByteArray(R"({"ref":1,"type":"poll.vote","course":"C","poll":3,"options":[10]})")
                                                  << ErrorCode::InvalidValue << true;
        QTest::newRow("vote nothing") << QByteArray(R"({"ref":1,"type":"poll.vote","course":"C","poll":3,"options":[]})")
                                      << ErrorCode::InvalidValue << true;
        QTest::newRow("poll one option") << QByteArray(R"({"ref":1,"type":"poll.create","course":"C","channel":"g","question":"q","options":["a"]})")
                                         << ErrorCode::InvalidValue << true;
        QTest::newRow("poll eleven options") << QByteArray(R"({"ref":1,"type":"poll.create","course":"C","channel":"g","question":"q","options":["1","2","3","4","5","6","7","8","9","10","11"]})")
                                             << ErrorCode::InvalidValue << true;
        QTest::newRow("queue topic two lines") << QByteArray(R"({"ref":1,"type":"queue.join","course":"C","channel":"g","topic":"a\nb"})")
                                               << ErrorCode::InvalidValue << true;
        QTest::newRow("queue unknown action") << QByteArray(R"({"ref":1,"type":"queue.action","course":"C","channel":"g","action":"cut"})")
                                              << ErrorCode::InvalidValue << true;
        QTest::newRow("anonymity mode") << QByteArray(R"({"ref":1,"type":"anonymity.set","course":"C","mode":"sometimes"})")
                                        << ErrorCode::InvalidValue << true;
        QTest::newRow("oversized frame") << QByteArray(limits::MaxFrameBytes + 1, ' ') << ErrorCode::TooLarge << false;
    }

    void interactionRoundTrips()
    {
        ChatSend send{QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("re"), QStringLiteral("m-2")};
        send.replyTo = 12;
        send.anonymous = true;
        const auto s = std::get<ChatSend>(roundTrip({1, send}).payload);
        QCOMPARE(s.replyTo, quint64(12));
        QVERIFY(s.anonymous && !s.question);
        const auto r = std::get<React>(roundTrip({2, React{QStringLiteral("C"), 5, QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467"), false}}).payload);
        QCOMPARE(r.emoji, QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467"));
        QVERIFY(!r.active);
        const auto v = std::get<PollVote>(roundTrip({3, PollVote{QStringLiteral("C"), 9, {2, 0}}}).payload);
        QCOMPARE(v.options, (QList<int>{2, 0}));
        PollCreate poll{QStringLiteral("C"), QStringLiteral("general"), QStringLiteral("When?"), {QStringLiteral("Tue"), QStringLiteral("Thu")}};
        poll.anonymous = true;
        poll.minutes = 2;
        const auto p = std::get<PollCreate>(roundTrip({4, poll}).payload);
        QVERIFY(p.anonymous && !p.multiple);
        QCOMPARE(p.minutes, qint64(2));
        // Every emoji shape is one; nothing else is.
        for (const char *ok : {"\U0001F44D", "\U0001F44D\U0001F3FD", "\u2764\uFE0F", "\U0001F1EB\U0001F1F7", "1\uFE0F\u20E3", "\U0001F3F3\uFE0F\u200D\U0001F308"})
            QVERIFY2(collab::isReactionEmoji(QString::fromUtf8(ok)), ok);
        for (const char *bad : {"", "a", "1", "+1", ":)", "\u200D", "\uFE0F", "\U0001F44Da", "\uE000"})
            QVERIFY2(!collab::isReactionEmoji(QString::fromUtf8(bad)), bad);

        // A message with every interaction field: toJson() and the byte writer agree.
        ChatMessage m;
        m.id = 13;
        m.channel = QStringLiteral("general");
        m.text = QStringLiteral("q?");
        m.createdMs = 1700000000000;
        m.question = true;
        m.anonymous = true;
        m.pseudonym = QStringLiteral("Anonymous Owl");
        m.replies = 2;
        m.repliers = {QStringLiteral("bob")};
        m.reactions = {Reaction{QStringLiteral("\U0001F44D"), 2, {QStringLiteral("bob"), QStringLiteral("eve")}, true}};
        collab::JsonWriter w;
        m.writeJson(w);
        QCOMPARE(w.take(), QJsonDocument(m.toJson()).toJson(QJsonDocument::Compact));
        const Result<ChatMessage> back = ChatMessage::fromJson(m.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back.value(), m);
    }
    void malformed()
    {
        QFETCH(QByteArray, frame);
        QFETCH(ErrorCode, code);
        QFETCH(bool, refKept);
        const Result<ClientMessage> r = decodeClientMessage(frame);
        QVERIFY(!r.ok());
        QCOMPARE(errorCodeName(r.error().code), errorCodeName(code));
        QVERIFY(!r.error().message.isEmpty());
        QCOMPARE(r.error().ref.toInt(-1) == 1, refKept);
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
