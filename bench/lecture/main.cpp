// collab-bench-lecture: 500 members reacting and voting during a lecture (issue 14, part 11).
//
// Starts collab-server, joins N members and an instructor, who posts a message and opens a poll.
// Then, spread over --seconds, every member reacts to the message once (one of five emoji) and
// votes once (one of four options; a tenth of them change their vote once). Every event frame of a
// reaction or a vote that reaches any member is timed from the moment its sender sent the request
// (one process, one monotonic clock): `deliveryMs` is that latency over every (event, receiver)
// pair. At the end the tallies the server answers (poll counts, reaction counts from history) are
// compared with what was sent: `talliesCorrect`. Prints one JSON object. The members' clients run
// in this process, on the same machine as the server: the figures include their CPU.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace {

const QString kCourse = QStringLiteral("CECS327");
const QString kJoinCode = QStringLiteral("bench-join-code");
const QString kInstructor = QStringLiteral("prof.bench");
const QString kSecret = QStringLiteral("bench-instructor-secret");
const QStringList kEmoji{QStringLiteral("👍"), QStringLiteral("🎉"), QStringLiteral("❤️"), QStringLiteral("😂"), QStringLiteral("🤔")};
constexpr int kOptions = 4;

QElapsedTimer g_clock;

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

// Send times of reactions and votes, by "kind|user" (each member has at most one outstanding of each).
std::map<QString, qint64> g_sentAt;
std::vector<double> g_latencies;

// Pulls "key":"value" out of an event frame without parsing it all (this process runs 500 clients).
QString field(const QString &frame, const QString &key)
{
    const QString needle = QLatin1Char('"') + key + QStringLiteral("\":\"");
    const qsizetype at = frame.indexOf(needle);
    if (at < 0)
        return {};
    const qsizetype from = at + needle.size();
    return frame.mid(from, frame.indexOf(QLatin1Char('"'), from) - from);
}

class Member : public QObject
{
public:
    using Reply = std::function<void(const QJsonObject &)>;

    explicit Member(const QString &user, QObject *parent = nullptr) : QObject(parent), m_user(user)
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) { onFrame(text); });
    }

    void open(const QUrl &url) { m_socket.open(url); }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    const QString &user() const { return m_user; }
    int received() const { return m_events; }

    void request(QJsonObject message, Reply reply = {})
    {
        const QString ref = QString::number(++m_nextRef);
        message.insert(QStringLiteral("ref"), ref);
        if (reply)
            m_waiting.emplace(ref, std::move(reply));
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }

private:
    void onFrame(const QString &text)
    {
        const qint64 now = g_clock.nsecsElapsed();
        if (text.startsWith(QLatin1String("{\"course\"")) || text.contains(QLatin1String("\"type\":\"event\""))) {
            const QString kind = field(text, QStringLiteral("kind"));
            if (kind == QLatin1String("message.reacted") || kind == QLatin1String("poll.voted")) {
                ++m_events;
                const auto sent = g_sentAt.find(kind + QLatin1Char('|') + field(text, QStringLiteral("user")));
                if (sent != g_sentAt.end())
                    g_latencies.push_back(double(now - sent->second) / 1e6);
                return;
            }
        }
        if (m_waiting.empty() || !text.contains(QLatin1String("\"ref\"")))
            return;
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString ref = o.value(QLatin1String("ref")).toString();
        if (auto it = m_waiting.find(ref); it != m_waiting.end()) {
            Reply reply = std::move(it->second);
            m_waiting.erase(it);
            reply(o);
        }
    }

    QString m_user;
    QWebSocket m_socket;
    std::map<QString, Reply> m_waiting;
    int m_nextRef = 0;
    int m_events = 0;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    g_clock.start();
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
    QTemporaryDir dir;
    const QJsonObject config{{QStringLiteral("courses"), QJsonArray{QJsonObject{
                                  {QStringLiteral("id"), kCourse}, {QStringLiteral("joinCode"), kJoinCode},
                                  {QStringLiteral("instructors"), QJsonArray{QJsonObject{{QStringLiteral("user"), kInstructor}, {QStringLiteral("secret"), kSecret}}}},
                                  {QStringLiteral("channels"), QJsonArray{QStringLiteral("lecture")}}}}},
                             {QStringLiteral("limits"), QJsonObject{{QStringLiteral("newNamesPerAddressPerMinute"), 0},
                                                                    {QStringLiteral("newNamesPerCoursePerMinute"), 0},
                                                                    {QStringLiteral("maxConnectionsPerAddress"), 0}}}};
    QFile configFile(dir.filePath(QStringLiteral("config.json")));
    if (!configFile.open(QIODevice::WriteOnly) || configFile.write(QJsonDocument(config).toJson()) < 0)
        return 1;
    configFile.close();
    QProcess server;
    server.setProgram(serverPath);
    server.setArguments({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"), dir.filePath(QStringLiteral("data")),
                         QStringLiteral("--config"), configFile.fileName()});
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start();
    QByteArray banner;
    static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
    if (!waitUntil([&] { banner += server.readAllStandardOutput(); return listening.match(QString::fromUtf8(banner)).hasMatch(); }, 15000)) {
        std::fprintf(stderr, "collab-server did not start (%s)\n", qPrintable(serverPath));
        return 1;
    }
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/ws").arg(listening.match(QString::fromUtf8(banner)).captured(1)));

    // Everyone connects and joins (the instructor with the secret).
    std::vector<std::unique_ptr<Member>> all;
    all.push_back(std::make_unique<Member>(kInstructor));
    for (int i = 0; i < members; ++i)
        all.push_back(std::make_unique<Member>(QStringLiteral("student%1").arg(i, 3, 10, QLatin1Char('0'))));
    for (auto &m : all)
        m->open(url);
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
        QTimer::singleShot(int(random.bounded(lectureMs)), m, [&, m, emoji] {
            g_sentAt[QStringLiteral("message.reacted|") + m->user()] = g_clock.nsecsElapsed();
            m->request({{QStringLiteral("type"), QStringLiteral("react")}, {QStringLiteral("course"), kCourse}, {QStringLiteral("id"), messageId},
                        {QStringLiteral("emoji"), kEmoji.at(emoji)}}, ackCounter);
        });
        const int votes = random.bounded(10) == 0 ? 2 : 1;
        qint64 at = random.bounded(lectureMs / 2);
        for (int v = 0; v < votes; ++v) {
            const int option = int(random.bounded(kOptions));
            finalVote[m->user()] = option;
            ++scheduled;
            QTimer::singleShot(int(at), m, [&, m, option] {
                g_sentAt[QStringLiteral("poll.voted|") + m->user()] = g_clock.nsecsElapsed();
                m->request({{QStringLiteral("type"), QStringLiteral("poll.vote")}, {QStringLiteral("course"), kCourse}, {QStringLiteral("poll"), pollId},
                            {QStringLiteral("options"), QJsonArray{option}}}, ackCounter);
            });
            at += 1000 + random.bounded(lectureMs / 2); // a change comes after the first vote's ack
        }
    }
    for (const auto &[user, option] : finalVote)
        ++expectedVotes[size_t(option)];
    const qint64 started = g_clock.elapsed();
    waitUntil([&] { return acked + refused == scheduled; }, int(lectureMs) + 120000);
    const qint64 events = qint64(stored) * qint64(all.size());
    waitUntil([&] {
        qint64 got = 0;
        for (auto &m : all)
            got += m->received();
        return got >= events;
    }, 60000);
    const double elapsedS = double(g_clock.elapsed() - started) / 1000;

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
    server.terminate();
    server.waitForFinished(10000);
    return correct ? 0 : 2;
}
