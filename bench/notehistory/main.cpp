// collab-bench-note-history [--points N] [--trace FILE]: how fast a note's text at any point of
// its history comes back, and what the history costs on disk (issue 15 part 2).
//
// Starts a real server in-process (ServerInstance on a temporary directory, limits off), types
// the trace into one note through Hub::editNote (one note.ops event per edit, as a REST client
// would), then asks NoteHistory::textAt for N random versions plus the version just before each
// checkpoint (the longest replay) and checks every answer against the trace's text at that edit.
// The latency is the request's wall time on the serving thread: reading the checkpoint and the
// events after it there, decoding and replaying on the history worker, the answer back through
// the event loop. Disk: the note.ops events' bytes in the log (data and keys, from SQLite's dbstat
// when it has it, else the data's length) beside the checkpoints' and the author index's.
#include "hub/hub.h"
#include "notes/notehistory.h"
#include "serverinstance.h"
#include "store/eventlog.h"
#include "store/projections.h"
#include "tracereader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

#include <sys/resource.h>

using namespace collab;
using namespace collab::server;

namespace {

const QString kCourse = QStringLiteral("CECS327");
const QString kNote = QStringLiteral("class-notes");

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

ServerConfig benchConfig()
{
    const QByteArray json = R"({"courses": [{"id": "CECS327", "title": "Distributed Systems", "joinCode": "bench-join",
        "instructors": ["prof.lee"], "channels": ["general"], "notes": ["class-notes"]}], "demo": true})";
    ServerConfig config = ServerConfig::fromJson(QJsonDocument::fromJson(json).object()).value();
    config.limits.chatPerSecond = 0;
    config.limits.requestsPerSecond = 0;
    config.limits.restPerSecond = 0;
    config.limits.noteOpsPerSecond = 0;
    config.limits.noteBytesPerSecond = 0;
    return config;
}

