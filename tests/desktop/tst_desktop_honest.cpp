// What the desktop app says is true (issue 12, part 1), offscreen against a real server with an
// instructor (prof.lee) and two students (angie, ben) each in a window, driven as users do: a
// locked note is read-only and says who locked it; edits the server refused are shown where they
// were made and undone, never "in sync"; a removed student cannot type into the dead session;
// presence is unknown while offline; a message that was not sent has Retry / Discard / Copy; an
// instructor's edit of a student's message says who edited it.
#include "chatdelegate.h"
#include "chatpanel.h"
#include "composeroptions.h"
#include "coursemenu.h"
#include "chatsteps.h"
#include "desktopfixture.h"
#include "listmodels.h"
#include "noteeditor.h"
#include "sidepanels.h"

#include "hub/hub.h"
#include "serverinstance.h"

#include "client/sharednote.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QTabWidget>
#include <QCheckBox>
#include <QtTest>

using namespace collab::desktop;

namespace {
const QString kNote = QStringLiteral("class-notes");

using chatsteps::findAction; // chatsteps.h: the entry of a menu or of its submenus

// The context menu of the chat row `row` as a right click there opens it.
QMenu *rowMenu(ChatPanel *chat, int row)
{
    const QRect rect = chat->view()->visualRect(chat->view()->model()->index(row, 0));
    return chat->contextMenuAt(rect.center());
}
} // namespace

class TestDesktopHonest : public QObject, protected DesktopFixture
{
    Q_OBJECT

    std::unique_ptr<DesktopPeer> m_prof;

    NoteEditor *editorOf(const DesktopPeer &p) const { return p.window->notesPanel()->editor(kNote); }
    QString noteState(const DesktopPeer &p) const { return p.window->notesPanel()->statusLabel()->text(); }

    void lock(bool locked)
    {
        QMenu *menu = m_prof->window->courseMenu()->noteMenu(kNote);
        QAction *action = findAction(menu, locked ? QStringLiteral("Lock ") : QStringLiteral("Unlock "));
        QVERIFY(action && action->isEnabled());
        action->trigger();
        delete menu;
        QTRY_COMPARE_WITH_TIMEOUT(m_server->instance()->hub().isNoteLocked(QString::fromLatin1(TestServer::Course), kNote), locked, 5000);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(startDesktops());
        m_prof = openPeer(QStringLiteral("prof.lee"));
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady() && m_prof->session->isReady(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_prof->session->role(), QStringLiteral("instructor"), 5000);
    }
    void cleanup()
    {
        m_prof.reset();
        stopDesktops();
    }

