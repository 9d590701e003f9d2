#include "rest/messagescontroller.h"

#include "config/serverconfig.h"
#include "hub/hub.h"
#include "protocol/jsonfields.h"
#include "protocol/jsonwriter.h"
#include "protocol/limits.h"
#include "store/eventlog.h"
#include "store/projections.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace collab::server {

namespace {

// A query parameter as a non-negative integer, or the error to answer.
Result<quint64> queryNumber(const RestRequest &request, const char *name, quint64 fallback, quint64 min, quint64 max)
{
    const QUrlQuery query = request.query();
    const QString key = QLatin1String(name);
    if (!query.hasQueryItem(key))
        return fallback;
    bool ok = false;
    const quint64 value = query.queryItemValue(key).toULongLong(&ok);
    if (!ok || value < min || value > max)
        return ProtocolError::make(ErrorCode::InvalidValue,
                                   QStringLiteral("'%1' must be an integer from %2 to %3").arg(key).arg(min).arg(max));
    return value;
}

// Answers a message command once the Hub is done: `created` says 201 on a new post.
// `reader`: the key, which sees an anonymous message's author only if it may (AnonymityFilter).
auto replyWith(HttpReply reply, bool created, const Reader &reader)
{
    return [reply, created, reader](Result<MessageOutcome> r) mutable {
        if (!r)
            return reply.error(r.error());
        AnonymityFilter::present(r.value().message, reader);
        const int status = created && !r.value().duplicate ? 201 : 200;
        reply.jsonBytes(status, [outcome = std::move(r).value()] { // written in the HTTP thread
            JsonWriter body; // {"duplicate"?, "message", "seq"}: keys sorted, as QJsonDocument writes them
            body.beginObject();
            if (outcome.duplicate)
                body.field(QLatin1String("duplicate"), true);
            outcome.message.writeJson(body, QLatin1String("message"));
            return body.field(QLatin1String("seq"), qint64(outcome.seq)).endObject().take();
        });
    };
}

Result<quint64> messageId(const QString &arg)
{
    bool ok = false;
    const quint64 id = arg.toULongLong(&ok);
    if (!ok || id == 0)
        return ProtocolError::make(ErrorCode::NotFound, QStringLiteral("no message '%1'").arg(arg.left(32)));
    return id;
}

} // namespace

Result<MessagePostBody> messagePostFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    MessagePostBody body;
    body.text = r.string("text", limits::MaxChatTextBytes);
    body.author = r.optionalId("author");
    body.clientMsgId = r.optionalString("clientMsgId", limits::MaxClientMsgIdLength).value_or(QString());
    body.replyTo = r.optionalUnsignedInt("replyTo").value_or(0);
    body.question = r.optionalBoolean("question").value_or(false);
    body.anonymous = r.optionalBoolean("anonymous").value_or(false);
    if (r.has("files")) {
        for (const QJsonValue &v : r.array("files")) {
            if (!v.isString()) {
                r.fail(ErrorCode::BadType, QStringLiteral("files must be an array of file ids"));
                break;
            }
            body.files.append(v.toString());
        }
        if (std::optional<ProtocolError> e = r.ok() ? FileRef::checkIds(body.files) : std::nullopt)
            r.fail(e->code, e->message);
    }
    if (r.ok() && json.contains(QLatin1String("via")))
        r.fail(ErrorCode::InvalidValue, QStringLiteral("via is set by the server (the API key's name), not by the request"));
    if (r.ok() && body.text.trimmed().isEmpty() && body.files.isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("text must not be empty"));
    if (!r.ok())
        return r.error();
    return body;
}

Result<QString> messageEditFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    const QString text = r.string("text", limits::MaxChatTextBytes);
    if (r.ok() && text.trimmed().isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("text must not be empty (DELETE the message instead)"));
    if (!r.ok())
        return r.error();
    return text;
}

void MessagesController::registerRoutes(RestRouter &router)
{
    using M = HttpMethod;
    const QString channelMessages = QStringLiteral("/api/v1/courses/{course}/channels/{channel}/messages");
    const QString message = QStringLiteral("/api/v1/courses/{course}/messages/{id}");
    router.add(M::Get, channelMessages, [this](auto &a, auto &r, auto &reply) { list(a, r, reply); });
    router.add(M::Post, channelMessages, [this](auto &a, auto &r, auto &reply) { post(a, r, reply); });
    router.add(M::Patch, message, [this](auto &a, auto &r, auto &reply) { edit(a, r, reply); });
    router.add(M::Delete, message, [this](auto &a, auto &r, auto &reply) { remove(a, r, reply); });
}

