// Who wrote what, readably, and undo of one's own edits (issue 12, parts 5 and 4): two windows
// on a real server, keys typed. Tints follow the CRDT's authorship (your own text is never in a
// classmate's colour), name labels fade once the author pauses, author colours meet WCAG AA on
// light and dark palettes; Ctrl+Z / Ctrl+Shift+Z undo and redo only your own edits, grouped by
// typing bursts, after others typed and across a reconnect.
#include "desktopfixture.h"
#include "noteeditor.h"
#include "sidepanels.h"
#include "usercolors.h"

#include "client/noteundo.h"
#include "client/sharednote.h"

#include <QPalette>
#include <QtTest>

using namespace collab::desktop;

class TestDesktopAuthorship : public QObject, protected DesktopFixture
{
    Q_OBJECT

    NoteEditor *ea() const { return m_a->window->notesPanel()->editor(QStringLiteral("class-notes")); }
    NoteEditor *eb() const { return m_b->window->notesPanel()->editor(QStringLiteral("class-notes")); }

    static void typeAt(NoteEditor *e, QKeySequence::StandardKey where, const QString &text)
    {
        e->setFocus();
        QTest::keySequence(e, QKeySequence(where));
        QTest::keyClicks(e, text);
    }
    bool converged(const QString &text) const { return ea()->toPlainText() == text && eb()->toPlainText() == text; }

private Q_SLOTS:
    void init()
    {
        QVERIFY(startDesktops());
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady(), 10000);
    }
    void cleanup() { stopDesktops(); }

    // Angie types right after Ben's fresh text: hers stays untinted in her window, his is his.
    void ownTextIsNeverTintedInAClassmatesColour()
    {
        typeAt(eb(), QKeySequence::MoveToEndOfDocument, QStringLiteral("BBBB"));
        QTRY_COMPARE_WITH_TIMEOUT(ea()->toPlainText(), QStringLiteral("BBBB"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(ea()->tintedAuthorAt(0), QStringLiteral("ben.ortiz"), 5000);
        typeAt(ea(), QKeySequence::MoveToEndOfDocument, QStringLiteral("aaaa"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("BBBBaaaa")), 5000);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(ea()->tintedAuthorAt(i), QStringLiteral("ben.ortiz"));
            QCOMPARE(ea()->tintedAuthorAt(4 + i), QString());
        }
        // Ben types into the middle of Angie's text: only his two units are his.
        QTextCursor c = eb()->textCursor();
        c.setPosition(6);
        eb()->setTextCursor(c);
        QTest::keyClicks(eb(), QStringLiteral("bb"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("BBBBaabbaa")), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(ea()->tintedAuthorAt(6), QStringLiteral("ben.ortiz"), 5000);
        QCOMPARE(ea()->tintedAuthorAt(5), QString());
        QCOMPARE(ea()->tintedAuthorAt(8), QString());
        // In Ben's window it is the other way round.
        QTRY_COMPARE_WITH_TIMEOUT(eb()->tintedAuthorAt(4), QStringLiteral("angie.nguyen"), 5000);
        QCOMPARE(eb()->tintedAuthorAt(0), QString());
        QCOMPARE(eb()->tintedAuthorAt(6), QString());
    }

    void nameLabelsFadeOnceTheAuthorPauses()
    {
        ea()->setLabelDuration(300);
        typeAt(eb(), QKeySequence::MoveToEndOfDocument, QStringLiteral("typing"));
        QTRY_COMPARE_WITH_TIMEOUT(ea()->remoteAuthors(), QStringList{QStringLiteral("ben.ortiz")}, 5000);
        QVERIFY(ea()->labelOpacity(QStringLiteral("ben.ortiz")) > 0);
        QTRY_COMPARE_WITH_TIMEOUT(ea()->labelOpacity(QStringLiteral("ben.ortiz")), 0.0, 5000);
        // The caret stays after the label went.
        QCOMPARE(ea()->remoteCursorPosition(QStringLiteral("ben.ortiz")), 6);
    }

    void authorColoursMeetWcagAaInLightAndDarkThemes_data()
    {
        QTest::addColumn<QColor>("base");
        QTest::newRow("light (white)") << QColor(Qt::white);
        QTest::newRow("light (Fusion)") << QColor(0xf7, 0xf7, 0xf7);
        QTest::newRow("dark (Adwaita)") << QColor(0x2d, 0x2d, 0x2d);
        QTest::newRow("dark (black)") << QColor(Qt::black);
        QTest::newRow("dark indigo") << QColor(0x1e, 0x1b, 0x4b);
    }
    void authorColoursMeetWcagAaInLightAndDarkThemes()
    {
        QFETCH(QColor, base);
        QStringList names{QStringLiteral("angie.nguyen"), QStringLiteral("ben.ortiz"), QStringLiteral("prof.lee")};
        for (int i = 0; i < 300; ++i)
            names << QStringLiteral("student%1").arg(i);
        for (const QString &name : names) {
            const QColor c = userColor(name, base);
            QVERIFY2(contrastRatio(c, base) >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3 is %4:1")
                                                                    .arg(name, c.name(), base.name())
                                                                    .arg(contrastRatio(c, base))));
        }
        QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
        // The editor uses its palette's base: a dark palette gives light colours.
        QPalette dark = ea()->palette();
        dark.setColor(QPalette::Base, base);
        ea()->setPalette(dark);
        QVERIFY(contrastRatio(userColor(QStringLiteral("ben.ortiz"), ea()->palette().color(QPalette::Base)), base) >= 4.5);
    }

    // Part 4: Angie's Ctrl+Z takes back her last burst, then the one before, never Ben's text;
    // Ctrl+Shift+Z brings them back; a delete is undone where its text was.
    void undoTakesBackOnlyYourOwnEdits()
    {
        typeAt(ea(), QKeySequence::MoveToEndOfDocument, QStringLiteral("Hello "));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("Hello ")), 5000);
        typeAt(eb(), QKeySequence::MoveToStartOfDocument, QStringLiteral("BEN "));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("BEN Hello ")), 5000);
        typeAt(ea(), QKeySequence::MoveToEndOfDocument, QStringLiteral("world")); // moving ends a burst
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("BEN Hello world")), 5000);

        QTest::keySequence(ea(), QKeySequence::Undo);
        QCOMPARE(ea()->toPlainText(), QStringLiteral("BEN Hello "));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("BEN Hello ")), 5000);
        QTest::keyClick(ea(), Qt::Key_Z, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("BEN ")), 5000);
        QTest::keyClick(ea(), Qt::Key_Z, Qt::ControlModifier); // nothing more of hers
        QCOMPARE(ea()->toPlainText(), QStringLiteral("BEN "));
        QVERIFY(!ea()->undoStack()->canUndo());

        QTest::keyClick(ea(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("BEN Hello ")), 5000);
        // Ben types meanwhile; her redo still lands after her own text.
        typeAt(eb(), QKeySequence::MoveToEndOfDocument, QStringLiteral("!"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("BEN Hello !")), 5000);
        QTest::keyClick(ea(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("BEN Hello world!")), 5000);

        // A delete (a selection replaced by Backspace) comes back where it was.
        QTextCursor sel = ea()->textCursor();
        sel.setPosition(4);
        sel.setPosition(9, QTextCursor::KeepAnchor);
        ea()->setTextCursor(sel);
        QTest::keyClick(ea(), Qt::Key_Backspace);
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("BEN  world!")), 5000);
        typeAt(eb(), QKeySequence::MoveToStartOfDocument, QStringLiteral(">"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral(">BEN  world!")), 5000);
        QTest::keySequence(ea(), QKeySequence::Undo);
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral(">BEN Hello world!")), 5000);
    }

    void undoWorksAcrossAReconnect()
    {
        typeAt(ea(), QKeySequence::MoveToEndOfDocument, QStringLiteral("draft"));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("draft")), 5000);
        m_a->session->client()->close();
        QTRY_VERIFY_WITH_TIMEOUT(!ea()->note()->isSynced(), 5000);
        m_a->session->client()->open();
        QTRY_VERIFY_WITH_TIMEOUT(ea()->note()->isSynced(), 10000);
        typeAt(eb(), QKeySequence::MoveToStartOfDocument, QStringLiteral("x "));
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("x draft")), 5000);
        QTest::keySequence(ea(), QKeySequence::Undo);
        QTRY_VERIFY_WITH_TIMEOUT(converged(QStringLiteral("x ")), 5000);
    }
};

QTEST_MAIN(TestDesktopAuthorship)
#include "tst_desktop_authorship.moc"
