// Accessibility (issue 12, part 8), offscreen against a real server: what a screen reader gets from
// a logged-in main window. The QAccessible tree is walked as an assistive technology walks it:
// every control a user can reach or operate has a name; the chat's painted rows are read as
// "author, time: text" with their state (sending, not sent) in the description; the channel list
// says its unread counts in words; status changes that matter are announced; F6 reaches every pane
// and lands on something with a name.
#include "announcer.h"
#include "chatmodel.h"
#include "chatpanel.h"
#include "coursemenu.h"
#include "coursesidebar.h"
#include "coursesidebarmodel.h"
#include "chatsteps.h"
#include "desktopfixture.h"
#include "elidedlabel.h"
#include "interactionpanels.h"
#include "listmodels.h"
#include "noteeditor.h"
#include "notehistoryview.h"
#include "polldialog.h"
#include "quickswitcher.h"
#include "searchpanel.h"
#include "sidepanels.h"

#include <QAccessible>
#include <QDockWidget>
#include <QListView>
#include <QMenu>
#include <QtTest>

#include <functional>

using namespace collab::desktop;

namespace {

// Roles a user operates or types into: each needs a name a screen reader can say.
bool isInteractive(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::EditableText:
    case QAccessible::ComboBox:
    case QAccessible::Slider:
    case QAccessible::SpinBox:
    case QAccessible::PageTab:
    case QAccessible::PageTabList:
    case QAccessible::List:
    case QAccessible::ListItem:
    case QAccessible::Table:
    case QAccessible::Tree:
    case QAccessible::TreeItem:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::Link:
    case QAccessible::MenuItem:
        return true;
    default:
        return false;
    }
}

QString describe(QAccessibleInterface *iface)
{
    QObject *o = iface->object();
    QString where;
    for (QObject *p = o; p && where.size() < 200; p = p->parent())
        where += QStringLiteral(" < %1(%2)").arg(QString::fromLatin1(p->metaObject()->className()), p->objectName());
    return QStringLiteral("role 0x%1%2").arg(int(iface->role()), 0, 16).arg(o ? where : QStringLiteral(" (an item)"));
}

// Every element below `root`, depth first, as a screen reader's review mode reaches them.
void walk(QAccessibleInterface *root, const std::function<void(QAccessibleInterface *)> &visit, int depth = 0)
{
    if (!root || !root->isValid() || depth > 40)
        return;
    visit(root);
    for (int i = 0; i < root->childCount(); ++i)
        walk(root->child(i), visit, depth + 1);
}

QStringList unnamedControls(QWidget *window)
{
    QStringList unnamed;
    walk(QAccessible::queryAccessibleInterface(window), [&](QAccessibleInterface *iface) {
        const QAccessible::State state = iface->state();
        const auto *widget = qobject_cast<const QWidget *>(iface->object());
        // Hidden on purpose (the host's status text while not hosting), or a row scrolled out of
        // its list, is not presented; a control on another tab or a closed pane still is checked.
        if (widget ? widget->isHidden() : state.invisible)
            return;
        if ((isInteractive(iface->role()) || state.focusable) && iface->role() != QAccessible::Client
            && iface->role() != QAccessible::Window && iface->role() != QAccessible::ScrollBar
            && iface->text(QAccessible::Name).trimmed().isEmpty())
            unnamed << describe(iface);
    });
    return unnamed;
}

int controls(QWidget *window)
{
    int n = 0;
    walk(QAccessible::queryAccessibleInterface(window), [&n](QAccessibleInterface *iface) {
        if (!isInteractive(iface->role()))
            return;
        ++n;
        if (qEnvironmentVariableIsSet("COLLAB_A11Y_DUMP"))
            qInfo("%s: %s", qPrintable(describe(iface)), qPrintable(iface->text(QAccessible::Name)));
    });
    return n;
}

