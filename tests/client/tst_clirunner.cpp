#include "cli/clirunner.h"

#include "support/fakeserver.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace collab;
using namespace collab::cli;

// CliRunner in-process against a scripted server: the orderings and failures a real server rarely
// produces on cue (events racing the action's reply, retryable errors until the deadline).
class TestCliRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void historyThenListenPrintsEachEventOnce();
    void listenJsonPrintsWireEvents();
    void lockAndKickEventsHaveTheirOwnLines();
    void fileEventsHaveTheirOwnLines();
    void beingKickedEndsTheListenerWithExitFour();
    void retryableErrorsUntilTheDeadlineTimeOut();
    void rejectedHelloIsExitFour();
    void interruptBeforeTheAnswerIs130();

private:
    CliOptions options(const QStringList &extra = {});
    int runUntilFinished(CliRunner &runner);
    // What `collab-cli --listen` prints for `events` (broadcast after its join), line by line.
    QStringList linesListenedTo(const QList<QJsonObject> &events);

    std::unique_ptr<FakeServer> m_server;
    QTemporaryDir m_dir;
    QString m_out;
    QString m_err;
    std::unique_ptr<QTextStream> m_outStream;
    std::unique_ptr<QTextStream> m_errStream;
};

void TestCliRunner::init()
{
    m_server = std::make_unique<FakeServer>();
    QVERIFY(m_server->listen());
    m_out.clear();
    m_err.clear();
    m_outStream = std::make_unique<QTextStream>(&m_out);
    m_errStream = std::make_unique<QTextStream>(&m_err);
}

CliOptions TestCliRunner::options(const QStringList &extra)
{
    const ParseOutcome p = parseCommandLine(QStringList{QStringLiteral("collab-cli"), QStringLiteral("--server"),
                                                        m_server->url().toString(), QStringLiteral("--course"),
                                                        QStringLiteral("C"), QStringLiteral("--username"),
                                                        QStringLiteral("bob.tran"), QStringLiteral("--token-file"),
                                                        m_dir.filePath(QStringLiteral("tokens.json"))}
                                            + extra);
    if (p.status != ParseOutcome::Status::Run)
        qWarning() << p.error;
    return p.options;
}

int TestCliRunner::runUntilFinished(CliRunner &runner)
{
    QSignalSpy finished(&runner, &CliRunner::finished);
    if (!runner.isDone() && !finished.wait(15000))
        return -1;
    return runner.exitCode();
}

namespace {
QJsonObject eventIn(const char *channel, quint64 seq, const char *text)
{
    QJsonObject e = FakeServer::event(QStringLiteral("C"), seq, QLatin1String(text));
    QJsonObject data = e.value(QLatin1String("data")).toObject();
    data.insert(QStringLiteral("channel"), QLatin1String(channel));
    e.insert(QStringLiteral("data"), data);
    return e;
}
} // namespace

void TestCliRunner::historyThenListenPrintsEachEventOnce()
{
    m_server->courseSeq = 10;
    m_server->setHandler([this](QWebSocket *s, const QJsonObject &f) {
        if (f.value(QLatin1String("type")).toString() != QLatin1String("history"))
            return m_server->defaultReply(s, f);
        // Two events race the page: #11 is in it, #12 (another channel) is not.
        FakeServer::send(s, eventIn("general", 11, "in the page"));
        FakeServer::send(s, eventIn("homework", 12, "other channel"));
        const QJsonObject message = eventIn("general", 11, "in the page").value(QLatin1String("data")).toObject();
        FakeServer::reply(s, f, "history",
                          {{QStringLiteral("course"), QStringLiteral("C")},
                           {QStringLiteral("channel"), QStringLiteral("general")},
                           {QStringLiteral("seq"), 12},
                           {QStringLiteral("more"), false},
                           {QStringLiteral("messages"), QJsonArray{message}}});
    });
    CliRunner runner(options({QStringLiteral("--history"), QStringLiteral("5"), QStringLiteral("--listen")}),
                     m_outStream.get(), m_errStream.get());
    runner.start();
    QTRY_VERIFY(m_out.contains(QLatin1String("other channel")));
    m_server->broadcast(eventIn("general", 13, "live"));
    QTRY_VERIFY(m_out.contains(QLatin1String("live")));
    runner.interrupt();
    QCOMPARE(runUntilFinished(runner), int(ExitOk));
    QCOMPARE(m_out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
             (QStringList{QStringLiteral("[general] #11 bob: in the page"), QStringLiteral("[homework] #12 bob: other channel"),
                          QStringLiteral("[general] #13 bob: live")}));
    QCOMPARE(m_err, QString());
}

