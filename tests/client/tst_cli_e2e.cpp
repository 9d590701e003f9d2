#include "client/collabclient.h"
#include "hub/hub.h"

#include "support/fakeserver.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QtTest>

#include <csignal>

using namespace collab;
using namespace collab::client;

// The built collab-cli, run as a child process against the real server in this process. The
// event loop must keep running while the child works (the server lives in it): wait with QTRY_*,
// never with QProcess::waitFor*.
namespace {

const QString Course = QLatin1String(TestServer::Course);
const QString Code = QLatin1String(TestServer::JoinCode);

QString cliPath() { return QStringLiteral(COLLAB_CLI_PATH); }

struct CliRun
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QStringList out;
    QStringList err;
};

QStringList lines(const QByteArray &bytes)
{
    QStringList out = QString::fromUtf8(bytes).split(QLatin1Char('\n'));
    if (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    return out;
}

} // namespace

class TestCliEndToEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void chatIsAckedAndSeenByAListener();
    void chatJsonPrintsTheAck();
    void joinCodeFromTheEnvironment();
    void wrongJoinCodeIsRejected();
    void serverDownFailsWithCannotConnect();
    void unansweredServerTimesOut();
    void historyPrintsTheLastMessagesOldestFirst();
    void editActionIsRecorded();
    void listenPrintsEventsAndStopsCleanly_data();
    void listenPrintsEventsAndStopsCleanly();
    void listenSurvivesAServerRestart();
    void badUsageExitsTwo();
    void integrationPostsShowTheirKey();

private:
    CliRun run(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    QStringList base(const QString &user) const;
    bool joinAndWait(CollabClient &client);
    void startBobsListenerProcess(QProcess &listener);
    // Starts bob.tran's `--listen` and waits until `presence` (a spy on a joined client) sees bob
    // online: from then on the listener sees every event.
    bool startBobsListener(QProcess &listener, const QSignalSpy &presence);
    ClientOptions optionsFor(const QString &user) const;

    std::unique_ptr<TestServer> m_server;
};

void TestCliEndToEnd::init()
{
    QVERIFY2(QFileInfo::exists(cliPath()), qPrintable(cliPath()));
    // Every CLI run of a test shares one token file, as runs of one user's CLI do.
    static QTemporaryDir tokens;
    qputenv("COLLAB_TOKEN_FILE", tokens.filePath(QStringLiteral("tokens-%1.json").arg(QLatin1String(QTest::currentTestFunction()))).toLocal8Bit());
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
}

void TestCliEndToEnd::cleanup() { m_server.reset(); }

QStringList TestCliEndToEnd::base(const QString &user) const
{
    return {QStringLiteral("--server"), m_server->wsUrl().toString(), QStringLiteral("--course"), Course,
            QStringLiteral("--username"), user};
}

ClientOptions TestCliEndToEnd::optionsFor(const QString &user) const
{
    ClientOptions o;
    o.url = m_server->wsUrl();
    o.user = user;
    o.pingIntervalMs = 0;
    return o;
}

bool TestCliEndToEnd::joinAndWait(CollabClient &client)
{
    QSignalSpy joined(&client, &CollabClient::joined);
    client.join(Course, Code);
    client.open();
    return QTest::qWaitFor([&] { return !joined.isEmpty(); }, 10000);
}

void TestCliEndToEnd::startBobsListenerProcess(QProcess &listener)
{
    listener.start(cliPath(), base(QStringLiteral("bob.tran")) << QStringLiteral("--join-code") << Code
                                                                << QStringLiteral("--listen"));
}

bool TestCliEndToEnd::startBobsListener(QProcess &listener, const QSignalSpy &presence)
{
    startBobsListenerProcess(listener);
    if (!listener.waitForStarted(10000))
        return false;
    return QTest::qWaitFor(
        [&] {
            return std::any_of(presence.cbegin(), presence.cend(), [](const QList<QVariant> &args) {
                const auto p = args.first().value<proto::Presence>();
                return p.user == QLatin1String("bob.tran") && p.online;
            });
        },
        10000);
}

CliRun TestCliEndToEnd::run(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(cliPath(), args);
    CliRun r;
    if (!p.waitForStarted(10000))
        return r;
    // The server answers from this thread's event loop: keep it spinning while the CLI runs.
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 60000)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.exitCode = p.exitCode();
    r.status = p.exitStatus();
    r.out = lines(p.readAllStandardOutput());
    r.err = lines(p.readAllStandardError());
    return r;
}

