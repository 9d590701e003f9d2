// collab-bench-note-stall: can one member stall the others through a shared note?
//
// Starts collab-server (default limits), fills the note close to the largest size allowed
// (limits.noteMaxUnits), then measures a healthy member's chat round trip (chat.send → ack) in two
// phases of the same run: quiet, and while another member pastes at the maximum rate the limits
// allow (noteBytesPerSecond) and waves of ten fresh clients load the whole note (note.sync with
// an empty `have`). Prints one JSON object; the figure to watch is `p99Ratio` (loaded / quiet).
// The healthy member runs in its own thread, so that decoding the loaders' multi-MB answers in
// this process does not count as server latency.
#include "benchserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include "crdt/document.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <cstdio>
#include <functional>
#include <memory>

namespace {

using collab::bench::BenchServer;
using collab::bench::percentile;
using collab::bench::waitUntil;

const QString kCourse = QStringLiteral("CECS327");
const QString kNote = QStringLiteral("class-notes");
const QString kJoinCode = QStringLiteral("bench-join-code");

// One protocol client: requests with refs, replies to callbacks.
class Peer : public QObject
{
public:
    using Reply = std::function<void(const QJsonObject &)>;

    explicit Peer(QObject *parent = nullptr) : QObject(parent)
    {
        m_socket.setMaxAllowedIncomingMessageSize(256 * 1024 * 1024);
        connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            // A loader's note.state (MBs): not parsed, so that this process takes as little CPU
            // from the server as it can; its one outstanding request is the answer's.
            if (text.size() > 1024 * 1024 && m_waiting.size() == 1 && text.contains(QLatin1String("\"snapshot\":\""))) {
                Reply reply = std::move(m_waiting.begin()->second);
                m_waiting.clear();
                reply({{QStringLiteral("type"), QStringLiteral("note.state")}, {QStringLiteral("snapshot"), QStringLiteral("(not parsed)")}});
                return;
            }
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            const QString ref = o.value(QLatin1String("ref")).toString();
            if (auto it = m_waiting.find(ref); it != m_waiting.end()) {
                Reply reply = std::move(it->second);
                m_waiting.erase(it);
                reply(o);
            }
        });
        connect(&m_socket, &QWebSocket::connected, this, [this] {
            m_connected = true;
            if (m_onConnected)
                m_onConnected();
        });
    }
    void open(const QUrl &url, std::function<void()> connected = {})
    {
        m_onConnected = std::move(connected);
        m_socket.open(url);
    }
    bool isConnected() const { return m_connected; }
    void close() { m_socket.close(); }
    void request(QJsonObject message, Reply reply)
    {
        const QString ref = QString::number(++m_nextRef);
        message.insert(QStringLiteral("ref"), ref);
        m_waiting[ref] = std::move(reply);
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    // hello, then join; `done(ok)`.
    void helloAndJoin(const QString &user, std::function<void(bool)> done)
    {
        request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("user"), user}, {QStringLiteral("client"), QStringLiteral("note-stall")}},
                [this, done](const QJsonObject &) {
                    request({{QStringLiteral("type"), QStringLiteral("join")}, {QStringLiteral("course"), kCourse},
                             {QStringLiteral("joinCode"), kJoinCode}},
                            [done](const QJsonObject &r) { done(r.value(QLatin1String("type")).toString() == QLatin1String("joined")); });
                });
    }

private:
    QWebSocket m_socket;
    bool m_connected = false;
    std::function<void()> m_onConnected;
    int m_nextRef = 0;
    std::map<QString, Reply> m_waiting;
};

QJsonObject noteOps(const QVector<collab::crdt::Operation> &ops)
{
    return {{QStringLiteral("type"), QStringLiteral("note.ops")}, {QStringLiteral("course"), kCourse},
            {QStringLiteral("note"), kNote}, {QStringLiteral("ops"), collab::crdt::operationsToJson(ops)}};
}

QString cjk(QRandomGenerator &random, int units) // compresses badly: a big note.state
{
    QString text(units, Qt::Uninitialized);
    for (int i = 0; i < units; ++i)
        text[i] = QChar(char16_t(0x4e00 + random.bounded(0x5000)));
    return text;
}

