#include "coursestate.h"

#include "model/renamedtitle.h"

#include <QCoreApplication>

namespace collab::desktop {

namespace {

// A channel's or a note's list (archived, announcement-only) with `id` in it or not.
void setMember(QStringList &list, const QString &id, bool member)
{
    list.removeAll(id);
    if (member)
        list << id;
}

} // namespace

void CourseState::applyJoined(const proto::Joined &joined)
{
    m_title = joined.title;
    m_announcements = joined.announcements;
    m_archived = joined.archived;
    m_archivedChannels = joined.archivedChannels;
    m_archivedNotes = joined.archivedNotes;
    // The join says which notes are locked, not by whom (the note.locked event does). The
    // translation keeps CourseSession's context, where the sentence was first written.
    QMap<QString, QString> locks;
    for (const QString &note : joined.lockedNotes)
        locks.insert(note, m_noteLocks.value(note, QCoreApplication::translate("collab::desktop::CourseSession", "an instructor")));
    m_noteLocks = locks;
    m_studentNotes = joined.studentNotes;
    m_invitesRequired = joined.invitesRequired;
    m_anonymity = joined.anonymity;
    m_channelTitles.clear();
    for (auto it = joined.channelTitles.begin(); it != joined.channelTitles.end(); ++it)
        m_channelTitles.insert(it.key(), it.value().toString());
    m_noteTitles.clear();
    for (auto it = joined.noteTitles.begin(); it != joined.noteTitles.end(); ++it)
        m_noteTitles.insert(it.key(), it.value().toString());
}

void CourseState::applyEvent(const CourseEvent &event)
{
    const QJsonObject &d = event.data;
    const auto has = [&d](const char *key) { return d.contains(QLatin1String(key)); };
    const auto flag = [&d](const char *key) { return d.value(QLatin1String(key)).toBool(); };
    const QString channel = d.value(QLatin1String("channel")).toString();
    const QString note = d.value(QLatin1String("note")).toString();
    switch (event.kind) {
    case EventKind::ChannelAdded:
    case EventKind::ChannelUpdated:
        if (event.kind == EventKind::ChannelUpdated && has("archived"))
            setMember(m_archivedChannels, channel, flag("archived"));
        if (has("announcement"))
            setMember(m_announcements, channel, flag("announcement"));
        if (event.kind == EventKind::ChannelUpdated && has("title"))
            applyRenamedTitle(m_channelTitles, channel, d.value(QLatin1String("title")).toString());
        break;
    case EventKind::NoteLocked:
        m_noteLocks.remove(note);
        if (flag("locked"))
            m_noteLocks.insert(note, d.value(QLatin1String("by")).toString());
        break;
    case EventKind::NoteUpdated:
        if (has("archived"))
            setMember(m_archivedNotes, note, flag("archived"));
        if (has("title"))
            applyRenamedTitle(m_noteTitles, note, d.value(QLatin1String("title")).toString());
        break;
    case EventKind::CourseUpdated:
        if (has("title"))
            m_title = d.value(QLatin1String("title")).toString();
        if (has("archived"))
            m_archived = flag("archived");
        if (has("studentNotes"))
            m_studentNotes = flag("studentNotes");
        if (has("invitesRequired"))
            m_invitesRequired = flag("invitesRequired");
        break;
    case EventKind::AnonymitySet:
        m_anonymity = d.value(QLatin1String("mode")).toString();
        break;
    default:
        break;
    }
}

// The sentences keep CourseSession's translation context, where they were first written.
QString CourseState::postBlockedReason(const QString &course, const QString &channel, bool moderator) const
{
    if (m_archived)
        return QCoreApplication::translate("collab::desktop::CourseSession", "%1 is archived: it is read-only.").arg(course);
    if (m_archivedChannels.contains(channel))
        return QCoreApplication::translate("collab::desktop::CourseSession", "#%1 is archived: it is read-only.").arg(channel);
    if (m_announcements.contains(channel) && !moderator)
        return QCoreApplication::translate("collab::desktop::CourseSession", "Only instructors and TAs post in #%1.").arg(channel);
    return {};
}

QString CourseState::noteReadOnlyReason(const QString &course, const QString &note, bool moderator) const
{
    if (m_archived)
        return QCoreApplication::translate("collab::desktop::CourseSession", "Read-only: %1 is archived.").arg(course);
    if (m_archivedNotes.contains(note))
        return QCoreApplication::translate("collab::desktop::CourseSession", "Read-only: %1 is archived.").arg(note);
    if (m_noteLocks.contains(note) && !moderator)
        return QCoreApplication::translate("collab::desktop::CourseSession", "Locked by %1").arg(m_noteLocks.value(note));
    return {};
}

} // namespace collab::desktop
