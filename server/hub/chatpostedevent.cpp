#include "hub/chatpostedevent.h"

#include "logging.h"
#include "protocol/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace collab::server {

namespace {

// Qt's JSON parser drops a U+FEFF (byte order mark) that starts a string value, which a client
// can send as "\ufeff": such a text must not go through the parser.
bool startsWithByteOrderMark(const QString &s) { return !s.isEmpty() && s.front() == QChar(0xfeff); }

} // namespace

// The data of a chat.posted event: the message without id (the log adds the seq) and createdAt
// (the event's time). Written as JSON text and parsed once: every QJsonObject::insert builds and
// frees a QCborValue for its key and one for its value (about 4k instructions each, and a REST
// post has five fields), while the parser fills one container in place. JsonWriter's text is
// what QJsonDocument writes, which its parser reads back to the same strings but for a leading
// U+FEFF (tst_jsonwriter, roundTripsThroughTheParser); those go key by key, as before.
QJsonObject chatPostedEventData(const ChatMessage &m)
{
    const bool parsable = !startsWithByteOrderMark(m.text) && !startsWithByteOrderMark(m.clientMsgId)
                          && !startsWithByteOrderMark(m.author) && !startsWithByteOrderMark(m.channel)
                          && !startsWithByteOrderMark(m.via) && m.files.isEmpty(); // attachments: the general way
    if (parsable) {
        JsonWriter w(96 + 3 * (m.text.size() + m.author.size() + m.channel.size() + m.clientMsgId.size() + m.via.size()));
        w.beginObject();
        if (m.anonymous) // course interactions (issue 14): docs/protocol.md, "Course interactions"
            w.field(QLatin1String("anonymous"), true);
        w.field(QLatin1String("author"), m.author).field(QLatin1String("channel"), m.channel);
        if (!m.clientMsgId.isEmpty())
            w.field(QLatin1String("clientMsgId"), m.clientMsgId);
        if (m.anonymous)
            w.field(QLatin1String("pseudonym"), m.pseudonym);
        if (m.question)
            w.field(QLatin1String("question"), true);
        if (m.replyTo)
            w.field(QLatin1String("replyTo"), qint64(m.replyTo));
        w.field(QLatin1String("text"), m.text);
        if (!m.via.isEmpty()) // set by the server from the API key, never by the request
            w.field(QLatin1String("via"), m.via);
        w.endObject();
        QJsonParseError error;
        const QJsonDocument parsed = QJsonDocument::fromJson(w.take(), &error);
        if (error.error == QJsonParseError::NoError && parsed.isObject())
            return parsed.object();
        qCWarning(lcHub) << "chat.posted data: the parser refused the writer's text:" << error.errorString();
    }
    // Key by key in sorted order, each insert an append.
    QJsonObject data;
    if (m.anonymous) {
        data.insert(QLatin1String("anonymous"), true);
        data.insert(QLatin1String("pseudonym"), m.pseudonym);
    }
    if (m.question)
        data.insert(QLatin1String("question"), true);
    if (m.replyTo)
        data.insert(QLatin1String("replyTo"), double(m.replyTo));
    data.insert(QLatin1String("author"), m.author);
    data.insert(QLatin1String("channel"), m.channel);
    if (!m.clientMsgId.isEmpty())
        data.insert(QLatin1String("clientMsgId"), m.clientMsgId);
    data.insert(QLatin1String("text"), m.text);
    if (!m.files.isEmpty()) { // the cards members see: id, name, size, type (never the uploader)
        QJsonArray files;
        for (const FileRef &f : m.files)
            files.append(f.toJson());
        data.insert(QLatin1String("files"), files);
    }
    if (!m.via.isEmpty())
        data.insert(QLatin1String("via"), m.via);
    return data;
}

} // namespace collab::server
