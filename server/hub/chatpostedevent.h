#pragma once

#include "model/chatmessage.h"

#include <QJsonObject>

namespace collab::server {

// The data of a chat.posted event for `m`: author, channel, clientMsgId, text and via (not the id
// or the time, which the log's seq and the event carry). Built on the hot path of every post.
QJsonObject chatPostedEventData(const ChatMessage &m);

} // namespace collab::server
