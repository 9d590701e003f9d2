// collab-bench-lecture: 500 members reacting and voting during a lecture (issue 14, part 11).
//
// Starts collab-server, joins N members and an instructor, who posts a message and opens a poll.
// Then, spread over --seconds, every member reacts to the message once (one of five emoji) and
// votes once (one of four options; a tenth of them change their vote once). Every event frame of a
// reaction or a vote that reaches any member is timed from the moment its sender sent the request
// (one process, one monotonic clock): `deliveryMs` is that latency over every (event, receiver)
// pair. At the end the tallies the server answers (poll counts, reaction counts from history) are
// compared with what was sent: `talliesCorrect`. Prints one JSON object.
//
// The members are the load generator's raw clients (bench/load: epoll, RFC 6455 framing, frames
// scanned as bytes), not QWebSockets: with 500 QWebSockets in one thread the generator itself
// spent more per frame than the server (every frame decoded to a QString for 500 receivers), and
// its queueing showed up in the latency it was there to measure. The members still share this
// process and its CPU with nothing but the Qt timers that schedule them.
#include "benchserver.h"
#include "poller.h"
#include "wsclient.h"
#include "wsframing.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QTimer>

#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

using collab::bench::BenchServer;
using collab::bench::percentile;
using collab::bench::Poller;
using collab::bench::steadyNowNs;
using collab::bench::waitUntil;
using collab::bench::WsClient;
using collab::bench::WsClientListener;

const QString kCourse = QStringLiteral("CECS327");
const QString kJoinCode = QStringLiteral("bench-join-code");
const QString kInstructor = QStringLiteral("prof.bench");
const QString kSecret = QStringLiteral("bench-instructor-secret");
const QStringList kEmoji{QStringLiteral("👍"), QStringLiteral("🎉"), QStringLiteral("❤️"), QStringLiteral("😂"), QStringLiteral("🤔")};
constexpr int kOptions = 4;

// Send times (steadyNowNs) of reactions and votes, by "kind|user" (each member has at most one
// outstanding of each).
std::map<std::string, std::int64_t, std::less<>> g_sentAt;
std::vector<double> g_latencies;

// Pulls "key":"value" out of an event frame without parsing it all (500 receivers per event).
std::string_view field(std::string_view frame, std::string_view key)
{
    std::string needle;
    needle.append("\"").append(key).append("\":\"");
    const std::size_t at = frame.find(needle);
    if (at == std::string_view::npos)
        return {};
    const std::size_t from = at + needle.size();
    const std::size_t to = frame.find('"', from);
    return to == std::string_view::npos ? std::string_view{} : frame.substr(from, to - from);
}

class Member
{
public:
    using Reply = std::function<void(const QJsonObject &)>;

    Member(int index, const QString &user, Poller &poller, WsClientListener &listener)
        : m_user(user), m_userUtf8(user.toStdString()), m_client(index, poller, listener)
    {
    }

    WsClient &client() { return m_client; }
    bool isConnected() const { return m_open; }
    const QString &user() const { return m_user; }
    const std::string &userUtf8() const { return m_userUtf8; }
    int received() const { return m_events; }
    void setOpen(bool open) { m_open = open; }

    void request(QJsonObject message, Reply reply = {})
    {
        const QString ref = QString::number(++m_nextRef);
        message.insert(QStringLiteral("ref"), ref);
        if (reply)
            m_waiting.emplace(ref, std::move(reply));
        const QByteArray json = QJsonDocument(message).toJson(QJsonDocument::Compact);
        m_client.sendText(std::string_view(json.constData(), std::size_t(json.size())));
    }

