// Two desktop windows on one real server (in-process, port 0): chat typed in one composer shows in
// the other, typing indicators appear and expire, edits/deletes apply live, unread counts.
#include "desktopfixture.h"

#include "chatmodel.h"
#include "chatpanel.h"
#include "listmodels.h"
#include "mentionnotifier.h"
#include "typingstate.h"
#include "wstestclient.h"

#include <QLabel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScrollBar>
#include <QSignalSpy>
#include <QtTest>

using namespace collab::desktop;

namespace {
QStringList texts(ChatModel *m)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r).data(ChatModel::TextRole).toString();
    return out;
}
} // namespace

class TestDesktopChat : public QObject, protected DesktopFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(startDesktops());
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady(), 10000);
    }
    void cleanup() { stopDesktops(); }

    void composerMessageShowsInOtherInstance()
    {
        Composer *composer = m_a->window->chatPanel()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("hello class"));
        QTest::keyClick(composer, Qt::Key_Return);
        QVERIFY(composer->toPlainText().isEmpty());

        ChatModel *bGeneral = m_b->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(texts(bGeneral), QStringList{QStringLiteral("hello class")}, 5000);
        QCOMPARE(bGeneral->index(0).data(ChatModel::AuthorRole).toString(), QStringLiteral("angie.nguyen"));
        QVERIFY(bGeneral->index(0).data(ChatModel::IdRole).toULongLong() > 0);
        // The sender's own row went from "sending…" to stored.
        ChatModel *aGeneral = m_a->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(aGeneral->pendingCount(), 0, 5000);
        QCOMPARE(texts(aGeneral), QStringList{QStringLiteral("hello class")});
        QCOMPARE(m_b->window->chatPanel()->view()->model(), bGeneral);

        // Shift+Enter is a new line, not a send.
        QTest::keyClicks(composer, QStringLiteral("line 1"));
        QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(composer, QStringLiteral("line 2"));
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(bGeneral->rowCount(), 2, 5000);
        QCOMPARE(texts(bGeneral).last(), QStringLiteral("line 1\nline 2"));
    }

    void typingIndicatorAppearsAndGoes()
    {
        QLabel *label = m_b->window->chatPanel()->typingLabel();
        QVERIFY(label->text().isEmpty());
        QTest::keyClicks(m_a->window->chatPanel()->composer(), QStringLiteral("thinking"));
        QTRY_COMPARE_WITH_TIMEOUT(label->text(), QStringLiteral("angie.nguyen is typing\u2026"), 5000);
        m_a->window->chatPanel()->composer()->clear(); // stopped: the indicator goes at once
        QTRY_VERIFY_WITH_TIMEOUT(label->text().isEmpty(), 5000);
    }

    void typingIndicatorExpiresWithoutRefresh()
    {
        // A client that says "typing" once and never again: the server expires it after 5 s.
        WsTestClient raw;
        QVERIFY(raw.open(m_server->wsUrl()));
        QVERIFY(!raw.helloAndJoin(QStringLiteral("cara.diaz"), QStringLiteral("CECS327"),
                                  QLatin1String(TestServer::JoinCode)).isEmpty());
        raw.sendJson({{QStringLiteral("type"), QStringLiteral("typing")},
                      {QStringLiteral("course"), QStringLiteral("CECS327")},
                      {QStringLiteral("channel"), QStringLiteral("general")},
                      {QStringLiteral("active"), true}});
        QLabel *label = m_b->window->chatPanel()->typingLabel();
        QTRY_COMPARE_WITH_TIMEOUT(label->text(), QStringLiteral("cara.diaz is typing\u2026"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(label->text().isEmpty(), 9000);
    }

    void editAndDeleteApplyLive()
    {
        m_a->session->sendMessage(QStringLiteral("first draft"));
        ChatModel *bGeneral = m_b->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(bGeneral->rowCount(), 1, 5000);
        ChatPanel *aPanel = m_a->window->chatPanel();
        QTRY_COMPARE_WITH_TIMEOUT(m_a->session->chat(QStringLiteral("general"))->pendingCount(), 0, 5000);
        QVERIFY(aPanel->canModifyRow(0));
        QVERIFY(!m_b->window->chatPanel()->canModifyRow(0)); // ben is a student, not the author

        aPanel->editRow(0, QStringLiteral("final text"));
        QTRY_COMPARE_WITH_TIMEOUT(bGeneral->index(0).data(ChatModel::TextRole).toString(), QStringLiteral("final text"), 5000);
        QVERIFY(bGeneral->index(0).data(ChatModel::EditedRole).toBool());

        aPanel->deleteRow(0);
        QTRY_VERIFY_WITH_TIMEOUT(bGeneral->index(0).data(ChatModel::DeletedRole).toBool(), 5000);
        QCOMPARE(bGeneral->rowCount(), 1); // deleted messages keep their place
        QVERIFY(!aPanel->canModifyRow(0));
    }

    void unreadCountsAndMentions()
    {
        QSignalSpy notified(m_b->window->notifier(), &MentionNotifier::notified);
        m_a->window->activateWindow(); // B's window is in the background
        QTRY_VERIFY(!m_b->window->isActiveWindow());
        m_a->session->setCurrentChannel(QStringLiteral("homework"));
        m_a->session->sendMessage(QStringLiteral("hw 3 is due friday, @ben.ortiz"));
        ChannelModel *channels = m_b->session->channels();
        QTRY_COMPARE_WITH_TIMEOUT(channels->unread(QStringLiteral("homework")), 1, 5000);
        QCOMPARE(channels->unread(QStringLiteral("general")), 0);
        // The offscreen window is never the active one: the mention notifies.
        QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, 5000);
        QVERIFY(notified.first().at(0).toString().contains(QStringLiteral("angie.nguyen")));

        m_b->session->setCurrentChannel(QStringLiteral("homework"));
        QCOMPARE(channels->unread(QStringLiteral("homework")), 0);
        QCOMPARE(m_b->window->chatPanel()->view()->model()->rowCount(), 1);
    }

    void presenceShowsWhoIsOnline()
    {
        MemberModel *members = m_a->session->members();
        QTRY_VERIFY_WITH_TIMEOUT(members->isOnline(QStringLiteral("ben.ortiz")), 5000);
        m_b->session->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!members->isOnline(QStringLiteral("ben.ortiz")), 5000);
        QCOMPARE(members->index(0).data(MemberModel::UserRole).toString(), QStringLiteral("angie.nguyen"));
    }

    // A post an integration made through REST, "as" canvas-bot, carries its key: the chat row
    // has it (ChatDelegate paints "via lms" beside the author).
    void integrationPostSaysVia()
    {
        QNetworkAccessManager http;
        QNetworkRequest req(m_server->httpUrl(QStringLiteral("/api/v1/courses/CECS327/channels/general/messages")));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        req.setRawHeader("Authorization", QByteArray("Bearer ") + TestServer::ApiKey);
        QNetworkReply *reply = http.post(req, QByteArrayLiteral(R"({"text":"Quiz 3 is up","author":"canvas-bot"})"));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        reply->deleteLater();
        ChatModel *general = m_b->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(texts(general), QStringList{QStringLiteral("Quiz 3 is up")}, 5000);
        QCOMPARE(general->index(0).data(ChatModel::AuthorRole).toString(), QStringLiteral("canvas-bot"));
        QCOMPARE(general->index(0).data(ChatModel::ViaRole).toString(), QStringLiteral("lms"));
        // A member's own post has none.
        QVERIFY(!m_a->session->sendMessage(QStringLiteral("thanks")).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(general->rowCount(), 2, 5000);
        QCOMPARE(general->index(1).data(ChatModel::ViaRole).toString(), QString());
        // A newcomer reads it from the history page with the same key.
        auto c = openPeer(QStringLiteral("cara.diaz"));
        QTRY_VERIFY_WITH_TIMEOUT(c->session->isReady(), 10000);
        QCOMPARE(c->session->chat(QStringLiteral("general"))->index(0).data(ChatModel::ViaRole).toString(), QStringLiteral("lms"));
    }

    void olderMessagesLoadOnRequest()
    {
        // 70 messages posted through REST before C opens the course: the join shows the last 50.
        QNetworkAccessManager http;
        for (int i = 1; i <= 70; ++i) {
            QNetworkRequest req(m_server->httpUrl(QStringLiteral("/api/v1/courses/CECS327/channels/general/messages")));
            req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            req.setRawHeader("Authorization", QByteArray("Bearer ") + TestServer::ApiKey);
            QNetworkReply *reply = http.post(req, QJsonDocument(QJsonObject{{QStringLiteral("text"),
                                                                             QStringLiteral("post %1").arg(i)}}).toJson());
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
            reply->deleteLater();
        }
        auto c = openPeer(QStringLiteral("cara.diaz"));
        QTRY_VERIFY_WITH_TIMEOUT(c->session->isReady(), 10000);
        ChatModel *general = c->session->chat(QStringLiteral("general"));
        QCOMPARE(general->rowCount(), 50);
        QCOMPARE(general->index(0).data(ChatModel::TextRole).toString(), QStringLiteral("post 21"));
        QVERIFY(c->session->hasOlder(QStringLiteral("general")));

        // Scrolling to the top asks for the page before.
        QListView *view = c->window->chatPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(view->verticalScrollBar()->maximum() > 0, 5000);
        view->verticalScrollBar()->setValue(0);
        QTRY_COMPARE_WITH_TIMEOUT(general->rowCount(), 70, 5000);
        QCOMPARE(general->index(0).data(ChatModel::TextRole).toString(), QStringLiteral("post 1"));
        QCOMPARE(general->index(69).data(ChatModel::TextRole).toString(), QStringLiteral("post 70"));
        QTRY_VERIFY(!c->session->hasOlder(QStringLiteral("general")));
        QVERIFY(!c->session->loadOlder(QStringLiteral("general")));
    }

    // Kicked by an instructor: the status bar says by whom and until when, not "Connecting…".
    void removalShowsInTheStatusBar()
    {
        WsTestClient prof;
        QVERIFY(prof.open(m_server->wsUrl()));
        QVERIFY(!prof.helloAndJoin(QStringLiteral("prof.lee"), QStringLiteral("CECS327"), QLatin1String(TestServer::JoinCode)).isEmpty());
        const QJsonObject ack = prof.request({{QStringLiteral("type"), QStringLiteral("kick")},
                                              {QStringLiteral("course"), QStringLiteral("CECS327")},
                                              {QStringLiteral("user"), QStringLiteral("ben.ortiz")}});
        QCOMPARE(ack.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        QTRY_COMPARE(m_b->session->status(), CourseSession::Status::Removed);
        QVERIFY(!m_b->session->isJoined());
        QTRY_VERIFY2(m_b->window->statusLabel()->text().contains(QLatin1String("Removed from CECS327 by prof.lee until ")),
                     qPrintable(m_b->window->statusLabel()->text()));
        QCOMPARE(m_a->session->status(), CourseSession::Status::Connected); // the others stay
    }
};

QTEST_MAIN(TestDesktopChat)
#include "tst_desktop_chat.moc"
