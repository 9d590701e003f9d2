#pragma once

#include "protocol/clientmessages.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace collab::cli {

// The flags that run a course (docs/cli.md, "Running a course"): --create-course, --add-channel,
// --create-note, --rotate-join-code, --lock-note/--unlock-note, --kick [--minutes], --restore,
// --appoint-ta/--dismiss-ta, --add-instructor/--remove-instructor, --rename-channel/--rename-note
// --title, --archive-channel/--archive-note, --import-roster, --moderation-log, --archive-course,
// --student-notes, --invites-required, --retention-days/--retention-off, --retention-dry-run,
// --apply-retention, --admin-secret(-file). Each becomes one request of the
// protocol (a large roster: several parts of one).
class ManageFlags
{
public:
    ManageFlags();
    QList<QCommandLineOption> options() const;

    // How many of the actions were given (for "use only one action").
    int actionCount(const QCommandLineParser &p) const;
    // The request to send for `course` (as --username `user`), or an error message in `error`.
    // nullopt and no error: none of these flags was given.
    std::optional<proto::ClientPayload> request(const QCommandLineParser &p, const QString &course, const QString &user,
                                                QString *error) const;
    // --admin-secret, else --admin-secret-file's contents, else $COLLAB_ADMIN_SECRET; error if a file cannot be read.
    QString adminSecret(const QCommandLineParser &p, QString *error) const;
    bool createsCourse(const QCommandLineParser &p) const { return p.isSet(m_createCourse); }
    // Flags that only go with an action of theirs (--title, --minutes, --announcement).
    QString misplaced(const QCommandLineParser &p) const;

private:
    QCommandLineOption m_adminSecret, m_adminSecretFile, m_createCourse, m_title, m_addChannel, m_announcement, m_createNote,
        m_rotateJoinCode, m_lockNote, m_unlockNote, m_kick, m_minutes, m_restore, m_appointTa, m_dismissTa, m_importRoster,
        m_moderationLog, m_archiveCourse, m_unarchiveCourse, m_studentNotes, m_invitesRequired, m_renameChannel, m_renameNote,
        m_archiveChannel, m_archiveNote, m_addInstructor, m_removeInstructor, m_retentionDays, m_retentionOff, m_retentionDryRun,
        m_applyRetention;
};

// One line (or a few) saying what the server did, from the request and its ack's fields.
QString formatManaged(const proto::ClientPayload &request, const QJsonObject &ack, const QString &serverUrl);

// The roster file as text, or why not (not readable, over the WebSocket frame, not UTF-8 with its row).
std::optional<QString> readRosterFile(const QString &path, QString *error);

} // namespace collab::cli
