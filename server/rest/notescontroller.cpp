#include "rest/notescontroller.h"

#include "rest/markdownhtml.h"
#include "rest/notehistorycontroller.h"

#include "config/serverconfig.h"
#include "hub/hub.h"
#include "protocol/jsonfields.h"
#include "protocol/limits.h"
#include "store/eventlog.h"

namespace collab::server {

Result<TextEdit> editFromJson(const QJsonObject &json, int noteLength)
{
    FieldReader r(json);
    const QString op = r.string("op");
    if (!r.ok())
        return r.error();
    TextEdit edit;
    if (op == QLatin1String("append")) {
        edit.position = noteLength;
        edit.text = r.string("text", limits::MaxFrameBytes);
    } else if (op == QLatin1String("insert")) {
        edit.position = int(std::min<quint64>(r.unsignedInt("position"), quint64(INT_MAX)));
        edit.text = r.string("text", limits::MaxFrameBytes);
    } else if (op == QLatin1String("delete")) {
        edit.position = int(std::min<quint64>(r.unsignedInt("position"), quint64(INT_MAX)));
        edit.length = int(std::min<quint64>(r.unsignedInt("length"), quint64(INT_MAX)));
        if (r.ok() && edit.length == 0)
            r.fail(ErrorCode::InvalidValue, QStringLiteral("length must be at least 1"));
    } else {
        r.fail(ErrorCode::InvalidValue, QStringLiteral("op must be insert, delete or append"));
    }
    if (r.ok() && op != QLatin1String("delete") && edit.text.isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("text must not be empty"));
    if (!r.ok())
        return r.error();
    return edit;
}

void NotesController::registerRoutes(RestRouter &router)
{
    using M = HttpMethod;
    router.add(M::Get, QStringLiteral("/api/v1/courses/{course}/notes/{note}"), [this](auto &a, auto &r, auto &reply) { get(a, r, reply); });
    router.add(M::Post, QStringLiteral("/api/v1/courses/{course}/notes/{note}/edits"),
               [this](auto &a, auto &r, auto &reply) { edit(a, r, reply); });
}

void NotesController::get(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    if (Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, args[0]); !key)
        return reply.error(key.error());
    if (m_history.getAt(args, request, reply)) // ?at=SEQ, ?time=, ?version=: the text then
        return;
    // ?format=markdown|html: the note itself as a document; without it, the JSON answer.
    const QUrlQuery query = request.query();
    const bool hasFormat = query.hasQueryItem(QStringLiteral("format"));
    const QString format = query.queryItemValue(QStringLiteral("format"));
    if (hasFormat && format != QLatin1String("markdown") && format != QLatin1String("html"))
        return reply.error(ProtocolError{ErrorCode::InvalidValue, QStringLiteral("format must be markdown or html")});
    Result<const crdt::Document *> doc = m_hub.noteDocument(args[0], args[1]);
    if (!doc)
        return reply.error(doc.error());
    if (format == QLatin1String("markdown"))
        return reply.text(200, "text/markdown; charset=utf-8", doc.value()->text().toUtf8());
    if (format == QLatin1String("html")) {
        reply.addHeader("Content-Security-Policy", noteHtmlContentSecurityPolicy());
        reply.addHeader("X-Content-Type-Options", "nosniff");
        return reply.text(200, "text/html; charset=utf-8",
                          renderNoteHtml(QStringLiteral("%1 \u2014 %2").arg(args[1], args[0]), doc.value()->text()));
    }
    reply.json(200, {{QStringLiteral("course"), args[0]},
                     {QStringLiteral("note"), args[1]},
                     {QStringLiteral("text"), doc.value()->text()},
                     {QStringLiteral("length"), doc.value()->length()},
                     {QStringLiteral("version"), doc.value()->version().toJson()},
                     {QStringLiteral("seq"), double(m_hub.log().lastSeq(args[0]))}});
}

void NotesController::edit(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, args[0]);
    if (!key)
        return reply.error(key.error());
    Result<const crdt::Document *> doc = m_hub.noteDocument(args[0], args[1]);
    if (!doc)
        return reply.error(doc.error());
    Result<QJsonObject> body = jsonBody(request);
    if (!body)
        return reply.error(body.error());
    Result<TextEdit> edit = editFromJson(body.value(), doc.value()->length());
    if (!edit)
        return reply.error(edit.error());
    m_hub.editNote(Actor{key.value()->name, Actor::Role::Integration}, args[0], args[1], edit.value(),
                   [reply](Result<NoteOutcome> r) mutable {
                       if (!r)
                           return reply.error(r.error());
                       reply.json(200, {{QStringLiteral("seq"), double(r.value().seq)},
                                        {QStringLiteral("length"), r.value().length},
                                        {QStringLiteral("version"), r.value().version}});
                   });
}

} // namespace collab::server