void MessagesController::list(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    const QString &course = args[0];
    const QString &channel = args[1];
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, course);
    if (!key)
        return reply.error(key.error());
    if (!m_hub.course(course)->channels.contains(channel))
        return reply.error(ProtocolError::make(ErrorCode::UnknownChannel, QStringLiteral("no channel '%1'").arg(channel)));
    const Result<quint64> since = queryNumber(request, "since", 0, 0, std::numeric_limits<qint64>::max());
    const Result<quint64> limit = queryNumber(request, "limit", limits::DefaultHistory, 1, limits::MaxHistory);
    if (!since)
        return reply.error(since.error());
    if (!limit)
        return reply.error(limit.error());
    const int pageSize = int(limit.value());

    const MessagesProjection &stored = m_hub.projections().messages();
    const bool hasSince = request.query().hasQueryItem(QStringLiteral("since"));
    QList<ChatMessage> messages = hasSince ? stored.messagesAfter(course, channel, since.value(), pageSize + 1)
                                           : stored.messagesBefore(course, channel, 0, pageSize + 1);
    const bool more = messages.size() > pageSize;
    if (more)
        hasSince ? messages.removeLast() : messages.removeFirst();
    // Anonymous posts as the key may see them: integrations as classmates do (docs/security.md).
    const Actor::Role role = key.value()->role == ApiKeyConfig::Role::Admin        ? Actor::Role::Admin
                             : key.value()->role == ApiKeyConfig::Role::Instructor ? Actor::Role::Instructor
                                                                                   : Actor::Role::Integration;
    const QJsonArray list = m_hub.interactions().presented(course, messages, Reader::of(Actor{key.value()->name, role, key.value()->name}));
    reply.json(200, {{QStringLiteral("course"), course},
                     {QStringLiteral("channel"), channel},
                     {QStringLiteral("seq"), double(m_hub.log().lastSeq(course))},
                     {QStringLiteral("more"), more},
                     {QStringLiteral("messages"), list}});
}

void MessagesController::post(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    const QString &course = args[0];
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, course);
    if (!key)
        return reply.error(key.error());
    Result<QJsonObject> body = jsonBody(request);
    if (!body)
        return reply.error(body.error());
    Result<MessagePostBody> message = messagePostFromJson(body.value());
    if (!message)
        return reply.error(message.error());
    // A key posts only as the names its configuration allows ("authors", default its own name),
    // and every post carries the key itself as `via`, so that members see it came from an integration.
    const ApiKeyConfig &apiKey = *key.value();
    const QString requested = message.value().author.value_or(apiKey.name);
    const QString author = apiKey.authorNamed(requested);
    if (author.isEmpty())
        return reply.error(ProtocolError::make(
            ErrorCode::Forbidden, QStringLiteral("the API key %1 may not post as %2 (its config's \"authors\": %3)")
                                      .arg(apiKey.name, requested, apiKey.authors.join(QLatin1String(", ")))));
    QString clientMsgId = message.value().clientMsgId;
    if (clientMsgId.isEmpty()) {
        // Refused, not cut: two long keys with one prefix would otherwise be taken for one message.
        const QByteArray idempotencyKey = request.value(QByteArrayLiteral("idempotency-key"));
        if (idempotencyKey.size() > limits::MaxClientMsgIdLength)
            return reply.error(ProtocolError::make(
                ErrorCode::InvalidValue,
                QStringLiteral("the Idempotency-Key header is over %1 bytes").arg(limits::MaxClientMsgIdLength)));
        clientMsgId = QString::fromUtf8(idempotencyKey);
    }
    const PostOptions options{message.value().replyTo, message.value().question, message.value().anonymous, message.value().files};
    m_hub.postMessage(Actor{author, Actor::Role::Integration, apiKey.name}, course, args[1], message.value().text,
                      clientMsgId, options, replyWith(reply, true, Reader{author, false}));
}

void MessagesController::edit(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    const QString &course = args[0];
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, course);
    if (!key)
        return reply.error(key.error());
    const Result<quint64> id = messageId(args[1]);
    if (!id)
        return reply.error(id.error());
    Result<QJsonObject> body = jsonBody(request);
    if (!body)
        return reply.error(body.error());
    const Result<QString> text = messageEditFromJson(body.value());
    if (!text)
        return reply.error(text.error());
    m_hub.editMessage(Actor{key.value()->name, Actor::Role::Integration, key.value()->name}, course, id.value(), text.value(),
                      replyWith(reply, false, Reader{key.value()->name, false}));
}

void MessagesController::remove(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    const QString &course = args[0];
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, course);
    if (!key)
        return reply.error(key.error());
    const Result<quint64> id = messageId(args[1]);
    if (!id)
        return reply.error(id.error());
    m_hub.deleteMessage(Actor{key.value()->name, Actor::Role::Integration, key.value()->name}, course, id.value(),
                        replyWith(reply, false, Reader{key.value()->name, false}));
}

} // namespace collab::server
