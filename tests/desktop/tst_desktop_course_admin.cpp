// Running a course from the desktop app alone (issue 11, parts 5 and 6), offscreen against a real
// server: the role shown in the window and the Course menu following it; the context menus of
// channels (a channel appears live in a student's sidebar), note tabs (a lock) and members
// (appoint a TA, remove for an hour); the invite panel's Copy buttons and a rotated code; a roster
// import; the moderation log; course settings; a new course from the menu; hosting that starts
// with no course and makes the host the instructor of the one they create.
#include "appcontroller.h"
#include "chatdelegate.h"
#include "chatmodel.h"
#include "chatpanel.h"
#include "listmodels.h"
#include "sidepanels.h"
#include "coursemenu.h"
#include "courseexportaction.h"
#include "coursesettingsdialog.h"
#include "hostedserver.h"
#include "invitepanel.h"
#include "moderationlogdialog.h"
#include "newcoursedialog.h"
#include "rosterimportdialog.h"

#include "chatsteps.h"
#include "desktopfixture.h"
#include "courserequests.h"
#include "hub/hub.h"
#include "protocol/endoftermmessages.h"
#include "retention/retention.h"
#include "store/projections.h"
#include "serverinstance.h"
#include "../server/coursetesthelpers.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QProgressDialog>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QFileInfo>
#include <QMessageBox>
#include <QTabWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace collab::desktop;

namespace {
const QString kCourse = QStringLiteral("MATH101");
const QString kCode = QStringLiteral("sum-of-parts");

using chatsteps::findAction; // chatsteps.h: the entry of a menu or of its submenus
} // namespace