    void onFrame(std::string_view text, std::int64_t now)
    {
        if (text.find("\"kind\"") != std::string_view::npos) {
            const std::string_view kind = field(text, "kind");
            if (kind == "message.reacted" || kind == "poll.voted") {
                ++m_events;
                std::string key(kind);
                key.append("|").append(field(text, "user"));
                const auto sent = g_sentAt.find(key);
                if (sent != g_sentAt.end())
                    g_latencies.push_back(double(now - sent->second) / 1e6);
                return;
            }
        }
        if (m_waiting.empty() || text.find("\"ref\"") == std::string_view::npos)
            return;
        const QJsonObject o = QJsonDocument::fromJson(QByteArray(text.data(), qsizetype(text.size()))).object();
        const QString ref = o.value(QLatin1String("ref")).toString();
        if (auto it = m_waiting.find(ref); it != m_waiting.end()) {
            Reply reply = std::move(it->second);
            m_waiting.erase(it);
            reply(o);
        }
    }

private:
    QString m_user;
    std::string m_userUtf8;
    WsClient m_client;
    bool m_open = false;
    std::map<QString, Reply> m_waiting;
    int m_nextRef = 0;
    int m_events = 0;
};

// The members on one epoll set, driven from Qt's event loop: the epoll descriptor is readable
// whenever one of theirs is ready.
class Classroom final : public WsClientListener
{
public:
    Classroom() : m_notifier(m_poller.fd(), QSocketNotifier::Read)
    {
        QObject::connect(&m_notifier, &QSocketNotifier::activated, [this] { m_poller.poll(0); });
    }

    Member &add(const QString &user)
    {
        m_members.push_back(std::make_unique<Member>(int(m_members.size()), user, m_poller, *this));
        return *m_members.back();
    }
    std::vector<std::unique_ptr<Member>> &members() { return m_members; }

