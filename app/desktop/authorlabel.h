#pragma once

#include "model/chatmessage.h"
#include "protocol/findmessages.h"

#include <QString>

// How the author of a message is named to the person reading it. The server gives classmates only
// an anonymous post's pseudonym; its author and the course's instructors and TAs get the name as
// well, and for them a row must still say that the post is anonymous, never look like a named
// one. One place for the words, so that the chat rows, the thread panel, the search hits and the
// screen reader say the same thing.
namespace collab::desktop::authorlabel {

// On screen: "ben.ortiz", "Anonymous Penguin", "Anonymous Penguin (you, posted anonymously)",
// "Anonymous Penguin — angie.nguyen" (instructors and TAs).
QString shown(const ChatMessage &m, const QString &reader);
// For a screen reader, as a sentence: "Anonymous Penguin, posted anonymously by angie.nguyen".
QString spoken(const ChatMessage &m, const QString &reader);
// A search hit (which carries no pseudonym): "anonymous", "you (posted anonymously)",
// "angie.nguyen (anonymous to students)".
QString ofSearchHit(const proto::SearchHit &hit, const QString &reader);

} // namespace collab::desktop::authorlabel
