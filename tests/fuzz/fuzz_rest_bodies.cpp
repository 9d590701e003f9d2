// fuzz_rest_bodies: the REST request bodies on arbitrary bytes: jsonBody (size limit, JSON object)
// and the body decoders of the message and note controllers (FieldReader-based). The first byte
// picks the note length the edit decoder is given; the rest is the body. Properties: a refused body
// is bad_json or too_large; a decoded body satisfies what the handlers rely on (limits, non-empty
// text, valid ids, positions >= 0).
#include "fuzzsupport.h"

#include "protocol/ids.h"
#include "protocol/jsonfields.h"
#include "protocol/limits.h"
#include "rest/messagescontroller.h"
#include "rest/notescontroller.h"
#include "rest/restrouter.h"

namespace collab::fuzz {

namespace {

void messageBodies(const QJsonObject &json, const QByteArray &body)
{
    const Result<server::MessagePostBody> post = server::messagePostFromJson(json);
    if (post) {
        const server::MessagePostBody &m = post.value();
        FUZZ_CHECK(!m.text.trimmed().isEmpty(), body);
        FUZZ_CHECK(utf8Length(m.text) <= limits::MaxChatTextBytes, body);
        FUZZ_CHECK(!m.author || isValidId(*m.author), body);
        FUZZ_CHECK(utf8Length(m.clientMsgId) <= limits::MaxClientMsgIdLength, body);
    }
    const Result<QString> edit = server::messageEditFromJson(json);
    if (edit) {
        FUZZ_CHECK(!edit.value().trimmed().isEmpty(), body);
        FUZZ_CHECK(utf8Length(edit.value()) <= limits::MaxChatTextBytes, body);
    }
    // Both read "text" the same way: one accepts it exactly when the other does.
    FUZZ_CHECK(!post.ok() || edit.ok(), body);
}

void noteEdit(const QJsonObject &json, int noteLength, const QByteArray &body)
{
    const Result<server::TextEdit> edit = server::editFromJson(json, noteLength);
    if (!edit)
        return;
    const server::TextEdit &e = edit.value();
    FUZZ_CHECK(e.position >= 0 && e.length >= 0, body);
    FUZZ_CHECK(e.length > 0 || !e.text.isEmpty(), body); // never a no-op edit
    FUZZ_CHECK(e.length == 0 || e.text.isEmpty(), body); // delete XOR insert
    FUZZ_CHECK(utf8Length(e.text) <= limits::MaxFrameBytes, body);
}

} // namespace

void restBodies(QByteArrayView input)
{
    ByteReader in(input);
    const quint8 first = in.byte();
    const int noteLength = first == 0xff ? INT_MAX : int(first);
    const QByteArray body = in.rest().toByteArray();

    const Result<QJsonObject> json = server::jsonBody(body);
    if (!json) {
        const ErrorCode code = json.error().code;
        FUZZ_CHECK(code == ErrorCode::BadJson || code == ErrorCode::TooLarge, body);
        // too_large: over the size limit, or nested too deep; a body over the limit is never parsed.
        FUZZ_CHECK(code == ErrorCode::TooLarge || body.size() <= limits::MaxFrameBytes, body);
        return;
    }
    messageBodies(json.value(), body);
    noteEdit(json.value(), noteLength, body);
}

} // namespace collab::fuzz

COLLAB_FUZZ_TARGET(collab::fuzz::restBodies)
