// collab-bench-resilience [--scenario slow-reader|node-kill|all] [--runs N] [--presence-ttl MS]:
// how much a fault costs the others, in time. One JSON line per run:
//   slow-reader: the median delivery latency of 50 members, calm and while one member stopped
//                reading (until the server cut it off), and their ratio (tst_slow_reader asserts
//                the behaviour of the same scenario: tests/support/slowreaderscenario.h);
//   node-kill:   a node (a collab-server process, with --redis) SIGKILLed while a member is on it:
//                how long until a member on another node sees them go offline
//                (tst_redis_nodekill asserts that they do).
// These are measurements, not pass/fail: on a loaded machine they move (docs/benchmarks.md).
#include "serverprocess.h"
#include "slowreaderscenario.h"
#include "testredis.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

namespace {

void print(const QJsonObject &line)
{
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

bool fail(const char *scenario, const QString &why)
{
    std::fprintf(stderr, "collab-bench-resilience: %s: %s\n", scenario, qPrintable(why));
    return false;
}

// The scenario of tst_slow_reader; prints the latencies it asserts nothing about.
bool slowReader()
{
    SlowReaderScenario run;
    if (!run.start())
        return fail("slow-reader", QStringLiteral("the server or a reader did not start"));
    run.startTicking();
    [[maybe_unused]] const bool calmDone = QTest::qWaitFor([&] { return run.sent() >= SlowReaderScenario::CalmTicks; }, 30000);
    run.stopTicking();
    if (!QTest::qWaitFor([&] { return run.everyoneHas(run.sent()); }, 20000))
        return fail("slow-reader", QStringLiteral("the calm phase did not reach every reader"));
    if (!run.stallOne())
        return fail("slow-reader", QStringLiteral("the stalled member could not join"));
    run.startTicking();
    [[maybe_unused]] const bool stalledDone = QTest::qWaitFor([&] {
        return run.stalledWasCutOff() || run.sent() - run.firstStalled() >= SlowReaderScenario::MaxStalledTicks;
    }, 60000);
    run.stopTicking();
    const bool cutOff = run.stalledWasCutOff();
    if (!QTest::qWaitFor([&] { return run.everyoneHas(run.sent()); }, 20000))
        return fail("slow-reader", QStringLiteral("the others did not get every message"));
    const double calm = run.medianLatencyNs(1) / 1e6;
    const double stalled = run.medianLatencyNs(2) / 1e6;
    print({{QStringLiteral("bench"), QStringLiteral("slow-reader")},
           {QStringLiteral("readers"), SlowReaderScenario::Readers},
           {QStringLiteral("calm_messages"), run.firstStalled()},
           {QStringLiteral("stalled_messages"), run.sent() - run.firstStalled()},
           {QStringLiteral("stalled_cut_off"), cutOff},
           {QStringLiteral("calm_median_ms"), calm},
           {QStringLiteral("stalled_median_ms"), stalled},
           {QStringLiteral("ratio"), calm > 0 ? stalled / calm : 0.0}});
    return true;
}

// Joins `user` to CECS327 on `url`; false on failure.
bool join(WsTestClient &client, const QUrl &url, const QString &user)
{
    return client.open(url)
           && !client.helloAndJoin(user, QString::fromLatin1(TestServer::Course), QString::fromLatin1(TestServer::JoinCode)).isEmpty();
}

bool sawPresence(const WsTestClient &client, const QString &user, bool online, int from)
{
    for (int i = from; i < client.receivedCount(); ++i) {
        const QJsonObject &o = client.received()[i];
        if (o.value(QLatin1String("type")).toString() == QLatin1String("presence")
            && o.value(QLatin1String("user")).toString() == user && o.value(QLatin1String("online")).toBool() == online)
            return true;
    }
    return false;
}

// The scenario of tst_redis_nodekill's first half: a survivor node in-process, a doomed node as a
// process, both on one Redis; SIGKILL the doomed one and time the offline presence.
bool nodeKill(const QString &serverBin, int runs, int presenceTtlMs)
{
    TestRedis redis;
    if (!redis.start())
        return fail("node-kill", QStringLiteral("redis-server did not start (is it installed?)"));
    TestServer survivor;
    survivor.setRedis(redis.url(), presenceTtlMs);
    if (!survivor.start())
        return fail("node-kill", survivor.error());
    QTemporaryDir dir;
    const QString configPath = dir.filePath(QStringLiteral("config.json"));
    QFile config(configPath);
    if (!config.open(QIODevice::WriteOnly))
        return fail("node-kill", config.errorString());
    config.write(QJsonDocument(TestServer::testConfig().toJson()).toJson());
    config.close();
    WsTestClient watcher;
    if (!join(watcher, survivor.wsUrl(), QStringLiteral("watcher")))
        return fail("node-kill", QStringLiteral("the watcher could not join"));

    for (int run = 0; run < runs; ++run) {
        QProcess doomed;
        doomed.setProgram(serverBin);
        doomed.setArguments({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                             dir.filePath(QStringLiteral("node-%1").arg(run)), QStringLiteral("--config"), configPath,
                             QStringLiteral("--redis"), redis.url(), QStringLiteral("--presence-ttl"), QString::number(presenceTtlMs)});
        const quint16 port = startServerProcess(doomed);
        if (port == 0)
            return fail("node-kill", QStringLiteral("%1 did not start").arg(serverBin));
        const QString user = QStringLiteral("victim.%1").arg(run);
        WsTestClient victim;
        if (!join(victim, QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)), user))
            return fail("node-kill", QStringLiteral("the victim could not join the doomed node"));
        if (!QTest::qWaitFor([&] { return sawPresence(watcher, user, true, 0); }, 10000))
            return fail("node-kill", QStringLiteral("the watcher never saw the victim online"));

        const int from = watcher.receivedCount();
        QElapsedTimer sinceKill;
        sinceKill.start();
        doomed.kill();
        doomed.waitForFinished(5000);
        const bool offline = QTest::qWaitFor([&] { return sawPresence(watcher, user, false, from); }, 60000);
        if (!offline)
            return fail("node-kill", QStringLiteral("the victim never went offline (60 s)"));
        print({{QStringLiteral("bench"), QStringLiteral("node-kill")},
               {QStringLiteral("presence_ttl_ms"), presenceTtlMs},
               {QStringLiteral("offline_after_ms"), double(sinceKill.nsecsElapsed()) / 1e6}});
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("collab.*.info=false")); // stdout is the JSON lines, stderr the problems
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("What a stalled reader and a killed node cost the others, in time."));
    parser.addHelpOption();
    const QCommandLineOption scenario(QStringLiteral("scenario"), QStringLiteral("slow-reader, node-kill or all (default)."),
                                      QStringLiteral("name"), QStringLiteral("all"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Runs of each scenario (default 1)."),
                                  QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption ttl(QStringLiteral("presence-ttl"), QStringLiteral("node-kill: the nodes' presence TTL (default 1500)."),
                                 QStringLiteral("ms"), QStringLiteral("1500"));
    const QCommandLineOption serverBin(QStringLiteral("server-bin"), QStringLiteral("node-kill: the collab-server to kill."),
                                       QStringLiteral("path"), QStringLiteral(COLLAB_SERVER_BIN));
    parser.addOptions({scenario, runs, ttl, serverBin});
    parser.process(app);

    const QString which = parser.value(scenario);
    bool runsOk = false;
    bool ttlOk = false;
    const int runCount = parser.value(runs).toInt(&runsOk);
    const int ttlMs = parser.value(ttl).toInt(&ttlOk);
    if (!QStringList{QStringLiteral("slow-reader"), QStringLiteral("node-kill"), QStringLiteral("all")}.contains(which)
        || !runsOk || runCount < 1 || !ttlOk || ttlMs < 100) {
        std::fprintf(stderr, "collab-bench-resilience: --scenario is slow-reader, node-kill or all; --runs >= 1; --presence-ttl >= 100\n");
        return 2;
    }
    bool ok = true;
    if (which != QLatin1String("node-kill")) {
        for (int i = 0; i < runCount && ok; ++i)
            ok = slowReader();
    }
    if (ok && which != QLatin1String("slow-reader"))
        ok = nodeKill(parser.value(serverBin), runCount, ttlMs);
    return ok ? 0 : 1;
}
