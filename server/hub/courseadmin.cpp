#include "hub/courseadmin.h"

#include "hub/coursecatalog.h"
#include "hub/rostercsv.h"
#include "logging.h"
#include "protocol/ids.h"
#include "store/eventlog.h"
#include "store/projections.h"

#include <QRandomGenerator>

namespace collab::server {

namespace {

ProtocolError forbidden(const QString &text) { return ProtocolError::make(ErrorCode::Forbidden, text); }
ProtocolError invalid(const QString &text) { return ProtocolError::make(ErrorCode::InvalidValue, text); }

} // namespace

QString CourseAdmin::newSecret(int groups)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789"; // 32: 5 bits a character
    QString out;
    for (int g = 0; g < groups; ++g) {
        if (g > 0)
            out += QLatin1Char('-');
        for (int i = 0; i < 4; ++i)
            out += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(32)]);
    }
    return out;
}

std::optional<ProtocolError> CourseAdmin::check(const Actor &actor, const QString &course, Permission permission) const
{
    if (!m_config.course(course))
        return unknownCourseError(course);
    if (!allows(actor.role, permission))
        return forbidden(QStringLiteral("only %1 may %2 (you are %3 in %4)")
                             .arg(rolesAllowed(permission), permissionText(permission), roleName(actor.role), course));
    return std::nullopt;
}

std::optional<ProtocolError> CourseAdmin::checkWritable(const CourseConfig &c) const
{
    if (c.archived)
        return forbidden(QStringLiteral("%1 is archived (read-only); unarchive it first").arg(c.id));
    return std::nullopt;
}

void CourseAdmin::store(const QString &course, EventKind kind, QJsonObject data, QJsonObject answer, Reply done)
{
    m_journal.append(course, kind, std::move(data), [answer = std::move(answer), done = std::move(done)](Result<CourseEvent> r) mutable {
        if (!r)
            return done(r.error());
        answer.insert(QStringLiteral("seq"), double(r.value().seq));
        done(answer);
    });
}

void CourseAdmin::createCourse(const Actor &actor, const proto::CourseCreate &m, Reply done)
{
    if (!allows(actor.role, Permission::CreateCourse))
        return done(forbidden(QStringLiteral("only %1 may %2").arg(rolesAllowed(Permission::CreateCourse), permissionText(Permission::CreateCourse))));
    if (CourseCatalog::isReservedId(m.course))
        return done(invalid(QStringLiteral("course ids may not start with '_' (reserved)")));
    if (m_config.course(m.course))
        return done(ProtocolError::make(ErrorCode::Conflict, QStringLiteral("course %1 exists already").arg(m.course)));
    // A deleted course (or one dropped from the configuration) keeps its history: its id is not reused.
    if (m_log.lastSeq(m.course) > 0 || m_catalog.wasDeleted(m.course))
        return done(ProtocolError::make(ErrorCode::Conflict, QStringLiteral("course id %1 was used before; choose another").arg(m.course)));
    QStringList instructors = m.instructors;
    // A person who creates a course teaches it unless they name others; an API key is nobody's name.
    if (instructors.isEmpty() && actor.via.isEmpty() && isValidUserName(actor.user))
        instructors << actor.user;
    for (const QString &user : std::as_const(instructors))
        if (const QString reserved = m_config.reservedNameReason(m.course, user); !reserved.isEmpty())
            return done(invalid(reserved));
    QStringList channels = m.channels;
    if (channels.isEmpty())
        channels << QStringLiteral("general");
    for (const QString &a : m.announcements)
        if (!channels.contains(a))
            channels << a;
    if (channels.size() > limits::MaxCourseChannels)
        return done(invalid(QStringLiteral("at most %1 channels").arg(limits::MaxCourseChannels)));
    const QString joinCode = newSecret(3);
    QJsonObject secrets;       // shown once, in the answer
    QJsonObject secretHashes;  // stored
    for (const QString &user : std::as_const(instructors)) {
        const QString secret = newSecret(6);
        secrets.insert(user, secret);
        secretHashes.insert(user, QString::fromLatin1(secretHash(secret)));
    }
    const QString title = m.title.trimmed().isEmpty() ? m.course : m.title.trimmed();
    const QJsonObject data{{QStringLiteral("course"), m.course},
                           {QStringLiteral("title"), title},
                           {QStringLiteral("instructors"), QJsonArray::fromStringList(instructors)},
                           {QStringLiteral("secretHashes"), secretHashes},
                           {QStringLiteral("channels"), QJsonArray::fromStringList(channels)},
                           {QStringLiteral("announcements"), QJsonArray::fromStringList(m.announcements)},
                           {QStringLiteral("notes"), QJsonArray::fromStringList(m.notes)},
                           {QStringLiteral("joinCodeHash"), QString::fromLatin1(secretHash(joinCode))},
                           {QStringLiteral("by"), actor.user}};
    qCInfo(lcHub) << actor.user << "creates course" << m.course;
    QJsonObject answer{{QStringLiteral("course"), m.course},
                       {QStringLiteral("title"), title},
                             {QStringLiteral("joinCode"), joinCode},
                             {QStringLiteral("instructors"), QJsonArray::fromStringList(instructors)},
                             {QStringLiteral("secrets"), secrets},
                             {QStringLiteral("channels"), QJsonArray::fromStringList(channels)},
                             {QStringLiteral("notes"), QJsonArray::fromStringList(m.notes)}};
    // Two creations of one id at once (two nodes, or two requests before the first commits): the
    // first stored wins, by the log's idempotency key across nodes and m_creating on this one.
    if (m_creating.contains(m.course))
        return done(ProtocolError::make(ErrorCode::Conflict, QStringLiteral("course %1 is being created").arg(m.course)));
    m_creating.insert(m.course);
    m_journal.appendOnce(CourseCatalog::Stream, EventKind::CourseCreated, data, QStringLiteral("course.create\n") + m.course,
                         [this, id = m.course, answer, done = std::move(done)](Result<std::pair<CourseEvent, bool>> r) mutable {
                             m_creating.remove(id);
                             if (!r)
                                 return done(r.error());
                             if (r.value().second)
                                 return done(ProtocolError::make(ErrorCode::Conflict, QStringLiteral("course %1 exists already").arg(id)));
                             answer.insert(QStringLiteral("seq"), double(r.value().first.seq));
                             done(answer);
                         });
}

