#include "mainwindow.h"

#include "chatpanel.h"
#include "courselist.h"
#include "coursemembership.h"
#include "coursemenu.h"
#include "coursesession.h"
#include "coursesidebar.h"
#include "coursesidebarmodel.h"
#include "mentionannouncer.h"
#include "courseviews.h"
#include "interactionpanels.h"
#include "listmodels.h"
#include "desktopsettings.h"
#include "elidedlabel.h"
#include "mentionnotifier.h"
#include "polldialog.h"
#include "noteeditor.h"
#include "quickswitcher.h"
#include "messagelocator.h"
#include "panesplitter.h"
#include "searchpanel.h"
#include "statusline.h"
#include "sidepanels.h"
#include "usercolors.h"

#include "protocol/ids.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QCloseEvent>
#include <QLayout>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QMenuBar>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>

namespace collab::desktop {

MainWindow::MainWindow(CourseSession *session, QWidget *parent)
    : QMainWindow(parent),
      m_courses(new CourseList(this)),
      m_notifier(new MentionNotifier(this, this))
{
    m_courses->lend(session);
    build();
}

MainWindow::MainWindow(CourseList *courses, QWidget *parent)
    : QMainWindow(parent),
      m_courses(courses),
      m_notifier(new MentionNotifier(this, this))
{
    build();
}

void MainWindow::build()
{
    setWindowIcon(appIcon());
    m_views = new CourseViews(m_courses, this);
    m_sidebar = new CourseSidebar(m_courses, this);
    m_sidebarPane = new QWidget(this);
    auto *sidebarLayout = new QVBoxLayout(m_sidebarPane);
    sidebarLayout->setContentsMargins(0, 0, 0, 0);
    sidebarLayout->setSpacing(4);
    auto *sidebarTitle = new QLabel(tr("&Courses"), m_sidebarPane);
    sidebarTitle->setBuddy(m_sidebar);
    QFont titleFont = sidebarTitle->font();
    titleFont.setBold(true);
    sidebarTitle->setFont(titleFont);
    sidebarTitle->setContentsMargins(4, 4, 4, 0);
    sidebarLayout->addWidget(sidebarTitle);
    sidebarLayout->addWidget(m_sidebar, 1);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    // New @mention badges, said to a screen reader (and shown under the sidebar) once per burst.
    auto *mentionLine = new QLabel(m_sidebarPane);
    mentionLine->setObjectName(QStringLiteral("mentionLine"));
    mentionLine->setContentsMargins(4, 0, 4, 4);
    sidebarLayout->addWidget(mentionLine);
    m_mentionAnnouncer = new MentionAnnouncer(m_sidebar->sidebarModel(), mentionLine, this);

    m_split = new PaneSplitter({m_sidebarPane, m_views->chatColumn(), m_views->notesColumn(), m_views->membersColumn(),
                                m_views->interactionsColumn()},
                               this);
    setCentralWidget(m_split);

    m_statusLine = new StatusLine(statusBar());
    connect(m_statusLine, &StatusLine::inviteRequested, this, [this] { m_courseMenu->action(QStringLiteral("invite"))->trigger(); });

    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_membership = new CourseMembership(m_courses, this);
    m_membership->addActions(file);
    file->addSeparator();
    QAction *exportNote = file->addAction(tr("&Export note…"));
    connect(exportNote, &QAction::triggered, this, &MainWindow::exportCurrentNote);

    QMenu *menu = menuBar()->addMenu(tr("&Session"));
    QAction *reconnect = menu->addAction(tr("&Reconnect now"));
    connect(reconnect, &QAction::triggered, this, [this] { session()->client()->reconnect(); });
    menu->addSeparator();
    QAction *quit = menu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    // Through close(): a host is asked before the session ends for everyone (closeEvent).
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_courseMenu = new CourseMenu(this); // the Course menu, context menus and the role (coursemenu.h)

    // Search (searchpanel.h): a dock on the right, hidden until Ctrl+F / Ctrl+Shift+F.
    m_searchDock = new QDockWidget(tr("Search"), this);
    m_searchDock->setObjectName(QStringLiteral("search"));
    m_searchDock->setWidget(m_views->searchColumn());
    addDockWidget(Qt::RightDockWidgetArea, m_searchDock);
    m_searchDock->hide();
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *findHere = edit->addAction(tr("&Find in channel…"));
    findHere->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(findHere, &QAction::triggered, this, [this] { openSearch(false); });
    QAction *findAll = edit->addAction(tr("Find in &course…"));
    findAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(findAll, &QAction::triggered, this, [this] { openSearch(true); });
    edit->addSeparator();
    m_newPoll = edit->addAction(tr("New &poll…"));
    m_newPoll->setObjectName(QStringLiteral("newPoll"));
    connect(m_newPoll, &QAction::triggered, this, [this] {
        InteractionsPanel *interactions = interactionsPanel();
        connect(interactions->poll()->newPoll(), &PollDialog::pollCreated, this, [this, interactions](quint64 poll) {
            interactions->openPoll(poll);
            setInteractionsVisible(true);
        });
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_showInteractions = view->addAction(tr("&Threads, polls and queue"));
    m_showInteractions->setObjectName(QStringLiteral("showInteractions"));
    m_showInteractions->setCheckable(true);
    m_showInteractions->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_showInteractions->setToolTip(tr("The thread, poll and office-hours queue panel at the right of the chat"));
    connect(m_showInteractions, &QAction::toggled, this, &MainWindow::setInteractionsVisible);
    QAction *noteHistory = view->addAction(tr("Note &history…"));
    noteHistory->setObjectName(QStringLiteral("noteHistory"));
    noteHistory->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    connect(noteHistory, &QAction::triggered, this, [this] { notesPanel()->openHistory(notesPanel()->currentNote()); });

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    QAction *quick = go->addAction(tr("&Quick switcher…"));
    quick->setObjectName(QStringLiteral("quickSwitcher"));
    quick->setShortcut(QKeySequence(QStringLiteral("Ctrl+K")));
    connect(quick, &QAction::triggered, this, &MainWindow::openQuickSwitcher);
    QAction *nextPane = go->addAction(tr("&Next pane"));
    nextPane->setShortcut(QKeySequence(Qt::Key_F6));
    connect(nextPane, &QAction::triggered, this, [this] { focusNextPane(true); });
    QAction *previousPane = go->addAction(tr("&Previous pane"));
    previousPane->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F6));
    connect(previousPane, &QAction::triggered, this, [this] { focusNextPane(false); });

    // The sidebar: choosing a row shows its course; a right click opens the row's menu.
    connect(m_sidebar, &CourseSidebar::channelChosen, this, &MainWindow::goToChannel);
    connect(m_sidebar, &CourseSidebar::noteChosen, this, [this](CourseSession *s, const QString &note) { goToNote(s, note, false); });
    connect(m_sidebar, &CourseSidebar::courseChosen, m_courses, &CourseList::setCurrent);
    connect(m_sidebar, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex row = m_sidebar->indexAt(at);
        CourseSession *s = m_sidebar->sidebarModel()->sessionAt(row);
        if (!s)
            return;
        m_sidebar->setCurrentIndex(row); // the menu acts on the course the row belongs to
        const QString name = row.data(CourseSidebarModel::NameRole).toString();
        QMenu *menu = nullptr;
        switch (m_sidebar->sidebarModel()->kindAt(row)) {
        case CourseSidebarModel::Kind::Course:
            menu = m_membership->courseMenu(s, this);
            break;
        case CourseSidebarModel::Kind::Channel:
            menu = m_courseMenu->channelMenu(name);
            break;
        case CourseSidebarModel::Kind::Note:
            menu = m_courseMenu->noteMenu(name);
            break;
        }
        menu->popup(m_sidebar->viewport()->mapToGlobal(at));
    });

