#include "cli/cliinteract.h"

#include "cli/cliformat.h"
#include "model/chatmessage.h"
#include "protocol/emoji.h"
#include "protocol/ids.h"

#include <QJsonArray>

namespace collab::cli {

namespace {
QCommandLineOption flag(const char *name) { return QCommandLineOption(QLatin1String(name)); }
QCommandLineOption valued(const char *name, const char *value) { return QCommandLineOption(QLatin1String(name), QString(), QLatin1String(value)); }

std::optional<quint64> messageId(const QString &text)
{
    bool ok = false;
    const quint64 id = text.toULongLong(&ok);
    return ok && id > 0 ? std::optional<quint64>(id) : std::nullopt;
}

QString lines(const QJsonArray &messages, const QString &indent = QString())
{
    QStringList out;
    for (const QJsonValue &v : messages) {
        Result<ChatMessage> m = ChatMessage::fromJson(v.toObject());
        if (m)
            out << indent + formatMessage(m.value());
    }
    return out.join(QLatin1Char('\n'));
}
} // namespace

InteractFlags::InteractFlags()
    : m_replyTo(valued("reply-to", "id")), m_question(flag("question")), m_anonymous(flag("anonymous")), m_react(valued("react", "id")),
      m_unreact(valued("unreact", "id")), m_pin(valued("pin", "id")), m_unpin(valued("unpin", "id")), m_endorse(valued("endorse", "id")),
      m_resolve(valued("resolve", "id")), m_thread(valued("thread", "id")), m_questions(flag("questions")), m_poll(valued("poll", "question")),
      m_choice(valued("choice", "text")), m_multiple(flag("multiple")), m_pollMinutes(valued("poll-minutes", "n")),
      m_vote(valued("vote", "poll")), m_closePoll(valued("close-poll", "poll")), m_pollResults(valued("poll-results", "poll")),
      m_csv(flag("csv")), m_queueOpen(flag("queue-open")), m_queueJoin(valued("queue-join", "topic")), m_queue(flag("queue")),
      m_queueNext(flag("queue-next")), m_queueTake(valued("queue-take", "user")), m_queueDone(valued("queue-done", "user")),
      m_queueRequeue(valued("queue-requeue", "user")), m_queueLeave(flag("queue-leave")), m_anonymity(valued("anonymity", "mode"))
{
}

QList<QCommandLineOption> InteractFlags::options() const
{
    return {m_replyTo, m_question, m_anonymous, m_react, m_unreact, m_pin, m_unpin, m_endorse, m_resolve, m_thread, m_questions,
            m_poll, m_choice, m_multiple, m_pollMinutes, m_vote, m_closePoll, m_pollResults, m_csv, m_queueOpen, m_queueJoin,
            m_queue, m_queueNext, m_queueTake, m_queueDone, m_queueRequeue, m_queueLeave, m_anonymity};
}

int InteractFlags::actionCount(const QCommandLineParser &p) const
{
    int n = 0;
    for (const QCommandLineOption *o : {&m_react, &m_unreact, &m_pin, &m_unpin, &m_endorse, &m_resolve, &m_thread, &m_questions, &m_poll,
                                        &m_vote, &m_closePoll, &m_pollResults, &m_queueOpen, &m_queueJoin, &m_queue, &m_queueNext,
                                        &m_queueTake, &m_queueDone, &m_queueRequeue, &m_queueLeave, &m_anonymity})
        n += p.isSet(*o) ? 1 : 0;
    return n;
}

QString InteractFlags::chatOptions(const QCommandLineParser &p, bool chat, quint64 *replyTo, bool *question, bool *anonymous) const
{
    const bool any = p.isSet(m_replyTo) || p.isSet(m_question) || (p.isSet(m_anonymous) && !p.isSet(m_poll));
    if (any && !chat)
        return QStringLiteral("--reply-to, --question and --anonymous go with --chat (--anonymous also with --poll)");
    if (p.isSet(m_replyTo)) {
        const std::optional<quint64> id = messageId(p.value(m_replyTo));
        if (!id)
            return QStringLiteral("--reply-to needs a message id (a number > 0), not '%1'").arg(p.value(m_replyTo).left(40));
        *replyTo = *id;
    }
    *question = p.isSet(m_question);
    *anonymous = p.isSet(m_anonymous);
    return {};
}

QString InteractFlags::misplaced(const QCommandLineParser &p) const
{
    if (p.isSet(m_choice) && !p.isSet(m_poll) && !p.isSet(m_vote))
        return QStringLiteral("--choice goes with --poll or --vote");
    if ((p.isSet(m_multiple) || p.isSet(m_pollMinutes)) && !p.isSet(m_poll))
        return QStringLiteral("--multiple and --poll-minutes go with --poll");
    if (p.isSet(m_csv) && !p.isSet(m_pollResults))
        return QStringLiteral("--csv goes with --poll-results");
    return {};
}

std::optional<proto::ClientPayload> InteractFlags::request(const QCommandLineParser &p, const QString &course, const QString &channel,
                                                           QString *error) const
{
    const auto idOf = [&](const QCommandLineOption &o) -> quint64 {
        const std::optional<quint64> id = messageId(p.value(o));
        if (!id)
            *error = QStringLiteral("--%1 needs an id (a number > 0), not '%2'").arg(o.names().constFirst(), p.value(o).left(40));
        return id.value_or(0);
    };
    const auto userOf = [&](const QCommandLineOption &o) {
        const QString v = p.value(o);
        if (!isValidUserName(v))
            *error = QStringLiteral("--%1 needs a user name, not '%2'").arg(o.names().constFirst(), v.left(80));
        return v;
    };
    if (p.isSet(m_react) || p.isSet(m_unreact)) {
        const QCommandLineOption &o = p.isSet(m_react) ? m_react : m_unreact;
        const quint64 id = idOf(o);
        const QStringList rest = p.positionalArguments();
        if (rest.size() != 1) {
            *error = QStringLiteral("--%1 ID EMOJI: give the emoji after the id").arg(o.names().constFirst());
            return std::nullopt;
        }
        if (!isReactionEmoji(rest.constFirst()))
            *error = QStringLiteral("'%1' is not an emoji (a reaction is one Unicode emoji, not text)").arg(rest.constFirst().left(40));
        return proto::React{course, id, rest.constFirst(), p.isSet(m_react)};
    }
    if (p.isSet(m_pin) || p.isSet(m_unpin))
        return proto::Pin{course, idOf(p.isSet(m_pin) ? m_pin : m_unpin), p.isSet(m_pin)};
    if (p.isSet(m_endorse))
        return proto::Endorse{course, idOf(m_endorse), true};
    if (p.isSet(m_resolve))
        return proto::QuestionUpdate{course, idOf(m_resolve), std::nullopt, true};
    if (p.isSet(m_thread))
        return proto::Thread{course, idOf(m_thread), 0, limits::MaxThreadPage};
    if (p.isSet(m_questions))
        return proto::Questions{course, channel, true, limits::MaxQuestionsPage};
    if (p.isSet(m_poll)) {
        proto::PollCreate m{course, channel, p.value(m_poll), p.values(m_choice), p.isSet(m_multiple), p.isSet(m_anonymous), 0};
        if (p.isSet(m_pollMinutes)) {
            bool ok = false;
            m.minutes = p.value(m_pollMinutes).toLongLong(&ok);
            if (!ok || m.minutes < 1 || m.minutes > limits::MaxPollMinutes)
                *error = QStringLiteral("--poll-minutes must be a number from 1 to %1").arg(limits::MaxPollMinutes);
        }
        if (m.options.size() < limits::MinPollOptions || m.options.size() > limits::MaxPollOptions)
            *error = QStringLiteral("--poll needs %1 to %2 --choice TEXT").arg(limits::MinPollOptions).arg(limits::MaxPollOptions);
        return m;
    }
    if (p.isSet(m_vote)) {
        proto::PollVote m{course, idOf(m_vote), {}};
        for (const QString &v : p.values(m_choice)) {
            bool ok = false;
            const int i = v.toInt(&ok);
            if (!ok || i < 0 || i >= limits::MaxPollOptions)
                *error = QStringLiteral("--choice with --vote is an option's number (0 is the first), not '%1'").arg(v.left(40));
            m.options << i;
        }
        if (m.options.isEmpty())
            *error = QStringLiteral("--vote POLL needs --choice N (0 is the first option)");
        return m;
    }
    if (p.isSet(m_closePoll))
        return proto::PollClose{course, idOf(m_closePoll)};
    if (p.isSet(m_pollResults))
        return proto::PollGet{course, idOf(m_pollResults), p.isSet(m_csv)};
    if (p.isSet(m_queueOpen))
        return proto::QueueOpen{course, channel, true};
    if (p.isSet(m_queueJoin))
        return proto::QueueJoin{course, channel, p.value(m_queueJoin)};
    if (p.isSet(m_queue))
        return proto::QueueGet{course, channel};
    if (p.isSet(m_queueNext))
        return proto::QueueAction{course, channel, QStringLiteral("take"), QString()};
    if (p.isSet(m_queueTake))
        return proto::QueueAction{course, channel, QStringLiteral("take"), userOf(m_queueTake)};
    if (p.isSet(m_queueDone))
        return proto::QueueAction{course, channel, QStringLiteral("done"), userOf(m_queueDone)};
    if (p.isSet(m_queueRequeue))
        return proto::QueueAction{course, channel, QStringLiteral("requeue"), userOf(m_queueRequeue)};
    if (p.isSet(m_queueLeave))
        return proto::QueueAction{course, channel, QStringLiteral("leave"), QString()};
    if (p.isSet(m_anonymity)) {
        const QString mode = p.value(m_anonymity);
        if (mode != QLatin1String("off") && mode != QLatin1String("questions") && mode != QLatin1String("all"))
            *error = QStringLiteral("--anonymity must be off, questions or all");
        return proto::AnonymitySet{course, mode};
    }
    return std::nullopt;
}

QString formatInteraction(const proto::ClientPayload &request, const QJsonObject &ack)
{
    const qint64 seq = qint64(ack.value(QLatin1String("seq")).toDouble());
    const QString stored = seq > 0 ? QStringLiteral(" (#%1)").arg(seq) : QStringLiteral(" (no change)");
    if (const auto *m = std::get_if<proto::React>(&request))
        return QStringLiteral("%1 %2 on message %3%4").arg(m->active ? QStringLiteral("reacted") : QStringLiteral("removed"), m->emoji).arg(m->id).arg(stored);
    if (const auto *m = std::get_if<proto::Pin>(&request))
        return QStringLiteral("message %1 %2%3").arg(m->id).arg(m->pinned ? QStringLiteral("pinned") : QStringLiteral("unpinned"), stored);
    if (const auto *m = std::get_if<proto::Endorse>(&request))
        return QStringLiteral("message %1 endorsed as the answer%2").arg(m->id).arg(stored);
    if (const auto *m = std::get_if<proto::QuestionUpdate>(&request))
        return QStringLiteral("question %1 resolved%2").arg(m->id).arg(stored);
    if (std::holds_alternative<proto::Thread>(request)) {
        QString out = lines(QJsonArray{ack.value(QLatin1String("root"))});
        const QString answers = lines(ack.value(QLatin1String("answers")).toArray(), QStringLiteral("  ✔ "));
        const QString replies = lines(ack.value(QLatin1String("replies")).toArray(), QStringLiteral("  "));
        for (const QString &part : {answers, replies})
            if (!part.isEmpty())
                out += QLatin1Char('\n') + part;
        return out;
    }
    if (std::holds_alternative<proto::Questions>(request)) {
        const QString list = lines(ack.value(QLatin1String("questions")).toArray());
        return list.isEmpty() ? QStringLiteral("no open questions") : list;
    }
    if (std::holds_alternative<proto::PollCreate>(request))
        return QStringLiteral("poll %1 created").arg(qint64(ack.value(QLatin1String("poll")).toDouble()));
    if (const auto *m = std::get_if<proto::PollVote>(&request))
        return QStringLiteral("voted in poll %1%2").arg(m->poll).arg(stored);
    if (const auto *m = std::get_if<proto::PollClose>(&request))
        return QStringLiteral("poll %1 closed%2").arg(m->poll).arg(stored);
    if (std::holds_alternative<proto::PollGet>(request)) {
        if (ack.contains(QLatin1String("csv")))
            return ack.value(QLatin1String("csv")).toString().trimmed();
        const QJsonObject poll = ack.value(QLatin1String("poll")).toObject();
        QStringList out{QStringLiteral("[poll %1] %2%3").arg(qint64(poll.value(QLatin1String("id")).toDouble()))
                            .arg(poll.value(QLatin1String("question")).toString(),
                                 poll.value(QLatin1String("closed")).toBool() ? QStringLiteral(" (closed)") : QString())};
        const QJsonArray options = poll.value(QLatin1String("options")).toArray();
        const QJsonArray counts = poll.value(QLatin1String("counts")).toArray();
        for (qsizetype i = 0; i < options.size(); ++i)
            out << QStringLiteral("  %1. %2: %3").arg(i).arg(options.at(i).toString()).arg(counts.at(i).toInt());
        return out.join(QLatin1Char('\n'));
    }
    if (std::holds_alternative<proto::QueueJoin>(request))
        return QStringLiteral("in the queue at position %1 (about %2 min)")
            .arg(ack.value(QLatin1String("position")).toInt())
            .arg(qint64(ack.value(QLatin1String("estimateMs")).toDouble() / 60000));
    if (std::holds_alternative<proto::QueueGet>(request)) {
        QStringList out{QStringLiteral("[queue #%1] %2 waiting or helped; served %3, mean wait %4 s")
                            .arg(ack.value(QLatin1String("channel")).toString())
                            .arg(ack.value(QLatin1String("entries")).toArray().size())
                            .arg(ack.value(QLatin1String("served")).toInt())
                            .arg(qint64(ack.value(QLatin1String("meanWaitMs")).toDouble() / 1000))};
        for (const QJsonValue &v : ack.value(QLatin1String("entries")).toArray()) {
            const QJsonObject e = v.toObject();
            out << QStringLiteral("  %1 — %2 (%3)").arg(e.value(QLatin1String("user")).toString(), e.value(QLatin1String("topic")).toString(),
                                                       e.value(QLatin1String("state")).toString());
        }
        return out.join(QLatin1Char('\n'));
    }
    if (const auto *m = std::get_if<proto::QueueAction>(&request))
        return QStringLiteral("%1: %2%3").arg(m->action, ack.value(QLatin1String("user")).toString(), stored);
    if (std::holds_alternative<proto::QueueOpen>(request))
        return QStringLiteral("#%1 is an office-hours queue%2").arg(ack.value(QLatin1String("channel")).toString(), stored);
    if (std::holds_alternative<proto::AnonymitySet>(request))
        return QStringLiteral("anonymous posts: %1%2").arg(ack.value(QLatin1String("mode")).toString(), stored);
    return QStringLiteral("ok%1").arg(stored);
}

} // namespace collab::cli
