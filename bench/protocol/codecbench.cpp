// collab-bench-protocol [--rounds N] [--iterations N]: the cost of the protocol codec on the hot
// paths, in ns per operation: decoding a chat.send frame (the server, for every message a client
// sends), encoding it (the client library), and encoding and decoding an event frame (the server
// encodes each event once for its whole fan-out; every client decodes it). Prints one line per
// operation: the best round (the least disturbed by other work on the machine) and the median.
// Times are this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), not wall time, so that waiting for a
// core on a shared machine does not count; run it `nice -n 10` there and compare runs taken the
// same way.
#include "model/chatmessage.h"
#include "model/courseevent.h"
#include "protocol/clientmessages.h"
#include "protocol/servermessages.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include <time.h>

using namespace collab;

namespace {

struct Options
{
    int rounds = 15;
    int iterations = 20000;
};

double threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e9 + double(now.tv_nsec);
}

// Runs `op` rounds × iterations times; returns each round's ns per operation.
std::vector<double> measure(const Options &options, const std::function<qsizetype()> &op)
{
    qsizetype sink = 0;
    for (int i = 0; i < options.iterations / 10; ++i) // warm the caches and the allocator
        sink += op();
    std::vector<double> perOp;
    for (int round = 0; round < options.rounds; ++round) {
        const double start = threadCpuNs();
        for (int i = 0; i < options.iterations; ++i)
            sink += op();
        perOp.push_back((threadCpuNs() - start) / options.iterations);
    }
    if (sink == 42) // keeps the work observable to the optimizer
        std::puts("");
    std::sort(perOp.begin(), perOp.end());
    return perOp;
}

void report(const char *name, const std::vector<double> &perOp)
{
    std::printf("%-24s best %8.0f ns/op   median %8.0f ns/op\n", name, perOp.front(), perOp[perOp.size() / 2]);
}

CourseEvent chatPostedEvent()
{
    // What the Hub stores for a chat.send (server/hub/hub.cpp): the message without id and createdAt.
    QJsonObject data;
    data.insert(QLatin1String("author"), QStringLiteral("angie.nguyen"));
    data.insert(QLatin1String("channel"), QStringLiteral("general"));
    data.insert(QLatin1String("clientMsgId"), QStringLiteral("m-000123"));
    data.insert(QLatin1String("id"), 4711);
    data.insert(QLatin1String("text"), QStringLiteral("Does the midterm cover chapter 7? I could not find it in the syllabus."));
    return CourseEvent{QStringLiteral("CECS327"), 4711, EventKind::ChatPosted, 1764000000000, data};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--rounds"))
            options.rounds = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--iterations"))
            options.iterations = std::max(1, args[i + 1].toInt());
        else {
            std::fprintf(stderr, "usage: collab-bench-protocol [--rounds N] [--iterations N]\n");
            return 2;
        }
    }

    const proto::ClientMessage send{
        17, proto::ChatSend{QStringLiteral("CECS327"), QStringLiteral("general"),
                            QStringLiteral("Does the midterm cover chapter 7? I could not find it in the syllabus."),
                            QStringLiteral("m-000123")}};
    const QByteArray sendFrame = send.encode();
    const proto::EventMessage event{chatPostedEvent()};
    const QByteArray eventFrame = proto::encode(event);
    if (!proto::decodeClientMessage(sendFrame) || !proto::decodeServerMessage(eventFrame)) {
        std::fprintf(stderr, "the sample frames do not decode\n");
        return 1;
    }
    std::printf("rounds %d × %d iterations; chat.send frame %lld bytes, event frame %lld bytes\n", options.rounds,
                options.iterations, qlonglong(sendFrame.size()), qlonglong(eventFrame.size()));

    report("decode chat.send", measure(options, [&] {
               const Result<proto::ClientMessage> m = proto::decodeClientMessage(sendFrame);
               return std::get<proto::ChatSend>(m.value().payload).text.size();
           }));
    report("encode chat.send", measure(options, [&] { return send.encode().size(); }));
    report("encode event frame", measure(options, [&] { return proto::encode(event).size(); }));
    report("decode event frame", measure(options, [&] {
               const Result<proto::ServerPayload> m = proto::decodeServerMessage(eventFrame);
               return qsizetype(std::get<proto::EventMessage>(m.value()).event.seq);
           }));
    return 0;
}