void CourseAdmin::deleteCourse(const Actor &actor, const QString &course, Reply done)
{
    if (std::optional<ProtocolError> e = check(actor, course, Permission::DeleteCourse))
        return done(*e);
    qCInfo(lcHub) << actor.user << "deletes course" << course;
    store(CourseCatalog::Stream, EventKind::CourseDeleted, {{QStringLiteral("course"), course}, {QStringLiteral("by"), actor.user}},
          {{QStringLiteral("course"), course}}, std::move(done));
}

void CourseAdmin::updateCourse(const Actor &actor, const proto::CourseUpdate &m, Reply done)
{
    if (std::optional<ProtocolError> e = check(actor, m.course, Permission::ManageCourse))
        return done(*e);
    const CourseConfig &c = *m_config.course(m.course);
    // An archived course takes one change: being unarchived (with anything else).
    if (c.archived && m.archived.value_or(true))
        return done(*checkWritable(c));
    QJsonObject data{{QStringLiteral("by"), actor.user}};
    if (m.title)
        data.insert(QStringLiteral("title"), m.title->trimmed());
    if (m.archived)
        data.insert(QStringLiteral("archived"), *m.archived);
    if (m.studentNotes)
        data.insert(QStringLiteral("studentNotes"), *m.studentNotes);
    if (m.invitesRequired)
        data.insert(QStringLiteral("invitesRequired"), *m.invitesRequired);
    QJsonObject answer = data;
    answer.remove(QStringLiteral("by"));
    answer.insert(QStringLiteral("course"), m.course);
    store(m.course, EventKind::CourseUpdated, data, answer, std::move(done));
}

void CourseAdmin::addChannel(const Actor &actor, const proto::ChannelAdd &m, Reply done)
{
    if (std::optional<ProtocolError> e = check(actor, m.course, Permission::ManageCourse))
        return done(*e);
    const CourseConfig &c = *m_config.course(m.course);
    if (std::optional<ProtocolError> e = checkWritable(c))
        return done(*e);
    if (c.channels.contains(m.channel))
        return done(ProtocolError::make(ErrorCode::Conflict, QStringLiteral("%1 has a channel '%2' already").arg(m.course, m.channel)));
    if (c.channels.size() >= limits::MaxCourseChannels)
        return done(invalid(QStringLiteral("%1 has %2 channels, the most a course may have").arg(m.course).arg(c.channels.size())));
    store(m.course, EventKind::ChannelAdded,
          {{QStringLiteral("channel"), m.channel}, {QStringLiteral("announcement"), m.announcement}, {QStringLiteral("by"), actor.user}},
          {{QStringLiteral("channel"), m.channel}, {QStringLiteral("announcement"), m.announcement}}, std::move(done));
}

