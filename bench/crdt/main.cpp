// collab-bench-crdt [--repeat N] [--json] TRACE.json.gz [...]: replays editing traces through the sequence CRDT and
// prints one JSON line per trace (docs/benchmarks.md, "Shared-notes CRDT"). Exit status 1 if any replay does not reproduce endContent.
// Trace decoding and the wire encoding happen outside the timed regions.
#include "crdt/document.h"
#include "tracereader.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <vector>

#include <sys/resource.h>
#include <time.h>

using namespace collab::crdt;

namespace {

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Wall time and the CPU time of this thread over a region: on a shared machine the CPU time
// shows how much of the wall time was spent waiting for a core.
class Stopwatch
{
public:
    Stopwatch() { restart(); }
    void restart()
    {
        m_wall.start();
        m_cpu = threadCpuMs();
    }
    double wallMs() const { return msSince(m_wall); }
    double cpuMs() const { return threadCpuMs() - m_cpu; }

private:
    QElapsedTimer m_wall;
    double m_cpu = 0;
};

qint64 peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // kilobytes on Linux
}

struct Timings
{
    double localMs = 1e300;
    double decodeMs = 1e300;
    double remoteMs = 1e300;
    double loadMs = 1e300;
    double localCpuMs = 1e300;
    double remoteCpuMs = 1e300;
    double loadCpuMs = 1e300;
    double jsonDecodeMs = 1e300;
    double mergeMs = 1e300;
    double mergeCpuMs = 1e300;
    double batchRemoteMs = 1e300;
};

