// A shared note's history in the desktop app (issue 15 part 2), driven as a user would, against a
// real server: the history window opened with Ctrl+Shift+H and from View → Note history…, the
// slider moved with the keyboard (the text shown is the server's text at that version), the
// changes and the authors at a point, a version named and restored by the instructor (confirmed
// in the question box) and the restore reaching the students' editors live; a student's buttons
// disabled with the reason. The history's models are checked by QAbstractItemModelTester.
#include "desktopfixture.h"

#include "courserequests.h"
#include "historyslider.h"
#include "noteeditor.h"
#include "notehistoryrender.h"
#include "notehistoryview.h"
#include "sidepanels.h"
#include "usercolors.h"

#include "client/sharednote.h"
#include "protocol/historymessages.h"

#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextEdit>
#include <QtTest>

using namespace collab::desktop;

namespace {
const QString Note = QStringLiteral("class-notes");
}

class TestDesktopHistory : public QObject, protected DesktopFixture
{
    Q_OBJECT

private:
    std::unique_ptr<DesktopPeer> m_prof;
    QList<quint64> m_stepSeqs;  // the version each typing step below made
    QStringList m_stepTexts;    // the note's text after each step

    NoteEditor *editorOf(DesktopPeer &peer) { return peer.window->notesPanel()->editor(Note); }

    // Pastes `text` at the end of the note in `peer`'s editor and waits until the server has it:
    // one version per call (a paste is one edit; typed keys would be sent as several).
    bool typeVersion(DesktopPeer &peer, const QString &text)
    {
        NoteEditor *editor = editorOf(peer);
        editor->setFocus();
        editor->moveCursor(QTextCursor::End);
        const quint64 before = peer.session->client()->lastSeq(peer.session->course()).value_or(0);
        editor->textCursor().insertText(text);
        if (!QTest::qWaitFor([&] { return peer.session->note(Note)->unackedCount() == 0; }, 5000))
            return false;
        return QTest::qWaitFor([&] { return peer.session->client()->lastSeq(peer.session->course()).value_or(0) > before; }, 5000);
    }