    connect(m_views, &CourseViews::panesMade, this, [this](CourseSession *s) { wirePanes(s); });
    connect(m_courses, &CourseList::currentChanged, this, &MainWindow::onCurrentChanged);
    connect(m_courses, &CourseList::removed, this, [this](CourseSession *s) { m_courseMenu->forget(s); });
    m_views->makeAll();
    onCurrentChanged(m_courses->current());
    // 1280x800, or 90 % of a smaller screen (an 800x600 display, or 1600x900 at 2x scaling).
    QSize size(1280, 800);
    if (const QScreen *s = screen())
        size = size.boundedTo(s->availableGeometry().size() * 0.9);
    resize(size);
}

// What one course's panes need from the window, once, when they are made.
void MainWindow::wirePanes(CourseSession *session)
{
    const CourseViews::Panes p = m_views->panes(session);
    m_notifier->attach(session); // mentions notify from every course, not only the one shown
    m_courseMenu->attachPanes(p.members->view(), p.notes);
    connect(p.chat, &ChatPanel::threadRequested, this, [this, p](quint64 root, const QString &channel) {
        p.interactions->openThread(root, channel);
        setInteractionsVisible(true);
    });
    connect(p.chat, &ChatPanel::pollRequested, this, [this, p](quint64 poll) {
        p.interactions->openPoll(poll);
        setInteractionsVisible(true);
    });
    connect(p.interactions->queue(), &QueuePanel::takenForHelp, this, [this](const QString &by) {
        statusBar()->showMessage(tr("%1 is ready to help you now").arg(by), 15000);
    });
    connect(p.notes, &NotesPanel::exportFinished, this, [this](const QString &path, const QString &error) {
        statusBar()->showMessage(error.isEmpty() ? tr("Exported to %1").arg(path) : tr("Export failed: %1").arg(error), 8000);
    });
    connect(p.notes, &NotesPanel::leaveRequested, this, &MainWindow::focusNextPane);
    connect(p.search->locator(), &MessageLocator::revealed, this, [this, session, p](const QString &channel, quint64 id) {
        goToChannel(session, channel);
        p.chat->showMessage(id);
    });
    // The sidebar follows the course's current channel (set by the session on joining).
    const auto follow = [this, session] {
        if (session == m_courses->current())
            m_sidebar->showChannel(session, session->currentChannel());
    };
    connect(session, &CourseSession::currentChannelChanged, this, follow);
    connect(m_sidebar->sidebarModel(), &QAbstractItemModel::rowsInserted, session, follow);
    connect(session, &CourseSession::problem, this, [this, session](const QString &m) {
        statusBar()->showMessage(session == m_courses->current() ? m : tr("%1: %2", "a course, a problem there").arg(session->course(), m), 6000);
    });
    const auto members = [this, session] { updateMembersTitle(session); };
    connect(session->members(), &QAbstractItemModel::modelReset, this, members);
    connect(session->members(), &MemberModel::presenceKnownChanged, this, members);
    updateMembersTitle(session);
}