void TestCliRunner::listenJsonPrintsWireEvents()
{
    m_server->courseSeq = 3;
    CliRunner runner(options({QStringLiteral("--listen"), QStringLiteral("--json")}), m_outStream.get(), m_errStream.get());
    runner.start();
    QTRY_COMPARE(m_server->received("join").size(), 1);
    // Sent after `joined` on the same socket: the listener is listening by the time it arrives.
    m_server->broadcast(eventIn("general", 4, "json me"));
    QTRY_VERIFY(m_out.contains(QLatin1String("json me")));
    runner.interrupt();
    QCOMPARE(runUntilFinished(runner), int(ExitOk));
    const QStringList lines = m_out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    const QJsonObject e = QJsonDocument::fromJson(lines.first().toUtf8()).object();
    QCOMPARE(e.value(QLatin1String("type")).toString(), QStringLiteral("event"));
    QCOMPARE(e.value(QLatin1String("seq")).toInt(), 4);
    QCOMPARE(e.value(QLatin1String("kind")).toString(), QStringLiteral("chat.posted"));
}

namespace {
QJsonObject eventOfKind(quint64 seq, const char *kind, const QJsonObject &data)
{
    return {{QStringLiteral("type"), QStringLiteral("event")}, {QStringLiteral("course"), QStringLiteral("C")},
            {QStringLiteral("seq"), double(seq)},          {QStringLiteral("kind"), QLatin1String(kind)},
            {QStringLiteral("ts"), 0},                     {QStringLiteral("data"), data}};
}
const qint64 KickUntil = 1795500000000; // 2026-11-24T06:00:00Z
} // namespace

