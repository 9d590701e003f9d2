#include "courseviews.h"

#include "chatpanel.h"
#include "courselist.h"
#include "coursesession.h"
#include "interactionpanels.h"
#include "listmodels.h"
#include "searchpanel.h"
#include "sidepanels.h"

#include <QListView>
#include <QStackedWidget>

namespace collab::desktop {

namespace {
QStackedWidget *column(const char *name, QWidget *window)
{
    auto *stack = new QStackedWidget(window);
    stack->setObjectName(QLatin1String(name));
    return stack;
}
} // namespace

CourseViews::CourseViews(CourseList *courses, QWidget *window)
    : QObject(window),
      m_courses(courses),
      m_window(window),
      m_chat(column("chatColumn", window)),
      m_notes(column("notesColumn", window)),
      m_members(column("membersColumn", window)),
      m_interactions(column("interactionsColumn", window)),
      m_search(column("searchColumn", window))
{
    connect(courses, &CourseList::added, this, [this](CourseSession *session) { make(session); });
    connect(courses, &CourseList::aboutToRemove, this, [this](CourseSession *session) { drop(session); });
    connect(courses, &CourseList::currentChanged, this, &CourseViews::show);
}

void CourseViews::makeAll()
{
    for (CourseSession *session : m_courses->sessions())
        make(session);
}

CourseViews::Panes CourseViews::current() const { return m_panes.value(m_courses->current()); }

void CourseViews::make(CourseSession *session)
{
    if (m_panes.contains(session))
        return;
    Panes p;
    p.chat = new ChatPanel(session, m_chat);
    p.notes = new NotesPanel(session, m_notes);
    p.members = new ListPane(tr("Members"), m_members);
    p.members->view()->setModel(session->members());
    p.members->view()->setSelectionMode(QAbstractItemView::NoSelection);
    // Threads, polls and the office-hours queue (issue 14), opened from the chat's context menu.
    p.interactions = new InteractionsPanel(session, m_interactions);
    p.search = new SearchPanel(session, m_search);
    m_chat->addWidget(p.chat);
    m_notes->addWidget(p.notes);
    m_members->addWidget(p.members);
    m_interactions->addWidget(p.interactions);
    m_search->addWidget(p.search);
    m_panes.insert(session, p);
    Q_EMIT panesMade(session, p);
    if (m_courses->current() == session)
        show(session);
}

void CourseViews::drop(CourseSession *session)
{
    const Panes p = m_panes.take(session);
    // The widgets go now, before their session (it is destroyed once its leave is answered).
    delete p.chat;
    delete p.notes;
    delete p.members;
    delete p.interactions;
    delete p.search;
}

void CourseViews::show(CourseSession *session)
{
    const Panes p = m_panes.value(session);
    if (!p.chat)
        return;
    m_chat->setCurrentWidget(p.chat);
    m_notes->setCurrentWidget(p.notes);
    m_members->setCurrentWidget(p.members);
    m_interactions->setCurrentWidget(p.interactions);
    m_search->setCurrentWidget(p.search);
}

} // namespace collab::desktop
