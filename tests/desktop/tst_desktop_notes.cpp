// Two notes editors (two desktop windows) on one real server: edits converge, the local cursor
// and selection stay put under remote edits, offline edits merge after a reconnect.
#include "desktopfixture.h"

#include "noteeditor.h"
#include "sidepanels.h"

#include "client/sharednote.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace collab::desktop;

class TestDesktopNotes : public QObject, protected DesktopFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(startDesktops());
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady(), 10000);
        m_ea = m_a->window->notesPanel()->editor(QStringLiteral("class-notes"));
        m_eb = m_b->window->notesPanel()->editor(QStringLiteral("class-notes"));
        QVERIFY(m_ea && m_eb);
    }
    void cleanup() { stopDesktops(); }

    void typedTextReachesTheOtherEditor()
    {
        m_ea->setFocus();
        QTest::keyClicks(m_ea, QStringLiteral("Week 1: intro"));
        QTest::keyClick(m_ea, Qt::Key_Return);
        QTest::keyClicks(m_ea, QStringLiteral("Week 2: clocks"));
        const QString expected = QStringLiteral("Week 1: intro\nWeek 2: clocks");
        QCOMPARE(m_ea->toPlainText(), expected);
        QTRY_COMPARE_WITH_TIMEOUT(m_eb->toPlainText(), expected, 5000);
        QCOMPARE(m_eb->note()->text(), expected);
        // B sees A's cursor at the end of what A typed.
        QTRY_COMPARE_WITH_TIMEOUT(m_eb->remoteAuthors(), QStringList{QStringLiteral("angie.nguyen")}, 5000);
        QCOMPARE(m_eb->remoteCursorPosition(QStringLiteral("angie.nguyen")), int(expected.size()));

        // Backspace and a replaced selection are edits too.
        QTest::keyClick(m_ea, Qt::Key_Backspace);
        QTextCursor c = m_ea->textCursor();
        c.setPosition(0);
        c.setPosition(4, QTextCursor::KeepAnchor);
        m_ea->setTextCursor(c);
        QTest::keyClicks(m_ea, QStringLiteral("WEEK"));
        QTRY_COMPARE_WITH_TIMEOUT(m_eb->toPlainText(), QStringLiteral("WEEK 1: intro\nWeek 2: clock"), 5000);
    }

    void concurrentEditsConvergeAndLocalCursorStaysPut()
    {
        m_ea->setPlainText(QString()); // nothing yet
        QTest::keyClicks(m_ea, QStringLiteral("alpha beta gamma"));
        QTRY_COMPARE_WITH_TIMEOUT(m_eb->toPlainText(), QStringLiteral("alpha beta gamma"), 5000);

        // B selects "beta" and keeps the selection while A types before and after it.
        QTextCursor sel = m_eb->textCursor();
        sel.setPosition(6);
        sel.setPosition(10, QTextCursor::KeepAnchor);
        m_eb->setTextCursor(sel);
        QCOMPARE(m_eb->textCursor().selectedText(), QStringLiteral("beta"));

        QTextCursor a = m_ea->textCursor();
        a.setPosition(0);
        m_ea->setTextCursor(a);
        QTest::keyClicks(m_ea, QStringLiteral(">> "));
        a = m_ea->textCursor();
        a.movePosition(QTextCursor::End);
        m_ea->setTextCursor(a);
        QTest::keyClicks(m_ea, QStringLiteral(" delta"));
        // Meanwhile B types at the end of its own selection's line... at the start.
        QTRY_COMPARE_WITH_TIMEOUT(m_eb->toPlainText(), QStringLiteral(">> alpha beta gamma delta"), 5000);
        QCOMPARE(m_eb->textCursor().selectedText(), QStringLiteral("beta"));
        QCOMPARE(m_eb->textCursor().selectionStart(), 9);

        // Both type at the same time at different places; both end with the same text.
        QTextCursor b = m_eb->textCursor();
        b.setPosition(3);
        m_eb->setTextCursor(b);
        QTest::keyClicks(m_eb, QStringLiteral("[B]"));
        QTest::keyClicks(m_ea, QStringLiteral(" [A]"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ea->toPlainText(), m_eb->toPlainText(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_eb->toPlainText(), QStringLiteral(">> [B]alpha beta gamma delta [A]"), 5000);
        QCOMPARE(m_eb->textCursor().position(), 6); // right after what B typed, despite A's edits
        QCOMPARE(m_ea->note()->text(), m_ea->toPlainText());
        QCOMPARE(m_eb->note()->text(), m_eb->toPlainText());
    }

    void offlineEditsMergeAfterReconnect()
    {
        QTest::keyClicks(m_ea, QStringLiteral("shared line"));
        QTRY_COMPARE_WITH_TIMEOUT(m_eb->toPlainText(), QStringLiteral("shared line"), 5000);

        m_b->session->stop(); // B goes offline and keeps editing
        QTRY_VERIFY_WITH_TIMEOUT(!m_eb->note()->isSynced(), 5000);
        QTextCursor b = m_eb->textCursor();
        b.movePosition(QTextCursor::End);
        m_eb->setTextCursor(b);
        QTest::keyClicks(m_eb, QStringLiteral(" +offline B"));
        QTextCursor a = m_ea->textCursor();
        a.setPosition(0);
        m_ea->setTextCursor(a);
        QTest::keyClicks(m_ea, QStringLiteral("online A: "));
        QTRY_COMPARE_WITH_TIMEOUT(m_ea->note()->unackedCount(), 0, 5000);
        QVERIFY(m_eb->note()->unackedCount() > 0);

        m_b->session->client()->open();
        QTRY_VERIFY_WITH_TIMEOUT(m_eb->note()->isSynced(), 10000);
        const QString merged = QStringLiteral("online A: shared line +offline B");
        QTRY_COMPARE_WITH_TIMEOUT(m_ea->toPlainText(), merged, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_eb->toPlainText(), merged, 10000);
        QCOMPARE(m_eb->textCursor().position(), int(merged.size())); // still after what B typed
    }

    void lateJoinerSeesTheNote()
    {
        QTest::keyClicks(m_ea, QStringLiteral("notes before C came"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ea->note()->unackedCount(), 0, 5000);
        auto c = openPeer(QStringLiteral("cara.diaz"));
        QTRY_VERIFY_WITH_TIMEOUT(c->session->isReady(), 10000);
        collab::desktop::NoteEditor *ec = c->window->notesPanel()->editor(QStringLiteral("class-notes"));
        QTRY_COMPARE_WITH_TIMEOUT(ec->toPlainText(), QStringLiteral("notes before C came"), 5000);
    }

    void notesShowOfflineAfterAnAppRestart()
    {
        QTemporaryDir dir;
        collab::desktop::SessionParams p = paramsFor(QStringLiteral("dana.lee"));
        p.notesDir = dir.filePath(QStringLiteral("notes"));
        p.tokenPath = dir.filePath(QStringLiteral("tokens.json"));
        QTest::keyClicks(m_ea, QStringLiteral("agenda"));
        {
            const auto first = openWindow(p);
            QTRY_VERIFY_WITH_TIMEOUT(first->session->isReady(), 10000);
            collab::desktop::NoteEditor *e = first->window->notesPanel()->editor(QStringLiteral("class-notes"));
            QTRY_COMPARE_WITH_TIMEOUT(e->toPlainText(), QStringLiteral("agenda"), 5000);
            first->session->stop();
            QTRY_VERIFY(!e->note()->isSynced());
            QTextCursor c = e->textCursor();
            c.movePosition(QTextCursor::End);
            e->setTextCursor(c);
            QTest::keyClicks(e, QStringLiteral(": offline item"));
        } // quit while offline

        // The server is down too when the app starts again: the note is there, with the edit.
        m_server->stop();
        const auto again = openWindow(p);
        collab::desktop::NoteEditor *e = again->window->notesPanel()->editor(QStringLiteral("class-notes"));
        QVERIFY(e);
        QCOMPARE(e->toPlainText(), QStringLiteral("agenda: offline item"));
        QVERIFY(m_server->start());
        QTRY_VERIFY_WITH_TIMEOUT(e->note()->isSynced(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_ea->toPlainText(), QStringLiteral("agenda: offline item"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(e->note()->unackedCount(), 0, 5000);
    }

private:
    collab::desktop::NoteEditor *m_ea = nullptr;
    collab::desktop::NoteEditor *m_eb = nullptr;
};

QTEST_MAIN(TestDesktopNotes)
#include "tst_desktop_notes.moc"
