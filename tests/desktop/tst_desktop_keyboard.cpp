// Layout and keyboard (issue 12, part 2), offscreen against a real server: the panes keep their
// sizes whatever the status says; the window and its panes come back where the user left them;
// every pane is reached and left with the keyboard (F6, Esc, Ctrl+Tab; Tab indents in the note and
// never puts a tab character in it); Ctrl+K goes to a channel or a note by a few letters.
#include "chatpanel.h"
#include "desktopfixture.h"
#include "desktopsettings.h"
#include "noteeditor.h"
#include "quickswitcher.h"
#include "sidepanels.h"

#include "client/sharednote.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QSplitter>
#include <QTemporaryDir>
#include <QtTest>

using namespace collab::desktop;

class TestDesktopKeyboard : public QObject, protected DesktopFixture
{
    Q_OBJECT

    MainWindow *window() const { return m_a->window.get(); }
    NoteEditor *editor() const { return window()->notesPanel()->editor(QStringLiteral("class-notes")); }

    void activate()
    {
        window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window()));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(startDesktops());
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady(), 10000);
    }
    void cleanup() { stopDesktops(); }

    // Going offline once widened the notes pane and squeezed the chat to ~70 px.
    void paneSizesDoNotDependOnTheStatusText()
    {
        QSplitter *panes = window()->panes();
        const QList<int> before = panes->sizes();
        const QString inSync = window()->notesPanel()->statusLabel()->text();
        m_a->session->client()->close();
        QTRY_VERIFY_WITH_TIMEOUT(window()->notesPanel()->statusLabel()->text() != inSync, 5000);
        QTest::keyClicks(editor(), QStringLiteral("typed while offline, a long line that goes on and on and on"));
        QCoreApplication::processEvents();
        QCOMPARE(panes->sizes(), before);
        QVERIFY(window()->chatPanel()->width() > 300);
        m_a->session->client()->open();
        QTRY_VERIFY_WITH_TIMEOUT(m_a->session->status() == CourseSession::Status::Connected, 10000);
        QCOMPARE(panes->sizes(), before);
    }

    void windowAndPanesComeBackWhereTheyWere()
    {
        QTemporaryDir dir;
        DesktopSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        window()->restoreLayout(&settings);
        window()->resize(1000, 640);
        window()->panes()->setSizes({120, 380, 380, 120});
        QCoreApplication::processEvents();
        const QList<int> sizes = window()->panes()->sizes();
        QVERIFY(window()->close());

        // The next start: the window is made, restored, then shown (as AppController does).
        CourseSession session(paramsFor(QStringLiteral("carla.diaz")));
        MainWindow again(&session);
        DesktopSettings reread(dir.filePath(QStringLiteral("settings.ini")));
        again.restoreLayout(&reread);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(1000, 640));
        QCOMPARE(again.panes()->sizes(), sizes);
    }

    void everyPaneIsReachedAndLeftWithTheKeyboard()
    {
        activate();
        ChatPanel *chat = window()->chatPanel();
        chat->composer()->setFocus();
        QTRY_VERIFY(chat->composer()->hasFocus());
        // F6: chat → notes (into the editor).
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
        QTRY_VERIFY(editor()->hasFocus());
        QTest::keyClicks(editor(), QStringLiteral("- item"));
        QTest::keyClick(editor(), Qt::Key_Return);
        QTest::keyClick(editor(), Qt::Key_Tab); // indents, with spaces
        QTest::keyClicks(editor(), QStringLiteral("- nested"));
        QCOMPARE(editor()->toPlainText(), QStringLiteral("- item\n    - nested"));
        QTest::keyClick(editor(), Qt::Key_Backtab); // Shift+Tab: back out
        QCOMPARE(editor()->toPlainText(), QStringLiteral("- item\n- nested"));
        QVERIFY(!editor()->note()->text().contains(QLatin1Char('\t')));
        QVERIFY(editor()->hasFocus()); // Tab did not leave

        // Esc leaves the editor for the next pane (members); Ctrl+Tab does too.
        QTest::keyClick(editor(), Qt::Key_Escape);
        QTRY_VERIFY(window()->memberView()->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6, Qt::ShiftModifier);
        QTRY_VERIFY(editor()->hasFocus());
        QTest::keyClick(editor(), Qt::Key_Tab, Qt::ControlModifier);
        QTRY_VERIFY(window()->memberView()->hasFocus());
        QCOMPARE(window()->notesPanel()->currentNote(), QStringLiteral("class-notes")); // not "next tab"
        // Members → channels → chat, and back into the editor from the chat with Shift+F6 ... F6.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
        QTRY_VERIFY(window()->channelView()->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
        QTRY_VERIFY(chat->composer()->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
        QTRY_VERIFY(editor()->hasFocus());
        QTest::keyClick(editor(), Qt::Key_Tab, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(chat->composer()->hasFocus());
        // Tab in the composer moves on: the message box never takes a tab.
        QTest::keyClick(chat->composer(), Qt::Key_Tab);
        QVERIFY(!chat->composer()->hasFocus());
        QVERIFY(chat->composer()->toPlainText().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_b->window->notesPanel()->editor(QStringLiteral("class-notes"))->toPlainText(),
                                  QStringLiteral("- item\n- nested"), 5000);
    }

    void ctrlKGoesToAChannelOrANote()
    {
        activate();
        window()->chatPanel()->composer()->setFocus();
        QTest::keyClick(window()->chatPanel()->composer(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(window()->quickSwitcher() && window()->quickSwitcher()->isVisible());
        QuickSwitcher *switcher = window()->quickSwitcher();
        QTest::keyClicks(switcher->filterEdit(), QStringLiteral("hmw"));
        QCOMPARE(switcher->list()->count(), 1);
        QCOMPARE(switcher->list()->item(0)->text(), QStringLiteral("# homework"));
        QTest::keyClick(switcher->filterEdit(), Qt::Key_Return);
        QTRY_COMPARE(m_a->session->currentChannel(), QStringLiteral("homework"));
        QTRY_VERIFY(window()->chatPanel()->composer()->hasFocus());
        QTRY_VERIFY(!window()->quickSwitcher());

        activate(); // back in the window the switcher closed over
        QTest::keyClick(window()->chatPanel()->composer(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(window()->quickSwitcher());
        switcher = window()->quickSwitcher();
        QCOMPARE(switcher->list()->count(), 3); // general, homework, class-notes
        QTest::keyClick(switcher->filterEdit(), Qt::Key_Down);
        QTest::keyClick(switcher->filterEdit(), Qt::Key_Down);
        QVERIFY(switcher->list()->currentItem()->text().contains(QLatin1String("class-notes")));
        QTest::keyClick(switcher->filterEdit(), Qt::Key_Return);
        QTRY_VERIFY(editor()->hasFocus());
    }
};

QTEST_MAIN(TestDesktopKeyboard)
#include "tst_desktop_keyboard.moc"