// The accessible element of `view`'s row `row` (a list's children are its rows, as cells).
QAccessibleInterface *rowOf(QAbstractItemView *view, int row)
{
    QAccessibleInterface *list = QAccessible::queryAccessibleInterface(view);
    if (!list)
        return nullptr;
    QAccessibleTableInterface *table = list->tableInterface();
    return table ? table->cellAt(row, 0) : nullptr;
}

// What the app announced (Announcer: the QAccessible events it sent), as a screen reader would
// hear it. Qt delivers QAccessible events only while an assistive technology is active, which an
// offscreen test cannot make happen (QAccessible::isActive() is the platform bridge's to set).
struct Announcements
{
    struct Said
    {
        QObject *label;
        QString text;
        bool alert;
    };
    QList<Said> said;
    bool saw(QObject *label, const QString &containing, bool alert) const
    {
        return std::any_of(said.cbegin(), said.cend(),
                           [&](const Said &s) { return s.label == label && s.text.contains(containing) && s.alert == alert; });
    }
};

using chatsteps::findAction; // chatsteps.h: the entry of a menu or of its submenus

} // namespace

class TestDesktopAccessibility : public QObject, protected DesktopFixture
{
    Q_OBJECT

    MainWindow *window() const { return m_a->window.get(); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(startDesktops());
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady(), 10000);
    }
    void cleanup() { stopDesktops(); }

    // Every control in the window, with the optional panes shown too (search, threads, polls,
    // queue), has a name a screen reader can say: icon-only buttons, the composer, the note
    // editor, the lists, the note tabs.
    void everyControlHasAName()
    {
        window()->openSearch(false);
        window()->setInteractionsVisible(true);
        QTRY_VERIFY(window()->searchPanel()->isVisible());
        QTest::keyClicks(window()->chatPanel()->composer(), QStringLiteral("hello class"));
        QTest::keyClick(window()->chatPanel()->composer(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_a->session->chat(QStringLiteral("general"))->storedCount(), 1, 5000);
        int seen = 0;
        walk(QAccessible::queryAccessibleInterface(window()), [&seen](QAccessibleInterface *) { ++seen; });
        qInfo("%d accessible elements, %d of them controls", seen, controls(window()));
        QVERIFY2(seen > 40, qPrintable(QStringLiteral("only %1 accessible elements: the tree was not walked").arg(seen)));
        const QStringList unnamed = unnamedControls(window());
        for (const QString &control : unnamed)
            qWarning("no accessible name: %s", qPrintable(control));
        QVERIFY2(unnamed.isEmpty(), qPrintable(QStringLiteral("%1 controls without a name (listed above)").arg(unnamed.size())));

        // The ones a user meets first say what they are, not just "edit" or "list".
        const auto nameOf = [](QObject *o) { return QAccessible::queryAccessibleInterface(o)->text(QAccessible::Name); };
        QCOMPARE(nameOf(window()->chatPanel()->composer()), QStringLiteral("Message #general"));
        QCOMPARE(nameOf(window()->sidebar()), QStringLiteral("Courses"));
        QCOMPARE(nameOf(window()->memberView()), QStringLiteral("Members"));
        QCOMPARE(nameOf(window()->notesPanel()->editor(QStringLiteral("class-notes"))), QStringLiteral("Shared note class-notes"));
        QVERIFY(!QAccessible::queryAccessibleInterface(window()->chatPanel()->composer())->text(QAccessible::Description).isEmpty());
    }

    // The dialogs a user opens from the window: the quick switcher, a note's history (its slider,
    // tabs and list), editing a message; and an instructor's (course settings, new course, roster,
    // moderation log, invite, a new poll with its checkboxes).
    void dialogsNameTheirControls()
    {
        const auto checkNamed = [](QWidget *dialog) {
            QVERIFY(dialog);
            QTRY_VERIFY(dialog->isVisible());
            QVERIFY(controls(dialog) > 0);
            const QStringList unnamed = unnamedControls(dialog);
            for (const QString &control : unnamed)
                qWarning("no accessible name in %s: %s", dialog->metaObject()->className(), qPrintable(control));
            QVERIFY2(unnamed.isEmpty(), qPrintable(QStringLiteral("%1 controls without a name (listed above)").arg(unnamed.size())));
        };
        window()->openQuickSwitcher();
        checkNamed(window()->quickSwitcher());
        if (QTest::currentTestFailed())
            return;
        window()->quickSwitcher()->close();

        checkNamed(window()->notesPanel()->openHistory(QStringLiteral("class-notes")));
        if (QTest::currentTestFailed())
            return;
        window()->notesPanel()->history(QStringLiteral("class-notes"))->close();

        ChatPanel *chat = window()->chatPanel();
        QTest::keyClicks(chat->composer(), QStringLiteral("to be edited"));
        QTest::keyClick(chat->composer(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_a->session->chat(QStringLiteral("general"))->storedCount(), 1, 5000);
        chat->openEditDialog(0);
        checkNamed(chat->editDialog());
        if (QTest::currentTestFailed())
            return;
        chat->editDialog()->reject();

        auto prof = openPeer(QStringLiteral("prof.lee"));
        QTRY_COMPARE_WITH_TIMEOUT(prof->session->role(), QStringLiteral("instructor"), 10000);
        for (const QString &name : {QStringLiteral("settings"), QStringLiteral("newCourse"), QStringLiteral("roster"),
                                    QStringLiteral("log"), QStringLiteral("invite")}) {
            QAction *action = prof->window->courseMenu()->action(name);
            QVERIFY2(action, qPrintable(name));
            if (!action->isEnabled())
                continue; // invite: only while hosting
            action->trigger();
            QTRY_VERIFY(prof->window->courseMenu()->dialog());
            checkNamed(prof->window->courseMenu()->dialog());
            if (QTest::currentTestFailed())
                return;
            prof->window->courseMenu()->dialog()->close();
        }
        PollDialog *poll = prof->window->interactionsPanel()->poll()->newPoll();
        checkNamed(poll);
        if (QTest::currentTestFailed())
            return;
        poll->close();
    }

    // The chat's rows are painted by a delegate; a screen reader reads them from the model:
    // the author, the time and the text of real messages posted through the server, and their
    // state (sending while offline, not sent when refused) in the description.
    void chatRowsAreReadAsText()
    {
        QTest::keyClicks(m_a->window->chatPanel()->composer(), QStringLiteral("hello class"));
        QTest::keyClick(m_a->window->chatPanel()->composer(), Qt::Key_Return);
        ChatModel *bGeneral = m_b->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(bGeneral->storedCount(), 1, 5000);
        const QString time = QDateTime::fromMSecsSinceEpoch(bGeneral->messageAt(0)->createdMs).toString(QStringLiteral("HH:mm"));
        QListView *bView = m_b->window->chatPanel()->view();
        QAccessibleInterface *row = rowOf(bView, 0);
        QVERIFY(row);
        QCOMPARE(row->text(QAccessible::Name), QStringLiteral("angie.nguyen, %1: hello class").arg(time));
        QVERIFY(row->text(QAccessible::Description).isEmpty()); // nothing special about it

        // A reaction from the context menu reaches the row's words.
        m_b->window->chatPanel()->reactRow(0, QStringLiteral("\U0001F44D"));
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(bView, 0)->text(QAccessible::Name),
                                  QStringLiteral("angie.nguyen, %1: hello class, reactions \U0001F44D 1").arg(time), 5000);

        // Typed offline: "sending" until it is acknowledged.
        m_b->session->client()->close();
        QTRY_VERIFY_WITH_TIMEOUT(m_b->session->status() != CourseSession::Status::Connected, 5000);
        QTest::keyClicks(m_b->window->chatPanel()->composer(), QStringLiteral("typed on the train"));
        QTest::keyClick(m_b->window->chatPanel()->composer(), Qt::Key_Return);
        QCOMPARE(bGeneral->pendingCount(), 1);
        QAccessibleInterface *pending = rowOf(bView, 1);
        QVERIFY(pending);
        QVERIFY2(pending->text(QAccessible::Name).startsWith(QLatin1String("ben.ortiz, ")), qPrintable(pending->text(QAccessible::Name)));
        QVERIFY(pending->text(QAccessible::Name).endsWith(QLatin1String(": typed on the train")));
        QCOMPARE(pending->text(QAccessible::Description), QStringLiteral("sending"));

        // Refused when he is back (#general became announcement-only meanwhile): "not sent: why".
        auto prof = openPeer(QStringLiteral("prof.lee"));
        QTRY_COMPARE_WITH_TIMEOUT(prof->session->role(), QStringLiteral("instructor"), 10000);
        QMenu *channelMenu = prof->window->courseMenu()->channelMenu(QStringLiteral("general"));
        QAction *announce = findAction(channelMenu, QStringLiteral("Make #general announcement-only"));
        QVERIFY(announce);
        announce->trigger();
        delete channelMenu;
        QTRY_VERIFY_WITH_TIMEOUT(prof->session->announcements().contains(QStringLiteral("general")), 5000);
        m_b->session->client()->open();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(bView, 1)->text(QAccessible::Description).startsWith(QLatin1String("not sent: ")), 10000);
        QVERIFY(rowOf(bView, 1)->text(QAccessible::Description).size() > QStringLiteral("not sent: ").size()); // says why
    }

    // The channel list says its unread and mention counts in words (not "(2)" and bold type),
    // and the member list says presence in words, "presence unknown" while offline.
    void listsSayCountsAndPresenceInWords()
    {
        ChatPanel *chat = m_a->window->chatPanel();
        QTest::keyClicks(chat->composer(), QStringLiteral("first"));
        QTest::keyClick(chat->composer(), Qt::Key_Return);
        QTest::keyClicks(chat->composer(), QStringLiteral("@ben.ortiz second"));
        QTest::keyClick(chat->composer(), Qt::Key_Escape); // closes the @mention completion if open
        QTest::keyClick(chat->composer(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_b->session->chat(QStringLiteral("general"))->storedCount(), 2, 5000);
        // Ben reads #homework meanwhile: #general collects the unread ones.
        ChannelModel *channels = m_b->session->channels();
        CourseSidebar *sidebar = m_b->window->sidebar();
        sidebar->setCurrentIndex(sidebar->sidebarModel()->channelIndex(m_b->session.get(), QStringLiteral("homework")));
        QTRY_COMPARE(m_b->session->currentChannel(), QStringLiteral("homework"));
        QTest::keyClicks(chat->composer(), QStringLiteral("third"));
        QTest::keyClick(chat->composer(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(channels->unread(QStringLiteral("general")), 1, 5000);
        // The sidebar is a tree: its accessible rows are the shown ones (the course, then its channels).
        int shownRow = 0;
        const QModelIndex generalIndex = sidebar->sidebarModel()->channelIndex(m_b->session.get(), QStringLiteral("general"));
        for (QModelIndex i = sidebar->model()->index(0, 0); i.isValid() && i != generalIndex; i = sidebar->indexBelow(i))
            ++shownRow;
        QAccessibleInterface *general = rowOf(sidebar, shownRow);
        QVERIFY(general);
        QCOMPARE(general->text(QAccessible::Name), QStringLiteral("channel general, 1 unread"));

        QListView *members = m_b->window->memberView();
        const auto memberNames = [members] {
            QStringList names;
            for (int r = 0; r < members->model()->rowCount(); ++r)
                names << rowOf(members, r)->text(QAccessible::Name);
            return names;
        };
        QTRY_VERIFY_WITH_TIMEOUT(memberNames().contains(QStringLiteral("angie.nguyen, online")), 5000);
        m_b->session->client()->close();
        QTRY_VERIFY_WITH_TIMEOUT(memberNames().contains(QStringLiteral("angie.nguyen, presence unknown")), 5000);
    }

    // What changes under the user is announced: the connection's state (lost, back) on the status
    // label, and a refused edit or a lock on the notes banner.
    void statusChangesAreAnnounced()
    {
        Announcements heard;
        QObject listening; // the connection ends with this test, whatever it returns
        connect(Announcer::instance(), &Announcer::announced, &listening,
                [&heard](QObject *label, const QString &text, bool alert) { heard.said.append({label, text, alert}); });
        ElidedLabel *status = window()->statusLabel();
        m_a->session->client()->close();
        QTRY_VERIFY_WITH_TIMEOUT(m_a->session->status() != CourseSession::Status::Connected, 5000);
        const QString offline = QAccessible::queryAccessibleInterface(status)->text(QAccessible::Name);
        QVERIFY(!offline.isEmpty());
        QVERIFY2(heard.saw(status, offline, true), qPrintable(offline)); // lost: said at once, in the label's words
        heard.said.clear();
        m_a->session->client()->open();
        QTRY_VERIFY_WITH_TIMEOUT(m_a->session->status() == CourseSession::Status::Connected, 10000);
        const QString back = QAccessible::queryAccessibleInterface(status)->text(QAccessible::Name);
        QVERIFY(back != offline);
        QVERIFY2(heard.saw(status, back, true), qPrintable(back));

        // The instructor locks the note: Angie's banner says "Locked by prof.lee", announced.
        heard.said.clear();
        auto prof = openPeer(QStringLiteral("prof.lee"));
        QTRY_COMPARE_WITH_TIMEOUT(prof->session->role(), QStringLiteral("instructor"), 10000);
        QMenu *menu = prof->window->courseMenu()->noteMenu(QStringLiteral("class-notes"));
        QAction *lock = findAction(menu, QStringLiteral("Lock"));
        QVERIFY(lock);
        lock->trigger();
        delete menu;
        QLabel *banner = window()->notesPanel()->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(QLatin1String("Locked by prof.lee")), 5000);
        QVERIFY(heard.saw(banner, QStringLiteral("Locked by prof.lee"), true));
        QVERIFY(QAccessible::queryAccessibleInterface(banner)->text(QAccessible::Name).contains(QLatin1String("Locked by prof.lee")));
    }

    // F6 reaches every pane (channels, chat, notes, members, and round again), and each stop is a
    // control with a name: what a screen reader says when the focus lands there.
    void focusReachesEveryPaneAndLandsOnANamedControl()
    {
        window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window()));
        window()->chatPanel()->composer()->setFocus();
        QTRY_VERIFY(window()->chatPanel()->composer()->hasFocus());
        QSet<MainWindow::Pane> reached;
        QStringList said;
        for (int i = 0; i < 4; ++i) {
            QWidget *before = QApplication::focusWidget();
            QTest::keyClick(before, Qt::Key_F6);
            QTRY_VERIFY(QApplication::focusWidget() != before);
            reached.insert(window()->currentPane());
            QAccessibleInterface *focused = QAccessible::queryAccessibleInterface(QApplication::focusWidget());
            QVERIFY(focused);
            QVERIFY2(!focused->text(QAccessible::Name).isEmpty(), qPrintable(describe(focused)));
            said << focused->text(QAccessible::Name);
            // The window's tree leads to the same element: it is part of what a reader walks.
            QAccessibleInterface *root = QAccessible::queryAccessibleInterface(window());
            bool inTree = false;
            walk(root, [&](QAccessibleInterface *e) { inTree = inTree || e->object() == QApplication::focusWidget(); });
            QVERIFY(inTree);
        }
        QCOMPARE(reached.size(), 4);
        QCOMPARE(said, (QStringList{QStringLiteral("Shared note class-notes"), QStringLiteral("Members"), QStringLiteral("Courses"),
                                    QStringLiteral("Message #general")}));
    }
};

QTEST_MAIN(TestDesktopAccessibility)
#include "tst_desktop_accessibility.moc"
