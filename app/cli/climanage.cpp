#include "cli/climanage.h"

#include "client/moderationtext.h"

#include "protocol/ids.h"
#include "protocol/limits.h"
#include "protocol/utf8check.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>

namespace collab::cli {

namespace {
QCommandLineOption flag(const char *name) { return QCommandLineOption(QLatin1String(name)); }
QCommandLineOption valued(const char *name, const char *value) { return QCommandLineOption(QLatin1String(name), QString(), QLatin1String(value)); }

std::optional<bool> onOff(const QString &v)
{
    if (v == QLatin1String("on") || v == QLatin1String("true") || v == QLatin1String("yes"))
        return true;
    if (v == QLatin1String("off") || v == QLatin1String("false") || v == QLatin1String("no"))
        return false;
    return std::nullopt;
}

// Leaves room in a 64 KiB frame for the message around the CSV text and JSON escaping.
constexpr qsizetype MaxRosterFileBytes = limits::MaxRosterBytes; // sent in parts (client::uploadRoster)
} // namespace

ManageFlags::ManageFlags()
    : m_adminSecret(valued("admin-secret", "secret")), m_adminSecretFile(valued("admin-secret-file", "file")),
      m_createCourse(valued("create-course", "id")), m_title(valued("title", "text")), m_addChannel(valued("add-channel", "name")),
      m_announcement(flag("announcement")), m_createNote(valued("create-note", "name")), m_rotateJoinCode(flag("rotate-join-code")),
      m_lockNote(valued("lock-note", "name")), m_unlockNote(valued("unlock-note", "name")), m_kick(valued("kick", "user")),
      m_minutes(valued("minutes", "n")), m_restore(valued("restore", "user")), m_appointTa(valued("appoint-ta", "user")),
      m_dismissTa(valued("dismiss-ta", "user")), m_importRoster(valued("import-roster", "file")), m_moderationLog(flag("moderation-log")),
      m_archiveCourse(flag("archive-course")), m_unarchiveCourse(flag("unarchive-course")),
      m_studentNotes(valued("student-notes", "on|off")), m_invitesRequired(valued("invites-required", "on|off")),
      m_renameChannel(valued("rename-channel", "name")), m_renameNote(valued("rename-note", "name")),
      m_archiveChannel(valued("archive-channel", "name")), m_archiveNote(valued("archive-note", "name")),
      m_addInstructor(valued("add-instructor", "user")), m_removeInstructor(valued("remove-instructor", "user")),
      m_retentionDays(valued("retention-days", "n")), m_retentionOff(flag("retention-off")),
      m_retentionDryRun(flag("retention-dry-run")), m_applyRetention(flag("apply-retention"))
{
}

QList<QCommandLineOption> ManageFlags::options() const
{
    return {m_adminSecret, m_adminSecretFile, m_createCourse, m_title, m_addChannel, m_announcement, m_createNote,
            m_rotateJoinCode, m_lockNote, m_unlockNote, m_kick, m_minutes, m_restore, m_appointTa, m_dismissTa,
            m_importRoster, m_moderationLog, m_archiveCourse, m_unarchiveCourse, m_studentNotes, m_invitesRequired,
            m_renameChannel, m_renameNote, m_archiveChannel, m_archiveNote, m_addInstructor, m_removeInstructor,
            m_retentionDays, m_retentionOff, m_retentionDryRun, m_applyRetention};
}

int ManageFlags::actionCount(const QCommandLineParser &p) const
{
    int n = 0;
    for (const QCommandLineOption *o : {&m_createCourse, &m_addChannel, &m_createNote, &m_rotateJoinCode, &m_lockNote, &m_unlockNote,
                                        &m_kick, &m_restore, &m_appointTa, &m_dismissTa, &m_importRoster, &m_moderationLog,
                                        &m_archiveCourse, &m_unarchiveCourse, &m_renameChannel, &m_renameNote, &m_archiveChannel,
                                        &m_archiveNote, &m_addInstructor, &m_removeInstructor, &m_retentionDays, &m_retentionOff,
                                        &m_retentionDryRun, &m_applyRetention})
        n += p.isSet(*o) ? 1 : 0;
    // The settings go together in one course.update.
    if (p.isSet(m_studentNotes) || p.isSet(m_invitesRequired))
        ++n;
    return n;
}

QString ManageFlags::misplaced(const QCommandLineParser &p) const
{
    if (p.isSet(m_title) && !p.isSet(m_createCourse) && !p.isSet(m_renameChannel) && !p.isSet(m_renameNote))
        return QStringLiteral("--title goes with --create-course, --rename-channel or --rename-note");
    if ((p.isSet(m_renameChannel) || p.isSet(m_renameNote)) && !p.isSet(m_title))
        return QStringLiteral("--rename-channel and --rename-note need --title (the name to show)");
    if (p.isSet(m_minutes) && !p.isSet(m_kick))
        return QStringLiteral("--minutes goes with --kick");
    if (p.isSet(m_announcement) && !p.isSet(m_addChannel))
        return QStringLiteral("--announcement goes with --add-channel");
    return {};
}

QString ManageFlags::adminSecret(const QCommandLineParser &p, QString *error) const
{
    if (p.isSet(m_adminSecret))
        return p.value(m_adminSecret);
    if (p.isSet(m_adminSecretFile)) {
        QFile file(p.value(m_adminSecretFile));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("--admin-secret-file: cannot read %1: %2").arg(file.fileName(), file.errorString());
            return {};
        }
        return QString::fromUtf8(file.readAll()).trimmed();
    }
    return qEnvironmentVariable("COLLAB_ADMIN_SECRET");
}