// The healthy member: a chat.send every intervalMs, round trips recorded under the current phase.
class Prober : public QObject
{
public:
    void start(const QUrl &url, int intervalMs)
    {
        m_peer = new Peer(this);
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, [this] {
            if (!m_joined || m_inFlight)
                return;
            m_inFlight = true;
            const qint64 sent = m_clock.nsecsElapsed();
            const int phase = m_phase.loadRelaxed();
            m_peer->request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                             {QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("text"), QStringLiteral("ping")},
                             {QStringLiteral("clientMsgId"), QStringLiteral("probe-%1").arg(++m_sent)}},
                            [this, sent, phase](const QJsonObject &r) {
                                m_inFlight = false;
                                if (r.value(QLatin1String("type")).toString() != QLatin1String("ack") || phase != m_phase.loadRelaxed())
                                    return;
                                QMutexLocker lock(&m_mutex);
                                m_samples[phase].push_back(double(m_clock.nsecsElapsed() - sent) / 1e6);
                            });
        });
        m_clock.start();
        m_peer->open(url, [this, intervalMs] {
            m_peer->helloAndJoin(QStringLiteral("healthy.member"), [this](bool ok) { m_joined = ok; });
            m_timer->start(intervalMs);
        });
    }
    void setPhase(int phase) { m_phase.storeRelaxed(phase); }
    std::vector<double> samples(int phase)
    {
        QMutexLocker lock(&m_mutex);
        return m_samples[phase];
    }
    bool joined() const { return m_joined; }

