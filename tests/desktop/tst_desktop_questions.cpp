// Questions, answers, thread counts and new polls from the desktop app (issue 14, parts 1, 2 and 5),
// driven as users would against a real server: a student marks their message a question in the
// thread panel, an instructor endorses a reply from its right-click menu (the students see it
// highlighted and first), resolves and reopens the question, takes the endorsement back; the
// parent row counts replies with their latest authors and the ones not read yet, cleared once the
// thread is read; the "New poll…" dialog, typed with the keyboard, starts a poll everyone sees.
#include "chatsteps.h"

#include "chatmodel.h"
#include "chatpanel.h"
#include "composeroptions.h"
#include "courserequests.h"
#include "interactionpanels.h"
#include "polldialog.h"
#include "threadpanel.h"
#include "usercolors.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QtTest>

using namespace collab::desktop;

using namespace chatsteps;

class TestDesktopQuestions : public QObject, protected ClassroomFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(startClassroom()); }
    void cleanupTestCase() { stopClassroom(); }

    void questionAnsweredEndorsedAndResolved()
    {
        const QString root = post(*m_a, QStringLiteral("Is Raft easier than Paxos?"));
        QVERIFY(openThread(*m_a, root));
        ThreadPanel *mine = threadOf(*m_a);
        QTRY_COMPARE_WITH_TIMEOUT(mine->list()->count(), 1, 5000);
        // The author may make it a question; it is not one yet.
        QVERIFY(mine->questionButton()->isVisible());
        QCOMPARE(mine->questionButton()->text(), QStringLiteral("Mark as a question"));
        QVERIFY(!mine->resolveButton()->isVisible());
        QTest::mouseClick(mine->questionButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(mine->isQuestion(), 5000);
        QCOMPARE(mine->stateLabel()->text(), QStringLiteral("? Open question"));
        QVERIFY(mine->resolveButton()->isVisible());

        // A classmate sees the state, and no buttons that are not theirs to press.
        QVERIFY(openThread(*m_b, root));
        ThreadPanel *classmate = threadOf(*m_b);
        QTRY_VERIFY_WITH_TIMEOUT(classmate->root() != 0 && classmate->isQuestion(), 5000);
        QCOMPARE(classmate->stateLabel()->text(), QStringLiteral("? Open question"));
        QVERIFY(!classmate->resolveButton()->isVisible());
        QVERIFY(!classmate->questionButton()->isVisible());
        reply(*m_b, QStringLiteral("Raft, by design: leader election is explicit"));
        QTRY_VERIFY_WITH_TIMEOUT(itemContaining(classmate->list(), QStringLiteral("Raft, by design")) >= 0, 5000);

        QVERIFY(openThread(*m_prof, root));
        ThreadPanel *prof = threadOf(*m_prof);
        QTRY_VERIFY_WITH_TIMEOUT(itemContaining(prof->list(), QStringLiteral("Raft, by design")) >= 0, 5000);
        reply(*m_prof, QStringLiteral("See the Raft paper, section 5"));
        QTRY_COMPARE_WITH_TIMEOUT(classmate->list()->count(), 3, 5000);
        // The reply that will be endorsed is second among the replies, not first.
        QVERIFY(itemContaining(classmate->list(), QStringLiteral("See the Raft paper")) == 2);

        // A student may not endorse: the entry is there, greyed, and says why.
        std::unique_ptr<QMenu> studentMenu(threadMenu(classmate, QStringLiteral("See the Raft paper")));
        QVERIFY(studentMenu);
        QAction *studentEndorse = findAction(studentMenu.get(), QStringLiteral("Endorse as the answer"));
        QVERIFY(studentEndorse && !studentEndorse->isEnabled());
        QVERIFY(studentEndorse->toolTip().contains(QStringLiteral("Only instructors and TAs")));

        // The instructor endorses the second reply from its right-click menu.
        QTRY_COMPARE_WITH_TIMEOUT(prof->list()->count(), 3, 5000);
        std::unique_ptr<QMenu> menu(threadMenu(prof, QStringLiteral("See the Raft paper")));
        QVERIFY(menu);
        QAction *endorse = findAction(menu.get(), QStringLiteral("Endorse as the answer"));
        QVERIFY(endorse && endorse->isEnabled());
        endorse->trigger();
        // Students see it first after the question, highlighted.
        QTRY_VERIFY_WITH_TIMEOUT(classmate->list()->count() == 3
                                     && classmate->list()->item(1)->text().startsWith(QStringLiteral("\u2714 Answer")), 5000);
        QVERIFY(classmate->list()->item(1)->text().contains(QStringLiteral("prof.lee: See the Raft paper")));
        QVERIFY(classmate->list()->item(1)->data(ThreadPanel::EndorsedRole).toBool());
        const QColor wash = classmate->list()->item(1)->background().color();
        QVERIFY(wash.isValid() && wash != classmate->list()->palette().color(QPalette::Base));
        QVERIFY(contrastRatio(wash, classmate->list()->palette().color(QPalette::Text)) >= 4.5);
        QVERIFY(classmate->list()->item(1)->font().bold());
        QTRY_VERIFY_WITH_TIMEOUT(mine->list()->count() == 3 && mine->list()->item(1)->text().startsWith(QStringLiteral("\u2714 Answer")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_a, QStringLiteral("See the Raft paper, section 5")).contains(QStringLiteral("\u2714 answer")), 5000);

        // Resolved by the instructor; reopened by the author.
        QTRY_VERIFY_WITH_TIMEOUT(prof->resolveButton()->isVisible(), 5000);
        QCOMPARE(prof->resolveButton()->text(), QStringLiteral("Mark resolved"));
        QTest::mouseClick(prof->resolveButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(classmate->stateLabel()->text(), QStringLiteral("\u2714 Resolved question"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_b, root).contains(QStringLiteral("question (resolved)")), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(mine->resolveButton()->text(), QStringLiteral("Reopen"), 5000);
        QTest::mouseClick(mine->resolveButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(prof->stateLabel()->text(), QStringLiteral("? Open question"), 5000);
        QVERIFY(!interactionsOf(*m_b, root).contains(QStringLiteral("resolved")));

        // The endorsement taken back: the answer is an ordinary reply again, in its place.
        std::unique_ptr<QMenu> again(threadMenu(prof, QStringLiteral("\u2714 Answer")));
        QVERIFY(again);
        QAction *unendorse = findAction(again.get(), QStringLiteral("Take back the endorsement"));
        QVERIFY(unendorse && unendorse->isEnabled());
        unendorse->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(classmate->list()->count() == 3 && !classmate->list()->item(1)->text().startsWith(QStringLiteral("\u2714")), 5000);
        QCOMPARE(itemContaining(classmate->list(), QStringLiteral("See the Raft paper")), 2);
    }

    // The parent row counts the replies, names the latest repliers and the replies not read yet;
    // reading the thread clears them, and one's own replies never count as new.
    // From the message box itself: a student asks a question anonymously (ticks "Ask as a
    // question", then "Anonymously", which the course allows for questions only). Classmates see
    // the pseudonym on a question; the instructor sees who asked; both boxes clear after sending.
    // When the instructor turns anonymous posts off, the box is no longer offered.
    void askAnonymouslyFromTheComposer()
    {
        ComposerOptions *options = m_b->window->chatPanel()->composerOptions();
        QTRY_VERIFY_WITH_TIMEOUT(options->isVisible(), 5000);
        QCheckBox *question = options->questionBox();
        QCheckBox *anonymous = options->anonymousBox();
        QVERIFY(anonymous->isVisible());
        QVERIFY(!anonymous->isEnabled()); // "questions": only with a question
        QTest::mouseClick(question, Qt::LeftButton, {}, QPoint(4, question->height() / 2));
        QVERIFY(question->isChecked());
        QVERIFY(anonymous->isEnabled());
        QTest::mouseClick(anonymous, Qt::LeftButton, {}, QPoint(4, anonymous->height() / 2));
        QVERIFY(anonymous->isChecked());
        const QString text = post(*m_b, QStringLiteral("Does the midterm cover vector clocks?"));
        QVERIFY(!question->isChecked() && !anonymous->isChecked());

        ChatModel *classmate = m_a->session->chat(General);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfText(classmate, text) >= 0, 5000);
        const QModelIndex seen = classmate->index(rowOfText(classmate, text));
        QVERIFY(!seen.data(ChatModel::AuthorRole).toString().contains(QStringLiteral("ben")));
        QVERIFY(seen.data(ChatModel::AuthorRole).toString().startsWith(QStringLiteral("Anonymous")));
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_a, text).contains(QStringLiteral("question")), 5000);
        ChatModel *prof = m_prof->session->chat(General);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfText(prof, text) >= 0, 5000);
        QVERIFY(prof->index(rowOfText(prof, text)).data(ChatModel::AuthorRole).toString().contains(QStringLiteral("ben.ortiz")));
        // The rows that know who wrote it still say that it is anonymous: the classmate's shows the
        // pseudonym, the author's "… (you, posted anonymously)", the instructor's "… — ben.ortiz";
        // a screen reader hears the same as a sentence.
        const QString pseudonym = seen.data(ChatModel::AuthorRole).toString();
        QCOMPARE(seen.data(ChatModel::AuthorLabelRole).toString(), pseudonym);
        const QModelIndex asInstructor = prof->index(rowOfText(prof, text));
        QCOMPARE(asInstructor.data(ChatModel::AuthorLabelRole).toString(), pseudonym + QStringLiteral(" \u2014 ben.ortiz"));
        QVERIFY(asInstructor.data(Qt::AccessibleTextRole).toString().startsWith(pseudonym + QStringLiteral(", posted anonymously by ben.ortiz, ")));
        ChatModel *own = m_b->session->chat(General);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfText(own, text) >= 0 && own->pendingCount() == 0, 5000);
        const QModelIndex asAuthor = own->index(rowOfText(own, text));
        QCOMPARE(asAuthor.data(ChatModel::AuthorLabelRole).toString(), pseudonym + QStringLiteral(" (you, posted anonymously)"));
        QVERIFY(asAuthor.data(Qt::AccessibleTextRole).toString().startsWith(pseudonym + QStringLiteral(", posted anonymously by you, ")));
        // The thread panel, opened from the row's right-click menu, names the author the same way.
        QVERIFY(openThread(*m_prof, text));
        QTRY_COMPARE_WITH_TIMEOUT(threadOf(*m_prof)->list()->count(), 1, 5000);
        QVERIFY(threadOf(*m_prof)->list()->item(0)->text().startsWith(pseudonym + QStringLiteral(" \u2014 ben.ortiz: ")));
        QVERIFY(openThread(*m_b, text));
        QTRY_COMPARE_WITH_TIMEOUT(threadOf(*m_b)->list()->count(), 1, 5000);
        QVERIFY(threadOf(*m_b)->list()->item(0)->text().startsWith(pseudonym + QStringLiteral(" (you, posted anonymously): ")));

        // A question that is not anonymous: ticking the question alone.
        QTest::mouseClick(question, Qt::LeftButton, {}, QPoint(4, question->height() / 2));
        const QString named = post(*m_b, QStringLiteral("Is the lab due Friday?"));
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_a, named).contains(QStringLiteral("question")), 5000);
        QCOMPARE(classmate->index(rowOfText(classmate, named)).data(ChatModel::AuthorRole).toString(), QStringLiteral("ben.ortiz"));

        // Anonymous posts turned off: the box goes away (the server would refuse them).
        bool off = false;
        sendCourseRequest(m_prof->session->client(), this, collab::proto::AnonymitySet{QStringLiteral("CECS327"), QStringLiteral("off")},
                          [&](const QJsonObject &, const QString &error) { off = error.isEmpty(); });
        QTRY_VERIFY_WITH_TIMEOUT(off, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(anonymous->isHidden(), 5000);
        QTest::mouseClick(question, Qt::LeftButton, {}, QPoint(4, question->height() / 2));
        QVERIFY(!options->extras().anonymous);
        question->setChecked(false);
        bool back = false;
        sendCourseRequest(m_prof->session->client(), this, collab::proto::AnonymitySet{QStringLiteral("CECS327"), QStringLiteral("questions")},
                          [&](const QJsonObject &, const QString &error) { back = error.isEmpty(); });
        QTRY_VERIFY_WITH_TIMEOUT(back, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!anonymous->isHidden(), 5000);
    }

    void replyCountsAndUnreadReplies()
    {
        m_a->window->setInteractionsVisible(false); // angie is reading the chat, not the thread
        const QString root = post(*m_a, QStringLiteral("Are office hours moved this week?"));
        QVERIFY(openThread(*m_prof, root));
        QTRY_COMPARE_WITH_TIMEOUT(threadOf(*m_prof)->list()->count(), 1, 5000);
        reply(*m_prof, QStringLiteral("Yes, to Thursday 3pm"));
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_a, root).contains(QStringLiteral("1 reply (1 new) by prof.lee")), 5000);
        QVERIFY(openThread(*m_b, root));
        QTRY_COMPARE_WITH_TIMEOUT(threadOf(*m_b)->list()->count(), 2, 5000);
        reply(*m_b, QStringLiteral("Thanks!"));
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_a, root).contains(QStringLiteral("2 replies (2 new) by ben.ortiz, prof.lee")), 5000);
        const int row = rowOfText(m_a->session->chat(General), root);
        QCOMPARE(m_a->session->chat(General)->index(row).data(ChatModel::ThreadUnreadRole).toInt(), 2);
        // ben's window: he has the thread open, so nothing there is new to him.
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_b, root).contains(QStringLiteral("2 replies")), 5000);
        QVERIFY(!interactionsOf(*m_b, root).contains(QStringLiteral("new")));

        // angie opens the thread: it says 2 new, marks them, and the row stops counting them.
        QVERIFY(openThread(*m_a, root));
        m_a->window->setInteractionsVisible(true);
        ThreadPanel *thread = threadOf(*m_a);
        QTRY_VERIFY_WITH_TIMEOUT(thread->list()->count() == 3 && thread->newReplies() == 2, 5000);
        QVERIFY(thread->titleLabel()->text().contains(QStringLiteral("2 replies \u00b7 2 new")));
        QVERIFY(thread->list()->item(1)->text().startsWith(QStringLiteral("\u25cf new")));
        QVERIFY(thread->list()->item(2)->text().startsWith(QStringLiteral("\u25cf new")));
        QVERIFY(thread->list()->item(2)->data(ThreadPanel::NewRole).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!interactionsOf(*m_a, root).contains(QStringLiteral("new")), 5000);
        QCOMPARE(m_a->session->chat(General)->index(row).data(ChatModel::ThreadUnreadRole).toInt(), 0);
        // Her own reply is not new to her.
        reply(*m_a, QStringLiteral("Great, thank you"));
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_a, root).contains(QStringLiteral("3 replies by angie.nguyen")), 5000);
        QVERIFY(!interactionsOf(*m_a, root).contains(QStringLiteral("new")));
    }

    // A student is not offered "New poll…"; the instructor's dialog, typed with the keyboard,
    // starts a poll everyone can open.
    void newPollFromTheDialog()
    {
        QAction *studentAction = m_b->window->menuBar()->findChild<QAction *>(QStringLiteral("newPoll"));
        QVERIFY(studentAction && !studentAction->isEnabled());
        QVERIFY(studentAction->statusTip().contains(QStringLiteral("Only instructors and TAs")));
        QVERIFY(!m_b->window->interactionsPanel()->poll()->newPollButton()->isVisibleTo(m_b->window->interactionsPanel()->poll()));

        QAction *action = m_prof->window->menuBar()->findChild<QAction *>(QStringLiteral("newPoll"));
        QVERIFY(action && action->isEnabled());
        action->trigger();
        PollDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = m_prof->window->findChild<PollDialog *>()) && dialog->isVisible(), 5000);
        QCOMPARE(dialog->channel(), General);
        QVERIFY(!dialog->startButton()->isEnabled());
        QCOMPARE(dialog->hintLabel()->text(), QStringLiteral("Type the question."));
        QCOMPARE(dialog->optionEdits().size(), 2);

        // Tab goes from the question to each option in turn (their ✕ are greyed: two is the least).
        QTest::keyClicks(dialog->questionEdit(), QStringLiteral("Which protocol first?"));
        QTest::keyClick(dialog->questionEdit(), Qt::Key_Tab);
        QCOMPARE(dialog->focusWidget(), dialog->optionEdits().at(0));
        QTest::keyClicks(dialog->focusWidget(), QStringLiteral("Raft"));
        QVERIFY(!dialog->removeButtons().at(0)->isEnabled());
        QTest::keyClick(dialog->focusWidget(), Qt::Key_Tab);
        QCOMPARE(dialog->focusWidget(), dialog->optionEdits().at(1));
        QTest::keyClicks(dialog->focusWidget(), QStringLiteral("Raft"));
        QVERIFY(!dialog->startButton()->isEnabled());
        QVERIFY(dialog->hintLabel()->text().contains(QStringLiteral("twice")));
        dialog->optionEdits().at(1)->selectAll();
        QTest::keyClicks(dialog->optionEdits().at(1), QStringLiteral("Paxos"));
        QVERIFY(dialog->startButton()->isEnabled());
        // Up to ten options; the ✕ takes one out (never below two).
        QTest::mouseClick(dialog->addOptionButton(), Qt::LeftButton);
        QCOMPARE(dialog->optionEdits().size(), 3);
        QVERIFY(!dialog->startButton()->isEnabled()); // an empty option
        QCOMPARE(dialog->focusWidget(), dialog->optionEdits().at(2)); // Add option: the new one takes the keys
        QTest::keyClicks(dialog->focusWidget(), QStringLiteral("Both at once"));
        QTest::keyClick(dialog->focusWidget(), Qt::Key_Tab);
        QCOMPARE(dialog->focusWidget(), dialog->removeButtons().at(2)); // three: each may be taken out
        while (dialog->addOptionButton()->isEnabled())
            QTest::mouseClick(dialog->addOptionButton(), Qt::LeftButton);
        QCOMPARE(dialog->optionEdits().size(), 10);
        QVERIFY(dialog->addOptionButton()->toolTip().contains(QStringLiteral("at most 10")));
        while (dialog->optionEdits().size() > 3)
            QTest::mouseClick(dialog->removeButtons().last(), Qt::LeftButton);
        QCOMPARE(dialog->optionEdits().size(), 3);
        QCOMPARE(dialog->optionEdits().at(2)->text(), QStringLiteral("Both at once"));
        QVERIFY(dialog->startButton()->isEnabled());
        // Five minutes, anonymous, by keyboard.
        dialog->minutesBox()->setFocus();
        dialog->minutesBox()->selectAll();
        QTest::keyClicks(dialog->minutesBox(), QStringLiteral("5"));
        QCOMPARE(dialog->minutesBox()->value(), 5);
        dialog->anonymousBox()->setFocus();
        QTest::keyClick(dialog->anonymousBox(), Qt::Key_Space);
        QVERIFY(dialog->anonymousBox()->isChecked());
        QPointer<PollDialog> open(dialog);
        QTest::keyClick(dialog->questionEdit(), Qt::Key_Return); // the default button: Start poll
        QTRY_VERIFY_WITH_TIMEOUT(!open, 5000);

        // The poll is open in the instructor's panel, and every student can open it from the chat.
        PollPanel *profPoll = m_prof->window->interactionsPanel()->poll();
        QTRY_VERIFY_WITH_TIMEOUT(m_prof->window->interactionsPanel()->isVisible(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(profPoll->optionButtons().size(), 3, 5000);
        const QString question = QStringLiteral("Which protocol first?");
        QTRY_VERIFY_WITH_TIMEOUT(rowOfText(m_b->session->chat(General), question) >= 0, 5000);
        QVERIFY(clickChatMenu(*m_b, question, QStringLiteral("Open poll")));
        PollPanel *poll = m_b->window->interactionsPanel()->poll();
        QTRY_COMPARE_WITH_TIMEOUT(poll->optionButtons().size(), 3, 5000);
        QVERIFY(poll->optionButtons().at(2)->text().startsWith(QStringLiteral("Both at once")));
        QTRY_VERIFY_WITH_TIMEOUT(poll->findChildren<QLabel *>().size() > 0, 5000);
        bool saysAnonymous = false;
        for (QLabel *l : poll->findChildren<QLabel *>())
            saysAnonymous |= l->text().contains(QStringLiteral("anonymous"));
        QVERIFY(saysAnonymous);
    }

    // The server's refusal is said in the dialog, and what was typed stays.
    void aRefusedPollKeepsWhatWasTyped()
    {
        // A poll in a channel the server does not know is refused.
        PollDialog dialog(m_prof->session.get(), QStringLiteral("no-such-channel"));
        dialog.show();
        QTest::keyClicks(dialog.questionEdit(), QStringLiteral("Lost?"));
        QTest::keyClicks(dialog.optionEdits().at(0), QStringLiteral("yes"));
        QTest::keyClicks(dialog.optionEdits().at(1), QStringLiteral("no"));
        dialog.setAttribute(Qt::WA_DeleteOnClose, false);
        QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.hintLabel()->text().contains(QStringLiteral("was not started")), 5000);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.questionEdit()->text(), QStringLiteral("Lost?"));
        QVERIFY(dialog.startButton()->isEnabled());
    }
};

QTEST_MAIN(TestDesktopQuestions)
#include "tst_desktop_questions.moc"