std::optional<QString> readRosterFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("--import-roster: cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > MaxRosterFileBytes) {
        *error = QStringLiteral("--import-roster: %1 is %2 KiB; a roster may be at most %3 KiB")
                     .arg(path)
                     .arg(file.size() / 1024)
                     .arg(MaxRosterFileBytes / 1024);
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    // Checked here: the request carries text, so a byte that is not UTF-8 would arrive as U+FFFD.
    if (const qsizetype bad = firstInvalidUtf8(bytes); bad >= 0) {
        *error = QStringLiteral("--import-roster: roster row %1 of %2 is not UTF-8 text (export the roster as CSV UTF-8)")
                     .arg(bytes.first(bad).count('\n') + 1)
                     .arg(path);
        return std::nullopt;
    }
    return QString::fromUtf8(bytes);
}

std::optional<proto::ClientPayload> ManageFlags::request(const QCommandLineParser &p, const QString &course, const QString &user,
                                                         QString *error) const
{
    const auto checkId = [&](const QCommandLineOption &o, bool userName = false) {
        const QString v = p.value(o);
        if (userName ? !isValidUserName(v) : !isValidId(v))
            *error = QStringLiteral("--%1 must match [A-Za-z0-9._-]{1,64}%2, not '%3'")
                         .arg(o.names().constFirst(), userName ? QStringLiteral(" starting with a letter") : QString(), v.left(80));
        return v;
    };
    if (p.isSet(m_createCourse)) {
        proto::CourseCreate m;
        m.course = checkId(m_createCourse);
        m.title = p.value(m_title);
        if (m.title.toUtf8().size() > limits::MaxTitleBytes)
            *error = QStringLiteral("--title is over %1 bytes").arg(limits::MaxTitleBytes);
        m.instructors = {user};
        return m;
    }
    if (p.isSet(m_addChannel))
        return proto::ChannelAdd{course, checkId(m_addChannel), p.isSet(m_announcement)};
    if (p.isSet(m_createNote))
        return proto::NoteCreate{course, checkId(m_createNote)};
    if (p.isSet(m_rotateJoinCode))
        return proto::JoinCodeRotate{course};
    if (p.isSet(m_lockNote))
        return proto::NoteLock{course, checkId(m_lockNote), true};
    if (p.isSet(m_unlockNote))
        return proto::NoteLock{course, checkId(m_unlockNote), false};
    if (p.isSet(m_kick)) {
        proto::Kick m{course, checkId(m_kick), std::nullopt};
        if (p.isSet(m_minutes)) {
            bool ok = false;
            const qint64 minutes = p.value(m_minutes).toLongLong(&ok);
            if (!ok || minutes < 0 || minutes > limits::MaxRemovalMinutes)
                *error = QStringLiteral("--minutes must be 0 (until restored) to %1").arg(limits::MaxRemovalMinutes);
            m.minutes = minutes;
        }
        return m;
    }
    if (p.isSet(m_restore))
        return proto::MemberRestore{course, checkId(m_restore)};
    if (p.isSet(m_appointTa))
        return proto::MemberRoleSet{course, checkId(m_appointTa, true), QStringLiteral("ta")};
    if (p.isSet(m_dismissTa))
        return proto::MemberRoleSet{course, checkId(m_dismissTa, true), QStringLiteral("student")};
    if (p.isSet(m_addInstructor))
        return proto::MemberRoleSet{course, checkId(m_addInstructor, true), QStringLiteral("instructor")};
    if (p.isSet(m_removeInstructor))
        return proto::MemberRoleSet{course, checkId(m_removeInstructor, true), QStringLiteral("student")};
    const auto shownName = [&] {
        const QString title = p.value(m_title).trimmed();
        if (title.toUtf8().size() > limits::MaxNameTitleBytes)
            *error = QStringLiteral("--title is over %1 bytes").arg(limits::MaxNameTitleBytes);
        return title;
    };
    if (p.isSet(m_renameChannel)) {
        proto::ChannelUpdate m{course, checkId(m_renameChannel), std::nullopt, std::nullopt, shownName()};
        return m;
    }
    if (p.isSet(m_renameNote))
        return proto::NoteUpdate{course, checkId(m_renameNote), std::nullopt, shownName()};
    if (p.isSet(m_archiveChannel))
        return proto::ChannelUpdate{course, checkId(m_archiveChannel), true, std::nullopt, std::nullopt};
    if (p.isSet(m_archiveNote))
        return proto::NoteUpdate{course, checkId(m_archiveNote), true, std::nullopt};
    if (p.isSet(m_importRoster)) {
        std::optional<QString> csv = readRosterFile(p.value(m_importRoster), error);
        return proto::RosterImport{course, csv.value_or(QString())};
    }
    if (p.isSet(m_moderationLog))
        return proto::ModerationLog{course, 200};
    if (p.isSet(m_retentionDays)) {
        // Checked here for a clear message; the server checks again (1..3650).
        bool ok = false;
        const qint64 days = p.value(m_retentionDays).toLongLong(&ok);
        if (!ok || days < 1 || days > proto::RetentionSet::MaxDays)
            *error = QStringLiteral("--retention-days must be a number of days from 1 to %1 (--retention-off keeps everything)")
                         .arg(proto::RetentionSet::MaxDays);
        return proto::RetentionSet{course, int(std::clamp<qint64>(days, 1, proto::RetentionSet::MaxDays)), false};
    }
    if (p.isSet(m_retentionOff))
        return proto::RetentionSet{course, std::nullopt, true};
    if (p.isSet(m_retentionDryRun) || p.isSet(m_applyRetention))
        return proto::RetentionRun{course, p.isSet(m_retentionDryRun)};
    if (p.isSet(m_archiveCourse) || p.isSet(m_unarchiveCourse) || p.isSet(m_studentNotes) || p.isSet(m_invitesRequired)) {
        proto::CourseUpdate m;
        m.course = course;
        if (p.isSet(m_archiveCourse) || p.isSet(m_unarchiveCourse))
            m.archived = p.isSet(m_archiveCourse);
        for (const auto &[option, target] : {std::pair{&m_studentNotes, &m.studentNotes}, std::pair{&m_invitesRequired, &m.invitesRequired}}) {
            if (!p.isSet(*option))
                continue;
            *target = onOff(p.value(*option));
            if (!*target)
                *error = QStringLiteral("--%1 must be on or off").arg(option->names().constFirst());
        }
        return m;
    }
    return std::nullopt;
}