void TestCliEndToEnd::chatIsAckedAndSeenByAListener()
{
    CollabClient bob(optionsFor(QStringLiteral("bob.tran")));
    QVERIFY(joinAndWait(bob));
    QSignalSpy events(&bob, &CollabClient::eventReceived);

    const CliRun r = run(base(QStringLiteral("angie.nguyen"))
                         << QStringLiteral("--join-code") << Code << QStringLiteral("--chat") << QStringLiteral("hello class"));
    QCOMPARE(r.status, QProcess::NormalExit);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err.join(QLatin1Char('\n'))));
    QCOMPARE(r.err, QStringList());
    QCOMPARE(r.out.size(), 1);
    QVERIFY2(QRegularExpression(QStringLiteral("^\\[general\\] #\\d+ angie\\.nguyen: hello class$")).match(r.out.first()).hasMatch(),
             qPrintable(r.out.first()));

    QTRY_VERIFY(std::any_of(events.cbegin(), events.cend(), [](const QList<QVariant> &args) {
        const auto e = args.first().value<CourseEvent>();
        return e.kind == EventKind::ChatPosted && e.data.value(QLatin1String("text")).toString() == QLatin1String("hello class")
               && e.data.value(QLatin1String("author")).toString() == QLatin1String("angie.nguyen");
    }));
}

void TestCliEndToEnd::chatJsonPrintsTheAck()
{
    const CliRun r = run(base(QStringLiteral("angie.nguyen")) << QStringLiteral("--join-code") << Code
                                                               << QStringLiteral("--chat") << QStringLiteral("json please")
                                                               << QStringLiteral("--json"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.size(), 1);
    const QJsonObject ack = QJsonDocument::fromJson(r.out.first().toUtf8()).object();
    QCOMPARE(ack.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
    QVERIFY(ack.value(QLatin1String("id")).toInteger() > 0);
    QVERIFY(!ack.value(QLatin1String("clientMsgId")).toString().isEmpty());
}

void TestCliEndToEnd::joinCodeFromTheEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("COLLAB_JOIN_CODE"), Code);
    const CliRun r = run(base(QStringLiteral("angie.nguyen")) << QStringLiteral("--chat") << QStringLiteral("via env"), env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err.join(QLatin1Char('\n'))));
}

void TestCliEndToEnd::wrongJoinCodeIsRejected()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("COLLAB_JOIN_CODE"));
    const CliRun r = run(base(QStringLiteral("angie.nguyen")) << QStringLiteral("--join-code") << QStringLiteral("guess")
                                                               << QStringLiteral("--chat") << QStringLiteral("let me in"),
                         env);
    QCOMPARE(r.status, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 4);
    QCOMPARE(r.out, QStringList());
    QCOMPARE(r.err.size(), 1);
    QVERIFY2(r.err.first().startsWith(QLatin1String("collab-cli: ")), qPrintable(r.err.first()));
    QVERIFY2(r.err.first().contains(QLatin1String("wrong_join_code")), qPrintable(r.err.first()));
}