    void onOpen(WsClient &client) override { m_members[std::size_t(client.index())]->setOpen(true); }
    void onText(WsClient &client, std::string_view text, std::int64_t now) override
    {
        m_members[std::size_t(client.index())]->onFrame(text, now);
    }
    void onClosed(WsClient &client, const char *why) override
    {
        m_members[std::size_t(client.index())]->setOpen(false);
        std::fprintf(stderr, "member %d closed: %s\n", client.index(), why);
    }

private:
    Poller m_poller;
    QSocketNotifier m_notifier;
    std::vector<std::unique_ptr<Member>> m_members;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("500 members reacting and voting during a lecture"));
    parser.addHelpOption();
    const QCommandLineOption serverOpt(QStringLiteral("server"), QStringLiteral("collab-server binary"), QStringLiteral("path"));
    const QCommandLineOption membersOpt(QStringLiteral("members"), QStringLiteral("members (default 500)"), QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption secondsOpt(QStringLiteral("seconds"), QStringLiteral("the lecture's length (default 20)"), QStringLiteral("s"), QStringLiteral("20"));
    parser.addOptions({serverOpt, membersOpt, secondsOpt});
    parser.process(app);
    const int members = parser.value(membersOpt).toInt();
    const int seconds = parser.value(secondsOpt).toInt();
    QString serverPath = parser.value(serverOpt);
    if (serverPath.isEmpty())
        serverPath = QStringLiteral(COLLAB_SERVER_BIN);

    // Default limits but those about one address: every member connects from 127.0.0.1.
    const QJsonObject config{{QStringLiteral("courses"), QJsonArray{QJsonObject{
                                  {QStringLiteral("id"), kCourse}, {QStringLiteral("joinCode"), kJoinCode},
                                  {QStringLiteral("instructors"), QJsonArray{QJsonObject{{QStringLiteral("user"), kInstructor}, {QStringLiteral("secret"), kSecret}}}},
                                  {QStringLiteral("channels"), QJsonArray{QStringLiteral("lecture")}}}}},
                             {QStringLiteral("limits"), QJsonObject{{QStringLiteral("newNamesPerAddressPerMinute"), 0},
                                                                    {QStringLiteral("newNamesPerCoursePerMinute"), 0},
                                                                    {QStringLiteral("maxConnectionsPerAddress"), 0}}}};
    BenchServer server;
    if (!server.start(serverPath, config))
        return 1;
    const QUrl url = server.webSocketUrl();
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(std::uint16_t(url.port()));
    inet_pton(AF_INET, url.host().toLatin1().constData(), &target.sin_addr);
    sockaddr_in anySource{};
    anySource.sin_family = AF_INET;
    anySource.sin_addr.s_addr = htonl(INADDR_ANY);
    const std::string upgrade = collab::bench::upgradeRequest(url.host().toStdString(), std::uint16_t(url.port()),
                                                              url.path().isEmpty() ? "/" : url.path().toStdString());

    // Everyone connects and joins (the instructor with the secret).
    Classroom classroom;
    classroom.add(kInstructor);
    for (int i = 0; i < members; ++i)
        classroom.add(QStringLiteral("student%1").arg(i, 3, 10, QLatin1Char('0')));
    std::vector<std::unique_ptr<Member>> &all = classroom.members();
    for (auto &m : all)
        m->client().start(anySource, target, upgrade);
    if (!waitUntil([&] { return std::all_of(all.begin(), all.end(), [](auto &m) { return m->isConnected(); }); }, 60000)) {
        std::fprintf(stderr, "not every member connected\n");
        return 1;
    }
    int joined = 0;
    for (auto &m : all) {
        m->request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("user"), m->user()}});
        QJsonObject join{{QStringLiteral("type"), QStringLiteral("join")}, {QStringLiteral("course"), kCourse}, {QStringLiteral("joinCode"), kJoinCode}};
        if (m->user() == kInstructor)
            join.insert(QStringLiteral("token"), kSecret);
        m->request(join, [&joined](const QJsonObject &o) { joined += o.value(QLatin1String("type")).toString() == QLatin1String("joined"); });
    }
    if (!waitUntil([&] { return joined == int(all.size()); }, 120000)) {
        std::fprintf(stderr, "only %d of %d joined\n", joined, int(all.size()));
        return 1;
    }

    // The instructor's slide message and poll.
    Member &prof = *all.front();
    double messageId = 0;
    double pollId = 0;
    prof.request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse}, {QStringLiteral("channel"), QStringLiteral("lecture")},
                  {QStringLiteral("text"), QStringLiteral("Slide 12: Paxos, phase 1")}, {QStringLiteral("clientMsgId"), QStringLiteral("slide-12")}},
                 [&](const QJsonObject &o) { messageId = o.value(QLatin1String("id")).toDouble(); });
    prof.request({{QStringLiteral("type"), QStringLiteral("poll.create")}, {QStringLiteral("course"), kCourse}, {QStringLiteral("channel"), QStringLiteral("lecture")},
                  {QStringLiteral("question"), QStringLiteral("Which phase elects the leader?")},
                  {QStringLiteral("options"), QJsonArray{QStringLiteral("prepare"), QStringLiteral("promise"), QStringLiteral("accept"), QStringLiteral("learn")}}},
                 [&](const QJsonObject &o) { pollId = o.value(QLatin1String("poll")).toDouble(); });
    if (!waitUntil([&] { return messageId > 0 && pollId > 0; }, 30000))
        return 1;

    // The lecture: each member reacts once and votes once at random moments; a tenth change their vote.
    QRandomGenerator random(14);
    std::vector<int> expectedVotes(kOptions, 0);
    std::vector<int> expectedReactions(size_t(kEmoji.size()), 0);
    std::map<QString, int> finalVote;
    int acked = 0;
    int stored = 0; // acks with a seq: an event every member gets (a vote for the option one has is not stored again)
    int refused = 0;
    int scheduled = 0;
    const qint64 lectureMs = qint64(seconds) * 1000;
    auto ackCounter = [&](const QJsonObject &o) {
        if (o.value(QLatin1String("type")).toString() == QLatin1String("ack")) {
            ++acked;
            stored += o.value(QLatin1String("seq")).toDouble() > 0;
        } else
            ++refused;
    };
    for (size_t i = 1; i < all.size(); ++i) {
        Member *m = all[i].get();
        const int emoji = int(random.bounded(kEmoji.size()));
        ++expectedReactions[size_t(emoji)];
        ++scheduled;
        QTimer::singleShot(int(random.bounded(lectureMs)), &app, [&, m, emoji] {
            g_sentAt["message.reacted|" + m->userUtf8()] = steadyNowNs();
            m->request({{QStringLiteral("type"), QStringLiteral("react")}, {QStringLiteral("course"), kCourse}, {QStringLiteral("id"), messageId},
                        {QStringLiteral("emoji"), kEmoji.at(emoji)}}, ackCounter);
        });
        const int votes = random.bounded(10) == 0 ? 2 : 1;
        qint64 at = random.bounded(lectureMs / 2);
        for (int v = 0; v < votes; ++v) {
            const int option = int(random.bounded(kOptions));
            finalVote[m->user()] = option;
            ++scheduled;
            QTimer::singleShot(int(at), &app, [&, m, option] {
                g_sentAt["poll.voted|" + m->userUtf8()] = steadyNowNs();
                m->request({{QStringLiteral("type"), QStringLiteral("poll.vote")}, {QStringLiteral("course"), kCourse}, {QStringLiteral("poll"), pollId},
                            {QStringLiteral("options"), QJsonArray{option}}}, ackCounter);
            });
            at += 1000 + random.bounded(lectureMs / 2); // a change comes after the first vote's ack
        }
    }
    for (const auto &[user, option] : finalVote)
        ++expectedVotes[size_t(option)];
    const std::int64_t started = steadyNowNs();
    waitUntil([&] { return acked + refused == scheduled; }, int(lectureMs) + 120000);
    const qint64 events = qint64(stored) * qint64(all.size());
    waitUntil([&] {
        qint64 got = 0;
        for (auto &m : all)
            got += m->received();
        return got >= events;
    }, 60000);
    const double elapsedS = double(steadyNowNs() - started) / 1e9;

    // The tallies as the server has them.
    QJsonArray counts;
    prof.request({{QStringLiteral("type"), QStringLiteral("poll")}, {QStringLiteral("course"), kCourse}, {QStringLiteral("poll"), pollId}},
                 [&](const QJsonObject &o) { counts = o.value(QLatin1String("poll")).toObject().value(QLatin1String("counts")).toArray(); });
    QJsonArray reactions;
    prof.request({{QStringLiteral("type"), QStringLiteral("history")}, {QStringLiteral("course"), kCourse}, {QStringLiteral("channel"), QStringLiteral("lecture")}},
                 [&](const QJsonObject &o) {
                     for (const QJsonValue &v : o.value(QLatin1String("messages")).toArray())
                         if (v.toObject().value(QLatin1String("id")).toDouble() == messageId)
                             reactions = v.toObject().value(QLatin1String("reactions")).toArray();
                 });
    waitUntil([&] { return !counts.isEmpty() && !reactions.isEmpty(); }, 30000);
    bool correct = counts.size() == kOptions;
    for (int i = 0; correct && i < kOptions; ++i)
        correct = counts.at(i).toInt() == expectedVotes[size_t(i)];
    for (int e = 0; e < kEmoji.size(); ++e) {
        int got = 0;
        for (const QJsonValue &r : reactions)
            if (r.toObject().value(QLatin1String("emoji")).toString() == kEmoji.at(e))
                got = r.toObject().value(QLatin1String("count")).toInt();
        correct = correct && got == expectedReactions[size_t(e)];
    }
    qint64 delivered = 0;
    for (auto &m : all)
        delivered += m->received();

    QJsonArray expected;
    for (int v : expectedVotes)
        expected.append(v);
    const QJsonObject result{{QStringLiteral("members"), members},
                             {QStringLiteral("seconds"), seconds},
                             {QStringLiteral("requests"), scheduled},
                             {QStringLiteral("acked"), acked},
                             {QStringLiteral("stored"), stored},
                             {QStringLiteral("refused"), refused},
                             {QStringLiteral("eventsExpected"), double(events)},
                             {QStringLiteral("eventsDelivered"), double(delivered)},
                             {QStringLiteral("elapsedSeconds"), elapsedS},
                             {QStringLiteral("deliveryMsP50"), percentile(g_latencies, 0.50)},
                             {QStringLiteral("deliveryMsP99"), percentile(g_latencies, 0.99)},
                             {QStringLiteral("deliveryMsMax"), percentile(g_latencies, 1.0)},
                             {QStringLiteral("pollCounts"), counts},
                             {QStringLiteral("pollExpected"), expected},
                             {QStringLiteral("talliesCorrect"), correct}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return correct ? 0 : 2;
}
