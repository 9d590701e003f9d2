// fuzz_protocol: the WebSocket message decoders on arbitrary bytes. Every input goes through both
// decodeClientMessage (what the server reads) and decodeServerMessage (what the client library
// reads). A message that decodes must re-encode to a frame that decodes again, and that second
// round must give the same bytes: encode(decode(encode(m))) == encode(m). A decoded client message
// satisfies what the Hub relies on (docs/protocol.md, "Limits").
#include "fuzzsupport.h"

#include "protocol/clientmessages.h"
#include "protocol/emoji.h"
#include "protocol/ids.h"
#include "protocol/jsonfields.h"
#include "protocol/limits.h"
#include "protocol/servermessages.h"

#include <variant>

namespace collab::fuzz {

namespace {

QByteArray describe(const QByteArray &first, const QByteArray &second, const ProtocolError *error = nullptr)
{
    QByteArray out = "encoded: " + first + "\n  again:   " + second;
    if (error)
        out += "\n  error:   " + errorCodeName(error->code).toUtf8() + ' ' + error->message.toUtf8();
    return out;
}

template <typename... F>
struct Overloaded : F...
{
    using F::operator()...;
};
template <typename... F>
Overloaded(F...) -> Overloaded<F...>;

bool blank(const QString &text)
{
    return text.trimmed().isEmpty();
}

// What the server may assume about a client message once it decoded.
void checkClientLimits(const proto::ClientPayload &payload, const QByteArray &frame)
{
    std::visit(Overloaded{
                   [&](const proto::Hello &m) { FUZZ_CHECK(isValidUserName(m.user), frame); },
                   [&](const proto::Join &m) {
                       FUZZ_CHECK(isValidId(m.course) && utf8Length(m.joinCode) <= limits::MaxJoinCodeLength, frame);
                   },
                   [&](const proto::Leave &m) { FUZZ_CHECK(isValidId(m.course), frame); },
                   [&](const proto::ChatSend &m) {
                       FUZZ_CHECK(isValidId(m.course) && isValidId(m.channel), frame);
                       FUZZ_CHECK(!blank(m.text) && utf8Length(m.text) <= limits::MaxChatTextBytes, frame);
                       FUZZ_CHECK(!m.clientMsgId.isEmpty() && utf8Length(m.clientMsgId) <= limits::MaxClientMsgIdLength, frame);
                   },
                   [&](const proto::ChatEdit &m) {
                       FUZZ_CHECK(isValidId(m.course) && !blank(m.text) && utf8Length(m.text) <= limits::MaxChatTextBytes, frame);
                   },
                   [&](const proto::ChatDelete &m) { FUZZ_CHECK(isValidId(m.course), frame); },
                   [&](const proto::Typing &m) {
                       FUZZ_CHECK(isValidId(m.course) && m.channel.isEmpty() != m.note.isEmpty(), frame);
                       FUZZ_CHECK((m.channel.isEmpty() || isValidId(m.channel)) && (m.note.isEmpty() || isValidId(m.note)), frame);
                   },
                   [&](const proto::EditAction &m) {
                       FUZZ_CHECK(isValidId(m.course) && isValidId(m.note), frame);
                       FUZZ_CHECK(utf8Length(m.text) <= limits::MaxEditTextBytes, frame);
                   },
                   [&](const proto::History &m) {
                       FUZZ_CHECK(isValidId(m.course) && isValidId(m.channel), frame);
                       FUZZ_CHECK(m.limit >= 1 && m.limit <= limits::MaxHistory, frame);
                   },
                   [&](const proto::NoteOps &m) {
                       FUZZ_CHECK(isValidId(m.course) && isValidId(m.note) && !m.ops.isEmpty(), frame);
                       for (const crdt::Operation &op : m.ops)
                           FUZZ_CHECK(!op.validateShape(), frame);
                   },
                   [&](const proto::NoteSync &m) { FUZZ_CHECK(isValidId(m.course) && isValidId(m.note), frame); },
                   [&](const proto::Search &m) {
                       FUZZ_CHECK(isValidId(m.course) && (m.channel.isEmpty() || isValidId(m.channel)), frame);
                       FUZZ_CHECK(utf8Length(m.q) <= proto::Search::MaxQueryBytes && m.limit >= 1 && m.limit <= proto::Search::MaxLimit, frame);
                   },
                   // Note history: a point is given, names are checked before any handler sees them.
                   [&](const proto::NoteAt &m) {
                       FUZZ_CHECK(isValidId(m.course) && isValidId(m.note), frame);
                       FUZZ_CHECK(int(m.at != 0) + int(m.time != 0) + int(!m.version.isEmpty()) == 1, frame);
                   },
                   [&](const proto::NoteNameVersion &m) {
                       FUZZ_CHECK(isValidId(m.course) && isValidId(m.note) && !proto::history::checkVersionName(m.name), frame);
                   },
                   [&](const proto::NoteRestore &m) {
                       FUZZ_CHECK(isValidId(m.course) && isValidId(m.note) && int(m.at != 0) + int(!m.version.isEmpty()) == 1, frame);
                   },
                   [&](const proto::NoteHistoryGet &m) {
                       FUZZ_CHECK(m.limit >= 1 && m.limit <= proto::history::MaxVersions, frame);
                   },
                   // Course interactions: the Hub relies on a valid emoji and on option counts.
                   [&](const proto::React &m) { FUZZ_CHECK(isValidId(m.course) && isReactionEmoji(m.emoji), frame); },
                   [&](const proto::PollVote &m) {
                       FUZZ_CHECK(!m.options.isEmpty() && m.options.size() <= limits::MaxPollOptions, frame);
                       for (int o : m.options)
                           FUZZ_CHECK(o >= 0 && o < limits::MaxPollOptions, frame);
                   },
                   [&](const proto::PollCreate &m) {
                       FUZZ_CHECK(m.options.size() >= limits::MinPollOptions && m.options.size() <= limits::MaxPollOptions, frame);
                   },
                   [&](const proto::QueueJoin &m) {
                       FUZZ_CHECK(!m.topic.contains(QLatin1Char('\n')) && utf8Length(m.topic) <= limits::MaxQueueTopicBytes, frame);
                   },
                   // Course administration (courseadminmessages.h): what the Hub's handlers use unchecked.
                   [&](const proto::CourseCreate &m) {
                       FUZZ_CHECK(isValidId(m.course) && utf8Length(m.title) <= limits::MaxTitleBytes, frame);
                       FUZZ_CHECK(m.title.isEmpty() || !blank(m.title), frame);
                       FUZZ_CHECK(m.instructors.size() <= limits::MaxCourseInstructors, frame);
                       QStringList names;
                       for (const QString &name : m.instructors) {
                           FUZZ_CHECK(isValidUserName(name) && !names.contains(normalizedName(name)), frame);
                           names << normalizedName(name);
                       }
                       for (QStringList ids : {m.channels, m.announcements, m.notes}) {
                           FUZZ_CHECK(ids.size() <= limits::MaxCourseChannels, frame);
                           for (const QString &id : ids)
                               FUZZ_CHECK(isValidId(id), frame);
                           FUZZ_CHECK(ids.removeDuplicates() == 0, frame);
                       }
                   },
                   [&](const proto::CourseUpdate &m) {
                       FUZZ_CHECK(isValidId(m.course) && (m.title || m.archived || m.studentNotes || m.invitesRequired), frame);
                       FUZZ_CHECK(!m.title || (!blank(*m.title) && utf8Length(*m.title) <= limits::MaxTitleBytes), frame);
                   },
                   [&](const proto::CourseDelete &m) { FUZZ_CHECK(isValidId(m.course), frame); },
                   [&](const proto::ChannelAdd &m) { FUZZ_CHECK(isValidId(m.course) && isValidId(m.channel), frame); },
                   [&](const proto::ChannelUpdate &m) {
                       FUZZ_CHECK(isValidId(m.course) && isValidId(m.channel) && (m.archived || m.announcement), frame);
                   },
                   [&](const proto::NoteCreate &m) { FUZZ_CHECK(isValidId(m.course) && isValidId(m.note), frame); },
                   [&](const proto::NoteUpdate &m) { FUZZ_CHECK(isValidId(m.course) && isValidId(m.note), frame); },
                   [&](const proto::NoteLock &m) { FUZZ_CHECK(isValidId(m.course) && isValidId(m.note), frame); },
                   [&](const proto::JoinCodeRotate &m) { FUZZ_CHECK(isValidId(m.course), frame); },
                   [&](const proto::Kick &m) {
                       FUZZ_CHECK(isValidId(m.course) && isValidId(m.user), frame);
                       FUZZ_CHECK(!m.minutes || (*m.minutes >= 0 && *m.minutes <= limits::MaxRemovalMinutes), frame);
                   },
                   [&](const proto::MemberRoleSet &m) {
                       FUZZ_CHECK(isValidId(m.course) && isValidUserName(m.user), frame);
                       FUZZ_CHECK(m.role == QLatin1String("ta") || m.role == QLatin1String("student"), frame);
                   },
                   [&](const proto::MemberRestore &m) { FUZZ_CHECK(isValidId(m.course) && isValidId(m.user), frame); },
                   [&](const proto::RosterImport &m) { FUZZ_CHECK(isValidId(m.course), frame); },
                   [&](const proto::ModerationLog &m) { FUZZ_CHECK(isValidId(m.course) && m.limit >= 1 && m.limit <= 1000, frame); },
                   [&](const proto::CourseExport &m) { FUZZ_CHECK(isValidId(m.course), frame); },
                   [&](const proto::RetentionSet &m) {
                       FUZZ_CHECK(isValidId(m.course) && (m.off != m.days.has_value())
                                      && (!m.days || (*m.days >= 1 && *m.days <= proto::RetentionSet::MaxDays)), frame);
                   },
                   [&](const proto::RetentionRun &m) { FUZZ_CHECK(isValidId(m.course), frame); },
                   [&](const proto::ClaimsPurge &m) { FUZZ_CHECK(isValidId(m.course), frame); },
                   [](const auto &) {}, // ping, and message types added later
               },
               payload);
}

void clientRoundTrip(const QByteArray &frame)
{
    const Result<proto::ClientMessage> decoded = proto::decodeClientMessage(frame);
    if (!decoded) {
        // Errors carry a ref only when it could be read, and never one of the wrong type.
        const QJsonValue &ref = decoded.error().ref;
        FUZZ_CHECK(ref.isNull() || ref.isUndefined() || ref.isDouble() || ref.isString(), frame);
        return;
    }
    checkClientLimits(decoded.value().payload, frame);
    const QByteArray encoded = decoded.value().encode();
    const Result<proto::ClientMessage> again = proto::decodeClientMessage(encoded);
    FUZZ_CHECK(again.ok(), describe(encoded, {}, again.ok() ? nullptr : &again.error()));
    FUZZ_CHECK(again.value().payload.index() == decoded.value().payload.index(), describe(encoded, {}));
    const QByteArray reencoded = again.value().encode();
    FUZZ_CHECK(reencoded == encoded, describe(encoded, reencoded));
}

QByteArray encodeServer(const proto::ServerPayload &payload)
{
    return std::visit([](const auto &m) { return proto::encode(m); }, payload);
}

void serverRoundTrip(const QByteArray &frame)
{
    const Result<proto::ServerPayload> decoded = proto::decodeServerMessage(frame);
    if (!decoded)
        return;
    const QByteArray encoded = encodeServer(decoded.value());
    const Result<proto::ServerPayload> again = proto::decodeServerMessage(encoded);
    FUZZ_CHECK(again.ok(), describe(encoded, {}, again.ok() ? nullptr : &again.error()));
    FUZZ_CHECK(again.value().index() == decoded.value().index(), describe(encoded, {}));
    const QByteArray reencoded = encodeServer(again.value());
    FUZZ_CHECK(reencoded == encoded, describe(encoded, reencoded));
}

} // namespace

void protocol(QByteArrayView input)
{
    const QByteArray frame = input.toByteArray();
    clientRoundTrip(frame);
    serverRoundTrip(frame);
}

} // namespace collab::fuzz

COLLAB_FUZZ_TARGET(collab::fuzz::protocol)
