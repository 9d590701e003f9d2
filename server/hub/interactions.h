#pragma once

#include "hub/actor.h"
#include "hub/anonymityfilter.h"
#include "hub/coursejournal.h"
#include "limits/tokenbucket.h"
#include "model/chatmessage.h"
#include "protocol/clientmessages.h"
#include "protocol/result.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>

#include <optional>

namespace collab::server {

struct CourseConfig;
struct ServerConfig;
class Projections;

// What a course interaction command runs on (one per Hub, shared by its command classes).
struct InteractionContext
{
    const ServerConfig &config;
    const Projections &projections;
    CourseJournal &journal;

    // Nullopt if the course exists and neither it nor the channel is archived.
    std::optional<ProtocolError> checkWritable(const QString &course, const QString &channel) const;
    // The message, or not_found (also for a message of another course: ids are per course).
    Result<ChatMessage> message(const QString &course, quint64 id) const;
    // Stores the event; the answer is `answer` plus its seq.
    void store(const QString &course, EventKind kind, QJsonObject data, QJsonObject answer, Callback<QJsonObject> done) const;
};

// chat.send's interaction fields (the same on REST posts).
struct PostOptions
{
    quint64 replyTo = 0;
    bool question = false;
    bool anonymous = false;
    QStringList files; // ids of files uploaded to the course (issue 15 part 3; the Hub checks them)
};

// What a post becomes once its options are checked: the thread it joins (always its first
// message: threads are one level deep) and, anonymous, its pseudonym there.
struct PostShape
{
    quint64 replyTo = 0;
    bool question = false;
    bool anonymous = false;
    QString pseudonym;
};

// Threads, questions with endorsed answers, reactions, pins and the course's anonymity setting
// (issue 14, parts 1-4 and 6): their rules, the events they store, and how stored messages are
// presented to a reader (replies, repliers, reactions; AnonymityFilter). Polls and the
// office-hours queue are PollCommands and QueueCommands. Actors come in with their role in the
// course as it is now (Hub::effective). Every command answers the ack's fields.
class Interactions
{
public:
    using Reply = Callback<QJsonObject>;

    explicit Interactions(InteractionContext context) : m_context(context) { m_clock.start(); }

    // A post's thread, question flag and anonymity, checked: replyTo must be a message of the
    // same channel, not deleted, in a thread under MaxThreadReplies; anonymity as the course allows.
    Result<PostShape> shapePost(const Actor &actor, const QString &course, const QString &channel, const PostOptions &options) const;

    void react(const Actor &actor, const proto::React &m, Reply done);
    void pin(const Actor &actor, const proto::Pin &m, Reply done);
    void updateQuestion(const Actor &actor, const proto::QuestionUpdate &m, Reply done);
    void endorse(const Actor &actor, const proto::Endorse &m, Reply done);
    void setAnonymity(const Actor &actor, const proto::AnonymitySet &m, Reply done);

    // Reads, presented to the reader.
    Result<QJsonObject> thread(const Reader &reader, const proto::Thread &m) const;
    Result<QJsonObject> pins(const Reader &reader, const QString &course, const QString &channel) const;
    Result<QJsonObject> questions(const Reader &reader, const proto::Questions &m) const;
    // Adds what readers see of each message's interactions (repliers, reactions) and hides the
    // authors of anonymous posts from those who may not see them.
    void present(const QString &course, QList<ChatMessage> &messages, const Reader &reader) const;
    QJsonArray presented(const QString &course, QList<ChatMessage> messages, const Reader &reader) const;

    static constexpr int ShownRepliers = 3;

private:
    // The message `id` of `course`, if it exists, its channel takes writes and it is not deleted:
    // what reacting to, marking or endorsing a message needs.
    Result<ChatMessage> openMessage(const QString &course, quint64 id) const;
    std::optional<ProtocolError> admitReaction(const QString &course, const QString &user);
    QString pickPseudonym(const QString &course, quint64 root, const QString &author) const;

    InteractionContext m_context;
    QElapsedTimer m_clock;
    QHash<QString, TokenBucket> m_reactionBuckets; // course + user
};

} // namespace collab::server
