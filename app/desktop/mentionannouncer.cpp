#include "mentionannouncer.h"

#include "announcer.h"
#include "coursesession.h"
#include "coursesidebarmodel.h"

#include <QLabel>
#include <QLocale>

namespace collab::desktop {

MentionAnnouncer::MentionAnnouncer(CourseSidebarModel *model, QLabel *label, QObject *parent)
    : QObject(parent), m_model(model), m_label(label)
{
    m_label->setWordWrap(true);
    m_label->hide();
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(CoalesceMs); // from the first new mention: later ones join it
    connect(&m_coalesce, &QTimer::timeout, this, &MentionAnnouncer::announce);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MentionAnnouncer::recount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MentionAnnouncer::recount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MentionAnnouncer::recount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MentionAnnouncer::recount);
    recount();
}

void MentionAnnouncer::recount()
{
    QHash<const CourseSession *, int> counted;
    int unread = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const CourseSession *session = m_model->sessionAt(m_model->index(row, 0));
        if (!session)
            continue;
        const int mentions = CourseSidebarModel::mentionsIn(session);
        counted.insert(session, mentions);
        unread += mentions;
        const int before = m_counted.value(session, 0);
        if (mentions > before) {
            m_new += mentions - before;
            if (!m_courses.contains(session->course()))
                m_courses << session->course();
            if (!m_coalesce.isActive())
                m_coalesce.start();
        }
    }
    m_counted = counted; // courses left are forgotten
    if (unread == 0) { // all read (or the courses left): nothing is waiting to be said or shown
        m_coalesce.stop();
        m_new = 0;
        m_courses.clear();
        m_label->clear();
        m_label->hide();
    }
}

void MentionAnnouncer::announce()
{
    if (m_new == 0)
        return;
    const QString text = tr("%n new mention(s) of you in %1", nullptr, m_new).arg(QLocale().createSeparatedList(m_courses));
    m_new = 0;
    m_courses.clear();
    m_label->setText(text);
    m_label->show();
    Announcer::instance()->announce(m_label, text, true);
}

} // namespace collab::desktop