namespace {
QString str(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toString(); }
} // namespace

QString formatManaged(const proto::ClientPayload &request, const QJsonObject &ack, const QString &serverUrl)
{
    const QString course = str(ack, "course");
    if (const auto *m = std::get_if<proto::CourseCreate>(&request)) {
        QStringList lines{QStringLiteral("created course %1 \"%2\" (channels: %3)")
                              .arg(m->course, str(ack, "title"),
                                   ack.value(QLatin1String("channels")).toVariant().toStringList().join(QLatin1String(", "))),
                          QStringLiteral("  join code: %1   (shown once: give it to the class, or import a roster for invites)")
                              .arg(str(ack, "joinCode"))};
        const QJsonObject secrets = ack.value(QLatin1String("secrets")).toObject();
        for (auto it = secrets.begin(); it != secrets.end(); ++it)
            lines << QStringLiteral("  instructor %1: secret %2   (shown once: keep it like a password)").arg(it.key(), it.value().toString())
                  << QStringLiteral("  as %1: collab-cli --server %2 --course %3 --username %1 --token %4 --join-code %5 --listen")
                         .arg(it.key(), serverUrl, m->course, it.value().toString(), str(ack, "joinCode"));
        return lines.join(QLatin1Char('\n'));
    }
    if (const auto *m = std::get_if<proto::ChannelAdd>(&request))
        return QStringLiteral("added #%1%2").arg(m->channel, m->announcement ? QStringLiteral(" (announcements: only moderators post)") : QString());
    if (const auto *m = std::get_if<proto::NoteCreate>(&request))
        return QStringLiteral("created note %1").arg(m->note);
    if (std::get_if<proto::JoinCodeRotate>(&request))
        return QStringLiteral("new join code for %1: %2   (the old one is refused from now on)").arg(course, str(ack, "joinCode"));
    if (const auto *m = std::get_if<proto::NoteLock>(&request))
        return QStringLiteral("[note %1] %2").arg(m->note, m->locked ? QStringLiteral("locked") : QStringLiteral("unlocked"));
    if (const auto *m = std::get_if<proto::Kick>(&request)) {
        if (m->minutes && *m->minutes == 0)
            return QStringLiteral("removed %1 until restored (--restore %1)").arg(m->user);
        return QStringLiteral("removed %1 for %2 minutes").arg(m->user).arg(m->minutes.value_or(10));
    }
    if (const auto *m = std::get_if<proto::MemberRestore>(&request))
        return QStringLiteral("restored %1: they may join again").arg(m->user);
    if (const auto *m = std::get_if<proto::MemberRoleSet>(&request)) {
        if (m->role == QLatin1String("instructor"))
            return QStringLiteral("%1 is now an instructor of %2\n  secret: %3   (shown once: give it to %1; they join with --token SECRET)")
                .arg(m->user, course.isEmpty() ? m->course : course, str(ack, "secret"));
        return QStringLiteral("%1 is now %2").arg(m->user, m->role == QLatin1String("ta") ? QStringLiteral("a TA") : QStringLiteral("a student"));
    }
    if (const auto *m = std::get_if<proto::ChannelUpdate>(&request)) {
        if (m->title)
            return QStringLiteral("#%1 is now shown as \"%2\"").arg(m->channel, *m->title);
        return QStringLiteral("#%1 updated").arg(m->channel);
    }
    if (const auto *m = std::get_if<proto::NoteUpdate>(&request)) {
        if (m->title)
            return QStringLiteral("note %1 is now shown as \"%2\"").arg(m->note, *m->title);
        return QStringLiteral("note %1 archived").arg(m->note);
    }
    if (std::get_if<proto::RosterImport>(&request)) {
        QStringList lines{QStringLiteral("imported %1 people; their invites (shown once; each claims its name):").arg(ack.value(QLatin1String("count")).toInt())};
        for (const QJsonValue &v : ack.value(QLatin1String("invites")).toArray()) {
            const QJsonObject i = v.toObject();
            lines << QStringLiteral("  %1,%2,%3,%4").arg(str(i, "user"), str(i, "contact"), str(i, "role"), str(i, "invite"));
        }
        return lines.join(QLatin1Char('\n'));
    }
    if (std::get_if<proto::ModerationLog>(&request)) {
        QStringList lines;
        for (const QJsonValue &v : ack.value(QLatin1String("entries")).toArray()) {
            const QJsonObject e = v.toObject();
            lines << QStringLiteral("%1 #%2 %3 by %4 %5")
                         .arg(QDateTime::fromMSecsSinceEpoch(qint64(e.value(QLatin1String("ts")).toDouble()), Qt::UTC).toString(Qt::ISODate),
                              QString::number(qint64(e.value(QLatin1String("seq")).toDouble())), str(e, "kind"), str(e, "by"),
                              client::moderationDetails(str(e, "kind"), e.value(QLatin1String("data")).toObject(), true));
        }
        return lines.isEmpty() ? QStringLiteral("(no moderation yet)") : lines.join(QLatin1Char('\n'));
    }
    if (const auto *m = std::get_if<proto::RetentionSet>(&request)) {
        if (m->off)
            return QStringLiteral("%1 keeps its messages (no retention period)").arg(course.isEmpty() ? m->course : course);
        return QStringLiteral("%1 keeps messages for %2 days: older ones are deleted for good, daily and with --apply-retention")
            .arg(course.isEmpty() ? m->course : course)
            .arg(ack.value(QLatin1String("days")).toInt());
    }
    if (const auto *m = std::get_if<proto::RetentionRun>(&request)) {
        const qint64 n = qint64(ack.value(QLatin1String("messages")).toDouble());
        const auto day = [&](const char *key) {
            return QDateTime::fromMSecsSinceEpoch(qint64(ack.value(QLatin1String(key)).toDouble()), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        };
        const QString range = n > 0 ? QStringLiteral(" (posted %1 to %2 UTC)").arg(day("oldest"), day("newest")) : QString();
        return QStringLiteral("%1 %2 messages older than %3 days (before %4 UTC)%5")
            .arg(m->dryRun ? QStringLiteral("would delete") : QStringLiteral("deleted"))
            .arg(n)
            .arg(ack.value(QLatin1String("days")).toInt())
            .arg(day("before"), range);
    }
    if (std::get_if<proto::CourseUpdate>(&request)) {
        QJsonObject changed = ack;
        changed.remove(QStringLiteral("seq"));
        changed.remove(QStringLiteral("course"));
        return QStringLiteral("%1 updated: %2").arg(course, QString::fromUtf8(QJsonDocument(changed).toJson(QJsonDocument::Compact)));
    }
    return QString::fromUtf8(QJsonDocument(ack).toJson(QJsonDocument::Compact));
}

} // namespace collab::cli
