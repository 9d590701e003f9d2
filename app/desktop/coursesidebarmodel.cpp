#include "coursesidebarmodel.h"

#include "courselist.h"
#include "coursesession.h"
#include "listmodels.h"

#include <QFont>

namespace collab::desktop {

CourseSidebarModel::CourseSidebarModel(CourseList *courses, QObject *parent) : QAbstractItemModel(parent), m_courses(courses)
{
    for (int i = 0; i < courses->count(); ++i)
        addCourse(courses->at(i), i);
    connect(courses, &CourseList::added, this, &CourseSidebarModel::addCourse);
    connect(courses, &CourseList::aboutToRemove, this, [this](CourseSession *, int index) { removeCourse(index); });
}

void CourseSidebarModel::addCourse(CourseSession *session, int index)
{
    beginInsertRows(QModelIndex(), index, index);
    Course c;
    c.key = m_nextKey++;
    c.session = session;
    m_rows.insert(m_rows.begin() + index, c);
    endInsertRows();
    syncChildren(session);
    const auto sync = [this, session] { syncChildren(session); };
    connect(session->channels(), &QAbstractItemModel::modelReset, this, sync);
    connect(session, &CourseSession::notesChanged, this, sync);
    connect(session, &CourseSession::courseChanged, this, sync);
    connect(session, &CourseSession::joinedCourse, this, sync);
    connect(session, &CourseSession::statusChanged, this, [this, session] { countsChanged(session, -1); });
    connect(session->channels(), &QAbstractItemModel::dataChanged, this,
            [this, session](const QModelIndex &from, const QModelIndex &to) {
                for (int row = from.row(); row <= to.row(); ++row)
                    countsChanged(session, row);
            });
}

void CourseSidebarModel::removeCourse(int index)
{
    if (index < 0 || index >= int(m_rows.size()))
        return;
    CourseSession *session = m_rows[size_t(index)].session;
    disconnect(session, nullptr, this, nullptr);
    disconnect(session->channels(), nullptr, this, nullptr);
    beginRemoveRows(QModelIndex(), index, index);
    m_rows.erase(m_rows.begin() + index);
    endRemoveRows();
}

void CourseSidebarModel::syncChildren(CourseSession *session)
{
    const int row = rowOfSession(session);
    if (row < 0)
        return;
    Course &c = m_rows[size_t(row)];
    const QStringList channels = session->channels()->channels();
    const QStringList notes = session->noteNames();
    const QModelIndex parent = index(row, 0);
    if (channels == c.channels && notes == c.notes) { // titles, counts or the course's title
        if (c.children() > 0)
            Q_EMIT dataChanged(index(0, 0, parent), index(c.children() - 1, 0, parent));
        Q_EMIT dataChanged(parent, parent);
        return;
    }
    if (c.children() > 0) {
        beginRemoveRows(parent, 0, c.children() - 1);
        c.channels.clear();
        c.notes.clear();
        endRemoveRows();
    }
    if (!channels.isEmpty() || !notes.isEmpty()) {
        beginInsertRows(parent, 0, int(channels.size() + notes.size()) - 1);
        c.channels = channels;
        c.notes = notes;
        endInsertRows();
    }
    Q_EMIT dataChanged(parent, parent);
}

void CourseSidebarModel::countsChanged(CourseSession *session, int channelRow)
{
    const int row = rowOfSession(session);
    if (row < 0)
        return;
    const QModelIndex parent = index(row, 0);
    if (channelRow >= 0 && channelRow < m_rows[size_t(row)].channels.size()) {
        const QModelIndex child = index(channelRow, 0, parent);
        Q_EMIT dataChanged(child, child);
    }
    Q_EMIT dataChanged(parent, parent);
}

int CourseSidebarModel::rowOfKey(quint32 key) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].key == key)
            return int(i);
    return -1;
}

int CourseSidebarModel::rowOfSession(const CourseSession *session) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].session == session)
            return int(i);
    return -1;
}

QModelIndex CourseSidebarModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < int(m_rows.size()) ? createIndex(row, 0, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= int(m_rows.size()))
        return {}; // channels and notes have no children
    const Course &c = m_rows[size_t(parent.row())];
    return row < c.children() ? createIndex(row, 0, quintptr(c.key)) : QModelIndex();
}

QModelIndex CourseSidebarModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int row = rowOfKey(quint32(child.internalId()));
    return row < 0 ? QModelIndex() : createIndex(row, 0, quintptr(0));
}

int CourseSidebarModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.column() != 0 || parent.internalId() != 0 || parent.row() >= int(m_rows.size()))
        return 0;
    return m_rows[size_t(parent.row())].children();
}

int CourseSidebarModel::columnCount(const QModelIndex &) const { return 1; }

CourseSession *CourseSidebarModel::sessionAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const int row = index.internalId() == 0 ? index.row() : rowOfKey(quint32(index.internalId()));
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].session : nullptr;
}

CourseSidebarModel::Kind CourseSidebarModel::kindAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == 0)
        return Kind::Course;
    const int row = rowOfKey(quint32(index.internalId()));
    if (row < 0)
        return Kind::Course;
    return index.row() < m_rows[size_t(row)].channels.size() ? Kind::Channel : Kind::Note;
}