void TestCliEndToEnd::serverDownFailsWithCannotConnect()
{
    const QUrl url = m_server->wsUrl();
    m_server->stop(); // nothing listens on that port any more
    const CliRun r = run({QStringLiteral("--server"), url.toString(), QStringLiteral("--course"), Course,
                          QStringLiteral("--username"), QStringLiteral("angie.nguyen"), QStringLiteral("--join-code"), Code,
                          QStringLiteral("--chat"), QStringLiteral("anyone?"), QStringLiteral("--timeout"), QStringLiteral("5")});
    QCOMPARE(r.status, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(r.err.size(), 1);
    QVERIFY2(r.err.first().contains(QLatin1String("cannot connect")), qPrintable(r.err.first()));
}

void TestCliEndToEnd::unansweredServerTimesOut()
{
    // A port that accepts TCP and never completes the WebSocket handshake: never connected.
    QTcpServer silentTcp;
    QVERIFY(silentTcp.listen(QHostAddress::LocalHost, 0));
    const QStringList rest{QStringLiteral("--course"), Course, QStringLiteral("--username"), QStringLiteral("angie.nguyen"),
                           QStringLiteral("--chat"), QStringLiteral("hello?"), QStringLiteral("--timeout"), QStringLiteral("1")};
    const CliRun tcp = run(QStringList{QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:%1/ws").arg(silentTcp.serverPort())} + rest);
    QCOMPARE(tcp.status, QProcess::NormalExit);
    QCOMPARE(tcp.exitCode, 3);
    QCOMPARE(tcp.err.size(), 1);
    QVERIFY2(tcp.err.first().contains(QLatin1String("cannot connect")), qPrintable(tcp.err.first()));

    // A WebSocket server that never answers `hello`: connected, then a timeout.
    FakeServer silentWs;
    QVERIFY(silentWs.listen());
    silentWs.setHandler([](QWebSocket *, const QJsonObject &) {});
    const CliRun ws = run(QStringList{QStringLiteral("--server"), silentWs.url().toString()} + rest);
    QCOMPARE(ws.status, QProcess::NormalExit);
    QCOMPARE(ws.exitCode, 5);
    QCOMPARE(ws.err.size(), 1);
    QVERIFY2(ws.err.first().contains(QLatin1String("no answer")), qPrintable(ws.err.first()));
    QCOMPARE(silentWs.received("hello").size(), 1);
}

void TestCliEndToEnd::historyPrintsTheLastMessagesOldestFirst()
{
    CollabClient angie(optionsFor(QStringLiteral("angie.nguyen")));
    QVERIFY(joinAndWait(angie));
    QSignalSpy acked(&angie, &CollabClient::messageAcked);
    for (int i = 1; i <= 5; ++i)
        angie.sendChat(Course, QStringLiteral("general"), QStringLiteral("note %1").arg(i));
    QTRY_COMPARE(acked.size(), 5);

    const CliRun r = run(base(QStringLiteral("bob.tran")) << QStringLiteral("--join-code") << Code
                                                           << QStringLiteral("--history") << QStringLiteral("3"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err.join(QLatin1Char('\n'))));
    QCOMPARE(r.out.size(), 3);
    QVERIFY2(r.out.at(0).endsWith(QLatin1String("angie.nguyen: note 3")), qPrintable(r.out.at(0)));
    QVERIFY(r.out.at(1).endsWith(QLatin1String("angie.nguyen: note 4")));
    QVERIFY(r.out.at(2).endsWith(QLatin1String("angie.nguyen: note 5")));

    const CliRun other = run(base(QStringLiteral("bob.tran")) << QStringLiteral("--join-code") << Code
                                                               << QStringLiteral("--history") << QStringLiteral("3")
                                                               << QStringLiteral("--channel") << QStringLiteral("homework"));
    QCOMPARE(other.exitCode, 0);
    QCOMPARE(other.out, QStringList()); // nothing posted there
}

void TestCliEndToEnd::editActionIsRecorded()
{
    CollabClient bob(optionsFor(QStringLiteral("bob.tran")));
    QVERIFY(joinAndWait(bob));
    QSignalSpy events(&bob, &CollabClient::eventReceived);
    const CliRun r = run(base(QStringLiteral("angie.nguyen"))
                         << QStringLiteral("--join-code") << Code << QStringLiteral("--edit") << QStringLiteral("insert_line")
                         << QStringLiteral("--text") << QStringLiteral("Week 2: consensus") << QStringLiteral("--line")
                         << QStringLiteral("2"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err.join(QLatin1Char('\n'))));
    QCOMPARE(r.out.size(), 1);
    QTRY_VERIFY(std::any_of(events.cbegin(), events.cend(), [](const QList<QVariant> &args) {
        const auto e = args.first().value<CourseEvent>();
        // A note event by angie on class-notes (its payload is the notes work's business).
        return eventKindName(e.kind).startsWith(QLatin1String("note."))
               && e.data.value(QLatin1String("note")).toString() == QLatin1String("class-notes")
               && e.data.value(QLatin1String("user")).toString() == QLatin1String("angie.nguyen");
    }));
}

void TestCliEndToEnd::listenPrintsEventsAndStopsCleanly_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestCliEndToEnd::listenPrintsEventsAndStopsCleanly()
{
    QFETCH(int, signalNumber);
    CollabClient angie(optionsFor(QStringLiteral("angie.nguyen")));
    QVERIFY(joinAndWait(angie));
    QSignalSpy presence(&angie, &CollabClient::presenceChanged);

    QProcess listener;
    QVERIFY(startBobsListener(listener, presence));
    angie.sendChat(Course, QStringLiteral("general"), QStringLiteral("are you there?"));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += listener.readAllStandardOutput()).contains("angie.nguyen: are you there?"), 10000);

    ::kill(pid_t(listener.processId()), signalNumber);
    QTRY_COMPARE_WITH_TIMEOUT(listener.state(), QProcess::NotRunning, 10000);
    QCOMPARE(listener.exitStatus(), QProcess::NormalExit);
    QCOMPARE(listener.exitCode(), 0);
    out += listener.readAllStandardOutput();
    const QStringList printed = lines(out);
    QCOMPARE(printed.filter(QStringLiteral("are you there?")).size(), 1);
    QVERIFY2(printed.filter(QRegularExpression(QStringLiteral("^\\[general\\] #\\d+ angie\\.nguyen: are you there\\?$"))).size() == 1,
             out.constData());
    // ... and the server saw it leave.
    QTRY_VERIFY(std::any_of(presence.cbegin(), presence.cend(), [](const QList<QVariant> &args) {
        const auto p = args.first().value<proto::Presence>();
        return p.user == QLatin1String("bob.tran") && !p.online;
    }));
}

// A post an integration made (as "canvas-bot", through its key "lms") says so in --listen and
// --history: "canvas-bot via lms". The post goes through the Hub as the REST API's does
// (tst_identity checks the REST side over HTTP).
void TestCliEndToEnd::integrationPostsShowTheirKey()
{
    CollabClient angie(optionsFor(QStringLiteral("angie.nguyen")));
    QVERIFY(joinAndWait(angie));
    QSignalSpy presence(&angie, &CollabClient::presenceChanged);
    QProcess listener;
    QVERIFY(startBobsListener(listener, presence));
    bool stored = false;
    m_server->instance()->hub().postMessage(
        server::Actor{QStringLiteral("canvas-bot"), server::Actor::Role::Integration, QStringLiteral("lms")}, Course,
        QStringLiteral("general"), QStringLiteral("Quiz 3 is up"), QString(),
        [&stored](Result<server::MessageOutcome> r) { stored = r.ok(); });
    QTRY_VERIFY(stored);
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += listener.readAllStandardOutput()).contains("Quiz 3 is up"), 10000);
    QVERIFY2(QRegularExpression(QStringLiteral("\\[general\\] #\\d+ canvas-bot via lms: Quiz 3 is up\n"))
                 .match(QString::fromUtf8(out)).hasMatch(),
             out.constData());
    ::kill(pid_t(listener.processId()), SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(listener.state(), QProcess::NotRunning, 10000);

    const CliRun history = run(base(QStringLiteral("bob.tran")) << QStringLiteral("--join-code") << Code
                                                                 << QStringLiteral("--history") << QStringLiteral("1"));
    QVERIFY2(history.exitCode == 0, qPrintable(history.err.join(QLatin1Char('\n'))));
    QCOMPARE(history.out.size(), 1);
    QVERIFY2(history.out.at(0).endsWith(QLatin1String("canvas-bot via lms: Quiz 3 is up")), qPrintable(history.out.at(0)));
}