private:
    Peer *m_peer = nullptr;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    QAtomicInt m_phase = 0;
    std::atomic<bool> m_joined{false};
    bool m_inFlight = false;
    int m_sent = 0;
    QMutex m_mutex;
    std::vector<double> m_samples[3];
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Healthy member's latency while a note is pasted into and loaded"));
    parser.addHelpOption();
    const QCommandLineOption serverOpt(QStringLiteral("server"), QStringLiteral("collab-server binary (default: the one built alongside)"), QStringLiteral("path"));
    const QCommandLineOption secondsOpt(QStringLiteral("seconds"), QStringLiteral("length of each phase (default 15)"), QStringLiteral("s"), QStringLiteral("15"));
    const QCommandLineOption fillOpt(QStringLiteral("fill"), QStringLiteral("units in the note before the phases (default 700000)"), QStringLiteral("units"), QStringLiteral("700000"));
    const QCommandLineOption loadersOpt(QStringLiteral("loaders"), QStringLiteral("fresh clients per wave (default 10)"), QStringLiteral("n"), QStringLiteral("10"));
    parser.addOptions({serverOpt, secondsOpt, fillOpt, loadersOpt});
    parser.process(app);
    const int seconds = parser.value(secondsOpt).toInt();
    const int fillUnits = parser.value(fillOpt).toInt();
    const int loaders = parser.value(loadersOpt).toInt();
    QString serverPath = parser.value(serverOpt);
    if (serverPath.isEmpty())
        serverPath = QStringLiteral(COLLAB_SERVER_BIN); // the one built with this benchmark

    // The server, with the default limits (the ones under test) except the new-name limits: every
    // client here comes from 127.0.0.1 and this run makes ~80 names (fillers, loaders), past the
    // 60 a minute one address may claim; that limit is not what this benchmark measures.
    const QJsonObject config{{QStringLiteral("courses"), QJsonArray{QJsonObject{
                                  {QStringLiteral("id"), kCourse}, {QStringLiteral("joinCode"), kJoinCode},
                                  {QStringLiteral("channels"), QJsonArray{QStringLiteral("general")}},
                                  {QStringLiteral("notes"), QJsonArray{kNote}}}}},
                             {QStringLiteral("limits"), QJsonObject{{QStringLiteral("newNamesPerAddressPerMinute"), 0},
                                                                    {QStringLiteral("newNamesPerCoursePerMinute"), 0}}}};
    BenchServer server;
    if (!server.start(serverPath, config))
        return 1;
    const QUrl url = server.webSocketUrl();

    // Fill the note: several members, each within its own byte budget.
    QRandomGenerator random(19);
    constexpr int Fillers = 16;
    constexpr int OpUnits = 4000; // 12 KB of UTF-8: five per frame fit the 64 KiB message limit
    int filled = 0;
    int fillersDone = 0;
    std::vector<std::unique_ptr<Peer>> fillers;
    for (int f = 0; f < Fillers; ++f) {
        fillers.push_back(std::make_unique<Peer>());
        fillers.back()->open(url);
    }
    if (!waitUntil([&] { return std::all_of(fillers.begin(), fillers.end(), [](auto &p) { return p->isConnected(); }); }, 10000))
        return 1;
    // Each filler has its own replica (sharing one would be forging ids), inserting after its own text.
    for (int f = 0; f < Fillers; ++f) {
        Peer *peer = fillers[size_t(f)].get();
        auto own = std::make_shared<collab::crdt::Document>(quint64(0xf100 + f));
        const int share = fillUnits / Fillers;
        auto step = std::make_shared<std::function<void(int)>>();
        *step = [&, peer, own, share, step](int done) {
            if (done >= share) {
                ++fillersDone;
                return;
            }
            QVector<collab::crdt::Operation> ops;
            int units = 0;
            for (int k = 0; k < 5 && done + units < share; ++k) {
                const int n = std::min(OpUnits, share - done - units);
                ops << own->localInsert(own->length(), cjk(random, n)).value();
                units += n;
            }
            const QJsonObject message = noteOps(ops);
            auto send = std::make_shared<std::function<void()>>();
            *send = [&, peer, message, units, done, step, send] {
                peer->request(message, [&, units, done, step, send](const QJsonObject &r) {
                    if (r.value(QLatin1String("type")).toString() == QLatin1String("ack")) {
                        filled += units;
                        (*step)(done + units);
                    } else if (r.value(QLatin1String("retryable")).toBool()) {
                        QTimer::singleShot(200, *send);
                    } else {
                        std::fprintf(stderr, "fill refused: %s\n", qPrintable(r.value(QLatin1String("message")).toString()));
                        ++fillersDone;
                    }
                });
            };
            (*send)();
        };
        peer->helloAndJoin(QStringLiteral("filler%1").arg(f), [step](bool) { (*step)(0); });
    }
    if (!waitUntil([&] { return fillersDone == Fillers; }, 300000))
        return 1;
    fillers.clear();

    // The healthy member, in its own thread.
    QThread proberThread;
    auto *prober = new Prober; // lives in proberThread, deleted when it finishes
    prober->moveToThread(&proberThread);
    QObject::connect(&proberThread, &QThread::finished, prober, &QObject::deleteLater);
    proberThread.start();
    // 16 a second: under the default chat limit (20/s per connection).
    QMetaObject::invokeMethod(prober, [prober, url] { prober->start(url, 60); });
    if (!waitUntil([&] { return prober->joined(); }, 10000))
        return 1;

    // Phase 1: quiet.
    std::fprintf(stderr, "note-stall: quiet phase (%d s)\n", seconds);
    prober->setPhase(1);
    waitUntil([] { return false; }, seconds * 1000);

    // Phase 2: a paster at the maximum rate, and waves of fresh loaders.
    std::fprintf(stderr, "note-stall: loaded phase (%d s)\n", seconds);
    prober->setPhase(2);
    Peer paster;
    collab::crdt::Document pasteDoc(0x9a57e);
    bool pasterReady = false;
    paster.open(url, [&] { paster.helloAndJoin(QStringLiteral("paster"), [&](bool ok) { pasterReady = ok; }); });
    const int pasteUnits = 64 * 1024 / 3 / 10; // noteBytesPerSecond (64 KiB/s) of 3-byte units, 10 pastes a second
    qint64 pastedUnits = 0;
    int pastesRefused = 0;
    QString lastRefusal;
    QTimer pasteTimer;
    QObject::connect(&pasteTimer, &QTimer::timeout, [&] {
        if (!pasterReady)
            return;
        const collab::crdt::Operation op = pasteDoc.localInsert(pasteDoc.length(), cjk(random, pasteUnits)).value();
        paster.request(noteOps({op}), [&, op](const QJsonObject &r) {
            if (r.value(QLatin1String("type")).toString() == QLatin1String("ack")) {
                pastedUnits += op.text.size();
            } else {
                ++pastesRefused;
                lastRefusal = r.value(QLatin1String("code")).toString() + QLatin1Char(' ') + r.value(QLatin1String("message")).toString();
                // The counter is spent: continue under a new replica (as the client library does).
                pasteDoc = collab::crdt::Document(QRandomGenerator::global()->generate64() | 1);
            }
        });
    });
    pasteTimer.start(100);

    std::vector<double> loadMs;
    int loadsFailed = 0;
    int userSeq = 0;
    std::vector<std::unique_ptr<Peer>> wave;
    auto startWave = [&] {
        for (int i = 0; i < loaders; ++i) {
            auto peer = std::make_unique<Peer>();
            Peer *p = peer.get();
            wave.push_back(std::move(peer));
            auto clock = std::make_shared<QElapsedTimer>();
            clock->start();
            const QString user = QStringLiteral("loader%1").arg(++userSeq);
            p->open(url, [&, p, clock, user] {
                p->helloAndJoin(user, [&, p, clock](bool ok) {
                    if (!ok) {
                        ++loadsFailed;
                        return;
                    }
                    p->request({{QStringLiteral("type"), QStringLiteral("note.sync")}, {QStringLiteral("course"), kCourse},
                                {QStringLiteral("note"), kNote}, {QStringLiteral("have"), QJsonObject()}},
                               [&, p, clock](const QJsonObject &r) {
                                   if (r.value(QLatin1String("snapshot")).toString().isEmpty())
                                       ++loadsFailed;
                                   else
                                       loadMs.push_back(double(clock->nsecsElapsed()) / 1e6);
                                   p->close();
                               });
                });
            });
        }
    };
    QTimer waveTimer;
    QObject::connect(&waveTimer, &QTimer::timeout, startWave);
    startWave();
    waveTimer.start(3000);
    waitUntil([] { return false; }, seconds * 1000);
    waveTimer.stop();
    pasteTimer.stop();
    prober->setPhase(0);
    waitUntil([&] { return int(loadMs.size()) + loadsFailed >= userSeq; }, 60000);

    const std::vector<double> quiet = prober->samples(1);
    const std::vector<double> loaded = prober->samples(2);
    const double quietP99 = percentile(quiet, 0.99);
    const double loadedP99 = percentile(loaded, 0.99);
    const QJsonObject result{
        {QStringLiteral("phaseSeconds"), seconds},
        {QStringLiteral("noteUnitsBefore"), filled},
        {QStringLiteral("quiet"), QJsonObject{{QStringLiteral("samples"), int(quiet.size())}, {QStringLiteral("p50Ms"), percentile(quiet, 0.5)},
                                             {QStringLiteral("p99Ms"), quietP99}, {QStringLiteral("maxMs"), percentile(quiet, 1.0)}}},
        {QStringLiteral("loaded"), QJsonObject{{QStringLiteral("samples"), int(loaded.size())}, {QStringLiteral("p50Ms"), percentile(loaded, 0.5)},
                                              {QStringLiteral("p99Ms"), loadedP99}, {QStringLiteral("maxMs"), percentile(loaded, 1.0)}}},
        {QStringLiteral("p99Ratio"), quietP99 > 0 ? loadedP99 / quietP99 : 0.0},
        {QStringLiteral("pastedUnits"), double(pastedUnits)},
        {QStringLiteral("pasteBytesPerSecond"), double(pastedUnits) * 3 / seconds},
        {QStringLiteral("pastesRefused"), pastesRefused},
        {QStringLiteral("lastRefusal"), lastRefusal},
        {QStringLiteral("loads"), int(loadMs.size())},
        {QStringLiteral("loadsFailed"), loadsFailed},
        {QStringLiteral("loadP50Ms"), percentile(loadMs, 0.5)},
        {QStringLiteral("loadMaxMs"), percentile(loadMs, 1.0)},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    proberThread.quit();
    proberThread.wait();
    return 0;
}
