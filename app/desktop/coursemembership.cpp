#include "coursemembership.h"

#include "courselist.h"
#include "coursesession.h"
#include "logindialog.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>

namespace collab::desktop {

CourseMembership::CourseMembership(CourseList *courses, QWidget *window)
    : QObject(window), m_courses(courses), m_window(window), m_join(new QAction(tr("&Join course…"), this)),
      m_leave(new QAction(tr("&Leave course…"), this))
{
    m_join->setObjectName(QStringLiteral("joinCourse"));
    m_join->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    m_join->setStatusTip(tr("Open another course in this window, on this server or another one"));
    m_leave->setObjectName(QStringLiteral("leaveCourse"));
    connect(m_join, &QAction::triggered, this, &CourseMembership::openJoinDialog);
    connect(m_leave, &QAction::triggered, this, [this] {
        if (m_courses->current())
            confirmLeave(m_courses->current());
    });
    connect(courses, &CourseList::added, this, &CourseMembership::updateActions);
    connect(courses, &CourseList::removed, this, &CourseMembership::updateActions);
    connect(courses, &CourseList::currentChanged, this, &CourseMembership::updateActions);
    updateActions();
}

void CourseMembership::addActions(QMenu *menu)
{
    menu->addAction(m_join);
    menu->addAction(m_leave);
}

void CourseMembership::setSettings(DesktopSettings *settings)
{
    m_settings = settings;
    updateActions();
}

void CourseMembership::updateActions()
{
    m_join->setEnabled(m_settings != nullptr);
    // The window always shows a course: the last one open is left by quitting.
    m_leave->setEnabled(m_courses->count() > 1);
    m_leave->setStatusTip(m_leave->isEnabled() ? tr("Close this course's connection and stop opening it at start")
                                               : tr("The only course open cannot be left: join another one first"));
    if (CourseSession *current = m_courses->current())
        m_leave->setText(tr("&Leave %1…").arg(current->course()));
}

QMenu *CourseMembership::courseMenu(CourseSession *session, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction *leave = menu->addAction(tr("&Leave %1…").arg(session->course()), this, [this, session] { confirmLeave(session); });
    leave->setObjectName(QStringLiteral("leaveCourse"));
    leave->setEnabled(m_courses->count() > 1);
    leave->setStatusTip(m_leave->statusTip());
    menu->addAction(m_join);
    return menu;
}

LoginDialog *CourseMembership::openJoinDialog()
{
    if (!m_settings)
        return nullptr;
    if (m_dialog) {
        m_dialog->raise();
        return m_dialog;
    }
    m_dialog = new LoginDialog(m_settings, m_window, LoginDialog::Purpose::JoinAnother);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setWindowModality(Qt::WindowModal);
    if (CourseSession *current = m_courses->current()) // a course open already is not what one joins
        m_dialog->prefill(current->params().url.toString(), current->user());
    connect(m_dialog, &QDialog::accepted, this, [this, dialog = m_dialog] {
        Q_EMIT joinRequested(dialog->server(), dialog->name(), dialog->course(), dialog->joinCode(), dialog->secret());
    });
    m_dialog->open();
    return m_dialog;
}

QMessageBox *CourseMembership::confirmLeave(CourseSession *session)
{
    if (m_courses->count() < 2 || m_courses->indexOf(session) < 0 || m_question)
        return m_question;
    m_question = new QMessageBox(QMessageBox::Question, tr("Leave %1?").arg(session->course()),
                                 tr("Leave %1 on %2?").arg(session->course(), session->params().url.host()), QMessageBox::NoButton,
                                 m_window);
    m_question->setInformativeText(tr("Its connection closes and it no longer opens at start. Nothing is deleted: its "
                                      "messages and notes stay on the server, and you can join it again with its join code."));
    QPushButton *leave = m_question->addButton(tr("Leave course"), QMessageBox::AcceptRole);
    leave->setObjectName(QStringLiteral("leave"));
    m_question->addButton(QMessageBox::Cancel);
    m_question->setDefaultButton(QMessageBox::Cancel);
    m_question->setWindowModality(Qt::WindowModal);
    m_question->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<CourseSession> guard = session;
    connect(m_question, &QMessageBox::buttonClicked, this, [this, leave, guard](QAbstractButton *button) {
        if (button == leave && guard && m_courses->count() > 1)
            m_courses->leave(guard);
    });
    m_question->open();
    return m_question;
}

} // namespace collab::desktop
