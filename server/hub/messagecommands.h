#pragma once

#include "hub/actor.h"
#include "hub/coursejournal.h"
#include "hub/interactions.h"
#include "model/chatmessage.h"

#include <QHash>
#include <QList>

namespace collab::server {

class Bus;
class CourseRules;
class EventLog;
class FileUploads;
class Projections;
struct ServerConfig;

// What a message command did: the message as it now is, the seq of the event that changed it, and
// whether the request was a retry of something already done (then nothing new was stored).
struct MessageOutcome
{
    ChatMessage message;
    quint64 seq = 0;
    bool duplicate = false;
};

// Chat messages: posting (in a channel the actor may write to, with a thread, a question,
// anonymity and files as Interactions and FileUploads allow), editing and deleting (the author or
// a moderator). A post with a clientMsgId is stored once per author, across nodes: a retry is
// answered with the original (the projection, a post still being stored here, or the log's
// appendOnce for a retry that reached another node).
class MessageCommands
{
public:
    MessageCommands(const ServerConfig &config, const CourseRules &rules, EventLog &log, const Projections &projections, Bus &bus,
                    CourseJournal &journal, Interactions &interactions, FileUploads &files);

    void post(const Actor &actor, const QString &course, const QString &channel, const QString &text, const QString &clientMsgId,
              const PostOptions &options, Callback<MessageOutcome> done);
    void edit(const Actor &actor, const QString &course, quint64 id, const QString &text, Callback<MessageOutcome> done);
    void remove(const Actor &actor, const QString &course, quint64 id, Callback<MessageOutcome> done);

private:
    // Loads the message and checks the actor may change it.
    Result<ChatMessage> editableMessage(const Actor &actor, const QString &course, quint64 id) const;

    const ServerConfig &m_config;
    const CourseRules &m_rules;
    EventLog &m_log;
    const Projections &m_projections;
    Bus &m_bus;
    CourseJournal &m_journal;
    Interactions &m_interactions;
    FileUploads &m_files;
    QHash<QString, QList<Callback<MessageOutcome>>> m_inflightPosts; // retry arriving before the commit
};

} // namespace collab::server
