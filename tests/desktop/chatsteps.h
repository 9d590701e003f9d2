#pragma once

// What a user does in a chat and its thread panel, as steps the desktop suites share: type a
// message and press Enter, right-click a message's row and take a menu entry, open its thread,
// type a reply. Each acts through the widgets (keys, the context menu the right click opens), never
// through the session. Used with DesktopFixture's windows (DesktopPeer).
#include "desktopfixture.h"

#include "chatmodel.h"
#include "chatpanel.h"
#include "interactionpanels.h"
#include "threadpanel.h"

#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QTest>

#include <memory>

namespace chatsteps {

inline const QString General = QStringLiteral("general");

// The entry of `menu` (or of one of its submenus) whose text starts with `textStart`.
inline QAction *findAction(QMenu *menu, const QString &textStart)
{
    for (QAction *a : menu->actions()) {
        if (a->text().startsWith(textStart))
            return a;
        if (a->menu())
            if (QAction *inner = findAction(a->menu(), textStart))
                return inner;
    }
    return nullptr;
}

inline int rowOfText(collab::desktop::ChatModel *m, const QString &text)
{
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r).data(collab::desktop::ChatModel::TextRole).toString() == text)
            return r;
    return -1;
}

inline int itemContaining(QListWidget *list, const QString &text)
{
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->text().contains(text))
            return i;
    return -1;
}

// Types `text` into the message box and presses Enter.
inline QString post(DesktopPeer &peer, const QString &text)
{
    collab::desktop::Composer *composer = peer.window->chatPanel()->composer();
    composer->setFocus();
    QTest::keyClicks(composer, text);
    QTest::keyClick(composer, Qt::Key_Return);
    return text;
}

// Right-clicks the row showing `text` in #general and takes the menu entry starting with `name`;
// false when there is no such row or entry.
inline bool clickChatMenu(DesktopPeer &peer, const QString &text, const QString &name)
{
    collab::desktop::ChatPanel *panel = peer.window->chatPanel();
    const int row = rowOfText(peer.session->chat(General), text);
    if (row < 0)
        return false;
    QListView *view = panel->view();
    view->scrollTo(view->model()->index(row, 0));
    std::unique_ptr<QMenu> menu(panel->contextMenuAt(view->visualRect(view->model()->index(row, 0)).center()));
    QAction *action = menu ? findAction(menu.get(), name) : nullptr;
    if (!action)
        return false;
    action->trigger();
    return true;
}

// What the header of the row showing `text` says after the time: replies, pins, reactions, ...
inline QString interactionsOf(DesktopPeer &peer, const QString &text)
{
    collab::desktop::ChatModel *m = peer.session->chat(General);
    const int row = rowOfText(m, text);
    return row < 0 ? QString() : m->index(row).data(collab::desktop::ChatModel::InteractionsRole).toString();
}

inline collab::desktop::ThreadPanel *threadOf(DesktopPeer &peer) { return peer.window->interactionsPanel()->thread(); }

// Right-click → Reply in thread on the message `root`, once the server has stored it (a message
// still being sent has no thread yet).
inline bool openThread(DesktopPeer &peer, const QString &root)
{
    collab::desktop::ChatModel *chat = peer.session->chat(General);
    return QTest::qWaitFor([&] {
               const int row = rowOfText(chat, root);
               return row >= 0 && chat->index(row).data(collab::desktop::ChatModel::IdRole).toULongLong() != 0;
           }, 5000)
           && clickChatMenu(peer, root, QStringLiteral("Reply in thread"));
}

// Types `text` into the open thread's reply field and presses Enter.
inline void reply(DesktopPeer &peer, const QString &text)
{
    QLineEdit *edit = threadOf(peer)->replyEdit();
    edit->setFocus();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

// The thread panel's item containing `text`, right-clicked: its menu (owned by the caller).
inline QMenu *threadMenu(collab::desktop::ThreadPanel *thread, const QString &text)
{
    const int i = itemContaining(thread->list(), text);
    if (i < 0)
        return nullptr;
    return thread->contextMenuAt(thread->list()->visualItemRect(thread->list()->item(i)).center());
}

} // namespace chatsteps

// DesktopFixture's two students and the course's instructor, prof.lee, each in a window.
class ClassroomFixture : public DesktopFixture
{
protected:
    // True once the three windows are ready and prof.lee is the instructor.
    bool startClassroom()
    {
        if (!startDesktops())
            return false;
        m_prof = openPeer(QStringLiteral("prof.lee"));
        return QTest::qWaitFor([this] { return desktopsReady() && m_prof->session->isReady()
                                               && m_prof->session->role() == QLatin1String("instructor"); }, 15000);
    }
    void stopClassroom()
    {
        m_prof.reset();
        stopDesktops();
    }

    std::unique_ptr<DesktopPeer> m_prof;
};
