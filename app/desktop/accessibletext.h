#pragma once

#include "model/chatmessage.h"

#include <QString>

namespace collab::desktop {

// What a screen reader says for the rows the app paints itself (issue 12, part 8). The chat's
// delegate draws author, time, text and state in one row; QAccessible reads a row through its
// model's Qt::AccessibleTextRole (the row's name) and Qt::AccessibleDescriptionRole (its state),
// so the models answer those with the same facts the delegate shows, in words, never by colour.
namespace accessibletext {

// "angie.nguyen, 10:42: hello class, edited by prof.lee, 3 replies, reactions 👍 2".
QString chatRow(const ChatMessage &m, const QString &shownAuthor);
// The row's state: "sending", "not sent: <why>", "anonymous", "question, resolved", "pinned",
// "mentions you"...; empty when there is nothing to say.
QString chatRowState(const ChatMessage &m, bool pending, const QString &failed, bool mentionsMe, int threadUnread);
// "general, 3 unread, 1 mentioning you".
QString channelRow(const QString &title, int unread, int mentions);
// "ben.ortiz, instructor, online" / "..., offline" / "..., presence unknown".
QString memberRow(const QString &user, const QString &role, bool online, bool presenceKnown);

} // namespace accessibletext
} // namespace collab::desktop