void TestCliEndToEnd::listenSurvivesAServerRestart()
{
    QProcess listener;
    startBobsListenerProcess(listener);
    QVERIFY(listener.waitForStarted(10000));
    QByteArray out;
    {
        CollabClient angie(optionsFor(QStringLiteral("angie.nguyen")));
        QVERIFY(joinAndWait(angie));
        // A post made before the listener joined would not reach it: wait for its join line.
        QTRY_VERIFY_WITH_TIMEOUT((out += listener.readAllStandardOutput()).contains("* bob.tran joined CECS327"), 10000);
        angie.sendChat(Course, QStringLiteral("general"), QStringLiteral("before"));
        QTRY_VERIFY_WITH_TIMEOUT((out += listener.readAllStandardOutput()).contains("angie.nguyen: before"), 10000);
    }

    m_server->stop(); // start() brings it back on the same port
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += listener.readAllStandardError()).contains("connection lost"), 10000);
    QVERIFY(listener.state() == QProcess::Running);
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));

    CollabClient carol(optionsFor(QStringLiteral("carol.diaz")));
    QVERIFY(joinAndWait(carol));
    carol.sendChat(Course, QStringLiteral("general"), QStringLiteral("after"));
    QTRY_VERIFY_WITH_TIMEOUT((out += listener.readAllStandardOutput()).contains("carol.diaz: after"), 20000);

    listener.terminate();
    QTRY_COMPARE_WITH_TIMEOUT(listener.state(), QProcess::NotRunning, 10000);
    QCOMPARE(listener.exitCode(), 0);
    out += listener.readAllStandardOutput();
    const QStringList printed = lines(out);
    QCOMPARE(printed.filter(QStringLiteral(": before")).size(), 1); // the resume replays nothing twice
    QCOMPARE(printed.filter(QStringLiteral(": after")).size(), 1);
}

void TestCliEndToEnd::badUsageExitsTwo()
{
    const CliRun r = run({QStringLiteral("--course"), Course, QStringLiteral("--chat"), QStringLiteral("no user")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err.size(), 1);
    QVERIFY(r.err.first().contains(QLatin1String("--username")));

    const CliRun help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.join(QLatin1Char('\n')).contains(QLatin1String("Exit codes")));
}

QTEST_GUILESS_MAIN(TestCliEndToEnd)
#include "tst_cli_e2e.moc"
