// The desktop search pane (issue 15, part 1) against a real server: Ctrl+Shift+F searches the
// course, Ctrl+F the current channel; hits show their words in bold; opening a hit that is older
// than the loaded page loads the channel back to it, switches to its channel and selects it.

#include "chatmodel.h"
#include "chatpanel.h"
#include "desktopfixture.h"
#include "messagelocator.h"
#include "searchpanel.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardItemModel>

using namespace collab::desktop;

namespace {

QAction *actionWithShortcut(QWidget *window, const QKeySequence &keys)
{
    for (QAction *a : window->findChildren<QAction *>())
        if (a->shortcut() == keys)
            return a;
    return nullptr;
}

} // namespace

class TestDesktopSearch : public QObject, protected DesktopFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(startDesktops());
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady(), 10000);
    }
    void cleanup() { stopDesktops(); }

    void findsAndOpensAnOldMessageInContext()
    {
        const QString course = QString::fromLatin1(TestServer::Course);
        auto *client = m_b->session->client();
        client->sendChat(course, QStringLiteral("homework"), QStringLiteral("Is a <b>quorum</b> read linearizable?"));
        constexpr int Filler = 120; // more than the 50 a window loads per channel
        for (int i = 0; i < Filler; ++i)
            client->sendChat(course, QStringLiteral("homework"), QStringLiteral("filler %1").arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(m_a->session->chat(QStringLiteral("homework"))->storedCount(), Filler + 1, 20000);

        // A window opened now has only the latest page of #homework.
        auto carla = openPeer(QStringLiteral("carla.diaz"));
        QTRY_VERIFY_WITH_TIMEOUT(carla->session->isReady(), 10000);
        ChatModel *homework = carla->session->chat(QStringLiteral("homework"));
        QVERIFY(homework->storedCount() < Filler);
        MainWindow *window = carla->window.get();
        SearchPanel *panel = window->searchPanel();

        // Ctrl+F in #general: the channel only, where it is not.
        carla->session->setCurrentChannel(QStringLiteral("general"));
        QAction *findHere = actionWithShortcut(window, QKeySequence(Qt::CTRL | Qt::Key_F));
        QAction *findAll = actionWithShortcut(window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
        QVERIFY(findHere && findAll);
        findHere->trigger();
        QVERIFY(panel->isVisible());
        QCOMPARE(panel->scope(), QStringLiteral("general"));
        QSignalSpy shown(panel, &SearchPanel::resultsShown);
        panel->queryEdit()->setText(QStringLiteral("quorum"));
        QTest::keyClick(panel->queryEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 5000);
        QCOMPARE(panel->resultModel()->rowCount(), 0);
        QCOMPARE(panel->statusLabel()->text(), QStringLiteral("No message matches"));

        // Ctrl+Shift+F: the whole course.
        findAll->trigger();
        QCOMPARE(panel->scope(), QString());
        QTest::keyClick(panel->queryEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, 5000);
        QCOMPARE(panel->resultModel()->rowCount(), 1);
        const auto hit = panel->resultModel()->index(0, 0).data(SearchPanel::HitRole).value<collab::proto::SearchHit>();
        QCOMPARE(hit.channel, QStringLiteral("homework"));
        QCOMPARE(hit.author, QStringLiteral("ben.ortiz"));
        // The words found in bold, the message's own markup escaped.
        const QString html = SearchHitDelegate::html(hit, hit.author, QColor(Qt::darkGray));
        QVERIFY2(html.contains(QLatin1String("<b>quorum</b>")), qPrintable(html));
        QVERIFY2(html.contains(QLatin1String("&lt;b&gt;")), qPrintable(html));
        QVERIFY(panel->resultView()->sizeHintForRow(0) > 0);

        // Opening it: #homework, loaded back to the message, which is selected.
        QSignalSpy revealed(panel->locator(), &MessageLocator::revealed);
        panel->openResult(0);
        QTRY_COMPARE_WITH_TIMEOUT(revealed.size(), 1, 10000);
        QCOMPARE(carla->session->currentChannel(), QStringLiteral("homework"));
        QCOMPARE(homework->storedCount(), Filler + 1);
        const int row = homework->rowOf(hit.id);
        QVERIFY(row >= 0);
        QCOMPARE(window->chatPanel()->view()->currentIndex().row(), row);
        QCOMPARE(window->channelView()->currentIndex().data().toString().contains(QLatin1String("homework")), true);
    }

    // A query the server refuses shows its reason.
    void refusedQueryShowsWhy()
    {
        SearchPanel *panel = m_a->window->searchPanel();
        m_a->window->openSearch(true);
        QSignalSpy shown(panel, &SearchPanel::resultsShown);
        panel->search(QStringLiteral("ab*"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 5000);
        QCOMPARE(shown.first().first().toInt(), -1);
        QVERIFY2(panel->statusLabel()->text().contains(QLatin1String("prefix search needs at least 3 letters")),
                 qPrintable(panel->statusLabel()->text()));
    }
};

QTEST_MAIN(TestDesktopSearch)
#include "tst_desktop_search.moc"