void CourseAdmin::updateChannel(const Actor &actor, const proto::ChannelUpdate &m, Reply done)
{
    if (std::optional<ProtocolError> e = check(actor, m.course, Permission::ManageCourse))
        return done(*e);
    const CourseConfig &c = *m_config.course(m.course);
    if (std::optional<ProtocolError> e = checkWritable(c))
        return done(*e);
    if (!c.channels.contains(m.channel))
        return done(ProtocolError::make(ErrorCode::UnknownChannel, QStringLiteral("no channel '%1' in %2").arg(m.channel, m.course)));
    QJsonObject data{{QStringLiteral("channel"), m.channel}, {QStringLiteral("by"), actor.user}};
    if (m.archived)
        data.insert(QStringLiteral("archived"), *m.archived);
    if (m.announcement)
        data.insert(QStringLiteral("announcement"), *m.announcement);
    if (m.title) {
        if (std::optional<ProtocolError> e = checkNewTitle(c, c.channelTitles, m.channel, *m.title, c.channels))
            return done(*e);
        data.insert(QStringLiteral("title"), m.title->trimmed());
    }
    QJsonObject answer = data;
    answer.remove(QStringLiteral("by"));
    store(m.course, EventKind::ChannelUpdated, data, answer, std::move(done));
}

void CourseAdmin::createNote(const Actor &actor, const proto::NoteCreate &m, Reply done)
{
    const CourseConfig *c = m_config.course(m.course);
    if (!c)
        return done(unknownCourseError(m.course));
    // Students create notes where the course allows it; everyone else by the table.
    const bool studentMay = actor.role == Actor::Role::Student && c->studentNotes;
    if (!studentMay)
        if (std::optional<ProtocolError> e = check(actor, m.course, Permission::CreateNote))
            return done(*e);
    if (std::optional<ProtocolError> e = checkWritable(*c))
        return done(*e);
    if (c->notes.contains(m.note))
        return done(ProtocolError::make(ErrorCode::Conflict, QStringLiteral("%1 has a note '%2' already").arg(m.course, m.note)));
    if (c->notes.size() >= limits::MaxCourseChannels)
        return done(invalid(QStringLiteral("%1 has %2 notes, the most a course may have").arg(m.course).arg(c->notes.size())));
    store(m.course, EventKind::NoteCreated, {{QStringLiteral("note"), m.note}, {QStringLiteral("by"), actor.user}},
          {{QStringLiteral("note"), m.note}}, std::move(done));
}

void CourseAdmin::updateNote(const Actor &actor, const proto::NoteUpdate &m, Reply done)
{
    if (std::optional<ProtocolError> e = check(actor, m.course, Permission::ManageCourse))
        return done(*e);
    const CourseConfig &c = *m_config.course(m.course);
    if (std::optional<ProtocolError> e = checkWritable(c))
        return done(*e);
    if (!c.notes.contains(m.note))
        return done(ProtocolError::make(ErrorCode::UnknownNote, QStringLiteral("no note '%1' in %2").arg(m.note, m.course)));
    QJsonObject data{{QStringLiteral("note"), m.note}, {QStringLiteral("by"), actor.user}};
    // note.update {note} alone archives, as it did before notes could be renamed.
    if (m.archived || !m.title)
        data.insert(QStringLiteral("archived"), m.archived.value_or(true));
    if (m.title) {
        if (std::optional<ProtocolError> e = checkNewTitle(c, c.noteTitles, m.note, *m.title, c.notes))
            return done(*e);
        data.insert(QStringLiteral("title"), m.title->trimmed());
    }
    QJsonObject answer = data;
    answer.remove(QStringLiteral("by"));
    store(m.course, EventKind::NoteUpdated, data, answer, std::move(done));
}

void CourseAdmin::rotateJoinCode(const Actor &actor, const QString &course, Reply done)
{
    if (std::optional<ProtocolError> e = check(actor, course, Permission::ManageCourse))
        return done(*e);
    const QString joinCode = newSecret(3);
    qCInfo(lcHub) << actor.user << "rotates the join code of" << course; // never the code itself
    store(course, EventKind::JoinCodeRotated,
          {{QStringLiteral("joinCodeHash"), QString::fromLatin1(secretHash(joinCode))}, {QStringLiteral("by"), actor.user}},
          {{QStringLiteral("course"), course}, {QStringLiteral("joinCode"), joinCode}}, std::move(done));
}

