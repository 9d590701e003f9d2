// Chat basics people expect (issue 12, part 6), two windows on a real server, typed as users do:
// @mention autocomplete from the member list, mentions highlighted and counted in a badge,
// consecutive messages of one author grouped, a "new messages" divider, copying a message and a
// part of it.
#include "chatdelegate.h"
#include "chatpanel.h"
#include "coursesidebar.h"
#include "coursesidebarmodel.h"
#include "desktopfixture.h"
#include "listmodels.h"

#include <QAbstractItemView>
#include <QAction>
#include <QClipboard>
#include <QApplication>
#include <QCompleter>
#include <QGuiApplication>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QtTest>

using namespace collab::desktop;

class TestDesktopChatBasics : public QObject, protected DesktopFixture
{
    Q_OBJECT

    static void say(DesktopPeer &p, const QString &text)
    {
        Composer *c = p.window->chatPanel()->composer();
        QTest::keyClicks(c, text);
        QTest::keyClick(c, Qt::Key_Return);
    }
    static void showChannel(DesktopPeer &p, const QString &channel)
    {
        CourseSidebar *view = p.window->sidebar();
        const QModelIndex row = view->sidebarModel()->channelIndex(p.session.get(), channel);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(row).center());
        QTRY_COMPARE(p.session->currentChannel(), channel);
    }
    static QMenu *rowMenu(ChatPanel *chat, int row)
    {
        return chat->contextMenuAt(chat->view()->visualRect(chat->view()->model()->index(row, 0)).center());
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(startDesktops());
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_a->session->members()->roleOf(QStringLiteral("ben.ortiz")).isEmpty(), 5000);
    }
    void cleanup() { stopDesktops(); }

    // Enter while names are offered takes the chosen name (as Tab does) and sends nothing; the
    // key goes where a user's key goes: to the popup while it is open.
    void enterAcceptsTheOfferedName()
    {
        Composer *composer = m_a->window->chatPanel()->composer();
        m_a->window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_a->window.get()));
        composer->setFocus();
        QTRY_VERIFY(composer->hasFocus());
        const int rowsBefore = m_a->session->chat(m_a->session->currentChannel())->rowCount();
        QTest::keyClicks(composer, QStringLiteral("ask @be"));
        QVERIFY2(composer->completer(), "no member names offered");
        QTRY_VERIFY_WITH_TIMEOUT(composer->completer()->popup()->isVisible(), 5000);
        QWidget *target = QApplication::activePopupWidget() ? QApplication::activePopupWidget() : QApplication::focusWidget();
        QVERIFY(target);
        QTest::keyClick(target, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(composer->toPlainText(), QStringLiteral("ask @ben.ortiz "), 5000);
        QVERIFY(!composer->completer()->popup()->isVisible());
        QCOMPARE(m_a->session->chat(m_a->session->currentChannel())->rowCount(), rowsBefore); // nothing sent
        composer->clear();
    }

    void mentionsAreCompletedHighlightedAndCounted()
    {
        showChannel(*m_b, QStringLiteral("homework"));
        Composer *composer = m_a->window->chatPanel()->composer();
        m_a->window->activateWindow(); // Angie types in her window
        QVERIFY(QTest::qWaitForWindowActive(m_a->window.get()));
        composer->setFocus();
        QTRY_VERIFY(composer->hasFocus());
        QTest::keyClicks(composer, QStringLiteral("thanks @be"));
        QVERIFY2(composer->completer(), "no member names offered");
        QCOMPARE(composer->completer()->currentCompletion(), QStringLiteral("ben.ortiz"));
        QTest::keyClick(composer, Qt::Key_Tab); // takes the name offered
        QCOMPARE(composer->toPlainText(), QStringLiteral("thanks @ben.ortiz "));
        QTest::keyClicks(composer, QStringLiteral("for the notes"));
        QTest::keyClick(composer, Qt::Key_Return);

        // Ben is in #homework: #general gets an unread count and a mention badge.
        ChannelModel *channels = m_b->session->channels();
        const QModelIndex general = channels->index(channels->rowOf(QStringLiteral("general")));
        QTRY_COMPARE_WITH_TIMEOUT(general.data(ChannelModel::MentionsRole).toInt(), 1, 5000);
        QVERIFY(general.data(Qt::DisplayRole).toString().endsWith(QLatin1String("@1")));
        QVERIFY(general.data(Qt::ToolTipRole).toString().contains(QLatin1String("1 mentioning you")));
        showChannel(*m_b, QStringLiteral("general"));
        QCOMPARE(general.data(ChannelModel::MentionsRole).toInt(), 0);
        ChatModel *model = m_b->session->chat(QStringLiteral("general"));
        QCOMPARE(model->index(0).data(ChatModel::MentionRole).toBool(), true);
        // Not a mention in the author's own window.
        QCOMPARE(m_a->session->chat(QStringLiteral("general"))->index(0).data(ChatModel::MentionRole).toBool(), false);
    }

    void messagesOfOneAuthorAreGroupedAndNewOnesMarked()
    {
        say(*m_a, QStringLiteral("first"));
        QTRY_COMPARE_WITH_TIMEOUT(m_b->session->chat(QStringLiteral("general"))->storedCount(), 1, 5000);
        showChannel(*m_b, QStringLiteral("homework"));
        say(*m_a, QStringLiteral("second"));
        say(*m_a, QStringLiteral("third"));
        ChatModel *model = m_b->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(model->storedCount(), 3, 5000);
        showChannel(*m_b, QStringLiteral("general"));
        say(*m_b, QStringLiteral("mine"));
        QTRY_COMPARE_WITH_TIMEOUT(model->storedCount(), 4, 5000);
        QCOMPARE(model->index(0).data(ChatModel::ContinuationRole).toBool(), false);
        // "second" starts what came while Ben was away: it shows the divider (and its header).
        QCOMPARE(model->index(1).data(ChatModel::FirstUnreadRole).toBool(), true);
        QCOMPARE(model->index(1).data(ChatModel::ContinuationRole).toBool(), false);
        QCOMPARE(model->index(2).data(ChatModel::ContinuationRole).toBool(), true);
        QCOMPARE(model->index(2).data(ChatModel::FirstUnreadRole).toBool(), false);
        QCOMPARE(model->index(3).data(ChatModel::ContinuationRole).toBool(), false);
        // In Angie's window nothing was missed: no divider; her three are one group.
        ChatModel *hers = m_a->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(hers->storedCount(), 4, 5000);
        for (int row = 0; row < 4; ++row)
            QCOMPARE(hers->index(row).data(ChatModel::FirstUnreadRole).toBool(), false);
        QCOMPARE(hers->index(1).data(ChatModel::ContinuationRole).toBool(), true);
        QCOMPARE(hers->index(2).data(ChatModel::ContinuationRole).toBool(), true);
        // A grouped row has no header: its text starts at the top and the row is lower.
        ChatPanel *chat = m_a->window->chatPanel();
        const QRect grouped = chat->view()->visualRect(hers->index(2));
        const QRect headed = chat->view()->visualRect(hers->index(3));
        QCOMPARE(chat->delegate()->bodyOrigin(hers->index(2), grouped, chat->view()->font()).y(), grouped.top());
        QVERIFY(chat->delegate()->bodyOrigin(hers->index(3), headed, chat->view()->font()).y() > headed.top());
    }

    void anyMessageOrPartOfItIsCopied()
    {
        say(*m_a, QStringLiteral("The exam is on Friday at 10"));
        ChatModel *model = m_b->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(model->storedCount(), 1, 5000);
        ChatPanel *chat = m_b->window->chatPanel();
        QMenu *menu = rowMenu(chat, 0);
        menu->findChild<QAction *>(QStringLiteral("copyMessage"))->trigger();
        delete menu;
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("The exam is on Friday at 10"));

        menu = rowMenu(chat, 0);
        menu->findChild<QAction *>(QStringLiteral("selectText"))->trigger();
        delete menu;
        QTRY_VERIFY(chat->selectDialog() && chat->selectDialog()->isVisible());
        auto *box = chat->selectDialog()->findChild<QPlainTextEdit *>(QStringLiteral("text"));
        QVERIFY(box);
        QTest::keyClick(box, Qt::Key_Home, Qt::ControlModifier);
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(box, Qt::Key_Right, Qt::ControlModifier);
        for (int i = 0; i < 6; ++i)
            QTest::keyClick(box, Qt::Key_Right, Qt::ShiftModifier);
        QTest::keyClick(box, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("Friday"));
        QCOMPARE(box->toPlainText(), QStringLiteral("The exam is on Friday at 10")); // read-only
    }
};

QTEST_MAIN(TestDesktopChatBasics)
#include "tst_desktop_chatbasics.moc"