QModelIndex CourseSidebarModel::courseIndex(const CourseSession *session) const
{
    const int row = rowOfSession(session);
    return row < 0 ? QModelIndex() : index(row, 0);
}

QModelIndex CourseSidebarModel::channelIndex(const CourseSession *session, const QString &channel) const
{
    const int row = rowOfSession(session);
    if (row < 0)
        return {};
    const int child = int(m_rows[size_t(row)].channels.indexOf(channel));
    return child < 0 ? QModelIndex() : index(child, 0, index(row, 0));
}

QModelIndex CourseSidebarModel::noteIndex(const CourseSession *session, const QString &note) const
{
    const int row = rowOfSession(session);
    if (row < 0)
        return {};
    const Course &c = m_rows[size_t(row)];
    const int child = int(c.notes.indexOf(note));
    return child < 0 ? QModelIndex() : index(int(c.channels.size()) + child, 0, index(row, 0));
}

int CourseSidebarModel::unreadIn(const CourseSession *session)
{
    int total = 0;
    for (const QString &channel : session->channels()->channels())
        total += session->channels()->unread(channel);
    return total;
}

int CourseSidebarModel::mentionsIn(const CourseSession *session)
{
    int total = 0;
    for (const QString &channel : session->channels()->channels())
        total += session->channels()->mentions(channel);
    return total;
}

QVariant CourseSidebarModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    if (index.internalId() == 0)
        return index.row() < int(m_rows.size()) ? courseData(m_rows[size_t(index.row())], role) : QVariant();
    const int row = rowOfKey(quint32(index.internalId()));
    if (row < 0)
        return {};
    const Course &c = m_rows[size_t(row)];
    if (index.row() < c.channels.size())
        return channelData(c, index.row(), role);
    const int note = index.row() - int(c.channels.size());
    return note < c.notes.size() ? noteData(c, c.notes.at(note), role) : QVariant();
}

QVariant CourseSidebarModel::courseData(const Course &c, int role) const
{
    const CourseSession *s = c.session;
    const QString shown = s->title().isEmpty() ? s->course() : tr("%1 · %2").arg(s->course(), s->title());
    switch (role) {
    case Qt::DisplayRole:
        return shown;
    case Qt::FontRole: {
        QFont f;
        f.setBold(true);
        return f;
    }
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole: {
        // "course CECS327 · Distributed Systems, 3 unread, 1 mentioning you, as angie.nguyen on
        // 127.0.0.1": the badges and where it is, in words.
        const int unread = unreadIn(s);
        const int mentions = mentionsIn(s);
        const QString user = s->user();
        const QString host = s->params().url.host();
        if (unread > 0 && mentions > 0)
            return tr("course %1, %n unread, %2 mentioning you, as %3 on %4", nullptr, unread)
                .arg(shown, QString::number(mentions), user, host);
        if (unread > 0)
            return tr("course %1, %n unread, as %2 on %3", nullptr, unread).arg(shown, user, host);
        if (mentions > 0)
            return tr("course %1, %n mentioning you, as %2 on %3", nullptr, mentions).arg(shown, user, host);
        return tr("course %1, as %2 on %3").arg(shown, user, host);
    }
    case Qt::AccessibleDescriptionRole:
        return s->statusText();
    case KindRole:
        return int(Kind::Course);
    case NameRole:
        return s->course();
    case UnreadRole:
        return unreadIn(s);
    case MentionsRole:
        return mentionsIn(s);
    case SessionRole:
        return QVariant::fromValue<QObject *>(c.session);
    default:
        return {};
    }
}

QVariant CourseSidebarModel::channelData(const Course &c, int row, int role) const
{
    const ChannelModel *channels = c.session->channels();
    const QString channel = c.channels.at(row);
    const int modelRow = channels->rowOf(channel);
    const int unread = channels->unread(channel);
    const int mentions = channels->mentions(channel);
    switch (role) {
    case Qt::DisplayRole:
        return tr("# %1").arg(c.session->channelTitle(channel));
    case Qt::FontRole: {
        QFont f;
        f.setBold(unread > 0);
        return f;
    }
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole: // "channel general, 3 unread, 1 mentioning you"
        return modelRow < 0 ? QVariant() : channels->data(channels->index(modelRow), role);
    case KindRole:
        return int(Kind::Channel);
    case NameRole:
        return channel;
    case UnreadRole:
        return unread;
    case MentionsRole:
        return mentions;
    case SessionRole:
        return QVariant::fromValue<QObject *>(c.session);
    default:
        return {};
    }
}

QVariant CourseSidebarModel::noteData(const Course &c, const QString &note, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        return tr("✎ %1").arg(c.session->noteTitle(note));
    case Qt::AccessibleTextRole:
        return tr("note %1").arg(c.session->noteTitle(note));
    case Qt::ToolTipRole:
        return c.session->isNoteLocked(note) ? tr("Shared note, locked by %1").arg(c.session->noteLockedBy(note))
                                             : tr("Shared note");
    case KindRole:
        return int(Kind::Note);
    case NameRole:
        return note;
    case UnreadRole:
    case MentionsRole:
        return 0;
    case SessionRole:
        return QVariant::fromValue<QObject *>(c.session);
    default:
        return {};
    }
}

} // namespace collab::desktop