// Another course is shown: the status bar, the title and the menus follow it.
void MainWindow::onCurrentChanged(CourseSession *session)
{
    for (const QMetaObject::Connection &c : std::as_const(m_shownLinks))
        disconnect(c);
    m_shownLinks.clear();
    m_shown = session;
    if (!session)
        return;
    m_courseMenu->setSession(session);
    m_shownLinks << connect(session, &CourseSession::statusChanged, this, [this, session] { m_statusLine->showState(session, true); })
                 << connect(session, &CourseSession::roleChanged, this, [this] { // the role's text beside the host's
                        updatePollAction();
                        QMetaObject::invokeMethod(m_statusLine, &StatusLine::fit, Qt::QueuedConnection);
                    })
                 << connect(session, &CourseSession::joinedCourse, this, &MainWindow::updateTitle)
                 << connect(session, &CourseSession::courseChanged, this, &MainWindow::updateTitle);
    m_statusLine->showState(session, false); // another course's state: not a change to announce
    updateTitle();
    updatePollAction();
    if (m_sidebar->sidebarModel()->sessionAt(m_sidebar->currentIndex()) != session)
        m_sidebar->showChannel(session, session->currentChannel());
    if (m_sidebar->sidebarModel()->sessionAt(m_sidebar->currentIndex()) != session)
        m_sidebar->showCourse(session);
}

void MainWindow::updatePollAction()
{
    // Moderators start polls (the server's rule).
    m_newPoll->setEnabled(session() && session()->isModerator());
    m_newPoll->setStatusTip(m_newPoll->isEnabled() ? tr("Start a poll in the current channel")
                                                   : tr("Only instructors and TAs start polls"));
}

