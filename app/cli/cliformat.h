#pragma once

#include "model/chatmessage.h"
#include "model/courseevent.h"
#include "protocol/servermessages.h"

#include <QJsonObject>
#include <QString>

// One line per thing, for people (`[general] #12 angie.nguyen: hello class`) or as compact JSON.
namespace collab::cli {

QString formatMessage(const ChatMessage &message);
QString formatEvent(const CourseEvent &event);
// "was removed from <course> by <instructor> until <UTC time>": a kick, of us or of someone.
QString formatRemoval(const QString &course, const QString &by, qint64 untilMs);
QString formatPresence(const proto::Presence &presence);
QString formatTyping(const proto::TypingNotice &typing);
QString formatError(const proto::ErrorReply &error);
QString jsonLine(const QJsonObject &object);

} // namespace collab::cli
