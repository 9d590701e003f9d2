// "Host a session on this computer": the app starts collab_server in-process, opens the demo
// course, and a second client (another desktop session) joins with the shown join code.
#include "appcontroller.h"
#include "chatpanel.h"
#include "coursemenu.h"
#include "coursesidebar.h"
#include "desktopfixture.h"
#include "hostedserver.h"
#include "interactionpanels.h"
#include "mainwindow.h"
#include "sidepanels.h"
#include "config/serverconfig.h"

#include <QImage>
#include <QListView>
#include <QScrollBar>
#include <QMessageBox>
#include <QPushButton>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QStatusBar>
#include <QtTest>

using namespace collab::desktop;

class TestDesktopHost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void embeddedHostAcceptsASecondClient()
    {
        QTemporaryDir dir;
        DesktopOptions options;
        options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
        AppController app(options);
        const QString error = app.hostAndOpen(0, dir.filePath(QStringLiteral("data")), QStringLiteral("prof.lee"), true);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        HostedServer *host = app.hostedServer();
        QVERIFY(host->isRunning());
        QVERIFY(host->port() > 0);
        QCOMPARE(host->course(), QStringLiteral("CECS327"));
        QVERIFY(!host->joinCode().isEmpty());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("data/demo-config.json"))));
        checkModels(app.session());
        QTRY_VERIFY_WITH_TIMEOUT(app.session()->isReady(), 10000);
        QVERIFY(app.session()->isInstructor());
        // The first screen has something in it: the channel the window opens holds the demo's
        // welcome messages (they were in #announcements while the window opened #general), and
        // the course sidebar shows that channel as the current one.
        ChatModel *hostGeneral = app.session()->chat(app.session()->currentChannel());
        QCOMPARE(app.session()->currentChannel(), QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(hostGeneral->rowCount(), 2, 5000);
        QVERIFY(hostGeneral->index(0).data(ChatModel::TextRole).toString().startsWith(QStringLiteral("Welcome to ")));
        QCOMPARE(app.window()->chatPanel()->view()->model(), hostGeneral);
        QVERIFY(app.window()->isVisible());
        // This computer runs the server: its window may create more courses.
        QVERIFY(app.window()->courseMenu()->action(QStringLiteral("newCourse"))->isEnabled());
        // The host joined as the instructor with the secret the demo course made: nobody else
        // can take the instructor's name, in any case.
        QVERIFY(host->instructorSecret().size() >= 16);
        SessionParams fake{host->localUrl(), QStringLiteral("Prof.Lee"), host->course(), host->joinCode(), QString()};
        CourseSession impostor(fake);
        QSignalSpy refused(&impostor, &CourseSession::joinFailed);
        impostor.start();
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 5000);
        QVERIFY(!impostor.isJoined());

        // A classmate joins with the address and code the host shows.
        SessionParams p{host->localUrl(), QStringLiteral("angie.nguyen"), host->course(), host->joinCode(), QString()};
        const auto guest = openWindow(p);
        QTRY_VERIFY_WITH_TIMEOUT(guest->session->isReady(), 10000);
        guest->session->sendMessage(QStringLiteral("hi from the guest"));
        QTRY_COMPARE_WITH_TIMEOUT(hostGeneral->rowCount(), 3, 5000);
        QCOMPARE(hostGeneral->index(2).data(ChatModel::AuthorRole).toString(), QStringLiteral("angie.nguyen"));

        // At 800x600 what the window says fits: the notes state whole ("● in sync", not "n sync")
        // and the status bar's connection, hosting and role texts each whole, or elided with an
        // ellipsis and the whole text in the tooltip (the address moves to the tooltip first).
        app.window()->resize(800, 600);
        QTRY_COMPARE_WITH_TIMEOUT(app.window()->width(), 800, 5000);
        ElidedLabel *noteState = app.window()->notesPanel()->statusLabel();
        QTRY_COMPARE_WITH_TIMEOUT(noteState->text(), QStringLiteral("\u25cf in sync"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!noteState->isElided(), 5000);
        QCOMPARE(noteState->shownText(), noteState->text());
        QLabel *hostText = app.window()->hostLabel();
        QTRY_VERIFY2_WITH_TIMEOUT(hostText->width() >= hostText->sizeHint().width(),
                                  qPrintable(QStringLiteral("%1 < %2: %3").arg(hostText->width()).arg(hostText->sizeHint().width()).arg(hostText->text())), 5000);
        QVERIFY(hostText->text().contains(host->joinCode())); // the code is still there to read
        QVERIFY(hostText->toolTip().contains(host->joinCode()) && hostText->toolTip().contains(QStringLiteral("Hosting at ")));
        ElidedLabel *state = app.window()->statusLabel();
        QVERIFY(state->isVisible());
        QCOMPARE(state->toolTip(), state->text());
        QVERIFY(state->shownText() == state->text() || state->shownText().endsWith(QStringLiteral("\u2026")));
        for (QLabel *role : app.window()->statusBar()->findChildren<QLabel *>(QStringLiteral("role")))
            QVERIFY2(role->width() >= role->sizeHint().width(), qPrintable(role->text()));
        // The members column fits: a long name is elided in its row, never scrolled sideways (the
        // column had a horizontal scrollbar at 800 px), and its tooltip has the whole name.
        const QString longName = QStringLiteral("maximiliana.featherstonehaugh");
        const auto classmate = openWindow(SessionParams{host->localUrl(), longName, host->course(), host->joinCode(), QString()});
        QListView *members = app.window()->memberView();
        QTRY_VERIFY_WITH_TIMEOUT(members->model()->match(members->model()->index(0, 0), Qt::DisplayRole, longName).size() == 1, 10000);
        const QModelIndex longRow = members->model()->match(members->model()->index(0, 0), Qt::DisplayRole, longName).first();
        QVERIFY(members->fontMetrics().horizontalAdvance(longName) > members->viewport()->width()); // it would not fit whole
        QTRY_VERIFY2_WITH_TIMEOUT(members->visualRect(longRow).right() < members->viewport()->width(),
                                  qPrintable(QStringLiteral("%1 > %2").arg(members->visualRect(longRow).right()).arg(members->viewport()->width())), 5000);
        QVERIFY(!members->horizontalScrollBar()->isVisible());
        QCOMPARE(members->horizontalScrollBar()->maximum(), 0); // nothing to scroll to, either
        QVERIFY(longRow.data(Qt::ToolTipRole).toString().startsWith(longName));
        // Opening the threads panel (View → Threads, polls and queue) keeps the window at 800 px:
        // its reply row and the composer's options no longer add up to more than a small screen,
        // and neither the members column nor the course sidebar scrolls sideways.
        app.window()->interactionsAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(app.window()->interactionsPanel()->isVisible(), 5000);
        QVERIFY2(app.window()->minimumSizeHint().width() <= 800, qPrintable(QString::number(app.window()->minimumSizeHint().width())));
        QTRY_COMPARE_WITH_TIMEOUT(app.window()->width(), 800, 5000);
        QVERIFY(!members->horizontalScrollBar()->isVisible());
        QVERIFY(!app.window()->sidebar()->horizontalScrollBar()->isVisible());
        app.window()->interactionsAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!app.window()->interactionsPanel()->isVisible(), 5000);

        // A wrong join code is refused.
        SessionParams bad = p;
        bad.user = QStringLiteral("mallory");
        bad.joinCode = QStringLiteral("nope");
        const auto intruder = openWindow(bad);
        QSignalSpy failed(intruder->session.get(), &CourseSession::joinFailed);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
        QVERIFY(!intruder->session->isJoined());
    }

    // Closing the window that hosts the session ends it for everyone: with a guest connected the
    // app asks first; Cancel keeps it running, "End session and close" closes.
    void closingTheHostingWindowAsksFirstWhileOthersAreConnected()
    {
        QTemporaryDir dir;
        DesktopOptions options;
        options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
        AppController app(options);
        QVERIFY(app.hostAndOpen(0, dir.filePath(QStringLiteral("data")), QStringLiteral("prof.lee"), true).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(app.session()->isReady(), 10000);
        MainWindow *window = app.window();
        SessionParams p{app.hostedServer()->localUrl(), QStringLiteral("angie.nguyen"), app.hostedServer()->course(),
                        app.hostedServer()->joinCode(), QString()};
        const auto guest = openWindow(p);
        QTRY_VERIFY_WITH_TIMEOUT(guest->session->isReady(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window->othersOnline(), 1, 5000);

        QVERIFY(!window->close());
        QTRY_VERIFY(window->closeQuestion() && window->closeQuestion()->isVisible());
        QVERIFY(window->closeQuestion()->text().contains(QLatin1String("1 person is connected")));
        window->closeQuestion()->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!window->closeQuestion());
        QVERIFY(window->isVisible());
        QVERIFY(app.hostedServer()->isRunning());

        QVERIFY(!window->close());
        QTRY_VERIFY(window->closeQuestion());
        window->closeQuestion()->findChild<QPushButton *>(QStringLiteral("endSession"))->click();
        QTRY_VERIFY(!window->isVisible());

        // Alone, it closes without a question.
        window->show();
        guest->session->stop();
        QTRY_COMPARE_WITH_TIMEOUT(window->othersOnline(), 0, 5000);
        QVERIFY(window->close());
    }

    // `collab-desktop --host-demo` prints the instructor's secret it generated (and keeps it).
    void hostDemoPrintsTheInstructorSecret()
    {
        QTemporaryDir dir;
        QProcess desktop;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("xdg")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("xdg")));
        desktop.setProcessEnvironment(env);
        desktop.start(QStringLiteral(COLLAB_DESKTOP_BIN),
                      {QStringLiteral("--host-demo"), QStringLiteral("--local-only"), QStringLiteral("--port"), QStringLiteral("0"),
                       QStringLiteral("--data"), dir.filePath(QStringLiteral("data")), QStringLiteral("--screenshot"),
                       dir.filePath(QStringLiteral("shot.png"))});
        QVERIFY(desktop.waitForStarted(10000));
        QTRY_COMPARE_WITH_TIMEOUT(desktop.state(), QProcess::NotRunning, 30000);
        const QString out = QString::fromUtf8(desktop.readAllStandardOutput());
        QCOMPARE(desktop.exitCode(), 0);
        const QRegularExpression printed(QStringLiteral("instructor prof.lee's secret: (\\S+)"));
        const QRegularExpressionMatch m = printed.match(out);
        QVERIFY2(m.hasMatch(), qPrintable(out));
        const collab::Result<collab::server::ServerConfig> kept =
            collab::server::ServerConfig::load(dir.filePath(QStringLiteral("data/demo-config.json")));
        QVERIFY(kept);
        QCOMPARE(kept.value().courses.first().instructorSecrets.value(QStringLiteral("prof.lee")), m.captured(1));
    }

    void screenshotOnceReady()
    {
        // What `collab-desktop --host-demo --screenshot FILE` does, offscreen.
        QTemporaryDir dir;
        DesktopOptions options;
        options.hostDemo = true;
        options.localOnly = true;
        options.port = 0;
        options.dataDir = dir.filePath(QStringLiteral("data"));
        options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
        options.tokenFile = dir.filePath(QStringLiteral("tokens.json"));
        options.screenshot = dir.filePath(QStringLiteral("shot.png"));
        options.settleMs = 0;
        AppController app(options);
        QSignalSpy finished(&app, &AppController::finished);
        QVERIFY(app.start());
        checkModels(app.session()); // --host-demo opened it in start()
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
        QCOMPARE(finished.first().at(0).toInt(), 0);
        QImage shot(options.screenshot);
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.size(), app.window()->size() * app.window()->devicePixelRatio());
        QVERIFY(app.session()->isReady());
    }

    void hostingKeepsTheJoinCodeAcrossRestarts()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        HostedServer first;
        QVERIFY(first.start(0, data, true).isEmpty());
        const QString code = first.joinCode();
        first.stop();
        HostedServer second;
        QVERIFY(second.start(0, data, true).isEmpty());
        QCOMPARE(second.joinCode(), code);
    }
};

QTEST_MAIN(TestDesktopHost)
#include "tst_desktop_host.moc"
