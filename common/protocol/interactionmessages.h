#pragma once

// Client → server messages of course interactions (issue 14): reactions, pins, questions and
// endorsed answers, threads, polls, the office-hours queue and the course's anonymity setting.
// chat.send's replyTo/question/anonymous are in clientmessages.h. Included by clientmessages.h;
// declared like every other message (wireFields(), see protocol/wirefields.h).

#include "protocol/interactionlimits.h"
#include "protocol/limits.h"
#include "protocol/wirefields.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace collab::proto {

// A list of poll option indexes (0-based), each within [0, MaxPollOptions), no duplicates.
struct OptionIndexesKind
{
    QList<int> read(FieldReader &r, const char *key) const;
    QJsonValue write(const QList<int> &v) const;
    QString describe() const;
};

// Adds (active) or removes one emoji reaction of the sender on a message.
struct React
{
    static constexpr const char *Type = "react";
    static constexpr const char *Doc = "`ack {id, seq}` (`seq` 0: it already was so); `emoji` is one Unicode emoji "
                                       "(at most 32 bytes); rate-limited";
    QString course;
    quint64 id = 0;
    QString emoji;
    bool active = true;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &React::course), wire::unsignedInt("id", &React::id),
                               wire::string("emoji", &React::emoji, limits::MaxEmojiBytes),
                               wire::boolean("active", &React::active).optional(true));
    }
    void validate(FieldReader &r) const; // an emoji, not text
    COLLAB_WIRE_CODEC(React)
};

// A moderator pins a message to its channel (or unpins it).
struct Pin
{
    static constexpr const char *Type = "pin";
    static constexpr const char *Doc = "`ack {id, seq}` (moderators; at most 50 pins per channel)";
    QString course;
    quint64 id = 0;
    bool pinned = true;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &Pin::course), wire::unsignedInt("id", &Pin::id),
                               wire::boolean("pinned", &Pin::pinned).optional(true));
    }
    COLLAB_WIRE_CODEC(Pin)
};

// The pinned messages of a channel, oldest pin first.
struct Pins
{
    static constexpr const char *Type = "pins";
    static constexpr const char *Doc = "`ack {course, channel, messages}`";
    QString course;
    QString channel;
    static auto wireFields() { return std::make_tuple(wire::id("course", &Pins::course), wire::id("channel", &Pins::channel)); }
    COLLAB_WIRE_CODEC(Pins)
};

// A message's replies, oldest first (the endorsed answers first), after reply id `after`.
struct Thread
{
    static constexpr const char *Type = "thread";
    static constexpr const char *Doc = "`ack {course, root, replies, more}`";
    QString course;
    quint64 id = 0;
    quint64 after = 0;
    int limit = limits::DefaultHistory;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &Thread::course), wire::unsignedInt("id", &Thread::id),
                               wire::unsignedInt("after", &Thread::after).optional().omittedWhenDefault(),
                               wire::count("limit", &Thread::limit, 1, limits::MaxThreadPage).optional(limits::DefaultHistory));
    }
    COLLAB_WIRE_CODEC(Thread)
};

// The author or a moderator turns a message into a question (or back); a moderator or the
// question's author marks it resolved (or open again).
struct QuestionUpdate
{
    static constexpr const char *Type = "question.update";
    static constexpr const char *Doc = "`ack {id, seq}`; at least one of `question`, `resolved`";
    QString course;
    quint64 id = 0;
    std::optional<bool> question;
    std::optional<bool> resolved;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &QuestionUpdate::course), wire::unsignedInt("id", &QuestionUpdate::id),
                               wire::field("question", &QuestionUpdate::question, wire::BoolKind{}).optional(),
                               wire::field("resolved", &QuestionUpdate::resolved, wire::BoolKind{}).optional());
    }
    void validate(FieldReader &r) const;
    COLLAB_WIRE_CODEC(QuestionUpdate)
};

// An instructor or TA endorses a reply to a question as its answer (or takes that back).
struct Endorse
{
    static constexpr const char *Type = "endorse";
    static constexpr const char *Doc = "`ack {id, seq}` (instructors and TAs)";
    QString course;
    quint64 id = 0;
    bool endorsed = true;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &Endorse::course), wire::unsignedInt("id", &Endorse::id),
                               wire::boolean("endorsed", &Endorse::endorsed).optional(true));
    }
    COLLAB_WIRE_CODEC(Endorse)
};

// Questions, newest last: of one channel or all, open only (unresolved) or all. Moderators also
// get the open questions per channel.
struct Questions
{
    static constexpr const char *Type = "questions";
    static constexpr const char *Doc = "`ack {course, questions, counts?}` (`counts` {channel: open}: moderators)";
    QString course;
    QString channel; // empty: every channel
    bool unresolved = true;
    int limit = limits::DefaultHistory;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &Questions::course),
                               wire::id("channel", &Questions::channel).optional().omittedWhenDefault(),
                               wire::boolean("unresolved", &Questions::unresolved).optional(true),
                               wire::count("limit", &Questions::limit, 1, limits::MaxQuestionsPage).optional(limits::DefaultHistory));
    }
    COLLAB_WIRE_CODEC(Questions)
};

