#include "hub/interactions.h"

#include "config/serverconfig.h"
#include "hub/permissions.h"
#include "limits/ratelimits.h"
#include "protocol/ids.h"
#include "protocol/interactionlimits.h"
#include "store/projections.h"

#include <QJsonArray>
#include <QRandomGenerator>

#include <algorithm>
#include <iterator>

namespace collab::server {

namespace {

ProtocolError error(ErrorCode code, const QString &text) { return ProtocolError::make(code, text); }

std::optional<ProtocolError> checkRole(const Actor &actor, Permission permission, const QString &what)
{
    if (allows(actor.role, permission))
        return std::nullopt;
    return error(ErrorCode::Forbidden, QStringLiteral("only %1 may %2").arg(rolesAllowed(permission), what));
}

// The pseudonyms of anonymous posts: "Anonymous Owl". Animals, as classmates know them from
// other tools; a thread with more anonymous authors than animals numbers them.
const char *const kAnimals[] = {"Owl", "Fox", "Otter", "Heron", "Lynx", "Badger", "Panda", "Koala", "Falcon", "Dolphin",
                                "Tiger", "Beaver", "Moose", "Raven", "Gecko", "Walrus", "Penguin", "Llama", "Bison",
                                "Hedgehog", "Squirrel", "Marmot", "Puffin", "Ibis", "Jaguar", "Narwhal", "Ocelot",
                                "Pelican", "Quokka", "Salamander", "Tapir", "Wombat", "Yak", "Zebra", "Coyote", "Ferret",
                                "Gazelle", "Hare", "Kiwi", "Lemur"};

} // namespace

std::optional<ProtocolError> InteractionContext::checkWritable(const QString &course, const QString &channel) const
{
    const CourseConfig *c = config.course(course);
    if (!c)
        return unknownCourseError(course);
    if (!channel.isEmpty() && !c->channels.contains(channel))
        return error(ErrorCode::UnknownChannel, QStringLiteral("no channel '%1' in %2").arg(channel, course));
    if (c->archived)
        return error(ErrorCode::Forbidden, QStringLiteral("%1 is archived (read-only)").arg(course));
    if (!channel.isEmpty() && c->archivedChannels.contains(channel))
        return error(ErrorCode::Forbidden, QStringLiteral("#%1 is archived (read-only)").arg(channel));
    return std::nullopt;
}

Result<ChatMessage> InteractionContext::message(const QString &course, quint64 id) const
{
    if (!config.course(course))
        return unknownCourseError(course);
    std::optional<ChatMessage> m = projections.messages().message(course, id);
    if (!m)
        return error(ErrorCode::NotFound, QStringLiteral("no message %1 in %2").arg(id).arg(course));
    return *m;
}

void InteractionContext::store(const QString &course, EventKind kind, QJsonObject data, QJsonObject answer,
                               Callback<QJsonObject> done) const
{
    journal.append(course, kind, std::move(data), [answer = std::move(answer), done = std::move(done)](Result<CourseEvent> r) mutable {
        if (!r)
            return done(r.error());
        answer.insert(QStringLiteral("seq"), double(r.value().seq));
        done(answer);
    });
}

Result<PostShape> Interactions::shapePost(const Actor &actor, const QString &course, const QString &channel,
                                          const PostOptions &options) const
{
    PostShape shape;
    shape.question = options.question;
    bool inQuestion = options.question;
    if (options.replyTo) {
        Result<ChatMessage> target = m_context.message(course, options.replyTo);
        if (!target)
            return target.error();
        if (target.value().deleted)
            return error(ErrorCode::Conflict, QStringLiteral("message %1 was deleted: it takes no replies").arg(options.replyTo));
        ChatMessage root = target.value();
        if (root.replyTo) { // threads are one level deep: a reply to a reply joins the same thread
            Result<ChatMessage> first = m_context.message(course, root.replyTo);
            if (!first)
                return first.error();
            root = first.value();
            if (root.deleted)
                return error(ErrorCode::Conflict, QStringLiteral("the thread of message %1 was deleted").arg(options.replyTo));
        }
        if (root.channel != channel)
            return error(ErrorCode::InvalidValue, QStringLiteral("message %1 is in #%2, not #%3").arg(options.replyTo).arg(root.channel, channel));
        if (root.replies >= limits::MaxThreadReplies)
            return error(ErrorCode::Conflict, QStringLiteral("the thread of message %1 is full (%2 replies): start a new one")
                                                  .arg(root.id).arg(limits::MaxThreadReplies));
        if (options.question)
            return error(ErrorCode::InvalidValue, QStringLiteral("a reply cannot be a question: ask in a new message"));
        shape.replyTo = root.id;
        inQuestion = root.question;
    }
    if (options.anonymous) {
        const QString mode = m_context.projections.interactionSettings().anonymityMode(course);
        if (mode == QLatin1String("off"))
            return error(ErrorCode::Forbidden, QStringLiteral("%1 does not allow anonymous posts").arg(course));
        if (mode == QLatin1String("questions") && !inQuestion)
            return error(ErrorCode::Forbidden,
                         QStringLiteral("%1 allows anonymous posts for questions and their replies only").arg(course));
        if (!actor.via.isEmpty())
            return error(ErrorCode::Forbidden, QStringLiteral("integrations do not post anonymously"));
        shape.anonymous = true;
        shape.pseudonym = pickPseudonym(course, shape.replyTo, actor.user);
    }
    return shape;
}

QString Interactions::pickPseudonym(const QString &course, quint64 root, const QString &author) const
{
    const MessagesProjection &messages = m_context.projections.messages();
    if (root) {
        const QString mine = messages.threadPseudonym(course, root, author);
        if (!mine.isEmpty())
            return mine; // stable in the thread
    }
    const QStringList taken = root ? messages.threadPseudonyms(course, root) : QStringList();
    const int count = int(std::size(kAnimals));
    const int start = int(QRandomGenerator::global()->bounded(count));
    for (int round = 1; round < 100; ++round)
        for (int i = 0; i < count; ++i) {
            QString name = QStringLiteral("Anonymous ") + QLatin1String(kAnimals[(start + i) % count]);
            if (round > 1)
                name += QLatin1Char(' ') + QString::number(round);
            if (!taken.contains(name))
                return name;
        }
    return QStringLiteral("Anonymous");
}

std::optional<ProtocolError> Interactions::admitReaction(const QString &course, const QString &user)
{
    const QString key = course + QChar(0x1f) + normalizedName(user);
    auto it = m_reactionBuckets.find(key);
    if (it == m_reactionBuckets.end()) {
        if (m_reactionBuckets.size() > 100000) // bounded: idle buckets are full anyway
            m_reactionBuckets.clear();
        it = m_reactionBuckets.insert(key, TokenBucket(limits::ReactionsPerSecond, limits::ReactionBurst));
    }
    qint64 retryAfterMs = 0;
    if (!it->take(m_clock.elapsed(), &retryAfterMs))
        return rateLimited(retryAfterMs);
    return std::nullopt;
}

Result<ChatMessage> Interactions::openMessage(const QString &course, quint64 id) const
{
    Result<ChatMessage> found = m_context.message(course, id);
    if (!found)
        return found;
    if (std::optional<ProtocolError> e = m_context.checkWritable(course, found.value().channel))
        return *e;
    if (found.value().deleted)
        return error(ErrorCode::Conflict, QStringLiteral("message %1 was deleted").arg(id));
    return found;
}

void Interactions::react(const Actor &actor, const proto::React &m, Reply done)
{
    Result<ChatMessage> found = openMessage(m.course, m.id);
    if (!found)
        return done(found.error());
    const ChatMessage &target = found.value();
    const QJsonObject answer{{QStringLiteral("id"), double(m.id)}};
    const ReactionsProjection &reactions = m_context.projections.reactions();
    if (reactions.hasReacted(m.course, m.id, m.emoji, actor.user) == m.active) { // already so: nothing to store
        QJsonObject same = answer;
        same.insert(QStringLiteral("seq"), 0);
        return done(same);
    }
    if (std::optional<ProtocolError> limited = admitReaction(m.course, actor.user))
        return done(*limited);
    if (m.active) {
        const QList<Reaction> current = reactions.reactions(m.course, {m.id}, actor.user).value(m.id);
        const bool newEmoji = std::none_of(current.cbegin(), current.cend(), [&](const Reaction &r) { return r.emoji == m.emoji; });
        if (newEmoji && current.size() >= limits::MaxReactionsPerMessage)
            return done(error(ErrorCode::Conflict, QStringLiteral("message %1 has %2 different reactions already: use one of them")
                                                       .arg(m.id).arg(limits::MaxReactionsPerMessage)));
    }
    const QJsonObject data{{QStringLiteral("id"), double(m.id)},     {QStringLiteral("channel"), target.channel},
                           {QStringLiteral("emoji"), m.emoji},       {QStringLiteral("user"), actor.user},
                           {QStringLiteral("active"), m.active}};
    m_context.store(m.course, EventKind::MessageReacted, data, answer, std::move(done));
}

void Interactions::pin(const Actor &actor, const proto::Pin &m, Reply done)
{
    Result<ChatMessage> found = m_context.message(m.course, m.id);
    if (!found)
        return done(found.error());
    const ChatMessage &target = found.value();
    if (std::optional<ProtocolError> e = checkRole(actor, Permission::ChangeAnyMessage, QStringLiteral("pin messages")))
        return done(*e);
    if (std::optional<ProtocolError> e = m_context.checkWritable(m.course, target.channel))
        return done(*e);
    if (target.deleted && m.pinned)
        return done(error(ErrorCode::Conflict, QStringLiteral("message %1 was deleted").arg(m.id)));
    const QJsonObject answer{{QStringLiteral("id"), double(m.id)}};
    if (target.pinned == m.pinned) {
        QJsonObject same = answer;
        same.insert(QStringLiteral("seq"), 0);
        return done(same);
    }
    if (m.pinned && m_context.projections.messages().pinnedCount(m.course, target.channel) >= limits::MaxPinsPerChannel)
        return done(error(ErrorCode::Conflict, QStringLiteral("#%1 has %2 pins already: unpin one first")
                                                   .arg(target.channel).arg(limits::MaxPinsPerChannel)));
    const QJsonObject data{{QStringLiteral("id"), double(m.id)},
                           {QStringLiteral("channel"), target.channel},
                           {QStringLiteral("pinned"), m.pinned},
                           {QStringLiteral("by"), actor.user}};
    m_context.store(m.course, EventKind::MessagePinned, data, answer, std::move(done));
}

void Interactions::updateQuestion(const Actor &actor, const proto::QuestionUpdate &m, Reply done)
{
    Result<ChatMessage> found = openMessage(m.course, m.id);
    if (!found)
        return done(found.error());
    const ChatMessage &target = found.value();
    if (target.replyTo)
        return done(error(ErrorCode::InvalidValue, QStringLiteral("message %1 is a reply: only a thread's first message is a question").arg(m.id)));
    if (!sameName(target.author, actor.user) && !allows(actor.role, Permission::ChangeAnyMessage))
        return done(error(ErrorCode::Forbidden, QStringLiteral("only the author or a moderator may change question %1").arg(m.id)));
    const bool question = m.question.value_or(target.question);
    const bool resolved = question && m.resolved.value_or(target.resolved);
    if (m.resolved && *m.resolved && !question)
        return done(error(ErrorCode::InvalidValue, QStringLiteral("message %1 is not a question").arg(m.id)));
    QJsonObject data{{QStringLiteral("id"), double(m.id)},
                     {QStringLiteral("channel"), target.channel},
                     {QStringLiteral("question"), question},
                     {QStringLiteral("resolved"), resolved},
                     {QStringLiteral("by"), actor.user}};
    AnonymityFilter::markAnonymous(data, target);
    m_context.store(m.course, EventKind::QuestionUpdated, data, {{QStringLiteral("id"), double(m.id)}}, std::move(done));
}

void Interactions::endorse(const Actor &actor, const proto::Endorse &m, Reply done)
{
    if (!m_context.config.course(m.course))
        return done(unknownCourseError(m.course));
    if (std::optional<ProtocolError> e = checkRole(actor, Permission::ChangeAnyMessage, QStringLiteral("endorse answers")))
        return done(*e);
    Result<ChatMessage> found = openMessage(m.course, m.id);
    if (!found)
        return done(found.error());
    const ChatMessage &reply = found.value();
    if (!reply.replyTo)
        return done(error(ErrorCode::InvalidValue, QStringLiteral("message %1 is not a reply: endorse a reply to a question").arg(m.id)));
    Result<ChatMessage> root = m_context.message(m.course, reply.replyTo);
    if (!root || !root.value().question)
        return done(error(ErrorCode::InvalidValue, QStringLiteral("message %1 does not answer a question").arg(m.id)));
    const QJsonObject data{{QStringLiteral("id"), double(m.id)},
                           {QStringLiteral("channel"), reply.channel},
                           {QStringLiteral("question"), double(reply.replyTo)},
                           {QStringLiteral("endorsed"), m.endorsed},
                           {QStringLiteral("by"), actor.user}};
    m_context.store(m.course, EventKind::AnswerEndorsed, data, {{QStringLiteral("id"), double(m.id)}}, std::move(done));
}

void Interactions::setAnonymity(const Actor &actor, const proto::AnonymitySet &m, Reply done)
{
    if (std::optional<ProtocolError> e = m_context.checkWritable(m.course, QString()))
        return done(*e);
    if (std::optional<ProtocolError> e = checkRole(actor, Permission::ManageCourse, QStringLiteral("change who posts anonymously")))
        return done(*e);
    const QJsonObject data{{QStringLiteral("mode"), m.mode}, {QStringLiteral("by"), actor.user}};
    m_context.store(m.course, EventKind::AnonymitySet, data, {{QStringLiteral("mode"), m.mode}}, std::move(done));
}

Result<QJsonObject> Interactions::thread(const Reader &reader, const proto::Thread &m) const
{
    Result<ChatMessage> root = m_context.message(m.course, m.id);
    if (!root)
        return root.error();
    if (root.value().replyTo)
        return error(ErrorCode::InvalidValue,
                     QStringLiteral("message %1 is a reply in the thread of %2").arg(m.id).arg(root.value().replyTo));
    const MessagesProjection &messages = m_context.projections.messages();
    QList<ChatMessage> replies = messages.replies(m.course, m.id, m.after, m.limit + 1);
    const bool more = replies.size() > m.limit;
    if (more)
        replies.removeLast();
    QJsonObject out{{QStringLiteral("course"), m.course},
                    {QStringLiteral("root"), presented(m.course, {root.value()}, reader).first()},
                    {QStringLiteral("replies"), presented(m.course, replies, reader)},
                    {QStringLiteral("more"), more}};
    if (m.after == 0) // the answers, first in the thread
        out.insert(QStringLiteral("answers"), presented(m.course, messages.endorsedReplies(m.course, m.id), reader));
    return out;
}

Result<QJsonObject> Interactions::pins(const Reader &reader, const QString &course, const QString &channel) const
{
    const CourseConfig *c = m_context.config.course(course);
    if (!c)
        return unknownCourseError(course);
    if (!c->channels.contains(channel))
        return error(ErrorCode::UnknownChannel, QStringLiteral("no channel '%1' in %2").arg(channel, course));
    return QJsonObject{{QStringLiteral("course"), course},
                       {QStringLiteral("channel"), channel},
                       {QStringLiteral("messages"), presented(course, m_context.projections.messages().pinned(course, channel), reader)}};
}

Result<QJsonObject> Interactions::questions(const Reader &reader, const proto::Questions &m) const
{
    const CourseConfig *c = m_context.config.course(m.course);
    if (!c)
        return unknownCourseError(m.course);
    if (!m.channel.isEmpty() && !c->channels.contains(m.channel))
        return error(ErrorCode::UnknownChannel, QStringLiteral("no channel '%1' in %2").arg(m.channel, m.course));
    const MessagesProjection &messages = m_context.projections.messages();
    QJsonObject out{{QStringLiteral("course"), m.course},
                    {QStringLiteral("questions"), presented(m.course, messages.questions(m.course, m.channel, m.unresolved, m.limit), reader)}};
    if (reader.seesAuthors) { // the TA's to-do list: open questions per channel
        QJsonObject counts;
        const QHash<QString, int> open = messages.openQuestionCounts(m.course);
        for (auto it = open.cbegin(); it != open.cend(); ++it)
            counts.insert(it.key(), it.value());
        out.insert(QStringLiteral("counts"), counts);
    }
    return out;
}

void Interactions::present(const QString &course, QList<ChatMessage> &messages, const Reader &reader) const
{
    QList<quint64> ids;
    for (const ChatMessage &m : messages)
        ids << m.id;
    const QHash<quint64, QList<Reaction>> reactions = m_context.projections.reactions().reactions(course, ids, reader.user);
    for (ChatMessage &m : messages) {
        m.reactions = reactions.value(m.id);
        if (m.replies > 0) {
            m.repliers.clear();
            for (const ReplyAuthor &a : m_context.projections.messages().latestReplyAuthors(course, m.id, ShownRepliers)) {
                const bool hidden = a.anonymous && !reader.seesAuthors && !sameName(a.author, reader.user);
                m.repliers << (hidden ? a.pseudonym : a.author);
            }
        }
        AnonymityFilter::present(m, reader);
    }
}

QJsonArray Interactions::presented(const QString &course, QList<ChatMessage> messages, const Reader &reader) const
{
    present(course, messages, reader);
    QJsonArray out;
    for (const ChatMessage &m : messages)
        out.append(m.toJson());
    return out;
}

} // namespace collab::server