void CourseAdmin::setRole(const Actor &actor, const proto::MemberRoleSet &m, Reply done)
{
    const CourseConfig *course = m_config.course(m.course);
    // Naming an instructor, or making one a member again, is the administrator's; TAs are the
    // instructors' to appoint.
    const bool instructorChange = m.role == QLatin1String("instructor") || (course && course->isInstructor(m.user));
    if (std::optional<ProtocolError> e = check(actor, m.course, instructorChange ? Permission::NameInstructors : Permission::SetRoles)) {
        if (instructorChange && allows(actor.role, Permission::SetRoles) && course && course->isInstructor(m.user))
            return done(forbidden(QStringLiteral("%1 is an instructor of %2; instructors are named by the administrator").arg(m.user, m.course)));
        return done(*e);
    }
    const CourseConfig &c = *course;
    if (std::optional<ProtocolError> e = checkWritable(c))
        return done(*e);
    if (m.role == QLatin1String("instructor") && c.isInstructor(m.user))
        return done(ProtocolError::make(ErrorCode::Conflict, QStringLiteral("%1 is an instructor of %2 already").arg(m.user, m.course)));
    if (m.role != QLatin1String("instructor") && c.isInstructor(m.user) && c.instructors.size() == 1)
        return done(ProtocolError::make(ErrorCode::Conflict,
                                        QStringLiteral("%1 is the only instructor of %2; name another one first").arg(m.user, m.course)));
    if (const QString reserved = m_config.reservedNameReason(m.course, m.user); !reserved.isEmpty())
        return done(invalid(reserved));
    QJsonObject data{{QStringLiteral("user"), m.user}, {QStringLiteral("role"), m.role}, {QStringLiteral("by"), actor.user}};
    QJsonObject answer{{QStringLiteral("user"), m.user}, {QStringLiteral("role"), m.role}};
    if (m.role == QLatin1String("instructor")) {
        const QString secret = newSecret(6); // shown once, in the answer; stored hashed
        data.insert(QStringLiteral("secretHash"), QString::fromLatin1(secretHash(secret)));
        answer.insert(QStringLiteral("secret"), secret);
        qCInfo(lcHub) << actor.user << "names" << m.user << "an instructor of" << m.course;
    }
    store(m.course, EventKind::MemberRole, data, answer, std::move(done));
}

std::optional<ProtocolError> CourseAdmin::checkNewTitle(const CourseConfig &c, const QHash<QString, QString> &titles, const QString &id,
                                                        const QString &title, const QStringList &ids) const
{
    // Two channels (or notes) shown under one name would be told apart by nobody.
    const QString shown = title.trimmed();
    if (shown.isEmpty()) // the id shown again
        return std::nullopt;
    for (const QString &other : ids) {
        if (other == id)
            continue;
        if (normalizedName(titles.value(other, other)) == normalizedName(shown))
            return ProtocolError::make(ErrorCode::Conflict, QStringLiteral("%1 has one named '%2' already").arg(c.id, shown));
    }
    return std::nullopt;
}

void CourseAdmin::importRoster(const Actor &actor, const QString &course, const QByteArray &csv, Reply done)
{
    if (std::optional<ProtocolError> e = check(actor, course, Permission::ManageCourse))
        return done(*e);
    const CourseConfig &c = *m_config.course(course);
    if (std::optional<ProtocolError> e = checkWritable(c))
        return done(*e);
    Result<QList<RosterRow>> rows = parseRosterCsv(csv, c.maxMembers);
    if (!rows)
        return done(rows.error());
    QJsonArray entries; // stored: names, roles, invite hashes
    QJsonArray invites; // answered once: the invites themselves, beside the contact each row gave
    for (const RosterRow &r : rows.value()) {
        if (c.isInstructor(r.user))
            return done(invalid(QStringLiteral("roster row %1: %2 is an instructor of %3").arg(r.row).arg(r.user, course)));
        if (const QString reserved = m_config.reservedNameReason(course, r.user); !reserved.isEmpty())
            return done(invalid(QStringLiteral("roster row %1: %2").arg(r.row).arg(reserved)));
        const QString invite = newSecret(4);
        entries.append(QJsonObject{{QStringLiteral("user"), r.user},
                                   {QStringLiteral("role"), r.role},
                                   {QStringLiteral("inviteHash"), QString::fromLatin1(secretHash(invite))}});
        invites.append(QJsonObject{{QStringLiteral("row"), r.row},
                                   {QStringLiteral("user"), r.user},
                                   {QStringLiteral("contact"), r.contact},
                                   {QStringLiteral("role"), r.role},
                                   {QStringLiteral("invite"), invite}});
    }
    qCInfo(lcHub) << actor.user << "imports a roster of" << entries.size() << "into" << course;
    store(course, EventKind::RosterImported, {{QStringLiteral("entries"), entries}, {QStringLiteral("by"), actor.user}},
          {{QStringLiteral("course"), course}, {QStringLiteral("count"), entries.size()}, {QStringLiteral("invites"), invites}},
          std::move(done));
}

Result<QJsonArray> CourseAdmin::moderationLog(const Actor &actor, const QString &course, int limit) const
{
    if (std::optional<ProtocolError> e = check(actor, course, Permission::ReadModerationLog))
        return *e;
    return m_projections.moderationLog().entries(course, limit);
}

} // namespace collab::server
