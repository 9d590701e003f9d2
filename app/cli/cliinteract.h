#pragma once

#include "protocol/clientmessages.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace collab::cli {

// The flags of course interactions (docs/cli.md, "Course interactions"): --reply-to, --question
// and --anonymous go with --chat; the others are one action each, one request of the protocol:
// --react ID EMOJI, --unreact ID EMOJI, --pin/--unpin ID, --endorse ID, --resolve ID, --thread ID,
// --questions, --poll QUESTION --choice TEXT... [--multiple] [--anonymous] [--poll-minutes N],
// --vote POLL --choice N..., --close-poll POLL, --poll-results POLL [--csv], --queue-open,
// --queue-join TOPIC, --queue, --queue-next, --queue-take/--queue-done/--queue-requeue USER,
// --queue-leave, --anonymity off|questions|all.
class InteractFlags
{
public:
    InteractFlags();
    QList<QCommandLineOption> options() const;

    int actionCount(const QCommandLineParser &p) const;
    // --react and --unreact take the emoji as the one positional argument.
    bool takesPositional(const QCommandLineParser &p) const { return p.isSet(m_react) || p.isSet(m_unreact); }
    // The request to send (nullopt and no error: none of these actions), or the error in `error`.
    std::optional<proto::ClientPayload> request(const QCommandLineParser &p, const QString &course, const QString &channel,
                                                QString *error) const;
    // --reply-to / --question / --anonymous into the chat.send fields; error if given without --chat.
    QString chatOptions(const QCommandLineParser &p, bool chat, quint64 *replyTo, bool *question, bool *anonymous) const;
    // Flags given without the action they belong to (--choice, --multiple, --csv, --poll-minutes).
    QString misplaced(const QCommandLineParser &p) const;

private:
    QCommandLineOption m_replyTo, m_question, m_anonymous, m_react, m_unreact, m_pin, m_unpin, m_endorse, m_resolve, m_thread,
        m_questions, m_poll, m_choice, m_multiple, m_pollMinutes, m_vote, m_closePoll, m_pollResults, m_csv, m_queueOpen,
        m_queueJoin, m_queue, m_queueNext, m_queueTake, m_queueDone, m_queueRequeue, m_queueLeave, m_anonymity;
};

// What the server answered, as a few lines of text.
QString formatInteraction(const proto::ClientPayload &request, const QJsonObject &ack);

} // namespace collab::cli