// One integer from a query (-1 if it fails: dbstat is not in every SQLite build).
qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption pointsOption(QStringLiteral("points"), QStringLiteral("random versions to read (default 200)"),
                                          QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption traceOption(QStringLiteral("trace"), QStringLiteral("the editing trace (default: automerge-paper)"),
                                         QStringLiteral("file"));
    parser.addOptions({pointsOption, traceOption});
    parser.process(app);

    QString error;
    const QString tracePath = parser.isSet(traceOption) ? parser.value(traceOption)
                                                        : crdt::traces::sharedTracePath(QStringLiteral("automerge-paper.json.gz"));
    const std::optional<crdt::traces::Trace> trace = crdt::traces::loadTrace(tracePath, &error);
    if (!trace) {
        std::fprintf(stderr, "cannot load %s: %s\n", qPrintable(tracePath), qPrintable(error));
        return 1;
    }

    QTemporaryDir dir;
    ServerInstance server;
    ServerInstance::Options options;
    options.port = 0;
    options.dataDir = dir.path();
    options.config = benchConfig();
    if (const QString e = server.start(options); !e.isEmpty()) {
        std::fprintf(stderr, "server: %s\n", qPrintable(e));
        return 1;
    }
    Hub &hub = server.hub();
    const Actor author{QStringLiteral("prof.lee"), Actor::Role::Instructor};

    // Type the trace: batches of edits per event-loop turn (each batch one group commit). Checkpoints
    // are taken between commits, so a bulk load of thousands per turn would space them out.
    const size_t edits = trace->patches.size();
    std::vector<quint64> seqs(edits, 0);
    QElapsedTimer typing;
    typing.start();
    size_t answered = 0;
    bool failed = false;
    constexpr size_t Batch = 100; // edits per event-loop turn: a busy class, not one bulk load
    for (size_t start = 0; start < edits && !failed; start += Batch) {
        const size_t end = std::min(edits, start + Batch);
        for (size_t i = start; i < end; ++i) {
            const crdt::traces::Patch &p = trace->patches[i];
            hub.editNote(author, kCourse, kNote, TextEdit{p.position, p.removed, p.inserted},
                         [&seqs, &answered, &failed, i](Result<NoteOutcome> r) {
                             ++answered;
                             if (!r) {
                                 std::fprintf(stderr, "edit %zu: %s\n", i, qPrintable(r.error().message));
                                 failed = true;
                                 return;
                             }
                             seqs[i] = r.value().seq;
                         });
        }
        while (answered < end && !failed)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    if (failed)
        return 1;
    const double typingMs = double(typing.nsecsElapsed()) / 1e6;
    // Let the last checkpoints finish on the encoder's worker.
    for (int i = 0; i < 50; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);

    // The trace's text after each sampled edit, and the points: random ones and the last version
    // before each checkpoint (the most events replayed on top of one).
    QRandomGenerator rng(15);
    const int pointCount = parser.value(pointsOption).toInt();
    std::vector<size_t> points;
    for (int i = 0; i < pointCount; ++i)
        points.push_back(size_t(rng.bounded(quint64(edits))));
    // A connection of our own to the server's database (WAL: reads beside the server's writes).
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-reader"));
    db.setDatabaseName(dir.filePath(QStringLiteral("collab.db")));
    if (!db.open()) {
        std::fprintf(stderr, "cannot open the server's database\n");
        return 1;
    }
    {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT seq FROM note_checkpoints ORDER BY seq"));
        while (q.next()) {
            const quint64 cp = q.value(0).toULongLong();
            auto it = std::lower_bound(seqs.begin(), seqs.end(), cp); // the next checkpoint's predecessor
            if (it != seqs.begin() && it != seqs.end())
                points.push_back(size_t(std::distance(seqs.begin(), it)) - 1);
        }
    }
    points.push_back(edits - 1);
    std::vector<size_t> sorted = points;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    QHash<size_t, QString> expected;
    {
        QString text;
        size_t next = 0;
        for (size_t i = 0; i < edits && next < sorted.size(); ++i) {
            const crdt::traces::Patch &p = trace->patches[i];
            text.replace(p.position, p.removed, p.inserted);
            if (i == sorted[next]) {
                expected.insert(i, text);
                ++next;
            }
        }
    }

    // CPU time of the whole process (serving thread and worker) per read: on a loaded machine the
    // wall time also holds the time spent waiting for a core.
    const auto cpuMs = [] {
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        return (double(u.ru_utime.tv_sec) + double(u.ru_stime.tv_sec)) * 1e3 + (double(u.ru_utime.tv_usec) + double(u.ru_stime.tv_usec)) / 1e3;
    };
    const double cpuBefore = cpuMs();
    std::vector<double> ms;
    int wrong = 0;
    for (size_t i : points) {
        QElapsedTimer t;
        t.start();
        bool done = false;
        QString text;
        hub.noteHistory().textAt(kCourse, kNote, seqs[i], [&](Result<NoteHistory::Text> r) {
            done = true;
            text = r ? r.value().text : QStringLiteral("<error %1>").arg(r.error().message);
        });
        while (!done)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        if (text != expected.value(i))
            ++wrong;
    }

    const double cpuPerRead = (cpuMs() - cpuBefore) / double(points.size());
    const double slowest = *std::max_element(ms.begin(), ms.end());
    const size_t slowestIndex = size_t(std::distance(ms.begin(), std::max_element(ms.begin(), ms.end())));
    const qint64 opLogData = scalar(db, QStringLiteral("SELECT total(length(data)) FROM events WHERE kind = 'note.ops'"));
    const qint64 opLogPages = scalar(db, QStringLiteral("SELECT sum(pgsize) FROM dbstat WHERE name = 'events'"));
    const qint64 indexPages = scalar(db, QStringLiteral("SELECT sum(pgsize) FROM dbstat WHERE name = 'note_events'"));
    const qint64 checkpointData = scalar(db, QStringLiteral("SELECT total(length(snapshot)) FROM note_checkpoints"));
    const qint64 checkpointPages = scalar(db, QStringLiteral("SELECT sum(pgsize) FROM dbstat WHERE name = 'note_checkpoints'"));
    const qint64 authorPages = scalar(db, QStringLiteral("SELECT sum(pgsize) FROM dbstat WHERE name = 'note_authors'"));
    const qint64 checkpoints = scalar(db, QStringLiteral("SELECT count(*) FROM note_checkpoints"));
    const qint64 historyPages = std::max<qint64>(0, checkpointPages) + std::max<qint64>(0, authorPages);

    QJsonObject out{{QStringLiteral("trace"), trace->name},
                    {QStringLiteral("edits"), double(edits)},
                    {QStringLiteral("typingSeconds"), typingMs / 1000},
                    {QStringLiteral("finalLength"), trace->endContent.size()},
                    {QStringLiteral("points"), int(points.size())},
                    {QStringLiteral("wrongTexts"), wrong},
                    {QStringLiteral("textAtP50Ms"), percentile(ms, 0.50)},
                    {QStringLiteral("textAtP99Ms"), percentile(ms, 0.99)},
                    {QStringLiteral("textAtMaxMs"), percentile(ms, 1.0)},
                    {QStringLiteral("cpuMsPerRead"), cpuPerRead},
                    {QStringLiteral("firstReadMs"), ms.front()},
                    {QStringLiteral("slowestRead"), QStringLiteral("#%1 of %2 (%3 ms)").arg(slowestIndex).arg(ms.size()).arg(slowest, 0, 'f', 1)},
                    {QStringLiteral("checkpoints"), double(checkpoints)},
                    {QStringLiteral("opLogDataBytes"), double(opLogData)},
                    {QStringLiteral("opLogPagesBytes"), double(opLogPages)},
                    {QStringLiteral("noteEventsIndexPagesBytes"), double(indexPages)},
                    {QStringLiteral("checkpointDataBytes"), double(checkpointData)},
                    {QStringLiteral("checkpointPagesBytes"), double(checkpointPages)},
                    {QStringLiteral("authorIndexPagesBytes"), double(authorPages)},
                    {QStringLiteral("historyOverOpLog"), opLogPages > 0 ? double(historyPages) / double(opLogPages) : -1}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return wrong == 0 ? 0 : 1;
}