CourseSession *MainWindow::session() const { return m_courses->current(); }
ChatPanel *MainWindow::chatPanel() const { return m_views->current().chat; }
NotesPanel *MainWindow::notesPanel() const { return m_views->current().notes; }
NotesPanel *MainWindow::notesPanel(const CourseSession *session) const { return m_views->panes(session).notes; }
ChatPanel *MainWindow::chatPanel(const CourseSession *session) const { return m_views->panes(session).chat; }
InteractionsPanel *MainWindow::interactionsPanel() const { return m_views->current().interactions; }
SearchPanel *MainWindow::searchPanel() const { return m_views->current().search; }
QListView *MainWindow::memberView() const
{
    const CourseViews::Panes p = m_views->current();
    return p.members ? p.members->view() : nullptr;
}

void MainWindow::goToChannel(CourseSession *session, const QString &channel)
{
    m_courses->setCurrent(session);
    session->setCurrentChannel(channel);
    m_sidebar->showChannel(session, channel);
}

void MainWindow::goToNote(CourseSession *session, const QString &note, bool focusEditor)
{
    m_courses->setCurrent(session);
    m_sidebar->showNote(session, note);
    NotesPanel *notes = m_views->panes(session).notes;
    if (!notes)
        return;
    if (focusEditor) {
        notes->showNote(note);
        return;
    }
    // From the sidebar: the note's tab is shown, the keyboard stays in the sidebar (arrowing
    // through the rows must not jump into an editor).
    for (int tab = 0; tab < notes->tabs()->count(); ++tab)
        if (notes->noteAt(tab) == note)
            notes->tabs()->setCurrentIndex(tab);
}

void MainWindow::setHostInfo(const QString &shareUrl, const QString &joinCode)
{
    m_statusLine->setHostInfo(shareUrl, joinCode);
    m_courseMenu->setShareAddress(shareUrl);
    m_hosting = true;
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    m_statusLine->fit();
}

void MainWindow::restoreLayout(DesktopSettings *settings)
{
    m_settings = settings;
    if (!settings)
        return;
    if (const QByteArray geometry = settings->windowGeometry(); !geometry.isEmpty()) {
        restoreGeometry(geometry);
        layout()->activate(); // the panes get the restored width before their sizes are set
    }
    if (const QByteArray panes = settings->paneState(); !panes.isEmpty())
        m_split->restoreWidths(panes);
    m_membership->setSettings(settings);
}

void MainWindow::focusPane(Pane pane)
{
    switch (pane) {
    case Pane::Channels:
        m_sidebar->setFocus(Qt::ShortcutFocusReason);
        break;
    case Pane::Chat:
        // The composer, or the messages when it is disabled (they can still be read and copied).
        if (chatPanel()->composer()->isEnabled())
            chatPanel()->composer()->setFocus(Qt::ShortcutFocusReason);
        else
            chatPanel()->view()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Pane::Notes:
        if (NoteEditor *editor = notesPanel()->currentEditor())
            editor->setFocus(Qt::ShortcutFocusReason);
        else
            notesPanel()->tabs()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Pane::Members:
        memberView()->setFocus(Qt::ShortcutFocusReason);
        break;
    }
}

MainWindow::Pane MainWindow::currentPane() const
{
    const QWidget *focus = QApplication::focusWidget();
    if (focus && (focus == m_sidebarPane || m_sidebarPane->isAncestorOf(focus)))
        return Pane::Channels;
    if (focus && m_views->notesColumn()->isAncestorOf(focus))
        return Pane::Notes;
    if (focus && m_views->membersColumn()->isAncestorOf(focus))
        return Pane::Members;
    return Pane::Chat;
}

void MainWindow::focusNextPane(bool forward)
{
    const int next = (int(currentPane()) + (forward ? 1 : 3)) % 4;
    focusPane(Pane(next));
}

void MainWindow::openQuickSwitcher()
{
    if (m_switcher) {
        m_switcher->raise();
        return;
    }
    // Every open course's channels and notes, the current course's first.
    QList<CourseSession *> sessions = m_courses->sessions();
    sessions.removeOne(session());
    sessions.prepend(session());
    m_switcher = new QuickSwitcher(sessions, this);
    m_switcher->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_switcher, &QuickSwitcher::chosen, this, [this](CourseSession *s, QuickSwitcher::Kind kind, const QString &name) {
        if (kind == QuickSwitcher::Kind::Note) {
            goToNote(s, name, true);
            return;
        }
        goToChannel(s, name);
        focusPane(Pane::Chat);
    });
    m_switcher->open();
    m_switcher->filterEdit()->setFocus();
}

