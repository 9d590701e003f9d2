// collab-bench-crdt TRACE.json.gz [...]: replays editing traces through the sequence CRDT and
// prints one JSON line per trace. Exit status 1 if any replay does not reproduce endContent.
// Trace decoding and the wire encoding happen outside the timed regions.
#include "crdt/document.h"
#include "tracereader.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <vector>

#include <sys/resource.h>

using namespace collab::crdt;

namespace {

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

qint64 peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // kilobytes on Linux
}

bool runTrace(const QString &path)
{
    QString error;
    const auto trace = traces::loadTrace(path, &error);
    if (!trace) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(error));
        return false;
    }
    std::vector<Operation> ops;
    ops.reserve(trace->patches.size() * 2);

    Document local(0x1111111111111111ull);
    QElapsedTimer timer;
    timer.start();
    bool editsOk = true;
    for (const traces::Patch &patch : trace->patches) {
        if (patch.removed > 0) {
            auto op = local.localDelete(patch.position, patch.removed);
            editsOk = editsOk && op.ok();
            if (op.ok())
                ops.push_back(std::move(op).value());
        }
        if (!patch.inserted.isEmpty()) {
            auto op = local.localInsert(patch.position, patch.inserted);
            editsOk = editsOk && op.ok();
            if (op.ok())
                ops.push_back(std::move(op).value());
        }
    }
    const double localMs = msSince(timer);
    const bool localOk = editsOk && local.text() == trace->endContent;

    // The wire: what a peer receives. Decoding is timed on its own, apart from the merge.
    const QByteArray wire = encodeOperations(QVector<Operation>(ops.begin(), ops.end()));
    timer.restart();
    const auto decoded = decodeOperations(wire);
    const double decodeMs = msSince(timer);
    bool remoteOk = decoded.ok();
    Document remote(0x2222222222222222ull);
    timer.restart();
    if (decoded.ok()) {
        for (const Operation &op : decoded.value())
            remoteOk = remote.apply(op).status == ApplyStatus::Applied && remoteOk;
    }
    const double remoteMs = msSince(timer);
    remoteOk = remoteOk && remote.text() == trace->endContent;

    const QByteArray snapshot = local.encodeSnapshot();
    timer.restart();
    const auto loaded = Document::decodeSnapshot(snapshot, 0x3333333333333333ull);
    const double loadMs = msSince(timer);
    const bool snapshotOk = loaded.ok() && loaded.value().text() == trace->endContent;

    const bool finalOk = localOk && remoteOk && snapshotOk;
    QJsonObject line{
        {QStringLiteral("trace"), trace->name},
        {QStringLiteral("ops"), double(ops.size())},
        {QStringLiteral("local_ms"), localMs},
        {QStringLiteral("remote_ms"), remoteMs},
        {QStringLiteral("snapshot_bytes"), double(snapshot.size())},
        {QStringLiteral("snapshot_load_ms"), loadMs},
        {QStringLiteral("peak_rss_kb"), double(peakRssKb())},
        {QStringLiteral("final_ok"), finalOk},
        // Context beyond the required fields.
        {QStringLiteral("patches"), double(trace->patches.size())},
        {QStringLiteral("text_utf8_bytes"), double(trace->endContent.toUtf8().size())},
        {QStringLiteral("wire_bytes"), double(wire.size())},
        {QStringLiteral("decode_ms"), decodeMs},
        {QStringLiteral("runs"), double(local.runCount())},
    };
    if (!finalOk) {
        line.insert(QStringLiteral("local_ok"), localOk);
        line.insert(QStringLiteral("remote_ok"), remoteOk);
        line.insert(QStringLiteral("snapshot_ok"), snapshotOk);
    }
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    return finalOk;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s TRACE.json.gz [...]\n", argv[0]);
        return 2;
    }
    bool allOk = true;
    for (int i = 1; i < argc; ++i)
        allOk = runTrace(QString::fromLocal8Bit(argv[i])) && allOk;
    return allOk ? 0 : 1;
}
