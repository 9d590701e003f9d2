#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QStringList>

#include <vector>

namespace collab::desktop {

class CourseList;
class CourseSession;

// The course sidebar's tree: one row per open course (its title, with the unread messages and
// mentions of all its channels), and under it the course's channels (their own counts) and then
// its notes. Counts are given as numbers (UnreadRole, MentionsRole), in the text a screen reader
// reads (Qt::AccessibleTextRole) and in the tooltip: never by colour or boldness alone.
class CourseSidebarModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Kind { Course, Channel, Note };
    enum Role {
        KindRole = Qt::UserRole + 1, // int(Kind)
        NameRole,                    // the channel's or note's id; the course's id on a course row
        UnreadRole,
        MentionsRole,
        SessionRole, // the row's CourseSession (QObject *)
    };

    explicit CourseSidebarModel(CourseList *courses, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    CourseSession *sessionAt(const QModelIndex &index) const;
    Kind kindAt(const QModelIndex &index) const;
    QModelIndex courseIndex(const CourseSession *session) const;
    QModelIndex channelIndex(const CourseSession *session, const QString &channel) const;
    QModelIndex noteIndex(const CourseSession *session, const QString &note) const;

    // Unread messages and mentions of all the course's channels (its row's badges).
    static int unreadIn(const CourseSession *session);
    static int mentionsIn(const CourseSession *session);

private:
    struct Course
    {
        quint32 key = 0; // a child's internalId: stable while courses above it come and go
        CourseSession *session = nullptr;
        QStringList channels;
        QStringList notes;
        int children() const { return int(channels.size() + notes.size()); }
    };
    void addCourse(CourseSession *session, int index);
    void removeCourse(int index);
    // The course's channels or notes changed: its children are replaced (when the lists differ)
    // or repainted.
    void syncChildren(CourseSession *session);
    void countsChanged(CourseSession *session, int channelRow);
    int rowOfKey(quint32 key) const;
    int rowOfSession(const CourseSession *session) const;
    QVariant courseData(const Course &c, int role) const;
    QVariant channelData(const Course &c, int row, int role) const;
    QVariant noteData(const Course &c, const QString &note, int role) const;

    CourseList *m_courses;
    std::vector<Course> m_rows;
    quint32 m_nextKey = 1;
};

} // namespace collab::desktop