    void aLockedNoteIsReadOnlyAndSaysWhoLockedIt()
    {
        NoteEditor *editor = editorOf(*m_a);
        QTest::keyClicks(editor, QStringLiteral("Week 1"));
        QTRY_COMPARE_WITH_TIMEOUT(editorOf(*m_prof)->toPlainText(), QStringLiteral("Week 1"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(noteState(*m_a), QStringLiteral("\u25cf in sync"), 5000);

        lock(true);
        QTRY_VERIFY_WITH_TIMEOUT(editor->isReadOnly(), 5000);
        QCOMPARE(noteState(*m_a), QStringLiteral("Locked by prof.lee"));
        QVERIFY(m_a->window->notesPanel()->banner()->isVisible());
        QVERIFY(m_a->window->notesPanel()->banner()->text().contains(QLatin1String("Locked by prof.lee")));
        // Typing does nothing: nothing reaches the note, nothing is refused later.
        editor->setFocus();
        QTest::keyClicks(editor, QStringLiteral("vandal"));
        QCOMPARE(editor->toPlainText(), QStringLiteral("Week 1"));
        QCOMPARE(editor->note()->unackedCount(), 0);
        // The instructor still edits it.
        QVERIFY(!editorOf(*m_prof)->isReadOnly());
        QTest::keyClick(editorOf(*m_prof), Qt::Key_End, Qt::ControlModifier);
        QTest::keyClicks(editorOf(*m_prof), QStringLiteral("!"));
        QTRY_COMPARE_WITH_TIMEOUT(editor->toPlainText(), QStringLiteral("Week 1!"), 5000);

        // A window that joins later learns the lock from the join.
        auto late = openPeer(QStringLiteral("carla.diaz"));
        QTRY_VERIFY_WITH_TIMEOUT(late->session->isReady(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(editorOf(*late)->isReadOnly(), 5000);
        QVERIFY(noteState(*late).startsWith(QStringLiteral("Locked by")));

        lock(false);
        QTRY_VERIFY_WITH_TIMEOUT(!editor->isReadOnly(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(noteState(*m_a), QStringLiteral("\u25cf in sync"), 5000);
        QVERIFY(!m_a->window->notesPanel()->banner()->isVisible());
    }

    // Angie types offline while the note gets locked: when she is back the server refuses her
    // edits. The header says so (never "in sync"), the banner says why, and her refused text is
    // gone from the editor: what she sees is what everyone has.
    void refusedEditsAreShownWhereTheyWereMadeAndUndone()
    {
        NoteEditor *editor = editorOf(*m_a);
        QTest::keyClicks(editorOf(*m_prof), QStringLiteral("Syllabus"));
        QTRY_COMPARE_WITH_TIMEOUT(editor->toPlainText(), QStringLiteral("Syllabus"), 5000);

        m_a->session->client()->close();
        QTRY_VERIFY_WITH_TIMEOUT(noteState(*m_a).startsWith(QStringLiteral("\u25cf offline")), 5000);
        lock(true);
        editor->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor, QStringLiteral(" and my notes"));
        QCOMPARE(noteState(*m_a), QStringLiteral("\u25cf offline \u00b7 %1 unsent").arg(editor->note()->unackedCount()));

        QSignalSpy refused(editor->note(), &collab::client::SharedNote::editsRefused);
        m_a->session->client()->open();
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(editor->note()->isSynced() && !editor->note()->isReloading(), 10000);
        QCOMPARE(editor->toPlainText(), QStringLiteral("Syllabus"));
        QCOMPARE(editor->note()->text(), QStringLiteral("Syllabus"));
        QCOMPARE(noteState(*m_a), QStringLiteral("\u26a0 edits refused"));
        const QString banner = m_a->window->notesPanel()->banner()->text();
        QVERIFY2(banner.contains(QLatin1String("not saved and undone")) && banner.contains(QLatin1String("locked")), qPrintable(banner));
        QVERIFY(editor->isReadOnly());
        QCOMPARE(editorOf(*m_prof)->toPlainText(), QStringLiteral("Syllabus"));

        // Unlocked, she types again: the refusal was seen, the header follows the new edits.
        lock(false);
        QTRY_VERIFY_WITH_TIMEOUT(!editor->isReadOnly(), 5000);
        editor->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor, QStringLiteral("."));
        QTRY_COMPARE_WITH_TIMEOUT(noteState(*m_a), QStringLiteral("\u25cf in sync"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(editorOf(*m_prof)->toPlainText(), QStringLiteral("Syllabus."), 5000);
    }

    void aRemovedStudentCannotTypeIntoTheSession()
    {
        Composer *composer = m_b->window->chatPanel()->composer();
        QVERIFY(composer->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!m_prof->session->members()->roleOf(QStringLiteral("ben.ortiz")).isEmpty(), 5000);
        QMenu *menu = m_prof->window->courseMenu()->memberMenu(QStringLiteral("ben.ortiz"));
        QAction *hour = menu->findChild<QAction *>(QStringLiteral("remove60"));
        QVERIFY(hour && hour->isEnabled());
        hour->trigger();
        delete menu;
        QTRY_COMPARE_WITH_TIMEOUT(m_b->session->status(), CourseSession::Status::Removed, 5000);
        QTRY_VERIFY(!composer->isEnabled());
        QVERIFY(composer->placeholderText().contains(QLatin1String("removed from CECS327 by prof.lee")));
        NoteEditor *editor = editorOf(*m_b);
        QVERIFY(editor->isReadOnly());
        QVERIFY(noteState(*m_b).contains(QLatin1String("removed")));
        // Keys go nowhere: no message waits to be posted later by itself.
        const int rows = m_b->session->chat(QStringLiteral("general"))->rowCount();
        QTest::keyClicks(composer, QStringLiteral("still here?"));
        QTest::keyClick(composer, Qt::Key_Return);
        QTest::keyClicks(editor, QStringLiteral("x"));
        QCOMPARE(m_b->session->chat(QStringLiteral("general"))->rowCount(), rows);
        QCOMPARE(m_b->session->client()->outboxSize(), 0);
        QCOMPARE(editor->note()->unackedCount(), 0);
        // Nobody's presence is known to a removed member.
        QVERIFY(!m_b->session->members()->isPresenceKnown());
    }

    void presenceIsUnknownWhileDisconnected()
    {
        MemberModel *members = m_a->session->members();
        QTRY_COMPARE_WITH_TIMEOUT(members->onlineCount(), 3, 5000);
        m_a->session->client()->close();
        QTRY_VERIFY_WITH_TIMEOUT(!members->isPresenceKnown(), 5000);
        for (int row = 0; row < members->rowCount(); ++row) {
            const QModelIndex i = members->index(row);
            QVERIFY(i.data(Qt::ToolTipRole).toString().endsWith(QStringLiteral(": presence unknown (you are not connected)")));
            QVERIFY(!i.data(MemberModel::PresenceKnownRole).toBool());
        }
        bool titled = false;
        for (const QLabel *label : m_a->window->findChildren<QLabel *>())
            titled = titled || label->text() == QStringLiteral("Members \u2014 presence unknown");
        QVERIFY(titled);
        m_a->session->client()->open();
        QTRY_VERIFY_WITH_TIMEOUT(members->isPresenceKnown(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(members->index(0).data(Qt::ToolTipRole).toString().endsWith(QStringLiteral(": online")), 5000);
    }

    // Ben's message, typed offline, is refused when he is back (#general became announcement-
    // only): the row says so and its context menu offers Copy, Retry (once he may post again)
    // and Discard.
    void aMessageThatWasNotSentHasRetryDiscardAndCopy()
    {
        ChatPanel *chat = m_b->window->chatPanel();
        m_b->session->client()->close();
        QTRY_VERIFY_WITH_TIMEOUT(m_b->session->status() != CourseSession::Status::Connected, 5000);
        // The first asked as a question, anonymously (both boxes ticked with the mouse): a retry
        // must send it the same way, never under his name.
        QCheckBox *question = chat->composerOptions()->questionBox();
        QCheckBox *anonymous = chat->composerOptions()->anonymousBox();
        QTest::mouseClick(question, Qt::LeftButton, {}, QPoint(4, question->height() / 2));
        QTest::mouseClick(anonymous, Qt::LeftButton, {}, QPoint(4, anonymous->height() / 2));
        QVERIFY(anonymous->isChecked());
        QTest::keyClicks(chat->composer(), QStringLiteral("my answer is 42"));
        QTest::keyClick(chat->composer(), Qt::Key_Return);
        QTest::keyClicks(chat->composer(), QStringLiteral("and a second thought"));
        QTest::keyClick(chat->composer(), Qt::Key_Return);
        ChatModel *general = m_b->session->chat(QStringLiteral("general"));
        QCOMPARE(general->pendingCount(), 2);
        QCOMPARE(general->index(general->storedCount()).data(ChatModel::AuthorLabelRole).toString(), QStringLiteral("You, posting anonymously"));
        QCOMPARE(general->index(general->storedCount() + 1).data(ChatModel::AuthorLabelRole).toString(), QStringLiteral("ben.ortiz"));

        QMenu *channelMenu = m_prof->window->courseMenu()->channelMenu(QStringLiteral("general"));
        findAction(channelMenu, QStringLiteral("Make #general announcement-only"))->trigger();
        delete channelMenu;
        QTRY_VERIFY_WITH_TIMEOUT(m_prof->session->announcements().contains(QStringLiteral("general")), 5000);

        m_b->session->client()->open();
        const int first = general->storedCount();
        QTRY_VERIFY_WITH_TIMEOUT(!general->index(general->storedCount()).data(ChatModel::FailedRole).toString().isEmpty()
                                     && !general->index(general->storedCount() + 1).data(ChatModel::FailedRole).toString().isEmpty(),
                                 10000);
        QCOMPARE(m_b->session->client()->outboxSize(), 0);
        QVERIFY(!chat->composer()->isEnabled()); // a student in an announcement channel
        QVERIFY(chat->composer()->placeholderText().contains(QLatin1String("Only instructors and TAs post in #general")));

        // Copy.
        const int row = general->storedCount();
        QMenu *menu = rowMenu(chat, row);
        QVERIFY(menu);
        menu->findChild<QAction *>(QStringLiteral("copyMessage"))->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("my answer is 42"));
        QVERIFY(!menu->findChild<QAction *>(QStringLiteral("retryMessage"))->isEnabled()); // he may not post here yet
        delete menu;

        // Discard the second.
        menu = rowMenu(chat, row + 1);
        menu->findChild<QAction *>(QStringLiteral("discardMessage"))->trigger();
        delete menu;
        QCOMPARE(general->pendingCount(), 1);

        // Everyone may post again: Retry sends the first; the others see it.
        channelMenu = m_prof->window->courseMenu()->channelMenu(QStringLiteral("general"));
        findAction(channelMenu, QStringLiteral("Let everyone post in #general"))->trigger();
        delete channelMenu;
        QTRY_VERIFY_WITH_TIMEOUT(chat->composer()->isEnabled(), 5000);
        menu = rowMenu(chat, row);
        QAction *retry = menu->findChild<QAction *>(QStringLiteral("retryMessage"));
        QVERIFY(retry->isEnabled());
        retry->trigger();
        delete menu;
        ChatModel *seen = m_a->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(seen->storedCount(), first + 1, 5000);
        QCOMPARE(seen->messageAt(seen->storedCount() - 1)->text, QStringLiteral("my answer is 42"));
        // Sent again as it was first sent: anonymous to a classmate, and a question.
        QVERIFY(seen->messageAt(seen->storedCount() - 1)->author.isEmpty());
        QVERIFY(seen->messageAt(seen->storedCount() - 1)->anonymous);
        QVERIFY(seen->messageAt(seen->storedCount() - 1)->question);
        QTRY_COMPARE_WITH_TIMEOUT(general->pendingCount(), 0, 5000);
        QCOMPARE(general->messageAt(general->storedCount() - 1)->text, QStringLiteral("my answer is 42"));
    }

    // The instructor fixes a student's message in the Edit dialog (Enter saves): the student's
    // window, and a window opened later (from history), say who edited it.
    void anInstructorsEditSaysWhoEdited()
    {
        QTest::keyClicks(m_a->window->chatPanel()->composer(), QStringLiteral("teh answer"));
        QTest::keyClick(m_a->window->chatPanel()->composer(), Qt::Key_Return);
        ChatModel *profs = m_prof->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(profs->storedCount(), 1, 5000);
        ChatPanel *chat = m_prof->window->chatPanel();
        QMenu *menu = rowMenu(chat, 0);
        menu->findChild<QAction *>(QStringLiteral("editMessage"))->trigger();
        delete menu;
        EditMessageDialog *dialog = chat->editDialog();
        QVERIFY(dialog && dialog->isVisible());
        dialog->editor()->selectAll();
        QTest::keyClicks(dialog->editor(), QStringLiteral("the answer"));
        QTest::keyClick(dialog->editor(), Qt::Key_Return, Qt::ShiftModifier); // a new line, not Save
        QVERIFY(dialog->isVisible());
        QTest::keyClicks(dialog->editor(), QStringLiteral("(fixed)"));
        QTest::keyClick(dialog->editor(), Qt::Key_Return); // Save
        QTRY_VERIFY(!chat->editDialog());

        ChatModel *angies = m_a->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(angies->index(0).data(ChatModel::TextRole).toString(), QStringLiteral("the answer\n(fixed)"), 5000);
        QCOMPARE(angies->index(0).data(ChatModel::EditedByRole).toString(), QStringLiteral("prof.lee"));
        QCOMPARE(m_a->window->chatPanel()->delegate()->metaText(angies->index(0)).contains(QLatin1String("(edited by prof.lee)")), true);

        auto later = openPeer(QStringLiteral("carla.diaz"));
        QTRY_VERIFY_WITH_TIMEOUT(later->session->isReady(), 10000);
        ChatModel *carlas = later->session->chat(QStringLiteral("general"));
        QCOMPARE(carlas->index(0).data(ChatModel::EditedByRole).toString(), QStringLiteral("prof.lee"));
        QVERIFY(later->window->chatPanel()->delegate()->metaText(carlas->index(0)).contains(QLatin1String("(edited by prof.lee)")));
    }
};

QTEST_MAIN(TestDesktopHonest)
#include "tst_desktop_honest.moc"
