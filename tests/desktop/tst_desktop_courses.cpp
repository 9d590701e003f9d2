// Several courses, several servers, one window (issue 12 part 3), used as a person would: courses
// joined from File → Join course… (keys typed into the form, its button clicked), rows of the
// course sidebar clicked, a course left through its context menu, the app restarted on the same
// settings. Two courses on one real server and a third on a second real server; the sidebar's
// model and every session's models are checked by QAbstractItemModelTester throughout.
#include "announcer.h"
#include "appcontroller.h"
#include "chatmodel.h"
#include "chatpanel.h"
#include "courselist.h"
#include "coursemembership.h"
#include "coursesidebar.h"
#include "coursesidebarmodel.h"
#include "desktopfixture.h"
#include "desktopsettings.h"
#include "hostedserver.h"
#include "listmodels.h"
#include "logindialog.h"
#include "mentionannouncer.h"
#include "mentionnotifier.h"
#include "quickswitcher.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace collab::desktop;

namespace {
constexpr int kWaitMs = 10000;

QString textsOf(const ChatModel *chat)
{
    QStringList texts;
    for (int row = 0; row < chat->rowCount(); ++row)
        texts << chat->index(row).data(ChatModel::TextRole).toString();
    return texts.join(QLatin1Char('\n'));
}

// Clicks the row of `index` in the sidebar, as a user does.
void clickRow(CourseSidebar *sidebar, const QModelIndex &index)
{
    QVERIFY(index.isValid());
    sidebar->scrollTo(index);
    QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, sidebar->visualRect(index).center());
}

// The menu a right click on `index` opens (through the sidebar's customContextMenuRequested).
QMenu *rightClick(CourseSidebar *sidebar, const QModelIndex &index)
{
    const QSet<QMenu *> before = [] {
        QSet<QMenu *> menus;
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *m = qobject_cast<QMenu *>(w); m && m->isVisible())
                menus.insert(m);
        return menus;
    }();
    Q_EMIT sidebar->customContextMenuRequested(sidebar->visualRect(index).center());
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *m = qobject_cast<QMenu *>(w); m && m->isVisible() && !before.contains(m))
            return m;
    return nullptr;
}

QAction *actionNamed(QMenu *menu, const QString &name)
{
    for (QAction *a : menu->actions())
        if (a->objectName() == name)
            return a;
    return nullptr;
}
} // namespace

class TestDesktopCourses : public QObject
{
    Q_OBJECT