QStringList TestCliRunner::linesListenedTo(const QList<QJsonObject> &events)
{
    m_server->courseSeq = 3;
    CliRunner runner(options({QStringLiteral("--listen")}), m_outStream.get(), m_errStream.get());
    runner.start();
    if (!QTest::qWaitFor([this] { return m_server->received("join").size() == 1; }, 5000))
        return {QStringLiteral("<no join>")};
    for (const QJsonObject &event : events)
        m_server->broadcast(event);
    QTest::qWaitFor([&] { return m_out.count(QLatin1Char('\n')) >= events.size(); }, 5000);
    runner.interrupt();
    if (runUntilFinished(runner) != int(ExitOk))
        return {QStringLiteral("<not ended with exit 0>")};
    return m_out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void TestCliRunner::lockAndKickEventsHaveTheirOwnLines()
{
    const QString by = QStringLiteral("prof.lee");
    const QString note = QStringLiteral("class-notes");
    const QStringList lines = linesListenedTo(
        {eventOfKind(4, "note.locked", {{QStringLiteral("note"), note}, {QStringLiteral("locked"), true}, {QStringLiteral("by"), by}}),
         eventOfKind(5, "note.locked", {{QStringLiteral("note"), note}, {QStringLiteral("locked"), false}, {QStringLiteral("by"), by}}),
         eventOfKind(6, "member.kicked", {{QStringLiteral("user"), QStringLiteral("class.pest")},
                                          {QStringLiteral("by"), by},
                                          {QStringLiteral("until"), double(KickUntil)}})});
    QCOMPARE(lines,
             QStringList({QStringLiteral("[note class-notes] locked by prof.lee"),
                          QStringLiteral("[note class-notes] unlocked by prof.lee"),
                          QStringLiteral("* class.pest was removed from C by prof.lee until 2026-11-24T06:00:00Z")}));
}

// A file's upload, its upload as retention's tombstone (no name: the line says it was deleted),
// and the expiry.
void TestCliRunner::fileEventsHaveTheirOwnLines()
{
    const QStringList lines = linesListenedTo(
        {eventOfKind(4, "file.uploaded", {{QStringLiteral("id"), QStringLiteral("f1")}, {QStringLiteral("name"), QStringLiteral("lab2.pdf")},
                                          {QStringLiteral("size"), 1200}, {QStringLiteral("type"), QStringLiteral("application/pdf")}}),
         eventOfKind(5, "file.uploaded", {{QStringLiteral("id"), QStringLiteral("f2")}, {QStringLiteral("expired"), true}}),
         eventOfKind(6, "files.expired", {{QStringLiteral("ids"), QJsonArray{QStringLiteral("f2")}}, {QStringLiteral("days"), 30}})});
    QCOMPARE(lines,
             QStringList({QStringLiteral("* file f1 uploaded: lab2.pdf, 1200 bytes, application/pdf"),
                          QStringLiteral("* file f2 (deleted by retention)"),
                          QStringLiteral("* 1 files older than 30 days deleted by retention")}));
}

void TestCliRunner::beingKickedEndsTheListenerWithExitFour()
{
    CliRunner runner(options({QStringLiteral("--listen")}), m_outStream.get(), m_errStream.get());
    runner.start();
    QTRY_COMPARE(m_server->received("join").size(), 1);
    m_server->broadcast({{QStringLiteral("type"), QStringLiteral("kicked")}, {QStringLiteral("course"), QStringLiteral("C")},
                         {QStringLiteral("by"), QStringLiteral("prof.lee")}, {QStringLiteral("until"), double(KickUntil)}});
    QCOMPARE(runUntilFinished(runner), int(ExitRejected));
    QCOMPARE(m_err, QStringLiteral("collab-cli: bob.tran was removed from C by prof.lee until 2026-11-24T06:00:00Z\n"));
}

void TestCliRunner::retryableErrorsUntilTheDeadlineTimeOut()
{
    m_server->setHandler([this](QWebSocket *s, const QJsonObject &f) {
        if (f.value(QLatin1String("type")).toString() != QLatin1String("chat.send"))
            return m_server->defaultReply(s, f);
        FakeServer::reply(s, f, "error",
                          {{QStringLiteral("code"), QStringLiteral("rate_limited")},
                           {QStringLiteral("message"), QStringLiteral("slow down")},
                           {QStringLiteral("retryable"), true}});
    });
    CliRunner runner(options({QStringLiteral("--chat"), QStringLiteral("hi"), QStringLiteral("--timeout"), QStringLiteral("1")}),
                     m_outStream.get(), m_errStream.get());
    runner.start();
    QCOMPARE(runUntilFinished(runner), int(ExitTimeout));
    QVERIFY(m_server->received("chat.send").size() >= 2); // retried with backoff meanwhile
    QCOMPARE(m_out, QString());
    QVERIFY2(m_err.startsWith(QLatin1String("collab-cli: no answer")), qPrintable(m_err));
    QCOMPARE(m_err.count(QLatin1Char('\n')), 1);
}

void TestCliRunner::rejectedHelloIsExitFour()
{
    m_server->setHandler([](QWebSocket *s, const QJsonObject &f) {
        FakeServer::reply(s, f, "error",
                          {{QStringLiteral("code"), QStringLiteral("not_authenticated")},
                           {QStringLiteral("message"), QStringLiteral("who are you")}});
    });
    CliRunner runner(options({QStringLiteral("--chat"), QStringLiteral("hi")}), m_outStream.get(), m_errStream.get());
    runner.start();
    QCOMPARE(runUntilFinished(runner), int(ExitRejected));
    QVERIFY2(m_err.contains(QLatin1String("not_authenticated: who are you")), qPrintable(m_err));
}

void TestCliRunner::interruptBeforeTheAnswerIs130()
{
    m_server->setHandler([this](QWebSocket *s, const QJsonObject &f) {
        if (f.value(QLatin1String("type")).toString() != QLatin1String("join"))
            m_server->defaultReply(s, f); // the join is never answered
    });
    CliRunner runner(options({QStringLiteral("--history"), QStringLiteral("3")}), m_outStream.get(), m_errStream.get());
    runner.start();
    QTRY_COMPARE(m_server->received("join").size(), 1);
    runner.interrupt();
    QCOMPARE(runUntilFinished(runner), int(ExitInterrupted));
    QCOMPARE(m_err, QStringLiteral("collab-cli: interrupted\n"));
}

QTEST_GUILESS_MAIN(TestCliRunner)
#include "tst_clirunner.moc"