class TestDesktopCourseAdmin : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<DesktopPeer> m_kim;   // MATH101's instructor
    std::unique_ptr<DesktopPeer> m_angie; // a student
    QTemporaryDir m_dir;

    SessionParams params(const QString &user, const QString &secret = {}) const
    {
        SessionParams p;
        p.url = m_server->wsUrl();
        p.user = user;
        p.course = kCourse;
        p.joinCode = kCode;
        p.secret = secret;
        return p;
    }
    static CourseMenu *menuOf(const DesktopPeer &peer) { return peer.window->courseMenu(); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_server = std::make_unique<TestServer>();
        m_server->setConfig(coursetest::config());
        m_server->setLimits(TestServer::unlimited());
        QVERIFY(m_server->start());
        m_kim = openWindow(params(QStringLiteral("dr.kim"), QStringLiteral("kim-secret-1")));
        m_angie = openWindow(params(QStringLiteral("angie.nguyen")));
        QTRY_VERIFY_WITH_TIMEOUT(m_kim->session->isReady() && m_angie->session->isReady(), 10000);
    }

    void cleanupTestCase()
    {
        m_kim.reset();
        m_angie.reset();
        m_server.reset();
    }

    void theWindowShowsTheRoleAndTheMenuFollowsIt()
    {
        QCOMPARE(menuOf(*m_kim)->roleLabel()->text(), QStringLiteral("You: instructor"));
        QCOMPARE(menuOf(*m_angie)->roleLabel()->text(), QStringLiteral("You: student"));
        for (const char *name : {"settings", "roster", "log"}) {
            QVERIFY(menuOf(*m_kim)->action(QLatin1String(name))->isEnabled());
            QVERIFY(!menuOf(*m_angie)->action(QLatin1String(name))->isEnabled());
        }
        QVERIFY(menuOf(*m_angie)->action(QStringLiteral("invite"))->isEnabled());
        QVERIFY(!menuOf(*m_kim)->action(QStringLiteral("newCourse"))->isEnabled()); // not the administrator
        QVERIFY(!findAction(menuOf(*m_angie)->channelMenu(QStringLiteral("general")), QStringLiteral("New channel"))->isEnabled());
        QVERIFY(!findAction(menuOf(*m_angie)->memberMenu(QStringLiteral("dr.kim")), QStringLiteral("Remove"))->isEnabled());
    }

    // Course → Export course… (issue 15 part 4): instructors only; the save dialog's file gets the
    // course's zip, downloaded through a one-use link with a progress dialog.
    void theInstructorExportsTheCourseToAZip()
    {
        QVERIFY(menuOf(*m_kim)->action(QStringLiteral("export"))->isEnabled());
        QVERIFY(!menuOf(*m_angie)->action(QStringLiteral("export"))->isEnabled());
        CourseExportAction *exporter = menuOf(*m_kim)->exporter();
        QSignalSpy finished(exporter, &CourseExportAction::finished);
        menuOf(*m_kim)->action(QStringLiteral("export"))->trigger();
        QFileDialog *save = exporter->saveDialog();
        QVERIFY(save && save->isVisible());
        QVERIFY(save->selectedFiles().value(0).endsWith(QLatin1String("MATH101-export.zip")));
        const QString path = m_dir.filePath(QStringLiteral("math101.zip"));
        Q_EMIT save->fileSelected(path);
        save->close();
        QVERIFY(exporter->progress());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(finished.at(0).at(1).toString(), QString());
        QFile zip(path);
        QVERIFY(zip.open(QIODevice::ReadOnly));
        const QByteArray bytes = zip.readAll();
        QVERIFY(bytes.startsWith("PK\x03\x04"));
        QVERIFY(bytes.contains("events.jsonl") && bytes.contains("channels/general.html"));
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
        QTRY_VERIFY(!exporter->progress());
        // A student who triggers it anyway (the action is disabled): the server refuses, nothing is written.
        CourseExportAction studentExport(m_angie->session.get(), m_angie->window.get());
        QSignalSpy refused(&studentExport, &CourseExportAction::finished);
        const QString denied = m_dir.filePath(QStringLiteral("denied.zip"));
        studentExport.exportTo(denied);
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 10000);
        QVERIFY2(refused.at(0).at(1).toString().contains(QLatin1String("instructors")), qPrintable(refused.at(0).at(1).toString()));
        QVERIFY(!QFile::exists(denied));
    }

    void aChannelFromTheContextMenuAppearsInAStudentsSidebar()
    {
        QMenu *menu = menuOf(*m_kim)->channelMenu(QStringLiteral("general"));
        findAction(menu, QStringLiteral("New channel"))->trigger();
        auto *input = qobject_cast<QInputDialog *>(menuOf(*m_kim)->dialog());
        QVERIFY(input);
        QVERIFY(input->isVisible());
        input->setTextValue(QStringLiteral("week5"));
        input->accept();
        QTRY_VERIFY_WITH_TIMEOUT(m_angie->session->channels()->channels().contains(QStringLiteral("week5")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_kim->session->channels()->channels().contains(QStringLiteral("week5")), 5000);
        // An announcement channel: the student's post there is refused by the server.
        findAction(menuOf(*m_kim)->channelMenu(QStringLiteral("week5")), QStringLiteral("Make #week5 announcement-only"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_angie->session->announcements().contains(QStringLiteral("week5")), 5000);
    }

    void aNoteTabIsLockedFromItsContextMenu()
    {
        QMenu *menu = menuOf(*m_kim)->noteMenu(QStringLiteral("class-notes"));
        findAction(menu, QStringLiteral("Lock class-notes"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_server->instance()->hub().isNoteLocked(kCourse, QStringLiteral("class-notes")), 5000);
        QVERIFY(!findAction(menuOf(*m_angie)->noteMenu(QStringLiteral("class-notes")), QStringLiteral("Lock"))->isEnabled());
        findAction(menuOf(*m_kim)->noteMenu(QStringLiteral("class-notes")), QStringLiteral("Unlock"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!m_server->instance()->hub().isNoteLocked(kCourse, QStringLiteral("class-notes")), 5000);
    }

    void membersAreAppointedAndRemovedFromTheirContextMenu()
    {
        auto ben = openWindow(params(QStringLiteral("ben.ortiz")));
        QTRY_VERIFY_WITH_TIMEOUT(ben->session->isReady(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_kim->session->members()->roleOf(QStringLiteral("angie.nguyen")).isEmpty(), 5000);
        findAction(menuOf(*m_kim)->memberMenu(QStringLiteral("angie.nguyen")), QStringLiteral("Appoint angie.nguyen as TA"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(menuOf(*m_angie)->roleLabel()->text(), QStringLiteral("You: TA"), 5000);
        // The new TA removes ben for an hour from the member's menu: ben's window says so.
        QTRY_VERIFY_WITH_TIMEOUT(!m_angie->session->members()->roleOf(QStringLiteral("ben.ortiz")).isEmpty(), 5000);
        QMenu *menu = menuOf(*m_angie)->memberMenu(QStringLiteral("ben.ortiz"));
        QAction *hour = menu->findChild<QAction *>(QStringLiteral("remove60"));
        QVERIFY(hour && hour->isEnabled());
        hour->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ben->session->status(), CourseSession::Status::Removed, 5000);
        // A TA does not appoint.
        QVERIFY(!findAction(menuOf(*m_angie)->memberMenu(QStringLiteral("ben.ortiz")), QStringLiteral("Appoint"))->isEnabled());
        findAction(menuOf(*m_kim)->memberMenu(QStringLiteral("ben.ortiz")), QStringLiteral("Restore ben.ortiz"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_server->instance()->hub().projections().kicks().kicks(kCourse).isEmpty(), 5000);
    }

    void aRosterIsImported()
    {
        const QString path = m_dir.filePath(QStringLiteral("roster.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Name,Email,Role\r\ncarla.diaz,\"Diaz, Carla\",student\r\ndana.lee,dana@uni.edu,ta\r\n");
        file.close();
        menuOf(*m_kim)->action(QStringLiteral("roster"))->trigger();
        auto *dialog = qobject_cast<RosterImportDialog *>(menuOf(*m_kim)->dialog());
        QVERIFY(dialog);
        dialog->fileEdit()->setText(path);
        dialog->importButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->table()->rowCount(), 2, 5000);
        QCOMPARE(dialog->table()->item(0, 1)->text(), QStringLiteral("Diaz, Carla"));
        QVERIFY(!dialog->table()->item(1, 3)->text().isEmpty());
        QVERIFY(dialog->invitesCsv().contains(QLatin1String("\"Diaz, Carla\"")));
        dialog->accept();
        // A file with a bad row: nothing imported, the row named.
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("carla.diaz,c\nBad Name,d\n");
        file.close();
        menuOf(*m_kim)->action(QStringLiteral("roster"))->trigger();
        dialog = qobject_cast<RosterImportDialog *>(menuOf(*m_kim)->dialog());
        dialog->fileEdit()->setText(path);
        dialog->importButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->messageLabel()->text().contains(QLatin1String("row 2")), 5000);
        QCOMPARE(dialog->table()->rowCount(), 0);
        dialog->accept();
    }

    void theModerationLogListsWhoDidWhat()
    {
        menuOf(*m_kim)->action(QStringLiteral("log"))->trigger();
        auto *dialog = qobject_cast<ModerationLogDialog *>(menuOf(*m_kim)->dialog());
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->table()->rowCount() >= 6, 5000);
        QStringList kinds;
        for (int r = 0; r < dialog->table()->rowCount(); ++r)
            kinds << dialog->table()->item(r, 1)->text() + QLatin1Char(' ') + dialog->table()->item(r, 2)->text();
        QVERIFY2(kinds.contains(QStringLiteral("role changed dr.kim")), qPrintable(kinds.join(QLatin1Char(','))));
        QVERIFY(kinds.contains(QStringLiteral("member removed angie.nguyen")));
        QVERIFY(kinds.contains(QStringLiteral("note locked dr.kim")) && kinds.contains(QStringLiteral("note unlocked dr.kim")));
        dialog->accept();
    }

    void courseSettingsReachTheStudents()
    {
        menuOf(*m_kim)->action(QStringLiteral("settings"))->trigger();
        auto *dialog = qobject_cast<CourseSettingsDialog *>(menuOf(*m_kim)->dialog());
        QVERIFY(dialog);
        dialog->titleEdit()->setText(QStringLiteral("Calculus I"));
        dialog->studentNotesBox()->setChecked(true);
        dialog->save();
        QTRY_VERIFY_WITH_TIMEOUT(m_angie->session->studentNotes(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_angie->session->title(), QStringLiteral("Calculus I"), 5000);
        QVERIFY(m_angie->window->windowTitle().contains(QLatin1String("Calculus I")));
    }

    void channelsAndNotesAreRenamedFromTheirMenus()
    {
        QMenu *menu = menuOf(*m_kim)->channelMenu(QStringLiteral("general"));
        QAction *rename = menu->findChild<QAction *>(QStringLiteral("renameChannel"));
        QVERIFY(rename && rename->isEnabled());
        QVERIFY(!menuOf(*m_angie)->channelMenu(QStringLiteral("general"))->findChild<QAction *>(QStringLiteral("renameChannel"))->isEnabled());
        rename->trigger();
        auto *input = qobject_cast<QInputDialog *>(menuOf(*m_kim)->dialog());
        QVERIFY(input && input->isVisible());
        QCOMPARE(input->textValue(), QStringLiteral("general")); // starts from the name shown
        input->setTextValue(QStringLiteral("Lobby"));
        input->accept();
        // The student's sidebar and chat header show the new name; the id stays.
        ChannelModel *channels = m_angie->session->channels();
        QTRY_COMPARE_WITH_TIMEOUT(channels->index(channels->rowOf(QStringLiteral("general"))).data(ChannelModel::TitleRole).toString(),
                                  QStringLiteral("Lobby"), 5000);
        QVERIFY(channels->index(channels->rowOf(QStringLiteral("general"))).data().toString().contains(QLatin1String("Lobby")));
        QVERIFY(channels->channels().contains(QStringLiteral("general")));

        // A note's tab, renamed from its context menu.
        menuOf(*m_kim)->noteMenu(QStringLiteral("class-notes"))->findChild<QAction *>(QStringLiteral("renameNote"))->trigger();
        input = qobject_cast<QInputDialog *>(menuOf(*m_kim)->dialog());
        QVERIFY(input);
        input->setTextValue(QStringLiteral("Week 5 \u2013 Consensus"));
        input->accept();
        auto *tabs = m_angie->window->notesPanel()->findChild<QTabWidget *>();
        QVERIFY(tabs);
        QTRY_COMPARE_WITH_TIMEOUT(tabs->tabText(0), QStringLiteral("Week 5 \u2013 Consensus"), 5000);
        QCOMPARE(m_angie->window->notesPanel()->noteAt(0), QStringLiteral("class-notes"));
        // A window opened later shows both names from its join.
        auto late = openWindow(params(QStringLiteral("hugo.reyes")));
        QTRY_VERIFY_WITH_TIMEOUT(late->session->isReady(), 10000);
        QCOMPARE(late->session->channelTitle(QStringLiteral("general")), QStringLiteral("Lobby"));
        QTRY_COMPARE_WITH_TIMEOUT(late->window->notesPanel()->findChild<QTabWidget *>()->tabText(0), QStringLiteral("Week 5 \u2013 Consensus"), 5000);
    }

    void aModeratorsDeletionSaysByWhomToModerators()
    {
        auto gina = openWindow(params(QStringLiteral("gina.park")));
        QTRY_VERIFY_WITH_TIMEOUT(gina->session->isReady(), 10000);
        gina->session->setCurrentChannel(QStringLiteral("general"));
        m_kim->session->setCurrentChannel(QStringLiteral("general"));
        ChatModel *ginas = gina->session->chat(QStringLiteral("general"));
        const int before = ginas->rowCount();
        Composer *composer = gina->window->chatPanel()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("something to remove"));
        QTest::keyClick(composer, Qt::Key_Return);
        ChatModel *kims = m_kim->session->chat(QStringLiteral("general"));
        QTRY_VERIFY_WITH_TIMEOUT(kims->rowCount() > 0 && kims->index(kims->rowCount() - 1).data(ChatModel::TextRole).toString() == QLatin1String("something to remove"), 5000);
        // The instructor deletes it from the message's context menu.
        ChatPanel *panel = m_kim->window->chatPanel();
        const int row = kims->rowCount() - 1;
        panel->view()->scrollToBottom();
        const QRect rect = panel->view()->visualRect(kims->index(row));
        std::unique_ptr<QMenu> menu(panel->contextMenuAt(rect.center()));
        QVERIFY(menu);
        QVERIFY(findAction(menu.get(), QStringLiteral("Delete"))); // offered to the instructor on another's message
        panel->deleteRow(row); // what it does once "Delete this message for everyone?" is confirmed
        QTRY_VERIFY_WITH_TIMEOUT(ginas->rowCount() > before && ginas->index(ginas->rowCount() - 1).data(ChatModel::DeletedRole).toBool(), 5000);
        const QFont font = panel->view()->font();
        QTRY_COMPARE_WITH_TIMEOUT(panel->delegate()->document(kims->index(row), font)->toPlainText(), QStringLiteral("This message was deleted by dr.kim."), 5000);
        // The student sees that it was deleted, not by whom.
        ChatPanel *ginasPanel = gina->window->chatPanel();
        QCOMPARE(ginasPanel->delegate()->document(ginas->index(ginas->rowCount() - 1), font)->toPlainText(), QStringLiteral("This message was deleted."));
        // A moderator's window opened later learns it from the history pages.
        SessionParams again = params(QStringLiteral("dr.kim"), QStringLiteral("kim-secret-1"));
        auto later = openWindow(again);
        QTRY_VERIFY_WITH_TIMEOUT(later->session->isReady(), 10000);
        ChatModel *history = later->session->chat(QStringLiteral("general"));
        QCOMPARE(history->index(history->rowCount() - 1).data(ChatModel::DeletedByRole).toString(), QStringLiteral("dr.kim"));
    }

    void aRemovalUntilRestoredSaysSo()
    {
        auto ivy = openWindow(params(QStringLiteral("ivy.wu")));
        QTRY_VERIFY_WITH_TIMEOUT(ivy->session->isReady(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_kim->session->members()->roleOf(QStringLiteral("ivy.wu")).isEmpty(), 5000);
        QMenu *menu = menuOf(*m_kim)->memberMenu(QStringLiteral("ivy.wu"));
        QAction *forever = menu->findChild<QAction *>(QStringLiteral("remove0"));
        QVERIFY(forever && forever->isEnabled());
        forever->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ivy->session->status(), CourseSession::Status::Removed, 5000);
        QVERIFY2(ivy->session->statusText().contains(QLatin1String("until restored")), qPrintable(ivy->session->statusText()));
        QVERIFY(!ivy->session->statusText().contains(QLatin1String("23:59")));
        menuOf(*m_kim)->action(QStringLiteral("log"))->trigger();
        auto *log = qobject_cast<ModerationLogDialog *>(menuOf(*m_kim)->dialog());
        QVERIFY(log);
        QTRY_VERIFY_WITH_TIMEOUT(log->table()->rowCount() > 0, 5000);
        bool shown = false;
        for (int r = 0; r < log->table()->rowCount(); ++r)
            shown |= log->table()->item(r, 3)->text() == QLatin1String("ivy.wu until restored");
        QVERIFY(shown);
        log->accept();
        findAction(menuOf(*m_kim)->memberMenu(QStringLiteral("ivy.wu")), QStringLiteral("Restore ivy.wu"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_server->instance()->hub().projections().kicks().kicks(kCourse).isEmpty(), 5000);
    }

    void theAdministratorNamesAnInstructorFromTheMemberMenu()
    {
        auto jon = openWindow(params(QStringLiteral("jon.snow")));
        QTRY_VERIFY_WITH_TIMEOUT(jon->session->isReady(), 10000);
        QVERIFY(!menuOf(*m_kim)->memberMenu(QStringLiteral("jon.snow"))->findChild<QAction *>(QStringLiteral("instructorRole"))->isEnabled());
        SessionParams p = params(QStringLiteral("ops.admin")); // not root.admin: a later test claims that name in MATH101
        p.adminSecret = coursetest::AdminSecret;
        auto admin = openWindow(p);
        QTRY_VERIFY_WITH_TIMEOUT(admin->session->isReady(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!admin->session->members()->roleOf(QStringLiteral("jon.snow")).isEmpty(), 5000);
        QAction *name = menuOf(*admin)->memberMenu(QStringLiteral("jon.snow"))->findChild<QAction *>(QStringLiteral("instructorRole"));
        QVERIFY(name && name->isEnabled());
        name->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = qobject_cast<QMessageBox *>(menuOf(*admin)->dialog())) != nullptr, 5000);
        const QString secret = box->text().section(QStringLiteral("\n\n"), -1).trimmed();
        QVERIFY2(secret.size() >= 24, qPrintable(box->text()));
        box->accept();
        QTRY_COMPARE_WITH_TIMEOUT(menuOf(*jon)->roleLabel()->text(), QStringLiteral("You: instructor"), 5000);
        // With the secret, a new window of his is the instructor's.
        auto teaching = openWindow(params(QStringLiteral("jon.snow"), secret));
        QTRY_VERIFY_WITH_TIMEOUT(teaching->session->isReady(), 10000);
        QCOMPARE(teaching->session->role(), QStringLiteral("instructor"));
        // And back to a student.
        QAction *back = menuOf(*admin)->memberMenu(QStringLiteral("jon.snow"))->findChild<QAction *>(QStringLiteral("instructorRole"));
        QVERIFY(back->text().contains(QLatin1String("student")));
        back->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(menuOf(*jon)->roleLabel()->text(), QStringLiteral("You: student"), 5000);
    }

    void aLargeRosterIsImportedFromTheDialog()
    {
        const QString path = m_dir.filePath(QStringLiteral("class-of-2000.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("name,email,role\r\n");
        for (int i = 1; i <= 2000; ++i)
            file.write(QStringLiteral("pupil%1,pupil%1@university.example.edu,student\r\n").arg(i, 4, 10, QLatin1Char('0')).toUtf8());
        file.close();
        QVERIFY(QFileInfo(path).size() > 100 * 1024); // more than one WebSocket frame
        menuOf(*m_kim)->action(QStringLiteral("roster"))->trigger();
        auto *dialog = qobject_cast<RosterImportDialog *>(menuOf(*m_kim)->dialog());
        QVERIFY(dialog);
        dialog->fileEdit()->setText(path);
        dialog->importButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->table()->rowCount(), 2000, 20000);
        QCOMPARE(dialog->table()->item(1999, 0)->text(), QStringLiteral("pupil2000"));
        dialog->accept();
    }

    void aCourseCreatedFromTheWindowOpensThere()
    {
        // Not hosting: an administrator connected to a server creates a course from the Course menu.
        DesktopOptions options;
        options.server = m_server->wsUrl();
        options.user = QStringLiteral("prof.ng");
        options.course = kCourse;
        options.joinCode = kCode;
        options.adminSecret = coursetest::AdminSecret;
        options.settingsFile = m_dir.filePath(QStringLiteral("ng.ini"));
        AppController app(options);
        QVERIFY(app.start());
        QTRY_VERIFY_WITH_TIMEOUT(app.session() && app.session()->isReady(), 10000);
        QAction *create = app.window()->courseMenu()->action(QStringLiteral("newCourse"));
        QVERIFY(create->isEnabled());
        create->trigger();
        auto *dialog = qobject_cast<NewCourseDialog *>(app.window()->courseMenu()->dialog());
        QVERIFY(dialog);
        dialog->idEdit()->setText(QStringLiteral("CS910"));
        dialog->titleEdit()->setText(QStringLiteral("Databases"));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        // The window now shows the new course, its creator as its instructor.
        QTRY_COMPARE_WITH_TIMEOUT(app.session()->course(), QStringLiteral("CS910"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(app.session()->isReady(), 10000);
        checkModels(app.session());
        QVERIFY(!app.session()->params().secret.isEmpty()); // joined with the instructor's secret the creation answered
        QVERIFY(app.hostedServer() == nullptr);
        QVERIFY(app.window()->windowTitle().contains(QLatin1String("Databases")));
    }

    void theAdministratorCreatesACourseFromTheMenu()
    {
        SessionParams p = params(QStringLiteral("root.admin"));
        p.adminSecret = coursetest::AdminSecret;
        auto admin = openWindow(p);
        QTRY_VERIFY_WITH_TIMEOUT(admin->session->isReady(), 10000);
        QCOMPARE(menuOf(*admin)->roleLabel()->text(), QStringLiteral("You: server administrator"));
        QAction *create = menuOf(*admin)->action(QStringLiteral("newCourse"));
        QVERIFY(create->isEnabled());
        QSignalSpy created(menuOf(*admin), &CourseMenu::courseCreated);
        create->trigger();
        auto *dialog = qobject_cast<NewCourseDialog *>(menuOf(*admin)->dialog());
        QVERIFY(dialog);
        dialog->idEdit()->setText(QStringLiteral("../bad"));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(dialog->isVisible()); // refused in the dialog, with a reason
        QVERIFY(!dialog->errorLabel()->text().isEmpty());
        dialog->idEdit()->setText(QStringLiteral("CS700"));
        dialog->titleEdit()->setText(QStringLiteral("Compilers"));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 5000);
        const QString joinCode = created.at(0).at(1).toString();
        const QString secret = created.at(0).at(2).toString();
        QVERIFY(!joinCode.isEmpty() && !secret.isEmpty());
        SessionParams teach = p;
        teach.course = QStringLiteral("CS700");
        teach.joinCode = joinCode;
        teach.secret = secret;
        teach.adminSecret.clear();
        auto instructor = openWindow(teach);
        QTRY_VERIFY_WITH_TIMEOUT(instructor->session->isReady(), 10000);
        QCOMPARE(instructor->session->role(), QStringLiteral("instructor"));
        QCOMPARE(instructor->session->channels()->channels(),
                 (QStringList{QStringLiteral("general"), QStringLiteral("homework"), QStringLiteral("announcements")}));
        QCOMPARE(instructor->session->announcements(), QStringList{QStringLiteral("announcements")});
    }

    void theInvitePanelCopiesAndRotates()
    {
        menuOf(*m_kim)->action(QStringLiteral("invite"))->trigger();
        auto *panel = qobject_cast<InvitePanel *>(menuOf(*m_kim)->dialog());
        QVERIFY(panel);
        QCOMPARE(panel->field(QStringLiteral("course"))->text(), kCourse);
        QCOMPARE(panel->field(QStringLiteral("joinCode"))->text(), kCode);
        QCOMPARE(panel->field(QStringLiteral("server"))->text(), m_server->wsUrl().toString());
        panel->copyButton(QStringLiteral("joinCode"))->click();
        QCOMPARE(QApplication::clipboard()->text(), kCode);
        panel->copyButton(QStringLiteral("command"))->click();
        QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("--course MATH101 --join-code sum-of-parts")));
        QVERIFY(panel->rotateButton()->isEnabled());
        panel->rotateButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(panel->field(QStringLiteral("joinCode"))->text() != kCode, 5000);
        const QString rotated = panel->field(QStringLiteral("joinCode"))->text();
        QVERIFY(panel->field(QStringLiteral("command"))->text().contains(rotated));
        panel->accept();
        // The old code no longer admits a new window; the new one does.
        auto late = openWindow(params(QStringLiteral("erin.fox")));
        QSignalSpy refused(late->session.get(), &CourseSession::joinFailed);
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 5000);
        SessionParams withNew = params(QStringLiteral("erin.fox"));
        withNew.joinCode = rotated;
        auto admitted = openWindow(withNew);
        QTRY_VERIFY_WITH_TIMEOUT(admitted->session->isReady(), 10000);
        QVERIFY(!findAction(menuOf(*m_angie)->channelMenu(QString()), QStringLiteral("New channel"))->isEnabled()); // a TA does not manage
    }

    void hostingStartsWithNoCourseAndTheHostTeachesTheirs()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        {
            DesktopOptions options;
            options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
            AppController app(options);
            collab::proto::CourseCreate spec;
            spec.course = QStringLiteral("CS800");
            spec.title = QStringLiteral("Operating Systems");
            spec.channels = {QStringLiteral("general")};
            spec.notes = {QStringLiteral("week1")};
            QCOMPARE(app.hostCourseAndOpen(0, data, QStringLiteral("prof.ada"), true, spec), QString());
            QTRY_VERIFY_WITH_TIMEOUT(app.session() && app.session()->isReady(), 10000);
            QCOMPARE(app.hostedServer()->instance()->config().courses.size(), 1); // only CS800: no demo course
            QCOMPARE(app.hostedServer()->course(), QStringLiteral("CS800"));
            checkModels(app.session());
            QCOMPARE(app.session()->course(), QStringLiteral("CS800"));
            QVERIFY(app.session()->isInstructor());
            QTRY_COMPARE_WITH_TIMEOUT(app.window()->courseMenu()->roleLabel()->text(), QStringLiteral("You: instructor (server administrator)"), 5000);
            QVERIFY(app.window()->courseMenu()->action(QStringLiteral("newCourse"))->isEnabled()); // the host is the administrator
            // No instructor name is left unclaimed: someone else as prof.ada is refused.
            SessionParams fake{app.hostedServer()->localUrl(), QStringLiteral("Prof.Ada"), QStringLiteral("CS800"),
                               app.hostedServer()->lastHostedCourse().joinCode, QString()};
            CourseSession impostor(fake);
            QSignalSpy failed(&impostor, &CourseSession::joinFailed);
            impostor.start();
            QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
            const QFileDevice::Permissions kept = QFile(QDir(data).filePath(QStringLiteral("hosted-courses.json"))).permissions();
            QVERIFY(kept & QFileDevice::ReadOwner);
            QVERIFY(!(kept & (QFileDevice::ReadGroup | QFileDevice::ReadOther))); // the secret is kept like a token
        }
        // Hosting again reopens the course, as its instructor, with no dialog.
        DesktopOptions options;
        options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
        AppController again(options);
        QCOMPARE(again.hostCourseAndOpen(0, data, QStringLiteral("prof.ada"), true), QString());
        QTRY_VERIFY_WITH_TIMEOUT(again.session() && again.session()->isReady(), 10000);
        QCOMPARE(again.session()->course(), QStringLiteral("CS800"));
        QVERIFY(again.session()->isInstructor());
    }

    // Retention (issue 15 part 4) deletes old messages for good: the windows open at that moment
    // drop them at once (messages.expired), not only after a reload. Last: it empties the course.
    void expiredMessagesLeaveOpenWindows()
    {
        const QString general = QStringLiteral("general");
        m_angie->session->setCurrentChannel(general);
        Composer *composer = m_angie->window->chatPanel()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("old news"));
        QTest::keyClick(composer, Qt::Key_Return);
        ChatModel *angies = m_angie->session->chat(general);
        ChatModel *kims = m_kim->session->chat(general);
        QTRY_VERIFY_WITH_TIMEOUT(kims->storedCount() > 0 && kims->index(kims->rowCount() - 1).data(ChatModel::TextRole).toString() == QLatin1String("old news"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(angies->pendingCount(), 0, 5000);
        QVERIFY(angies->storedCount() > 0);
        bool set = false;
        collab::proto::RetentionSet retention;
        retention.course = kCourse;
        retention.days = 1;
        sendCourseRequest(m_kim->session->client(), this, retention, [&](const QJsonObject &, const QString &error) { set = error.isEmpty(); });
        QTRY_VERIFY_WITH_TIMEOUT(set, 5000);
        // Two days on, by the retention's clock: every message is older than a day.
        m_server->instance()->hub().retention().setClock([] { return QDateTime::currentMSecsSinceEpoch() + 2 * collab::server::Retention::DayMs; });
        bool ran = false;
        sendCourseRequest(m_kim->session->client(), this, collab::proto::RetentionRun{kCourse, false},
                          [&](const QJsonObject &, const QString &error) { ran = error.isEmpty(); });
        QTRY_VERIFY_WITH_TIMEOUT(ran, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(angies->storedCount(), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(kims->storedCount(), 0, 5000);
        QCOMPARE(angies->rowCount(), 0);
        m_server->instance()->hub().retention().setClock([] { return QDateTime::currentMSecsSinceEpoch(); });
    }
};

QTEST_MAIN(TestDesktopCourseAdmin)
#include "tst_desktop_course_admin.moc"