// A moderator starts a poll in a channel.
struct PollCreate
{
    static constexpr const char *Type = "poll.create";
    static constexpr const char *Doc = "`ack {poll, seq}` (moderators); 2-10 options; `minutes` 0: until closed by hand";
    QString course;
    QString channel;
    QString question;
    QStringList options;
    bool multiple = false;
    bool anonymous = false;
    qint64 minutes = 0;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &PollCreate::course), wire::id("channel", &PollCreate::channel),
                               wire::string("question", &PollCreate::question, limits::MaxPollQuestionBytes),
                               wire::stringList("options", &PollCreate::options),
                               wire::boolean("multiple", &PollCreate::multiple).optional().omittedWhenDefault(),
                               wire::boolean("anonymous", &PollCreate::anonymous).optional().omittedWhenDefault(),
                               wire::integer("minutes", &PollCreate::minutes).optional().omittedWhenDefault());
    }
    void validate(FieldReader &r) const; // options, sizes, minutes
    COLLAB_WIRE_CODEC(PollCreate)
};

// A member votes (named polls: again, to change the vote, until the poll closes).
struct PollVote
{
    static constexpr const char *Type = "poll.vote";
    static constexpr const char *Doc = "`ack {poll, seq}`; `options` are 0-based indexes (one unless the poll is multiple)";
    QString course;
    quint64 poll = 0;
    QList<int> options;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &PollVote::course), wire::unsignedInt("poll", &PollVote::poll),
                               wire::field("options", &PollVote::options, OptionIndexesKind{}));
    }
    COLLAB_WIRE_CODEC(PollVote)
};

// A moderator closes a poll before its time.
struct PollClose
{
    static constexpr const char *Type = "poll.close";
    static constexpr const char *Doc = "`ack {poll, seq}` (moderators)";
    QString course;
    quint64 poll = 0;
    static auto wireFields() { return std::make_tuple(wire::id("course", &PollClose::course), wire::unsignedInt("poll", &PollClose::poll)); }
    COLLAB_WIRE_CODEC(PollClose)
};

// A poll and its tally; `csv` (moderators): the results as CSV (named polls: who chose what).
struct PollGet
{
    static constexpr const char *Type = "poll";
    static constexpr const char *Doc = "`ack {poll: {id, channel, question, options, counts, voters, multiple, anonymous, "
                                       "closesAt, closesIn, closed, mine}, csv?}`: closesIn, the milliseconds left by the server's clock (0: closed or by hand)";
    QString course;
    quint64 poll = 0;
    bool csv = false;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &PollGet::course), wire::unsignedInt("poll", &PollGet::poll),
                               wire::boolean("csv", &PollGet::csv).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(PollGet)
};

// A moderator makes a channel an office-hours queue (or an ordinary channel again).
struct QueueOpen
{
    static constexpr const char *Type = "queue.open";
    static constexpr const char *Doc = "`ack {channel, seq}` (moderators)";
    QString course;
    QString channel;
    bool open = true;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &QueueOpen::course), wire::id("channel", &QueueOpen::channel),
                               wire::boolean("open", &QueueOpen::open).optional(true));
    }
    COLLAB_WIRE_CODEC(QueueOpen)
};

// A student joins a queue with a one-line topic.
struct QueueJoin
{
    static constexpr const char *Type = "queue.join";
    static constexpr const char *Doc = "`ack {channel, position, estimateMs, seq}`";
    QString course;
    QString channel;
    QString topic;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &QueueJoin::course), wire::id("channel", &QueueJoin::channel),
                               wire::string("topic", &QueueJoin::topic, limits::MaxQueueTopicBytes));
    }
    void validate(FieldReader &r) const; // one non-blank line
    COLLAB_WIRE_CODEC(QueueJoin)
};

// Leaving the queue (a student), or taking, finishing or requeueing a student (TAs):
// `action` is leave | take | done | requeue; `user` is whom (take: absent, the next one).
struct QueueAction
{
    static constexpr const char *Type = "queue.action";
    static constexpr const char *Doc = "`ack {channel, user, seq}`; `action` is `leave`, `take`, `done` or `requeue` "
                                       "(take, done, requeue: moderators; take without `user`: the next one)";
    QString course;
    QString channel;
    QString action;
    QString user;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &QueueAction::course), wire::id("channel", &QueueAction::channel),
                               wire::string("action", &QueueAction::action, 16),
                               wire::id("user", &QueueAction::user).optional().omittedWhenDefault());
    }
    void validate(FieldReader &r) const; // a known action
    COLLAB_WIRE_CODEC(QueueAction)
};

// The queue as it is: who waits (students see topics and positions; names are every member's
// to see, as in the room), who is being helped, and the stats (served, mean wait).
struct QueueGet
{
    static constexpr const char *Type = "queue";
    static constexpr const char *Doc = "`ack {channel, open, entries: [{user, topic, joinedAt, state, by?}], "
                                       "served, meanWaitMs, position?, estimateMs?}`";
    QString course;
    QString channel;
    static auto wireFields() { return std::make_tuple(wire::id("course", &QueueGet::course), wire::id("channel", &QueueGet::channel)); }
    COLLAB_WIRE_CODEC(QueueGet)
};

// An instructor sets who may post anonymously to classmates: off | questions (the default) | all.
struct AnonymitySet
{
    static constexpr const char *Type = "anonymity.set";
    static constexpr const char *Doc = "`ack {mode, seq}` (instructors); `mode` is `off`, `questions` or `all`";
    QString course;
    QString mode;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &AnonymitySet::course), wire::string("mode", &AnonymitySet::mode, 16));
    }
    void validate(FieldReader &r) const;
    COLLAB_WIRE_CODEC(AnonymitySet)
};

} // namespace collab::proto
