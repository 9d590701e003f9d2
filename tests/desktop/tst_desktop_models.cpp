// The view models alone: ChatModel with 10,000 messages (behaviour, no timing), live edits and
// the outbox rows; the chat view and delegate over a long channel; typing state; options. Every
// model is checked by QAbstractItemModelTester while the test changes it (modelchecks.h).
#include "chatdelegate.h"
#include "chatmodel.h"
#include "desktopoptions.h"
#include "desktopsettings.h"
#include "listmodels.h"
#include "logindialog.h"
#include "modelchecks.h"
#include "typingstate.h"
#include "usercolors.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace collab;
using namespace collab::desktop;

namespace {
ChatMessage message(quint64 id, const QString &author, const QString &text, const QString &cmid = QString())
{
    ChatMessage m;
    m.id = id;
    m.channel = QStringLiteral("general");
    m.author = author;
    m.text = text;
    m.clientMsgId = cmid;
    m.createdMs = 1700000000000 + qint64(id) * 1000;
    return m;
}
} // namespace

class TestDesktopModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tenThousandMessages()
    {
        ChatModel model(QStringLiteral("general"));
        checkModel(&model);
        QList<ChatMessage> history;
        for (quint64 i = 1; i <= 10000; ++i)
            history << message(i * 2, i % 3 ? QStringLiteral("angie.nguyen") : QStringLiteral("ben.ortiz"),
                               QStringLiteral("message number %1 %2").arg(i).arg(i % 7 ? QString() : QString(300, QLatin1Char('x'))));
        model.setMessages(history);
        QCOMPARE(model.rowCount(), 10000);
        QCOMPARE(model.rowOf(2), 0);
        QCOMPARE(model.rowOf(20000), 9999);
        QCOMPARE(model.rowOf(3), -1);

        // Appends are one inserted row at the end.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.addMessage(message(20002, QStringLiteral("cara.diaz"), QStringLiteral("newest")));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 10000);
        QCOMPARE(reset.count(), 0);

        // A late event lands in id order; a repeated one updates in place.
        model.addMessage(message(3, QStringLiteral("cara.diaz"), QStringLiteral("late")));
        QCOMPARE(model.rowOf(3), 1);
        QCOMPARE(model.rowCount(), 10002);
        model.addMessage(message(3, QStringLiteral("cara.diaz"), QStringLiteral("late")));
        QCOMPARE(model.rowCount(), 10002);

        // Live edits and deletes change one row.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.applyEdit(5000, QStringLiteral("edited"), 1700000009000));
        QCOMPARE(changed.count(), 1);
        const QModelIndex edited = model.index(model.rowOf(5000));
        QCOMPARE(edited.data(ChatModel::TextRole).toString(), QStringLiteral("edited"));
        QVERIFY(edited.data(ChatModel::EditedRole).toBool());
        QVERIFY(model.applyDelete(5000));
        QVERIFY(edited.data(ChatModel::DeletedRole).toBool());
        QVERIFY(edited.data(ChatModel::TextRole).toString().isEmpty());
        QVERIFY(!model.applyEdit(7, QStringLiteral("no such id"), 0));
    }

    void pendingRowsBecomeStoredRows()
    {
        ChatModel model(QStringLiteral("general"));
        checkModel(&model);
        model.setMessages({message(1, QStringLiteral("ben.ortiz"), QStringLiteral("hi"))});
        model.addPending(QStringLiteral("c-1"), QStringLiteral("angie.nguyen"), QStringLiteral("sending this"), 1);
        model.addPending(QStringLiteral("c-2"), QStringLiteral("angie.nguyen"), QStringLiteral("and this"), 2);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.index(2).data(ChatModel::PendingRole).toBool());
        model.markFailed(QStringLiteral("c-2"), QStringLiteral("too_large"));
        QCOMPARE(model.index(2).data(ChatModel::FailedRole).toString(), QStringLiteral("too_large"));

        // Another user's message arrives first; then ours with its clientMsgId replaces the pending row.
        model.addMessage(message(2, QStringLiteral("ben.ortiz"), QStringLiteral("meanwhile")));
        model.addMessage(message(3, QStringLiteral("angie.nguyen"), QStringLiteral("sending this"), QStringLiteral("c-1")));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.storedCount(), 3);
        QCOMPARE(model.pendingCount(), 1);
        QCOMPARE(model.index(2).data(ChatModel::TextRole).toString(), QStringLiteral("sending this"));
        QVERIFY(!model.index(2).data(ChatModel::PendingRole).toBool());
        QVERIFY(model.index(3).data(ChatModel::PendingRole).toBool());
    }

    void longChannelInAView()
    {
        ChatModel model(QStringLiteral("general"));
        checkModel(&model);
        QList<ChatMessage> history;
        for (quint64 i = 1; i <= 10000; ++i)
            history << message(i, QStringLiteral("user%1").arg(i % 17), QStringLiteral("line %1").arg(i));
        model.setMessages(history);
        QListView view;
        auto *delegate = new ChatDelegate(&view);
        view.setItemDelegate(delegate);
        view.setLayoutMode(QListView::Batched);
        view.setBatchSize(200);
        view.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        view.resize(500, 600);
        delegate->setWidth(view.viewport()->width());
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.scrollToBottom();
        QTRY_VERIFY_WITH_TIMEOUT(view.indexAt(QPoint(10, view.viewport()->height() - 5)).isValid(), 10000);
        // Every row was measured once and cached; scrolling around measures nothing again.
        QTRY_COMPARE_WITH_TIMEOUT(delegate->cachedCount(), 10000, 10000);
        view.scrollToTop();
        QCOMPARE(view.indexAt(QPoint(10, 5)).row(), 0);
        QCOMPARE(delegate->cachedCount(), 10000);
        // An edit makes one row measured again.
        model.applyEdit(5000, QString(2000, QLatin1Char('y')), 1);
        delegate->invalidate(model.index(model.rowOf(5000)));
        QCOMPARE(delegate->cachedCount(), 9999);
        const QSize tall = delegate->sizeHint(QStyleOptionViewItem(), model.index(model.rowOf(5000)));
        const QSize small = delegate->sizeHint(QStyleOptionViewItem(), model.index(0));
        QVERIFY(tall.height() > 3 * small.height());
    }

    void typingStateDescribesAndExpires()
    {
        TypingState typing;
        typing.setLocalExpiryMs(200);
        QSignalSpy changed(&typing, &TypingState::changed);
        const QString place = TypingState::channelPlace(QStringLiteral("general"));
        typing.setTyping(place, QStringLiteral("angie.nguyen"), true);
        QCOMPARE(typing.describe(place), QStringLiteral("angie.nguyen is typing\u2026"));
        typing.setTyping(place, QStringLiteral("ben.ortiz"), true);
        QCOMPARE(typing.describe(place), QStringLiteral("angie.nguyen and ben.ortiz are typing\u2026"));
        typing.setTyping(place, QStringLiteral("cara.diaz"), true);
        QCOMPARE(typing.describe(place), QStringLiteral("several people are typing\u2026"));
        QVERIFY(typing.describe(TypingState::notePlace(QStringLiteral("class-notes"))).isEmpty());
        typing.setTyping(place, QStringLiteral("ben.ortiz"), false);
        QCOMPARE(typing.typists(place).size(), 2);
        // A lost "stop" does not leave the indicator up forever.
        QTRY_VERIFY_WITH_TIMEOUT(typing.describe(place).isEmpty(), 5000);
        QVERIFY(changed.count() >= 4);
    }

    void channelsAndMembers()
    {
        ChannelModel channels;
        checkModel(&channels);
        channels.setChannels({QStringLiteral("general"), QStringLiteral("homework")});
        channels.addUnread(QStringLiteral("homework"));
        channels.addUnread(QStringLiteral("homework"));
        QCOMPARE(channels.unread(QStringLiteral("homework")), 2);
        QCOMPARE(channels.index(1).data().toString(), QStringLiteral("# homework   (2)"));
        channels.setChannels({QStringLiteral("general"), QStringLiteral("homework"), QStringLiteral("labs")});
        QCOMPARE(channels.unread(QStringLiteral("homework")), 2);
        channels.clearUnread(QStringLiteral("homework"));
        QCOMPARE(channels.unread(QStringLiteral("homework")), 0);

        MemberModel members;
        checkModel(&members);
        members.setMembers({{QStringLiteral("zoe"), QStringLiteral("student"), true},
                            {QStringLiteral("adam"), QStringLiteral("student"), false},
                            {QStringLiteral("prof.lee"), QStringLiteral("instructor"), true}});
        QCOMPARE(members.index(0).data(MemberModel::UserRole).toString(), QStringLiteral("prof.lee"));
        QCOMPARE(members.index(2).data(MemberModel::UserRole).toString(), QStringLiteral("adam"));
        members.update(QStringLiteral("adam"), QString(), true);
        QCOMPARE(members.index(0).data(MemberModel::UserRole).toString(), QStringLiteral("adam"));
        QCOMPARE(members.onlineCount(), 3);
        QCOMPARE(members.roleOf(QStringLiteral("prof.lee")), QStringLiteral("instructor"));
    }

    void userColorsAreStable()
    {
        QCOMPARE(userColor(QStringLiteral("angie.nguyen")), userColor(QStringLiteral("angie.nguyen")));
        QVERIFY(userColor(QStringLiteral("angie.nguyen")) != userColor(QStringLiteral("ben.ortiz")));
    }

    void loginDialogValidatesAndRemembers()
    {
        QTemporaryDir dir;
        DesktopSettings settings(dir.filePath(QStringLiteral("s.ini")));
        settings.remember(QStringLiteral("ws://school:8080/ws"), QStringLiteral("angie.nguyen"),
                          QStringLiteral("CECS327"), QStringLiteral("blue-river-42"));
        LoginDialog dialog(&settings);
        auto *server = dialog.findChild<QComboBox *>(QStringLiteral("server"));
        auto *name = dialog.findChild<QComboBox *>(QStringLiteral("name"));
        auto *code = dialog.findChild<QLineEdit *>(QStringLiteral("joinCode"));
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("error"));
        QVERIFY(server && name && code && error);
        QCOMPARE(dialog.server(), QStringLiteral("ws://school:8080/ws"));
        QCOMPARE(dialog.name(), QStringLiteral("angie.nguyen"));
        QCOMPARE(dialog.course(), QStringLiteral("CECS327"));
        QCOMPARE(dialog.joinCode(), QStringLiteral("blue-river-42"));

        name->setEditText(QStringLiteral("not a name!"));
        dialog.tryJoin();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!error->text().isEmpty());
        name->setEditText(QStringLiteral("ben.ortiz"));
        server->setEditText(QStringLiteral("ftp://wrong")); // http(s):// is taken: it means ws(s)://HOST/ws
        dialog.tryJoin();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        server->setEditText(QStringLiteral("ws://other:9000/ws"));
        dialog.tryJoin();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.hostRequested());
        QCOMPARE(settings.recentServers().first(), QStringLiteral("ws://other:9000/ws"));
        QCOMPARE(settings.recentNames().first(), QStringLiteral("ben.ortiz"));

        LoginDialog host(&settings);
        host.findChild<QLineEdit *>(QStringLiteral("joinCode"))->clear(); // not needed to host
        host.tryHost();
        QCOMPARE(host.result(), int(QDialog::Accepted));
        QVERIFY(host.hostRequested());
    }

    void optionsAndSettings()
    {
        DesktopOptions o;
        QString error;
        bool help = false;
        QVERIFY(DesktopOptions::parse({QStringLiteral("collab-desktop"), QStringLiteral("--host-demo"),
                                       QStringLiteral("--data"), QStringLiteral("/tmp/x"), QStringLiteral("--port"),
                                       QStringLiteral("0"), QStringLiteral("--geometry"), QStringLiteral("640x800+640+0")},
                                      &o, &error, &help));
        QVERIFY(o.hostDemo);
        QCOMPARE(o.port, 0);
        QCOMPARE(o.geometry, QRect(640, 0, 640, 800));
        QVERIFY(!DesktopOptions::parse({QStringLiteral("collab-desktop"), QStringLiteral("--server"),
                                        QStringLiteral("ftp://x")}, &o, &error, &help));
        QVERIFY(DesktopOptions::parse({QStringLiteral("collab-desktop"), QStringLiteral("--server"),
                                       QStringLiteral("https://x:8443")}, &o, &error, &help));
        QCOMPARE(o.server, QUrl(QStringLiteral("wss://x:8443/ws")));
        QVERIFY(!DesktopOptions::parse({QStringLiteral("collab-desktop"), QStringLiteral("--ca-file"),
                                        QStringLiteral("/nonexistent/ca.pem")}, &o, &error, &help));
        QVERIFY2(error.contains(QLatin1String("cannot read the CA file /nonexistent/ca.pem")), qPrintable(error));
        QVERIFY(!DesktopOptions::parse({QStringLiteral("collab-desktop"), QStringLiteral("--port"),
                                        QStringLiteral("70000")}, &o, &error, &help));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.ini"));
        {
            DesktopSettings s(path);
            s.remember(QStringLiteral("ws://a:1/ws"), QStringLiteral("angie.nguyen"), QStringLiteral("CECS327"),
                       QStringLiteral("code-1"));
            s.remember(QStringLiteral("ws://b:2/ws"), QStringLiteral("angie.nguyen"), QStringLiteral("CECS327"),
                       QStringLiteral("code-2"));
        }
        DesktopSettings s(path);
        QCOMPARE(s.recentServers(), (QStringList{QStringLiteral("ws://b:2/ws"), QStringLiteral("ws://a:1/ws")}));
        QCOMPARE(s.recentNames(), QStringList{QStringLiteral("angie.nguyen")});
        QCOMPARE(s.lastCourse(), QStringLiteral("CECS327"));
        QCOMPARE(s.joinCode(QStringLiteral("CECS327")), QStringLiteral("code-2"));
    }
};

QTEST_MAIN(TestDesktopModels)
#include "tst_desktop_models.moc"
