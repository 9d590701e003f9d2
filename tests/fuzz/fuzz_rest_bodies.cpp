// fuzz_rest_bodies: the REST request bodies on arbitrary bytes: jsonBody (size limit, JSON object),
// the body decoders of the message and note controllers (FieldReader-based), those of the routes
// that run a course (course, channel and note create/update, note lock, member removal and role:
// courseadmincontroller.h) and the roster CSV reader. The first byte picks the note length the
// edit decoder is given and the most rows the roster may have; the rest is the body. Properties:
// a refused body is bad_json or too_large; a decoded body satisfies what the handlers rely on
// (limits, non-empty text, valid ids, positions >= 0); a course-admin body names the course (and
// channel, note, user) of its path whatever it says, and re-encodes as a message that decodes to
// the same; a roster that reads has 1..max rows of valid, distinct names, roles student or ta.
#include "fuzzsupport.h"

#include "hub/rostercsv.h"
#include "protocol/ids.h"
#include "protocol/jsonfields.h"
#include "protocol/limits.h"
#include "rest/courseadmincontroller.h"
#include "rest/messagescontroller.h"
#include "rest/notescontroller.h"
#include "rest/restrouter.h"

#include <QtCore/QSet>

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

// The path's values of the course-admin routes: a body cannot name others.
const QString PathCourse = QStringLiteral("cs101");
const QString PathChannel = QStringLiteral("general");
const QString PathNote = QStringLiteral("week1");
const QString PathUser = QStringLiteral("alice");

// A decoded course-admin body: its course is the path's, and it re-encodes as its message, which
// decodes to the same JSON (as fuzz_protocol checks for frames).
template <typename T>
bool decodedForPath(const Result<T> &m, const QByteArray &body)
{
    if (!m) {
        const ErrorCode code = m.error().code;
        FUZZ_CHECK(code != ErrorCode::Internal, body);
        return false;
    }
    FUZZ_CHECK(m.value().course == PathCourse, "a body named another course: " + body);
    const QJsonObject encoded = m.value().toJson();
    const Result<T> again = T::fromJson(encoded);
    FUZZ_CHECK(again.ok() && again.value().toJson() == encoded, "does not decode again: " + body);
    return true;
}

void courseAdminBodies(const QJsonObject &json, const QByteArray &body)
{
    using server::withPathFields;
    const QJsonObject course{{QStringLiteral("course"), PathCourse}};
    const auto with = [&](const char *key, const QString &value) {
        QJsonObject fields = course;
        fields.insert(QLatin1String(key), value);
        return fields;
    };
    const Result<proto::CourseCreate> created = server::courseCreateFromJson(json);
    if (created) { // (the only route without a course in its path: the body names it)
        FUZZ_CHECK(isValidId(created.value().course), body);
        const Result<proto::CourseCreate> again = proto::CourseCreate::fromJson(created.value().toJson());
        FUZZ_CHECK(again.ok() && again.value().toJson() == created.value().toJson(), body);
    }
    decodedForPath(withPathFields<proto::CourseUpdate>(json, course), body);
    const Result<proto::ChannelAdd> channel = server::channelAddFromJson(json, PathCourse);
    if (decodedForPath(channel, body))
        FUZZ_CHECK(isValidId(channel.value().channel), body);
    const Result<proto::ChannelUpdate> channelUpdate = withPathFields<proto::ChannelUpdate>(json, with("channel", PathChannel));
    if (decodedForPath(channelUpdate, body))
        FUZZ_CHECK(channelUpdate.value().channel == PathChannel, body);
    const Result<proto::NoteCreate> note = server::noteCreateFromJson(json, PathCourse);
    if (decodedForPath(note, body))
        FUZZ_CHECK(isValidId(note.value().note), body);
    const Result<proto::NoteUpdate> noteUpdate = withPathFields<proto::NoteUpdate>(json, with("note", PathNote));
    if (decodedForPath(noteUpdate, body))
        FUZZ_CHECK(noteUpdate.value().note == PathNote, body);
    const Result<proto::NoteLock> lock = withPathFields<proto::NoteLock>(json, with("note", PathNote));
    if (decodedForPath(lock, body))
        FUZZ_CHECK(lock.value().note == PathNote, body);
    const Result<proto::Kick> removal = withPathFields<proto::Kick>(json, with("user", PathUser));
    if (decodedForPath(removal, body))
        FUZZ_CHECK(removal.value().user == PathUser, body);
    const Result<proto::MemberRoleSet> role = withPathFields<proto::MemberRoleSet>(json, with("user", PathUser));
    if (decodedForPath(role, body)) {
        const QString &r = role.value().role;
        FUZZ_CHECK(role.value().user == PathUser && (r == QLatin1String("ta") || r == QLatin1String("student")), body);
    }
}

// POST /api/v1/courses/{course}/roster takes CSV, not JSON: every body is a roster too.
void roster(const QByteArray &body, int maxRows)
{
    const Result<QList<server::RosterRow>> rows = server::parseRosterCsv(body, maxRows);
    if (!rows) {
        FUZZ_CHECK(rows.error().code == ErrorCode::InvalidValue, body);
        return;
    }
    FUZZ_CHECK(!rows.value().isEmpty() && rows.value().size() <= maxRows, body);
    QSet<QString> names;
    int previous = 0;
    for (const server::RosterRow &r : rows.value()) {
        FUZZ_CHECK(r.row > previous, "rows out of order: " + body);
        previous = r.row;
        FUZZ_CHECK(isValidUserName(r.user), body);
        FUZZ_CHECK(r.role == QLatin1String("student") || r.role == QLatin1String("ta"), body);
        FUZZ_CHECK(r.contact.size() <= 254, body);
        const QString key = normalizedName(r.user);
        FUZZ_CHECK(!names.contains(key), "a name twice: " + body);
        names.insert(key);
    }
}

} // namespace

void restBodies(QByteArrayView input)
{
    ByteReader in(input);
    const quint8 first = in.byte();
    const int noteLength = first == 0xff ? INT_MAX : int(first);
    const QByteArray body = in.rest().toByteArray();
    roster(body, qMax(1, int(first)));

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
    courseAdminBodies(json.value(), body);
}

} // namespace collab::fuzz

COLLAB_FUZZ_TARGET(collab::fuzz::restBodies)
