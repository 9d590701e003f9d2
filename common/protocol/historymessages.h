#pragma once

// A shared note's history (issue 15 part 2): its versions, the text at any of them, what changed
// between two, who wrote which text, named versions and restoring one. Included by
// clientmessages.h; declared like every other message (wireFields(), see protocol/wirefields.h).
// A "point" of a note's history is a course seq: the note as it was once every event up to that
// seq had been applied (0 in `to`/`at` where optional: the note as it is now).

#include "protocol/protocolerror.h"
#include "protocol/wirefields.h"

#include <QString>

namespace collab::proto {

namespace history {
inline constexpr int DefaultVersions = 100;
inline constexpr int MaxVersions = 500;
inline constexpr qsizetype MaxVersionNameBytes = 200;
inline constexpr int MaxVersionNameChars = 80;
// Why `name` cannot name a version (blank, too long, control or format characters), or nullopt.
std::optional<ProtocolError> checkVersionName(const QString &name);
} // namespace history

struct NoteHistoryGet
{
    static constexpr const char *Type = "note.history";
    static constexpr const char *Doc = "`ack {course, note, versions: [{seq, time, authors, name?}], named: [{name, at, by, "
                                       "time}], more}`, newest first, versions before `before` (0: the newest)";
    QString course;
    QString note;
    quint64 before = 0;
    int limit = history::DefaultVersions;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteHistoryGet::course), wire::id("note", &NoteHistoryGet::note),
                               wire::unsignedInt("before", &NoteHistoryGet::before).optional().omittedWhenDefault(),
                               wire::count("limit", &NoteHistoryGet::limit, 1, history::MaxVersions)
                                   .optional(history::DefaultVersions));
    }
    COLLAB_WIRE_CODEC(NoteHistoryGet)
};

struct NoteAt
{
    static constexpr const char *Type = "note.at";
    static constexpr const char *Doc = "`ack {course, note, at, text, length}`: the text at version `at` (a seq), at the "
                                       "last version at or before `time` (ms since the epoch) or at the version named `version`";
    QString course;
    QString note;
    quint64 at = 0;
    qint64 time = 0;
    QString version;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteAt::course), wire::id("note", &NoteAt::note),
                               wire::unsignedInt("at", &NoteAt::at).optional().omittedWhenDefault(),
                               wire::integer("time", &NoteAt::time).optional().omittedWhenDefault(),
                               wire::string("version", &NoteAt::version, history::MaxVersionNameBytes).optional().omittedWhenDefault());
    }
    void validate(FieldReader &r) const; // exactly one of at, time, version
    COLLAB_WIRE_CODEC(NoteAt)
};

struct NoteDiff
{
    static constexpr const char *Type = "note.diff";
    static constexpr const char *Doc = "`ack {course, note, from, to, hunks: [{fromLine, removed[], toLine, added[]}]}`: "
                                       "the lines that changed from `from` to `to` (0: now)";
    QString course;
    QString note;
    quint64 from = 0;
    quint64 to = 0;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteDiff::course), wire::id("note", &NoteDiff::note),
                               wire::unsignedInt("from", &NoteDiff::from),
                               wire::unsignedInt("to", &NoteDiff::to).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(NoteDiff)
};

struct NoteAuthors
{
    static constexpr const char *Type = "note.authors";
    static constexpr const char *Doc = "`ack {course, note, at, spans: [{start, length, user}]}`: who wrote each part "
                                       "of the text at `at` (0: now); UTF-16 units";
    QString course;
    QString note;
    quint64 at = 0;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteAuthors::course), wire::id("note", &NoteAuthors::note),
                               wire::unsignedInt("at", &NoteAuthors::at).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(NoteAuthors)
};

struct NoteNameVersion
{
    static constexpr const char *Type = "note.name";
    static constexpr const char *Doc = "`ack {seq, name, at}` once stored (instructors and TAs): names the note as it "
                                       "is at `at` (0: now); names are unique per note";
    QString course;
    QString note;
    QString name;
    quint64 at = 0;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteNameVersion::course), wire::id("note", &NoteNameVersion::note),
                               wire::string("name", &NoteNameVersion::name, history::MaxVersionNameBytes),
                               wire::unsignedInt("at", &NoteNameVersion::at).optional().omittedWhenDefault());
    }
    void validate(FieldReader &r) const;
    COLLAB_WIRE_CODEC(NoteNameVersion)
};

struct NoteRestore
{
    static constexpr const char *Type = "note.restore";
    static constexpr const char *Doc = "`ack {seq, length, version, restored}` (instructors and TAs): makes the text "
                                       "what it was at version `at` (or the one named `version`), as a new edit of the restorer";
    QString course;
    QString note;
    quint64 at = 0;
    QString version;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteRestore::course), wire::id("note", &NoteRestore::note),
                               wire::unsignedInt("at", &NoteRestore::at).optional().omittedWhenDefault(),
                               wire::string("version", &NoteRestore::version, history::MaxVersionNameBytes).optional().omittedWhenDefault());
    }
    void validate(FieldReader &r) const; // exactly one of at, version
    COLLAB_WIRE_CODEC(NoteRestore)
};

} // namespace collab::proto