int MainWindow::othersOnline() const
{
    // The courses this app hosts (all of them when the window was given one course to show).
    int others = 0;
    for (const CourseSession *s : m_courses->sessions()) {
        if (m_courses->count() > 1 && !m_courses->isHosted(s))
            continue;
        const MemberModel *members = s->members();
        if (!members->isPresenceKnown())
            continue;
        for (int row = 0; row < members->rowCount(); ++row) {
            const QModelIndex i = members->index(row);
            if (i.data(MemberModel::OnlineRole).toBool() && !sameName(i.data(MemberModel::UserRole).toString(), s->user()))
                ++others;
        }
    }
    return others;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const int others = m_hosting ? othersOnline() : 0;
    if (others == 0 || m_closeConfirmed) {
        if (m_settings)
            m_settings->rememberWindow(saveGeometry(), m_split->saveState());
        m_closeConfirmed = false; // shown again later: ask again
        QMainWindow::closeEvent(event);
        return;
    }
    // The server runs in this app: closing it ends the session for everyone connected.
    event->ignore();
    if (m_closeQuestion)
        return;
    m_closeQuestion = new QMessageBox(QMessageBox::Warning, tr("End the session for everyone?"),
                                      tr("%n person(s) connected to the session you host.", nullptr, others),
                                      QMessageBox::NoButton, this);
    m_closeQuestion->setInformativeText(tr("Closing this window stops the server: they are disconnected until you host again."));
    QPushButton *end = m_closeQuestion->addButton(tr("End session and close"), QMessageBox::DestructiveRole);
    end->setObjectName(QStringLiteral("endSession"));
    m_closeQuestion->addButton(QMessageBox::Cancel);
    m_closeQuestion->setDefaultButton(QMessageBox::Cancel);
    m_closeQuestion->setWindowModality(Qt::WindowModal);
    m_closeQuestion->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_closeQuestion, &QMessageBox::buttonClicked, this, [this, end](QAbstractButton *button) {
        if (button != end)
            return;
        m_closeConfirmed = true;
        QMetaObject::invokeMethod(this, &QWidget::close, Qt::QueuedConnection);
    });
    m_closeQuestion->open();
}

void MainWindow::exportCurrentNote()
{
    const QString note = notesPanel()->currentNote();
    if (note.isEmpty())
        return;
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export note"), note + QStringLiteral(".pdf"),
                                                      QStringLiteral("PDF (*.pdf);;HTML (*.html);;Markdown (*.md)"), &filter);
    if (path.isEmpty())
        return;
    // The file's suffix decides, else the chosen filter.
    QString format = QFileInfo(path).suffix().toLower();
    if (format != QLatin1String("pdf") && format != QLatin1String("html") && format != QLatin1String("md"))
        format = filter.startsWith(QLatin1String("HTML")) ? QStringLiteral("html")
                 : filter.startsWith(QLatin1String("Markdown")) ? QStringLiteral("md") : QStringLiteral("pdf");
    notesPanel()->exportNote(note, path, format);
}

void MainWindow::updateMembersTitle(CourseSession *session)
{
    ListPane *pane = m_views->panes(session).members;
    if (!pane)
        return;
    // Offline, nobody's presence is known: the list says so rather than showing stale dots.
    pane->setTitle(session->members()->isPresenceKnown()
                       ? tr("Members — %n online", nullptr, session->members()->onlineCount())
                       : tr("Members — presence unknown"));
}

void MainWindow::updateTitle()
{
    const CourseSession *s = session();
    if (!s)
        return;
    const QString course = s->title().isEmpty() ? s->course() : QStringLiteral("%1 \u2014 %2").arg(s->course(), s->title());
    setWindowTitle(tr("%1 · %2 · CourseCollab", "window title: course, user").arg(course, s->user()));
}

void MainWindow::setInteractionsVisible(bool visible)
{
    if (m_showInteractions->isChecked() != visible)
        m_showInteractions->setChecked(visible); // toggled() comes back here
    m_split->setInteractionsVisible(visible);
}

void MainWindow::openSearch(bool wholeCourse)
{
    SearchPanel *search = searchPanel();
    search->setScope(wholeCourse ? QString() : session()->currentChannel());
    m_searchDock->show();
    search->queryEdit()->setFocus();
    search->queryEdit()->selectAll();
}

} // namespace collab::desktop
