#include "protocol/clientmessages.h"

#include "protocol/emoji.h"
#include "protocol/interactionmessages.h"

#include <QJsonArray>

#include <cmath>

namespace collab::proto {

namespace {
qsizetype utf8Size(const QString &s) { return s.toUtf8().size(); }
} // namespace

QList<int> OptionIndexesKind::read(FieldReader &r, const char *key) const
{
    QList<int> out;
    const QJsonArray values = r.array(key);
    if (!r.ok())
        return out;
    if (values.isEmpty() || values.size() > limits::MaxPollOptions) {
        r.fail(ErrorCode::InvalidValue, QStringLiteral("'%1' must name 1 to %2 options").arg(QLatin1String(key)).arg(limits::MaxPollOptions));
        return out;
    }
    for (const QJsonValue &v : values) {
        const double d = v.toDouble(-1);
        // Range first: converting a double outside int's range to int is undefined.
        if (!v.isDouble() || d < 0 || d >= limits::MaxPollOptions || d != std::floor(d)) {
            r.fail(v.isDouble() ? ErrorCode::InvalidValue : ErrorCode::BadType,
                   QStringLiteral("'%1' holds option indexes from 0 to %2").arg(QLatin1String(key)).arg(limits::MaxPollOptions - 1));
            return {};
        }
        if (out.contains(int(d))) {
            r.fail(ErrorCode::InvalidValue, QStringLiteral("'%1' names option %2 twice").arg(QLatin1String(key)).arg(int(d)));
            return {};
        }
        out << int(d);
    }
    return out;
}

QJsonValue OptionIndexesKind::write(const QList<int> &v) const
{
    QJsonArray a;
    for (int i : v)
        a.append(i);
    return a;
}

QString OptionIndexesKind::describe() const { return QStringLiteral("list of option indexes"); }

void React::validate(FieldReader &r) const
{
    if (!isReactionEmoji(emoji))
        r.fail(ErrorCode::InvalidValue, QStringLiteral("emoji must be one Unicode emoji (at most %1 bytes), not text")
                                            .arg(limits::MaxEmojiBytes));
}

void QuestionUpdate::validate(FieldReader &r) const
{
    if (!question && !resolved)
        r.fail(ErrorCode::InvalidValue, QStringLiteral("give 'question', 'resolved' or both"));
}

void PollCreate::validate(FieldReader &r) const
{
    if (question.trimmed().isEmpty())
        return r.fail(ErrorCode::InvalidValue, QStringLiteral("question must not be empty"));
    if (options.size() < limits::MinPollOptions || options.size() > limits::MaxPollOptions)
        return r.fail(ErrorCode::InvalidValue,
                      QStringLiteral("a poll has %1 to %2 options").arg(limits::MinPollOptions).arg(limits::MaxPollOptions));
    QStringList seen;
    for (const QString &o : options) {
        if (o.trimmed().isEmpty())
            return r.fail(ErrorCode::InvalidValue, QStringLiteral("options must not be empty"));
        if (utf8Size(o) > limits::MaxPollOptionBytes)
            return r.fail(ErrorCode::TooLarge, QStringLiteral("an option is over %1 bytes").arg(limits::MaxPollOptionBytes));
        if (seen.contains(o.trimmed()))
            return r.fail(ErrorCode::InvalidValue, QStringLiteral("option '%1' is given twice").arg(o.trimmed().left(64)));
        seen << o.trimmed();
    }
    if (minutes < 0 || minutes > limits::MaxPollMinutes)
        r.fail(ErrorCode::InvalidValue, QStringLiteral("minutes must be 0 (until closed by hand) to %1").arg(limits::MaxPollMinutes));
}

void QueueJoin::validate(FieldReader &r) const
{
    if (topic.trimmed().isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("topic must not be empty"));
    else if (topic.contains(QLatin1Char('\n')) || topic.contains(QLatin1Char('\r')))
        r.fail(ErrorCode::InvalidValue, QStringLiteral("topic is one line"));
}

void QueueAction::validate(FieldReader &r) const
{
    static const QStringList kActions{QStringLiteral("leave"), QStringLiteral("take"), QStringLiteral("done"), QStringLiteral("requeue")};
    if (!kActions.contains(action))
        r.fail(ErrorCode::InvalidValue, QStringLiteral("action must be leave, take, done or requeue"));
    else if ((action == QLatin1String("done") || action == QLatin1String("requeue")) && user.isEmpty())
        r.fail(ErrorCode::MissingField, QStringLiteral("%1 needs 'user'").arg(action));
}

void AnonymitySet::validate(FieldReader &r) const
{
    if (mode != QLatin1String("off") && mode != QLatin1String("questions") && mode != QLatin1String("all"))
        r.fail(ErrorCode::InvalidValue, QStringLiteral("mode must be off, questions or all"));
}

} // namespace collab::proto