    // What the server says the note's text was at `seq` (note.at, asked by the test itself).
    QString serverTextAt(DesktopPeer &peer, quint64 seq)
    {
        collab::proto::NoteAt request;
        request.course = peer.session->course();
        request.note = Note;
        request.at = seq;
        QString text;
        bool done = false;
        QObject context;
        sendCourseRequest(peer.session->client(), &context, request, [&](const QJsonObject &fields, const QString &error) {
            text = error.isEmpty() ? fields.value(QLatin1String("text")).toString() : QStringLiteral("error: ") + error;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            return QStringLiteral("no answer");
        return text;
    }

    NoteHistoryView *openWithShortcut(DesktopPeer &peer)
    {
        peer.window->activateWindow();
        if (!QTest::qWaitForWindowActive(peer.window.get()))
            return nullptr;
        editorOf(peer)->setFocus();
        QTest::keyClick(editorOf(peer), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
        NoteHistoryView *view = peer.window->notesPanel()->history(Note);
        if (view) {
            checkModel(view->versions());
            checkModel(view->namedVersions());
        }
        return view;
    }

    static bool waitShown(NoteHistoryView *view, NoteHistoryView::Pane pane)
    {
        return QTest::qWaitFor([&] { return view->selectedSeq() != 0 && view->shownSeq(pane) == view->selectedSeq(); }, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(startDesktops());
        m_prof = openPeer(QStringLiteral("prof.lee"));
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady() && m_prof->session->isReady(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_prof->session->role(), QStringLiteral("instructor"), 5000);
        QVERIFY(editorOf(*m_a) && editorOf(*m_b));
        // Four versions: angie, ben, angie, angie.
        const QList<std::pair<DesktopPeer *, QString>> steps = {{m_a.get(), QStringLiteral("Week 5: consensus\n")},
                                                                {m_b.get(), QStringLiteral("Raft elects a leader.\n")},
                                                                {m_a.get(), QStringLiteral("Paxos is older.\n")},
                                                                {m_a.get(), QStringLiteral("Quiz on Friday.\n")}};
        for (const auto &[peer, text] : steps) {
            QVERIFY(typeVersion(*peer, text));
            m_stepSeqs << peer->session->client()->lastSeq(peer->session->course()).value_or(0);
            m_stepTexts << peer->session->note(Note)->text();
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_b->session->note(Note)->text(), m_stepTexts.last(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_prof->session->note(Note)->text(), m_stepTexts.last(), 5000);
    }

    void cleanupTestCase()
    {
        m_prof.reset();
        stopDesktops();
    }

    // Ctrl+Shift+H in the note: the slider starts at the current text; Left/Home move it and the
    // text shown is the server's text at that version, read-only.
    void shortcutOpensTheSliderAndKeysMoveIt()
    {
        NoteHistoryView *view = openWithShortcut(*m_a);
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->isVisible() && view->isLoaded(), 10000);
        QCOMPARE(view->versions()->rowCount(), 4);
        QCOMPARE(view->selectedSeq(), m_stepSeqs.last());
        QVERIFY(waitShown(view, NoteHistoryView::Pane::Text));
        QCOMPARE(view->textView()->toPlainText(), m_a->session->note(Note)->text());
        QVERIFY(view->textView()->isReadOnly());

        view->slider()->setFocus();
        QTest::keyClick(view->slider(), Qt::Key_Left);
        QCOMPARE(view->selectedSeq(), m_stepSeqs.at(2));
        QVERIFY(waitShown(view, NoteHistoryView::Pane::Text));
        QCOMPARE(view->textView()->toPlainText(), serverTextAt(*m_a, m_stepSeqs.at(2)));
        QCOMPARE(view->textView()->toPlainText(), m_stepTexts.at(2));

        QTest::keyClick(view->slider(), Qt::Key_Home);
        QCOMPARE(view->selectedSeq(), m_stepSeqs.first());
        QVERIFY(waitShown(view, NoteHistoryView::Pane::Text));
        QCOMPARE(view->textView()->toPlainText(), serverTextAt(*m_a, m_stepSeqs.first()));
        QCOMPARE(view->textView()->toPlainText(), QStringLiteral("Week 5: consensus\n"));
    }

    // Quick moves: what settles is the last version's text, and an answer for a version the slider
    // already left is never shown.
    void quickMovesShowOnlyWhereTheSliderRests()
    {
        NoteHistoryView *view = m_a->window->notesPanel()->history(Note);
        QVERIFY(view);
        QSignalSpy shown(view, &NoteHistoryView::paneShown);
        view->slider()->setFocus();
        QTest::keyClick(view->slider(), Qt::Key_Right);
        QTest::keyClick(view->slider(), Qt::Key_Right);
        QTest::keyClick(view->slider(), Qt::Key_Right);
        QCOMPARE(view->selectedSeq(), m_stepSeqs.last());
        // The pane says it is loading rather than showing the old version as the new one.
        QVERIFY(view->shownSeq(NoteHistoryView::Pane::Text) != view->selectedSeq());
        QVERIFY(!view->textView()->isEnabled());
        QVERIFY(waitShown(view, NoteHistoryView::Pane::Text));
        QCOMPARE(view->textView()->toPlainText(), m_stepTexts.last());
        // Left once and, as soon as its request is out, Left again: the first answer is stale.
        QTest::keyClick(view->slider(), Qt::Key_Left);
        const quint64 left = view->selectedSeq();
        QTRY_VERIFY_WITH_TIMEOUT(!view->isSettling(), 5000); // its request is out
        const bool answeredAlready = view->shownSeq(NoteHistoryView::Pane::Text) == left;
        shown.clear();
        QTest::keyClick(view->slider(), Qt::Key_Left);
        QCOMPARE(view->selectedSeq(), m_stepSeqs.at(1));
        QVERIFY(waitShown(view, NoteHistoryView::Pane::Text));
        QCOMPARE(view->textView()->toPlainText(), serverTextAt(*m_a, m_stepSeqs.at(1)));
        if (!answeredAlready)
            for (const QList<QVariant> &args : shown)
                QVERIFY(args.at(1).toULongLong() != left);
    }

    // The Changes tab against the current text: the lines written since, on a green that keeps the
    // text readable; the Authors tab: each part under its author's name.
    void changesAndAuthors()
    {
        NoteHistoryView *view = m_a->window->notesPanel()->history(Note);
        QVERIFY(view);
        view->slider()->setFocus();
        QTest::keyClick(view->slider(), Qt::Key_Home);
        view->panes()->setCurrentIndex(int(NoteHistoryView::Pane::Changes));
        QCOMPARE(view->compareBox()->currentText(), QStringLiteral("the current text"));
        QVERIFY(waitShown(view, NoteHistoryView::Pane::Changes));
        const QString diff = view->diffView()->toPlainText();
        QVERIFY2(diff.contains(QStringLiteral("+ Raft elects a leader.")), qPrintable(diff));
        QVERIFY(diff.contains(QStringLiteral("+ Quiz on Friday.")));
        QVERIFY(!diff.contains(QStringLiteral("\u2212 ")));
        const DiffColors colors = diffColors(view->palette());
        QTextBlock added = view->diffView()->document()->begin();
        while (added.isValid() && !added.text().startsWith(QStringLiteral("+ Raft")))
            added = added.next();
        QVERIFY(added.isValid());
        QCOMPARE(added.blockFormat().background().color(), colors.added);
        QVERIFY(contrastRatio(colors.added, view->palette().color(QPalette::Text)) >= 4.5);

        // The version before the third: only "Paxos is older." was added by it.
        QTest::keyClick(view->slider(), Qt::Key_Right);
        QTest::keyClick(view->slider(), Qt::Key_Right);
        view->compareBox()->setCurrentIndex(view->compareBox()->findText(QStringLiteral("the version before it")));
        QVERIFY(waitShown(view, NoteHistoryView::Pane::Changes));
        QTRY_VERIFY_WITH_TIMEOUT(view->diffView()->toPlainText().contains(QStringLiteral("+ Paxos is older.")), 5000);
        QVERIFY(!view->diffView()->toPlainText().contains(QStringLiteral("+ Raft")));

        view->panes()->setCurrentIndex(int(NoteHistoryView::Pane::Authors));
        QVERIFY(waitShown(view, NoteHistoryView::Pane::Authors));
        QTextDocument *doc = view->authorsView()->document();
        QCOMPARE(doc->toPlainText(), m_stepTexts.at(2));
        const auto authorAt = [doc](const QString &part) {
            const int at = doc->toPlainText().indexOf(part);
            QTextCursor c(doc);
            c.setPosition(at + 1);
            return c.charFormat().toolTip();
        };
        QCOMPARE(authorAt(QStringLiteral("Week 5")), QStringLiteral("angie.nguyen"));
        QCOMPARE(authorAt(QStringLiteral("Raft elects")), QStringLiteral("ben.ortiz"));
        QCOMPARE(authorAt(QStringLiteral("Paxos")), QStringLiteral("angie.nguyen"));
    }

    // A student browses: naming and restoring are disabled and say why.
    void aStudentIsToldWhyNotToNameOrRestore()
    {
        NoteHistoryView *view = m_a->window->notesPanel()->history(Note);
        QVERIFY(view);
        QVERIFY(!view->nameButton()->isEnabled());
        QVERIFY(!view->restoreButton()->isEnabled());
        QVERIFY(view->restoreButton()->toolTip().contains(QStringLiteral("Only instructors and TAs")));
        QVERIFY(view->permissionLine()->isVisible());
        QVERIFY(view->permissionLine()->text().contains(QStringLiteral("Only instructors and TAs")));
    }

    // The instructor opens the history from the View menu, names the first version (seen live in
    // the student's open history, marked on the slider) and restores it after confirming: every
    // editor shows the old text, and the restore is a new version on every slider.
    void instructorNamesAndRestores()
    {
        QAction *action = m_prof->window->menuBar()->findChild<QAction *>(QStringLiteral("noteHistory"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+H")));
        action->trigger();
        NoteHistoryView *view = m_prof->window->notesPanel()->history(Note);
        QVERIFY(view);
        checkModel(view->versions());
        checkModel(view->namedVersions());
        QTRY_VERIFY_WITH_TIMEOUT(view->isLoaded(), 10000);
        QVERIFY(!view->permissionLine()->isVisible());
        QVERIFY(!view->restoreButton()->isEnabled()); // the current text
        QVERIFY(view->nameButton()->isEnabled());
        view->slider()->setFocus();
        QTest::keyClick(view->slider(), Qt::Key_Home);
        QCOMPARE(view->selectedSeq(), m_stepSeqs.first());
        QVERIFY(view->restoreButton()->isEnabled());

        QTest::mouseClick(view->nameButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(view->nameDialog() && view->nameDialog()->isVisible(), 5000);
        QLineEdit *nameEdit = view->nameDialog()->findChild<QLineEdit *>();
        QVERIFY(nameEdit);
        QTest::keyClicks(nameEdit, QStringLiteral("Before midterm"));
        QTest::keyClick(nameEdit, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(view->namedVersions()->rowCount(), 1, 5000);
        QCOMPARE(view->namedVersions()->index(0).data(NamedVersionModel::AtRole).toULongLong(), m_stepSeqs.first());
        QCOMPARE(view->slider()->marks(), QList<int>{0});
        QVERIFY(view->statusLine()->text().contains(QStringLiteral("named")));
        // Live in the student's open history too, and in its Compare choices.
        NoteHistoryView *studentView = m_a->window->notesPanel()->history(Note);
        QVERIFY(studentView);
        QTRY_COMPARE_WITH_TIMEOUT(studentView->namedVersions()->rowCount(), 1, 5000);
        QCOMPARE(studentView->slider()->marks(), QList<int>{0});
        QVERIFY(studentView->compareBox()->findText(QStringLiteral("\u201cBefore midterm\u201d (#%1)").arg(m_stepSeqs.first())) >= 0);
        QVERIFY(studentView->versions()->index(0).data(Qt::DisplayRole).toString().contains(QStringLiteral("Before midterm")));

        // Restore: asked first; Cancel changes nothing.
        QTest::mouseClick(view->restoreButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(view->restoreQuestion() && view->restoreQuestion()->isVisible(), 5000);
        QTest::keyClick(view->restoreQuestion(), Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!view->restoreQuestion(), 5000);
        QCOMPARE(m_a->session->note(Note)->text(), m_stepTexts.last());
        QTest::mouseClick(view->restoreButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(view->restoreQuestion() && view->restoreQuestion()->isVisible(), 5000);
        QAbstractButton *restore = nullptr;
        for (QAbstractButton *b : view->restoreQuestion()->buttons())
            if (b->text() == QStringLiteral("Restore"))
                restore = b;
        QVERIFY(restore);
        QTest::mouseClick(restore, Qt::LeftButton);

        // Every editor shows the first version's text: a new edit, seen live.
        QTRY_COMPARE_WITH_TIMEOUT(editorOf(*m_a)->toPlainText(), m_stepTexts.first(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(editorOf(*m_b)->toPlainText(), m_stepTexts.first(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(editorOf(*m_prof)->toPlainText(), m_stepTexts.first(), 10000);
        // ... and a fifth version on the sliders, marked as the restore of the first.
        QTRY_COMPARE_WITH_TIMEOUT(view->versions()->rowCount(), 5, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(studentView->versions()->rowCount(), 5, 5000);
        QCOMPARE(studentView->versions()->index(4).data(NoteVersionModel::RestoredRole).toULongLong(), m_stepSeqs.first());
        QCOMPARE(studentView->versions()->index(4).data(NoteVersionModel::AuthorsRole).toStringList(),
                 QStringList{QStringLiteral("prof.lee")});
        QTRY_VERIFY_WITH_TIMEOUT(view->statusLine()->text().contains(QStringLiteral("restored")), 5000);
        // The history before it is all still there.
        const quint64 restoredSeq = view->versions()->newestSeq();
        QCOMPARE(serverTextAt(*m_prof, restoredSeq), m_stepTexts.first());
        QCOMPARE(serverTextAt(*m_prof, m_stepSeqs.last()), m_stepTexts.last());
    }

    // The diff colours read in a dark theme as well as in a light one.
    void diffColoursReadOnDarkAndLight()
    {
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        for (const QPalette &p : {dark, light}) {
            const DiffColors c = diffColors(p);
            QVERIFY(contrastRatio(c.added, c.text) >= 4.5);
            QVERIFY(contrastRatio(c.removed, c.text) >= 4.5);
            QVERIFY(contrastRatio(c.context, p.color(QPalette::Base)) >= 4.5);
            QVERIFY(c.added != p.color(QPalette::Base)); // a visible wash, not the base itself
            QVERIFY(c.removed != p.color(QPalette::Base));
            QVERIFY(c.added.green() > c.added.red());
            QVERIFY(c.removed.red() > c.removed.green());
        }
    }
};

QTEST_MAIN(TestDesktopHistory)
#include "tst_desktop_history.moc"