bool runTrace(const QString &path, int repeat, bool withJson)
{
    QString error;
    const auto trace = traces::loadTrace(path, &error);
    if (!trace) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(error));
        return false;
    }
    // Each phase runs `repeat` times on fresh documents; the best time is reported (the
    // machine is shared, the minimum is the least disturbed run).
    Timings best;
    bool finalOk = true;
    std::vector<Operation> ops;
    qsizetype wireBytes = 0;
    qsizetype jsonBytes = 0;
    qsizetype snapshotBytes = 0;
    qsizetype historyBytes = 0;
    qsizetype batchWireBytes = 0;
    int runs = 0;
    for (int round = 0; round < repeat; ++round) {
        ops.clear();
        ops.reserve(trace->patches.size() * 2);
        Document local(0x1111111111111111ull);
        Stopwatch timer;
        bool editsOk = true;
        for (const traces::Patch &patch : trace->patches) {
            if (patch.removed > 0) {
                auto op = local.localDelete(patch.position, patch.removed);
                editsOk = editsOk && op.ok();
                if (op.ok())
                    ops.push_back(std::move(op.value()));
            }
            if (!patch.inserted.isEmpty()) {
                auto op = local.localInsert(patch.position, patch.inserted);
                editsOk = editsOk && op.ok();
                if (op.ok())
                    ops.push_back(std::move(op.value()));
            }
        }
        best.localMs = qMin(best.localMs, timer.wallMs());
        best.localCpuMs = qMin(best.localCpuMs, timer.cpuMs());
        const bool localOk = editsOk && local.text() == trace->endContent;

        // The wire: what a peer receives. Decoding is timed on its own, apart from the merge.
        const QByteArray wire = encodeOperations(QVector<Operation>(ops.begin(), ops.end()));
        wireBytes = wire.size();
        timer.restart();
        const auto decoded = decodeOperations(wire);
        best.decodeMs = qMin(best.decodeMs, timer.wallMs());
        bool remoteOk = decoded.ok();
        Document remote(0x2222222222222222ull);
        timer.restart();
        if (decoded.ok()) {
            for (const Operation &op : decoded.value())
                remoteOk = remote.apply(op).status == ApplyStatus::Applied && remoteOk;
        }
        best.remoteMs = qMin(best.remoteMs, timer.wallMs());
        best.remoteCpuMs = qMin(best.remoteCpuMs, timer.cpuMs());
        remoteOk = remoteOk && remote.text() == trace->endContent;

        // Bulk merge: the whole history as the compact batch a late joiner receives
        // (Document::encodeHistory), decoded and merged into a fresh replica in one call. No
        // deltas: a fresh replica's editor shows text() afterwards.
        const auto history = local.encodeHistory(VersionVector());
        bool mergeOk = history.ok();
        if (history.ok()) {
            historyBytes = history.value().size();
            Document merged(0x4444444444444444ull);
            timer.restart();
            const ApplyResult result = merged.applyBatch(history.value(), Document::Deltas::Skip);
            best.mergeMs = qMin(best.mergeMs, timer.wallMs());
            best.mergeCpuMs = qMin(best.mergeCpuMs, timer.cpuMs());
            mergeOk = result.status == ApplyStatus::Applied && result.droppedCount == 0
                && merged.text() == trace->endContent && merged.version() == local.version();
        }
        // The keystrokes themselves as one compact batch (encodeOperationBatch), merged with
        // deltas as an open editor receives a batch: the bulk counterpart of remote_ms + decode_ms.
        const QByteArray batch = encodeOperationBatch(QVector<Operation>(ops.begin(), ops.end()));
        batchWireBytes = batch.size();
        {
            Document bulk(0x5555555555555555ull);
            timer.restart();
            const ApplyResult result = bulk.applyBatch(batch);
            best.batchRemoteMs = qMin(best.batchRemoteMs, timer.wallMs());
            QString mirror;
            for (const TextDelta &delta : result.deltas)
                mirror.replace(delta.position, delta.removed, delta.inserted);
            mergeOk = mergeOk && result.status == ApplyStatus::Applied && mirror == trace->endContent
                && bulk.text() == trace->endContent;
        }

        // --json: the same operations as the JSON the protocol carries (note.ops / note.state).
        // Off by default: QJsonDocument needs ~20 bytes of memory per JSON byte, which would
        // dominate peak_rss_kb.
        if (withJson) {
            const QVector<Operation> all(ops.begin(), ops.end());
            const QByteArray json = QJsonDocument(operationsToJson(all)).toJson(QJsonDocument::Compact);
            jsonBytes = json.size();
            timer.restart();
            const auto fromJson = operationsFromJson(QJsonDocument::fromJson(json).array());
            best.jsonDecodeMs = qMin(best.jsonDecodeMs, timer.wallMs());
            remoteOk = remoteOk && fromJson.ok() && fromJson.value() == all;
        }

        const QByteArray snapshot = local.encodeSnapshot();
        snapshotBytes = snapshot.size();
        timer.restart();
        const auto loaded = Document::decodeSnapshot(snapshot, 0x3333333333333333ull);
        best.loadMs = qMin(best.loadMs, timer.wallMs());
        best.loadCpuMs = qMin(best.loadCpuMs, timer.cpuMs());
        const bool snapshotOk = loaded.ok() && loaded.value().text() == trace->endContent;
        runs = local.runCount();
        if (!(localOk && remoteOk && snapshotOk && mergeOk)) {
            std::fprintf(stderr, "%s: mismatch (local %d, remote %d, snapshot %d, merge %d)\n",
                         qPrintable(trace->name), localOk, remoteOk, snapshotOk, mergeOk);
            finalOk = false;
        }
    }

    QJsonObject line{
        {QStringLiteral("trace"), trace->name},
        {QStringLiteral("ops"), double(ops.size())},
        {QStringLiteral("local_ms"), best.localMs},
        {QStringLiteral("remote_ms"), best.remoteMs},
        {QStringLiteral("snapshot_bytes"), double(snapshotBytes)},
        {QStringLiteral("snapshot_load_ms"), best.loadMs},
        {QStringLiteral("peak_rss_kb"), double(peakRssKb())},
        {QStringLiteral("final_ok"), finalOk},
        // Context beyond the required fields.
        {QStringLiteral("patches"), double(trace->patches.size())},
        {QStringLiteral("text_utf8_bytes"), double(trace->endContent.toUtf8().size())},
        {QStringLiteral("wire_bytes"), double(wireBytes)},
        {QStringLiteral("decode_ms"), best.decodeMs},
        {QStringLiteral("runs"), double(runs)},
        {QStringLiteral("repeat"), repeat},
        {QStringLiteral("local_cpu_ms"), best.localCpuMs},
        {QStringLiteral("remote_cpu_ms"), best.remoteCpuMs},
        {QStringLiteral("snapshot_load_cpu_ms"), best.loadCpuMs},
        // The bulk paths (docs/notes-crdt.md, "Bulk merge").
        {QStringLiteral("merge_ms"), best.mergeMs},
        {QStringLiteral("merge_cpu_ms"), best.mergeCpuMs},
        {QStringLiteral("history_bytes"), double(historyBytes)},
        {QStringLiteral("batch_wire_bytes"), double(batchWireBytes)},
        {QStringLiteral("batch_remote_ms"), best.batchRemoteMs},
    };
    if (withJson) {
        line.insert(QStringLiteral("json_wire_bytes"), double(jsonBytes));
        line.insert(QStringLiteral("json_decode_ms"), best.jsonDecodeMs);
    }
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    return finalOk;
}

} // namespace

int main(int argc, char **argv)
{
    int repeat = 5;
    bool withJson = false;
    QStringList files;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("--repeat") && i + 1 < argc)
            repeat = qMax(1, QString::fromLocal8Bit(argv[++i]).toInt());
        else if (arg == QLatin1String("--json"))
            withJson = true;
        else
            files.append(arg);
    }
    if (files.isEmpty()) {
        std::fprintf(stderr, "usage: %s [--repeat N] [--json] TRACE.json.gz [...]\n", argv[0]);
        return 2;
    }
    bool allOk = true;
    for (const QString &file : files)
        allOk = runTrace(file, repeat, withJson) && allOk;
    return allOk ? 0 : 1;
}