    // File → Join course… (Ctrl+Shift+J), the form filled in with the keyboard, Join clicked.
    static void joinFromWindow(AppController &app, const QString &server, const QString &course, const QString &code)
    {
        MainWindow *window = app.window();
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTest::keyClick(window, Qt::Key_J, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(window->membership()->joinDialog() && window->membership()->joinDialog()->isVisible());
        LoginDialog *dialog = window->membership()->joinDialog();
        QVERIFY(!dialog->findChild<QComboBox *>(QStringLiteral("server"))->isHidden());
        // It starts as the course shown: the same name, on the same server.
        QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("name"))->currentText(), app.session()->user());
        QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("server"))->currentText(), app.session()->params().url.toString());
        const auto retype = [](QLineEdit *edit, const QString &text) {
            edit->selectAll();
            QTest::keyClick(edit, Qt::Key_Backspace);
            QTest::keyClicks(edit, text);
        };
        retype(dialog->findChild<QComboBox *>(QStringLiteral("server"))->lineEdit(), server);
        retype(dialog->findChild<QComboBox *>(QStringLiteral("name"))->lineEdit(), QStringLiteral("angie.nguyen"));
        retype(dialog->findChild<QLineEdit *>(QStringLiteral("course")), course);
        retype(dialog->findChild<QLineEdit *>(QStringLiteral("joinCode")), code);
        QPushButton *join = nullptr;
        for (QPushButton *b : dialog->findChildren<QPushButton *>())
            if (b->text() == QLatin1String("Join"))
                join = b;
        QVERIFY(join);
        QTest::mouseClick(join, Qt::LeftButton);
        QTRY_VERIFY(!window->membership()->joinDialog());
    }

    // A classmate in `course` on `server` (a session of their own, no window).
    static std::unique_ptr<CourseSession> classmate(const QUrl &server, const QString &user, const QString &course, const QString &code)
    {
        SessionParams p{server, user, course, code, QString()};
        auto s = std::make_unique<CourseSession>(p);
        checkModels(s.get());
        s->start();
        return s;
    }

    DesktopOptions options() const
    {
        DesktopOptions o;
        o.settingsFile = m_dir.filePath(QStringLiteral("settings.ini"));
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // A clean test-mode data directory: no token or outbox of an earlier run.
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/CourseCollab")).removeRecursively();
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        QVERIFY(m_one.start());
        QVERIFY(m_two.start());
        // English with its plural forms ("1 new mention", "2 new mentions"), as the app speaks it
        // in an English locale (openWindow does the same for the suites that use it).
        Translations::install(QLocale(QLocale::English));
    }

    void severalCoursesOnTwoServersInOneWindow()
    {
        DesktopOptions first = options();
        first.server = m_one.wsUrl();
        first.user = QStringLiteral("angie.nguyen");
        first.course = QStringLiteral("CECS327");
        first.joinCode = QString::fromLatin1(TestServer::JoinCode);
        AppController app(first);
        QVERIFY(app.start());
        MainWindow *window = app.window();
        CourseSidebar *sidebar = window->sidebar();
        CourseSidebarModel *model = sidebar->sidebarModel();
        checkModel(model);
        QTRY_VERIFY_WITH_TIMEOUT(app.session() && app.session()->isReady(), kWaitMs);
        CourseSession *a = app.session();
        checkModels(a);

        // Two more: MATH101 on the same server, CECS327 on the second one.
        joinFromWindow(app, m_one.wsUrl().toString(), QStringLiteral("MATH101"), QStringLiteral("sum-of-parts"));
        QTRY_COMPARE(app.courses()->count(), 2);
        CourseSession *b = app.courses()->at(1);
        checkModels(b);
        QCOMPARE(app.session(), b); // the course joined is the one shown
        joinFromWindow(app, m_two.wsUrl().toString(), QStringLiteral("CECS327"), QString::fromLatin1(TestServer::JoinCode));
        QTRY_COMPARE(app.courses()->count(), 3);
        CourseSession *c = app.courses()->at(2);
        checkModels(c);
        QTRY_VERIFY_WITH_TIMEOUT(b->isReady() && c->isReady(), kWaitMs);
        QCOMPARE(c->params().url, m_two.wsUrl());
        // Each course keeps its own outbox (server, name and course in its path).
        QVERIFY(!a->params().outboxPath.isEmpty());
        QCOMPARE(QSet<QString>({a->params().outboxPath, b->params().outboxPath, c->params().outboxPath}).size(), 3);
        QCOMPARE(model->rowCount(), 3);
        // Under each course its channels, then its notes.
        const QModelIndex cRow = model->courseIndex(c);
        QTRY_COMPARE(model->rowCount(cRow), 3); // general, homework, class-notes
        QCOMPARE(model->index(2, 0, cRow).data(CourseSidebarModel::KindRole).toInt(), int(CourseSidebarModel::Kind::Note));
        QVERIFY(sidebar->isExpanded(cRow));

        // Clicking #homework of the first course shows that course.
        clickRow(sidebar, model->channelIndex(a, QStringLiteral("homework")));
        QTRY_COMPARE(app.session(), a);
        QCOMPARE(a->currentChannel(), QStringLiteral("homework"));
        QCOMPARE(window->chatPanel(), window->chatPanel(a));
        QVERIFY(window->chatPanel(a)->isVisible());
        QVERIFY(!window->chatPanel(c)->isVisible());
        QVERIFY(window->windowTitle().contains(QLatin1String("CECS327")));

        // A classmate writes in the second server's course, which is not shown: its badges count.
        auto ben = classmate(m_two.wsUrl(), QStringLiteral("ben.ortiz"), QStringLiteral("CECS327"), QString::fromLatin1(TestServer::JoinCode));
        QTRY_VERIFY_WITH_TIMEOUT(ben->isReady(), kWaitMs);
        ben->sendMessage(QStringLiteral("anyone at the lab?"));
        QTRY_COMPARE_WITH_TIMEOUT(model->courseIndex(c).data(CourseSidebarModel::UnreadRole).toInt(), 1, kWaitMs);
        QCOMPARE(model->channelIndex(c, QStringLiteral("general")).data(CourseSidebarModel::UnreadRole).toInt(), 1);
        QCOMPARE(model->courseIndex(c).data(CourseSidebarModel::MentionsRole).toInt(), 0);
        // Said in words too, not only painted.
        QVERIFY(model->courseIndex(c).data(Qt::AccessibleTextRole).toString().contains(QLatin1String("1 unread")));
        const int notified = window->notifier()->notificationCount();
        QLabel *mentionLine = window->mentionAnnouncer()->label();
        QList<std::pair<QObject *, QString>> alerts; // what a screen reader was told of mentions (Announcer)
        QObject listening;
        connect(Announcer::instance(), &Announcer::announced, &listening,
                [&alerts, mentionLine](QObject *label, const QString &text, bool alert) {
                    if (alert && label == mentionLine)
                        alerts.append({label, text});
                });
        QVERIFY(!mentionLine->isVisible());
        ben->sendMessage(QStringLiteral("@angie.nguyen your notes from Tuesday?"));
        QTRY_COMPARE_WITH_TIMEOUT(model->courseIndex(c).data(CourseSidebarModel::MentionsRole).toInt(), 1, kWaitMs);
        QCOMPARE(model->courseIndex(c).data(CourseSidebarModel::UnreadRole).toInt(), 2);
        QVERIFY(model->courseIndex(c).data(Qt::AccessibleTextRole).toString().contains(QLatin1String("1 mentioning you")));
        QVERIFY(model->channelIndex(c, QStringLiteral("general")).data(Qt::AccessibleTextRole).toString().contains(QLatin1String("mentioning you")));
        // A mention in a course not shown notifies, even with the window active.
        QCOMPARE(window->notifier()->notificationCount(), notified + 1);
        // Said to a screen reader: the new mention badge as one alert, in the line under the sidebar.
        QTRY_VERIFY_WITH_TIMEOUT(mentionLine->isVisible(), kWaitMs);
        QCOMPARE(mentionLine->text(), QStringLiteral("1 new mention of you in CECS327"));
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.first().first, mentionLine);
        QCOMPARE(alerts.first().second, mentionLine->text());
        // Mentions in a burst are one sentence, not an alert each.
        ben->sendMessage(QStringLiteral("@angie.nguyen and the lab sheet?"));
        ben->sendMessage(QStringLiteral("@angie.nguyen (or send it to cara)"));
        QTRY_COMPARE_WITH_TIMEOUT(model->courseIndex(c).data(CourseSidebarModel::MentionsRole).toInt(), 3, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(alerts.size(), 2, kWaitMs);
        QCOMPARE(alerts.last().second, QStringLiteral("2 new mentions of you in CECS327"));
        QCOMPARE(mentionLine->text(), alerts.last().second);
        QCOMPARE(model->courseIndex(a).data(CourseSidebarModel::UnreadRole).toInt(), 0);

        // Opening #general of that course reads them: the badges go.
        clickRow(sidebar, model->channelIndex(c, QStringLiteral("general")));
        QTRY_COMPARE(app.session(), c);
        QCOMPARE(c->currentChannel(), QStringLiteral("general"));
        QCOMPARE(model->courseIndex(c).data(CourseSidebarModel::UnreadRole).toInt(), 0);
        QCOMPARE(model->courseIndex(c).data(CourseSidebarModel::MentionsRole).toInt(), 0);
        QVERIFY(!mentionLine->isVisible()); // read: nothing left to say
        QCOMPARE(alerts.size(), 2);         // and reading them is not announced
        QVERIFY(textsOf(c->chat(QStringLiteral("general"))).contains(QLatin1String("anyone at the lab?")));
        // While C is shown, a message in its current channel is read at once; a message in the
        // current channel of a course not shown (A's #homework) is not.
        auto cara = classmate(m_one.wsUrl(), QStringLiteral("cara.diaz"), QStringLiteral("CECS327"), QString::fromLatin1(TestServer::JoinCode));
        QTRY_VERIFY_WITH_TIMEOUT(cara->isReady(), kWaitMs);
        cara->setCurrentChannel(QStringLiteral("homework"));
        cara->sendMessage(QStringLiteral("hw2 is up"));
        QTRY_COMPARE_WITH_TIMEOUT(model->channelIndex(a, QStringLiteral("homework")).data(CourseSidebarModel::UnreadRole).toInt(), 1, kWaitMs);

        // Ctrl+K lists the channels and notes of every open course.
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
        window->chatPanel()->composer()->setFocus();
        QTest::keyClick(window->chatPanel()->composer(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(window->quickSwitcher() && window->quickSwitcher()->isVisible());
        QuickSwitcher *switcher = window->quickSwitcher();
        int everything = 0;
        for (CourseSession *s : {a, b, c})
            everything += int(s->channels()->channels().size() + s->noteNames().size());
        QCOMPARE(switcher->list()->count(), everything);
        QVERIFY(everything >= 8); // CECS327 twice (general, homework, class-notes) and MATH101's
        QTest::keyClicks(switcher->filterEdit(), QStringLiteral("MATH101news"));
        QCOMPARE(switcher->list()->count(), 1);
        QVERIFY(switcher->list()->item(0)->text().contains(QLatin1String("MATH101")));
        QTest::keyClick(switcher->filterEdit(), Qt::Key_Return);
        QTRY_COMPARE(app.session(), b);
        QCOMPARE(b->currentChannel(), QStringLiteral("news"));
        QCOMPARE(sidebar->currentIndex(), model->channelIndex(b, QStringLiteral("news")));

        // Leaving MATH101 from its row's context menu, confirmed.
        auto dan = classmate(m_one.wsUrl(), QStringLiteral("dan.kim"), QStringLiteral("MATH101"), QStringLiteral("sum-of-parts"));
        QTRY_VERIFY_WITH_TIMEOUT(dan->isReady() && dan->members()->isOnline(QStringLiteral("angie.nguyen")), kWaitMs);
        QMenu *menu = rightClick(sidebar, model->courseIndex(b));
        QVERIFY(menu);
        QAction *leave = actionNamed(menu, QStringLiteral("leaveCourse"));
        QVERIFY(leave && leave->isEnabled());
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(leave).center());
        QTRY_VERIFY(window->membership()->leaveQuestion() && window->membership()->leaveQuestion()->isVisible());
        QMessageBox *question = window->membership()->leaveQuestion();
        QVERIFY(question->text().contains(QLatin1String("MATH101")));
        QTest::mouseClick(question->findChild<QPushButton *>(QStringLiteral("leave")), Qt::LeftButton);
        QTRY_COMPARE(app.courses()->count(), 2);
        QCOMPARE(model->rowCount(), 2);
        QVERIFY(app.courses()->indexOf(b) < 0);
        // The server was told (`leave`): classmates see angie go offline there; nothing else changed.
        QTRY_VERIFY_WITH_TIMEOUT(!dan->members()->isOnline(QStringLiteral("angie.nguyen")), kWaitMs);
        QVERIFY(!dan->members()->roleOf(QStringLiteral("angie.nguyen")).isEmpty()); // still a member
        // Forgotten from the courses to reopen.
        DesktopSettings settings(m_dir.filePath(QStringLiteral("settings.ini")));
        QTRY_COMPARE(settings.openCourses().size(), 2);
        for (const DesktopSettings::OpenCourse &open : settings.openCourses())
            QVERIFY(open.course != QLatin1String("MATH101"));

        // The second server's course is the one shown when the window closes.
        clickRow(sidebar, model->courseIndex(c));
        QTRY_COMPARE(app.session(), c);
        window->close();
    }

    // The next start opens every course that was open, and shows the one that was shown.
    void restartReopensTheCoursesAndTheCurrentOne()
    {
        AppController app(options());
        QVERIFY(app.start()); // no login dialog: the courses are known
        QVERIFY(app.window());
        checkModel(app.window()->sidebar()->sidebarModel());
        QCOMPARE(app.courses()->count(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(app.courses()->at(0)->isReady() && app.courses()->at(1)->isReady(), kWaitMs);
        QCOMPARE(app.courses()->at(0)->params().url, m_one.wsUrl());
        QCOMPARE(app.courses()->at(1)->params().url, m_two.wsUrl());
        QCOMPARE(app.session(), app.courses()->at(1));
        QCOMPARE(app.session()->user(), QStringLiteral("angie.nguyen")); // the name's token came from the token file
        const QModelIndex shown = app.window()->sidebar()->currentIndex();
        QCOMPARE(app.window()->sidebar()->sidebarModel()->sessionAt(shown), app.courses()->at(1));
        // What was unread in a course not shown came back from the server, not the settings.
        QVERIFY(app.window()->chatPanel()->isVisible());
    }

    // A message typed offline in one course is sent to that course only, when its server is back.
    void outboxesAreSeparate()
    {
        AppController app(options());
        QVERIFY(app.start());
        QCOMPARE(app.courses()->count(), 2);
        CourseSession *a = app.courses()->at(0); // CECS327 on the first server
        CourseSession *c = app.courses()->at(1); // CECS327 on the second
        QTRY_VERIFY_WITH_TIMEOUT(a->isReady() && c->isReady(), kWaitMs);
        auto watcherC = classmate(m_two.wsUrl(), QStringLiteral("erin.wu"), QStringLiteral("CECS327"), QString::fromLatin1(TestServer::JoinCode));
        QTRY_VERIFY_WITH_TIMEOUT(watcherC->isReady(), kWaitMs);

        m_one.stop();
        QTRY_VERIFY_WITH_TIMEOUT(a->status() != CourseSession::Status::Connected, kWaitMs);
        clickRow(app.window()->sidebar(), app.window()->sidebar()->sidebarModel()->channelIndex(a, QStringLiteral("general")));
        QTRY_COMPARE(app.session(), a);
        Composer *composer = app.window()->chatPanel()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("typed on the train"));
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_COMPARE(a->chat(QStringLiteral("general"))->pendingCount(), 1);
        QCOMPARE(c->chat(QStringLiteral("general"))->pendingCount(), 0);

        QVERIFY(m_one.start()); // same port, same data
        auto watcherA = classmate(m_one.wsUrl(), QStringLiteral("farah.ali"), QStringLiteral("CECS327"), QString::fromLatin1(TestServer::JoinCode));
        QTRY_VERIFY_WITH_TIMEOUT(textsOf(watcherA->chat(QStringLiteral("general"))).contains(QLatin1String("typed on the train")), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(a->chat(QStringLiteral("general"))->pendingCount(), 0, kWaitMs);
        // The second server's course never got it.
        QVERIFY(!textsOf(watcherC->chat(QStringLiteral("general"))).contains(QLatin1String("typed on the train")));
        QVERIFY(!textsOf(c->chat(QStringLiteral("general"))).contains(QLatin1String("typed on the train")));
    }

    // Hosting (--host-demo) with courses to reopen: the hosted course is one of the sidebar's, shown
    // first; it is not kept among the courses to reopen (hosting opens it again).
    void hostingIsOneOfTheCourses()
    {
        QTemporaryDir data;
        DesktopOptions hosting = options();
        hosting.hostDemo = true;
        hosting.port = 0;
        hosting.localOnly = true;
        hosting.dataDir = data.path();
        hosting.user = QStringLiteral("angie.nguyen");
        AppController app(hosting);
        QVERIFY(app.start());
        checkModel(app.window()->sidebar()->sidebarModel());
        QTRY_COMPARE(app.courses()->count(), 3); // the hosted demo course and the two kept ones
        CourseSession *hosted = app.courses()->at(0);
        QVERIFY(app.courses()->isHosted(hosted));
        QCOMPARE(app.session(), hosted);
        QCOMPARE(hosted->params().url, app.hostedServer()->localUrl());
        QTRY_VERIFY_WITH_TIMEOUT(hosted->isReady() && app.courses()->at(1)->isReady() && app.courses()->at(2)->isReady(), kWaitMs);
        QVERIFY(app.window()->hostLabel()->isVisible());
        CourseSidebarModel *model = app.window()->sidebar()->sidebarModel();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->sessionAt(app.window()->sidebar()->currentIndex()), hosted);
        // Another course shown, and the window closed: the list kept has the two, not the hosted one.
        clickRow(app.window()->sidebar(), model->channelIndex(app.courses()->at(2), QStringLiteral("homework")));
        QTRY_COMPARE(app.session(), app.courses()->at(2));
        DesktopSettings settings(m_dir.filePath(QStringLiteral("settings.ini")));
        QCOMPARE(settings.openCourses().size(), 2);
        for (const DesktopSettings::OpenCourse &open : settings.openCourses())
            QVERIFY(QUrl(open.server) != app.hostedServer()->localUrl());
        QCOMPARE(settings.currentCourse(), 1);
    }

private:
    QTemporaryDir m_dir;
    TestServer m_one;
    TestServer m_two;
};

QTEST_MAIN(TestDesktopCourses)
#include "tst_desktop_courses.moc"
