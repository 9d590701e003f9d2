// Course interactions from the desktop app (issue 14, part 9), clicked offscreen against a real
// server: reply in a thread from the side panel, react from the context menu, pin (a moderator),
// vote in a poll, and the office-hours queue (a student joins, the TA takes them and is done).
#include "chatsteps.h"

#include "chatmodel.h"
#include "chatpanel.h"
#include "courserequests.h"
#include "interactionpanels.h"
#include "mainwindow.h"

#include "hub/hub.h"
#include "serverinstance.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QTabBar>
#include <QtTest>

using namespace collab::desktop;

using namespace chatsteps;

class TestDesktopInteractions : public QObject, protected ClassroomFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(startClassroom()); }
    void cleanupTestCase() { stopClassroom(); }

    void replyInTheThreadPanel()
    {
        const QString question = post(*m_a, QStringLiteral("Is Raft easier than Paxos?"));
        QTRY_VERIFY_WITH_TIMEOUT(rowOfText(m_b->session->chat(General), question) >= 0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_b->session->chat(General)->pendingCount() == 0
                                     && m_a->session->chat(General)->pendingCount() == 0, 5000);
        // The panel is not a column taking the chat's width until it is wanted: opening a thread shows it.
        QVERIFY(!m_b->window->interactionsPanel()->isVisible());
        const int chatWidth = m_b->window->chatPanel()->width();
        QVERIFY(clickChatMenu(*m_b, question, QStringLiteral("Reply in thread")));
        QTRY_VERIFY_WITH_TIMEOUT(m_b->window->interactionsPanel()->isVisible(), 5000);
        QVERIFY(m_b->window->interactionsAction()->isChecked());
        QVERIFY(m_b->window->chatPanel()->width() < chatWidth);
        QVERIFY(m_b->window->chatPanel()->width() > 200);
        ThreadPanel *thread = m_b->window->interactionsPanel()->thread();
        QTRY_COMPARE_WITH_TIMEOUT(thread->list()->count(), 1, 5000);
        QTest::keyClicks(thread->replyEdit(), QStringLiteral("It was designed to be"));
        QTest::mouseClick(thread->replyButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(thread->list()->count(), 2, 5000);
        QVERIFY(thread->list()->item(1)->text().contains(QStringLiteral("ben.ortiz: It was designed to be")));
        // The parent in the other window counts the reply.
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_a, question).contains(QStringLiteral("1 reply")), 5000);
    }

    void reactFromTheContextMenu()
    {
        const QString question = QStringLiteral("Is Raft easier than Paxos?");
        QVERIFY(clickChatMenu(*m_b, question, QStringLiteral("👍")));
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_a, question).contains(QStringLiteral("👍 1")), 5000);
        QVERIFY(clickChatMenu(*m_a, question, QStringLiteral("👍")));
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_b, question).contains(QStringLiteral("👍 2")), 5000);
        // A second click on one's own reaction takes it back.
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_a, question).contains(QStringLiteral("👍 2")), 5000);
        QVERIFY(clickChatMenu(*m_a, question, QStringLiteral("👍")));
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_b, question).contains(QStringLiteral("👍 1")), 5000);
    }

    void moderatorsPin()
    {
        const QString question = QStringLiteral("Is Raft easier than Paxos?");
        QTRY_VERIFY_WITH_TIMEOUT(rowOfText(m_prof->session->chat(General), question) >= 0, 5000);
        QVERIFY(!clickChatMenu(*m_b, question, QStringLiteral("Pin"))); // students have no Pin
        QVERIFY(clickChatMenu(*m_prof, question, QStringLiteral("Pin to channel")));
        QTRY_VERIFY_WITH_TIMEOUT(interactionsOf(*m_a, question).contains(QStringLiteral("pinned")), 5000);
    }

    void voteInAPoll()
    {
        bool created = false;
        sendCourseRequest(m_prof->session->client(), this,
                          collab::proto::PollCreate{QStringLiteral("CECS327"), QStringLiteral("general"), QStringLiteral("Raft or Paxos first?"),
                                                    {QStringLiteral("Raft"), QStringLiteral("Paxos")}},
                          [&](const QJsonObject &, const QString &error) { created = error.isEmpty(); });
        QTRY_VERIFY_WITH_TIMEOUT(created, 5000);
        const QString question = QStringLiteral("Raft or Paxos first?");
        QTRY_VERIFY_WITH_TIMEOUT(rowOfText(m_b->session->chat(General), question) >= 0, 5000);
        QVERIFY(clickChatMenu(*m_b, question, QStringLiteral("Open poll")));
        PollPanel *poll = m_b->window->interactionsPanel()->poll();
        QTRY_COMPARE_WITH_TIMEOUT(poll->optionButtons().size(), 2, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(poll->optionButtons().at(0)->isVisible(), 5000); // shown by the layout, as a user sees it
        poll->optionButtons().at(0)->click(); // QAbstractButton::click(): the press and release a user makes
        QVERIFY(poll->optionButtons().at(0)->isChecked());
        poll->voteButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(poll->counts(), (QList<int>{1, 0}), 5000);
        // The instructor's panel shows the tally and closes the poll; then nobody votes.
        QVERIFY(clickChatMenu(*m_prof, question, QStringLiteral("Open poll")));
        PollPanel *profPoll = m_prof->window->interactionsPanel()->poll();
        QTRY_COMPARE_WITH_TIMEOUT(profPoll->counts(), (QList<int>{1, 0}), 5000);
        QVERIFY(profPoll->closeButton()->isVisible());
        QVERIFY(!poll->closeButton()->isVisible());
        profPoll->closeButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(poll->isClosed(), 5000);
        QVERIFY(!poll->voteButton()->isEnabled());
    }

    // A poll that closes at its time: the server sends nothing then, yet the student's panel says
    // when it closes and turns closed by itself (the server's clock is moved on to just before).
    void aTimedPollClosesOnItsOwn()
    {
        const QString question = QStringLiteral("Ready for the quiz?");
        bool created = false;
        collab::proto::PollCreate create{QStringLiteral("CECS327"), QStringLiteral("general"), question,
                                         {QStringLiteral("Yes"), QStringLiteral("Not yet")}};
        create.minutes = 2;
        sendCourseRequest(m_prof->session->client(), this, create,
                          [&](const QJsonObject &, const QString &error) { created = error.isEmpty(); });
        QTRY_VERIFY_WITH_TIMEOUT(created, 5000);
        const qint64 skip = 2 * 60000 - 1500; // 1.5 s before it closes
        m_server->instance()->hub().polls().setClock([skip] { return QDateTime::currentMSecsSinceEpoch() + skip; });
        QTRY_VERIFY_WITH_TIMEOUT(rowOfText(m_b->session->chat(General), question) >= 0, 5000);
        QVERIFY(clickChatMenu(*m_b, question, QStringLiteral("Open poll")));
        PollPanel *poll = m_b->window->interactionsPanel()->poll();
        // The panel showed the closed poll before: this one's answer says when it closes.
        QTRY_VERIFY_WITH_TIMEOUT(poll->statusLabel()->text().contains(QStringLiteral("closes at")), 5000);
        QCOMPARE(poll->optionButtons().size(), 2);
        QVERIFY(!poll->isClosed());
        QVERIFY(poll->voteButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(poll->isClosed(), 10000);
        QVERIFY(!poll->voteButton()->isEnabled());
        QVERIFY(!poll->optionButtons().at(0)->isEnabled());
        QVERIFY(!poll->statusLabel()->text().contains(QStringLiteral("closes at")));
        m_server->instance()->hub().polls().setClock([] { return QDateTime::currentMSecsSinceEpoch(); });
    }

    void theOfficeHoursQueue()
    {
        QueuePanel *ta = m_prof->window->interactionsPanel()->queue();
        QueuePanel *student = m_b->window->interactionsPanel()->queue();
        // The instructor's panel is open since the poll: the View menu's shortcut (Ctrl+Shift+T)
        // closes it, giving the chat its width back, and the menu entry opens it again.
        QVERIFY(m_prof->window->interactionsPanel()->isVisible());
        const int chatWidth = m_prof->window->chatPanel()->width();
        m_prof->window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_prof->window.get()));
        QTest::keyClick(m_prof->window.get(), Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!m_prof->window->interactionsPanel()->isVisible(), 5000);
        QVERIFY(!m_prof->window->interactionsAction()->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(m_prof->window->chatPanel()->width() > chatWidth, 5000);
        m_prof->window->interactionsAction()->trigger(); // View → Threads, polls and queue
        QTRY_VERIFY_WITH_TIMEOUT(m_prof->window->interactionsPanel()->isVisible(), 5000);
        QTabBar *profTabs = m_prof->window->interactionsPanel()->tabBar();
        QTest::mouseClick(profTabs, Qt::LeftButton, {}, profTabs->tabRect(m_prof->window->interactionsPanel()->indexOf(ta)).center());
        QTabBar *studentTabs = m_b->window->interactionsPanel()->tabBar(); // open since the thread
        QTest::mouseClick(studentTabs, Qt::LeftButton, {}, studentTabs->tabRect(m_b->window->interactionsPanel()->indexOf(student)).center());
        QCOMPARE(m_prof->window->interactionsPanel()->currentWidget(), ta);
        QCOMPARE(m_b->window->interactionsPanel()->currentWidget(), student);
        QTRY_VERIFY_WITH_TIMEOUT(ta->openButton()->isVisible(), 5000);
        QVERIFY(!student->openButton()->isVisible());
        QTest::mouseClick(ta->openButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(student->joinButton()->isEnabled(), 5000);
        QTest::keyClicks(student->topicEdit(), QStringLiteral("lab 2, part b"));
        QTest::mouseClick(student->joinButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(student->position(), 1, 5000);
        QVERIFY(student->statusLabel()->text().contains(QStringLiteral("#1")));
        QTRY_COMPARE_WITH_TIMEOUT(ta->entries()->count(), 1, 5000);
        QSignalSpy told(student, &QueuePanel::takenForHelp);
        QTest::mouseClick(ta->takeNextButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(told.count(), 1, 5000);
        QCOMPARE(told.first().first().toString(), QStringLiteral("prof.lee"));
        QTRY_VERIFY_WITH_TIMEOUT(ta->entries()->item(0) && ta->entries()->item(0)->text().contains(QStringLiteral("with prof.lee")), 5000);
        QTest::mouseClick(ta->doneButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ta->entries()->count(), 0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(ta->statusLabel()->text().contains(QStringLiteral("1 served")), 5000);
    }
};

QTEST_MAIN(TestDesktopInteractions)
#include "tst_desktop_interactions.moc"
