// collab-bench-host-stall: does hosting a classroom stall the host's window?
//
// The desktop app (AppController, offscreen) hosts the demo course; the hosted server runs in its
// own thread (HostedServer). collab-bench, a child process, brings N students (default 30) who
// each send a chat message and type a line into the shared note (`edit` insert_line) every
// 1/rate seconds; meanwhile the host types into the note editor with real key events (one every
// --type-interval ms). The GUI thread's stalls are measured by a 1 ms precise timer: each gap
// between two of its ticks beyond 1 ms is the time the GUI thread was busy or blocked. Prints one
// JSON object: the gaps' p50/p99/max while the host types and the students are active, what the
// host's window received, and collab-bench's own result line. Numbers, not pass/fail.
#include "appcontroller.h"
#include "chatmodel.h"
#include "coursesession.h"
#include "desktopoptions.h"
#include "hostedserver.h"
#include "mainwindow.h"
#include "noteeditor.h"
#include "sidepanels.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace collab::desktop;

namespace {

double quantile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(q * double(values.size())))];
}

// The demo course with the load's limits off (as bench/run-chat-benchmarks.sh): the point is the
// host's window, not the rate limits.
bool writeDemoConfig(const QString &dataDir)
{
    QFile file(dataDir + QStringLiteral("/demo-config.json"));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(R"({"courses": [{"id": "CECS327", "title": "Host stall", "joinCode": "stall-bench-1",
  "instructors": ["prof.lee"], "channels": ["general"], "notes": ["class-notes"]}],
 "limits": {"chatPerSecond": 0, "requestsPerSecond": 0, "restPerSecond": 0, "maxConnectionsPerAddress": 0,
            "newNamesPerAddressPerMinute": 0, "newNamesPerCoursePerMinute": 0, "noteOpsPerSecond": 0,
            "noteBytesPerSecond": 0}}
)");
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("GUI-thread stalls of a desktop app hosting a busy session."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("students"), QStringLiteral("Simulated students."), QStringLiteral("N"), QStringLiteral("30")});
    parser.addOption({QStringLiteral("rate"), QStringLiteral("Chat messages (and note lines) per second per student."),
                      QStringLiteral("R"), QStringLiteral("0.5")});
    parser.addOption({QStringLiteral("duration"), QStringLiteral("Seconds of load."), QStringLiteral("S"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("type-interval"), QStringLiteral("ms between the host's keystrokes in the note."),
                      QStringLiteral("MS"), QStringLiteral("80")});
    parser.process(app);
    const int students = parser.value(QStringLiteral("students")).toInt();
    const double duration = parser.value(QStringLiteral("duration")).toDouble();
    const int typeInterval = parser.value(QStringLiteral("type-interval")).toInt();

    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    QDir().mkpath(dataDir);
    if (!writeDemoConfig(dataDir)) {
        std::fprintf(stderr, "cannot write the demo configuration\n");
        return 1;
    }
    DesktopOptions options;
    options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
    AppController controller(options);
    const QString error = controller.hostAndOpen(0, dataDir, QStringLiteral("prof.lee"), true);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "hosting failed: %s\n", qPrintable(error));
        return 1;
    }
    QElapsedTimer wait;
    wait.start();
    while (!controller.session()->isReady() && wait.elapsed() < 20000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!controller.session()->isReady()) {
        std::fprintf(stderr, "the host's session did not get ready\n");
        return 1;
    }
    NoteEditor *editor = controller.window()->notesPanel()->editor(QStringLiteral("class-notes"));
    if (!editor) {
        std::fprintf(stderr, "no note editor for class-notes\n");
        return 1;
    }
    editor->setFocus();
    editor->moveCursor(QTextCursor::End);

    // The students: collab-bench with --note-edits, against the hosted server.
    QProcess bench;
    bench.setProgram(QStringLiteral(COLLAB_BENCH_BIN));
    bench.setArguments({QStringLiteral("--url"), controller.hostedServer()->localUrl().toString(), QStringLiteral("--course"),
                        QStringLiteral("CECS327"), QStringLiteral("--join-code"), QStringLiteral("stall-bench-1"),
                        QStringLiteral("--connections"), QString::number(students), QStringLiteral("--senders"),
                        QString::number(students), QStringLiteral("--rate"), parser.value(QStringLiteral("rate")),
                        QStringLiteral("--duration"), QString::number(duration), QStringLiteral("--drain"), QStringLiteral("3"),
                        QStringLiteral("--note-edits"), QStringLiteral("class-notes")});
    bench.setProcessChannelMode(QProcess::SeparateChannels);
    bench.start();

    // The GUI thread's heartbeat: a 1 ms precise timer; each gap over 1 ms is a stall.
    std::vector<double> gaps;
    gaps.reserve(size_t(duration * 1200));
    bool measuring = false;
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = clock.nsecsElapsed();
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (measuring)
            gaps.push_back(double(now - lastTick) / 1e6);
        lastTick = now;
    });
    heartbeat.start();

    // The host types into the note: real key presses on the editor.
    int typed = 0;
    const QString sentence = QStringLiteral("The host explains consensus while the class types along. ");
    QTimer typing;
    typing.setInterval(typeInterval);
    QObject::connect(&typing, &QTimer::timeout, [&] {
        const QChar c = sentence.at(typed % sentence.size());
        QTest::keyClick(editor, c.toLatin1());
        ++typed;
    });

    ChatModel *chat = controller.session()->chat(controller.session()->currentChannel());
    const int chatBefore = chat ? chat->rowCount() : 0;
    // Measure once the students are in and sending (collab-bench ramps up first).
    QElapsedTimer phase;
    phase.start();
    while (bench.state() != QProcess::NotRunning && (chat ? chat->rowCount() : 0) == chatBefore && phase.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    measuring = true;
    typing.start();
    phase.restart();
    while (phase.elapsed() < qint64(duration * 1000) - 1000 && bench.state() != QProcess::NotRunning)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    measuring = false;
    typing.stop();
    const double measuredS = double(phase.elapsed()) / 1000.0;
    bench.waitForFinished(int(duration * 1000) + 60000);
    const QByteArray benchOut = bench.readAllStandardOutput().trimmed();

    std::vector<double> stalls;
    for (double g : gaps)
        stalls.push_back(std::max(0.0, g - 1.0));
    QJsonObject result{
        {QStringLiteral("students"), students},
        {QStringLiteral("measuredS"), measuredS},
        {QStringLiteral("ticks"), qint64(gaps.size())},
        {QStringLiteral("stallP50Ms"), quantile(stalls, 0.50)},
        {QStringLiteral("stallP99Ms"), quantile(stalls, 0.99)},
        {QStringLiteral("stallMaxMs"), stalls.empty() ? 0.0 : *std::max_element(stalls.begin(), stalls.end())},
        {QStringLiteral("hostKeystrokes"), typed},
        {QStringLiteral("chatRowsSeenByHost"), (chat ? chat->rowCount() : 0) - chatBefore},
        {QStringLiteral("noteChars"), editor->toPlainText().size()},
        {QStringLiteral("serverThread"), QStringLiteral("collab-hosted")},
        {QStringLiteral("bench"), QJsonDocument::fromJson(benchOut.split('\n').last()).object()},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
