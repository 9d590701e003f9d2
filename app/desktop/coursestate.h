#pragma once

#include "model/courseevent.h"
#include "protocol/servermessages.h"

#include <QHash>
#include <QMap>
#include <QStringList>

namespace collab::desktop {

// What the server last said about a course to this member: its title and settings, and which of
// its channels and notes are announcement-only, archived, locked (and by whom) or renamed. Set
// whole by a join and kept current by the course's events (channel.add / channel.update,
// note.update, note.locked, course.update, anonymity.set). Plain data, no connection and no
// models: CourseSession owns one, asks it what the user may do, and feeds its models from it.
class CourseState
{
public:
    void applyJoined(const proto::Joined &joined);
    // One course event; events of other kinds are ignored.
    void applyEvent(const CourseEvent &event);

    QString title() const { return m_title; }
    QStringList announcements() const { return m_announcements; }
    bool isArchived() const { return m_archived; }
    bool studentNotes() const { return m_studentNotes; }
    bool invitesRequired() const { return m_invitesRequired; }
    // Who may post anonymously to classmates: "off", "questions" or "all".
    QString anonymity() const { return m_anonymity; }
    bool isNoteLocked(const QString &note) const { return m_noteLocks.contains(note); }
    QString noteLockedBy(const QString &note) const { return m_noteLocks.value(note); }
    // Renamed channels and notes (id → the name shown); an id not here is shown as itself.
    const QHash<QString, QString> &channelTitles() const { return m_channelTitles; }
    QString channelTitle(const QString &channel) const { return m_channelTitles.value(channel, channel); }
    QString noteTitle(const QString &note) const { return m_noteTitles.value(note, note); }

    // Why this state keeps a member from posting in `channel` or editing `note`, as the place
    // says it ("" when it does not): the course or the channel / note archived, an announcement
    // channel or a locked note (both fine for a `moderator`).
    QString postBlockedReason(const QString &course, const QString &channel, bool moderator) const;
    QString noteReadOnlyReason(const QString &course, const QString &note, bool moderator) const;

private:
    QString m_title;
    QStringList m_announcements;
    QStringList m_archivedChannels;
    QStringList m_archivedNotes;
    QMap<QString, QString> m_noteLocks; // locked note -> who locked it
    bool m_archived = false;
    bool m_studentNotes = false;
    bool m_invitesRequired = false;
    QString m_anonymity = QStringLiteral("questions");
    QHash<QString, QString> m_channelTitles; // renamed: id → shown
    QHash<QString, QString> m_noteTitles;
};

} // namespace collab::desktop
