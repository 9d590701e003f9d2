#include "mainwindow.h"

#include "announcer.h"
#include "chatpanel.h"
#include "coursemenu.h"
#include "coursesession.h"
#include "interactionpanels.h"
#include "listmodels.h"
#include "desktopsettings.h"
#include "elidedlabel.h"
#include "mentionnotifier.h"
#include "polldialog.h"
#include "noteeditor.h"
#include "quickswitcher.h"
#include "messagelocator.h"
#include "searchpanel.h"
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
#include <QStatusBar>

#include <algorithm>

namespace collab::desktop {

MainWindow::MainWindow(CourseSession *session, QWidget *parent)
    : QMainWindow(parent),
      m_session(session),
      m_channels(new ListPane(tr("Channels"), this)),
      m_chat(new ChatPanel(session, this)),
      m_notes(new NotesPanel(session, this)),
      m_members(new ListPane(tr("Members"), this)),
      m_statusDot(new QLabel(this)),
      m_status(new ElidedLabel(this)),
      m_host(new QLabel(this)),
      m_notifier(new MentionNotifier(this, this))
{
    setWindowIcon(appIcon());
    m_channels->view()->setModel(session->channels());
    m_members->view()->setModel(session->members());
    m_members->view()->setSelectionMode(QAbstractItemView::NoSelection);
    m_notifier->attach(session);

    auto *split = m_split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("panes"));
    split->addWidget(m_channels);
    split->addWidget(m_chat);
    split->addWidget(m_notes);
    split->addWidget(m_members);
    // Threads, polls and the office-hours queue (issue 14), opened from the chat's context menu.
    m_interactions = new InteractionsPanel(session, this);
    split->addWidget(m_interactions);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 3);
    split->setStretchFactor(3, 0);
    split->setStretchFactor(4, 1);
    split->setSizes({150, 470, 470, 180, 260});
    // On demand, not a fifth column always there (it took its width from the chat): opened by
    // View → Threads, polls and queue, or by opening a thread or a poll.
    m_interactions->hide();
    connect(m_chat, &ChatPanel::threadRequested, this, [this](quint64 root, const QString &channel) {
        m_interactions->openThread(root, channel);
        setInteractionsVisible(true);
    });
    connect(m_chat, &ChatPanel::pollRequested, this, [this](quint64 poll) {
        m_interactions->openPoll(poll);
        setInteractionsVisible(true);
    });
    connect(m_interactions->queue(), &QueuePanel::takenForHelp, this, [this](const QString &by) {
        statusBar()->showMessage(tr("%1 is ready to help you now").arg(by), 15000);
    });
    split->setChildrenCollapsible(false);
    setCentralWidget(split);

    // The connection's state: a coloured dot and words, elided (whole in the tooltip) when the
    // status bar is narrow, so the hosting and role texts beside it are never cut.
    m_statusDot->setTextFormat(Qt::RichText);
    statusBar()->addWidget(m_statusDot);
    statusBar()->addWidget(m_status, 1);
    m_statusDot->setAccessibleName(tr("Connection state")); // a coloured dot: the words are beside it
    m_status->setAccessibleDescription(tr("Connection state"));
    m_host->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_host, &QLabel::linkActivated, this, [this] { m_courseMenu->action(QStringLiteral("invite"))->trigger(); });
    statusBar()->addPermanentWidget(m_host);
    m_host->hide();

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *exportNote = file->addAction(tr("&Export note…"));
    connect(exportNote, &QAction::triggered, this, &MainWindow::exportCurrentNote);
    connect(m_notes, &NotesPanel::exportFinished, this, [this](const QString &path, const QString &error) {
        statusBar()->showMessage(error.isEmpty() ? tr("Exported to %1").arg(path) : tr("Export failed: %1").arg(error), 8000);
    });

    QMenu *menu = menuBar()->addMenu(tr("&Session"));
    QAction *reconnect = menu->addAction(tr("&Reconnect now"));
    connect(reconnect, &QAction::triggered, this, [this] { m_session->client()->reconnect(); });
    menu->addSeparator();
    QAction *quit = menu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    // Through close(): a host is asked before the session ends for everyone (closeEvent).
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_courseMenu = new CourseMenu(this); // the Course menu, context menus and the role (coursemenu.h)

    // Search (searchpanel.h): a dock on the right, hidden until Ctrl+F / Ctrl+Shift+F.
    m_search = new SearchPanel(session, this);
    m_searchDock = new QDockWidget(tr("Search"), this);
    m_searchDock->setObjectName(QStringLiteral("search"));
    m_searchDock->setWidget(m_search);
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
    QAction *newPoll = edit->addAction(tr("New &poll…"));
    newPoll->setObjectName(QStringLiteral("newPoll"));
    const auto pollAllowed = [this, newPoll] { // moderators start polls (the server's rule)
        newPoll->setEnabled(m_session->isModerator());
        newPoll->setStatusTip(newPoll->isEnabled() ? tr("Start a poll in the current channel")
                                                   : tr("Only instructors and TAs start polls"));
    };
    pollAllowed();
    connect(session, &CourseSession::roleChanged, newPoll, pollAllowed);
    connect(newPoll, &QAction::triggered, this, [this] {
        connect(m_interactions->poll()->newPoll(), &PollDialog::pollCreated, this, [this](quint64 poll) {
            m_interactions->openPoll(poll);
            setInteractionsVisible(true);
        });
    });
    connect(m_search->locator(), &MessageLocator::revealed, this, [this](const QString &channel, quint64 id) {
        const int row = m_session->channels()->rowOf(channel);
        if (row >= 0)
            m_channels->view()->setCurrentIndex(m_session->channels()->index(row));
        m_chat->showMessage(id);
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
    connect(noteHistory, &QAction::triggered, this, [this] { m_notes->openHistory(m_notes->currentNote()); });

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
    connect(m_notes, &NotesPanel::leaveRequested, this, &MainWindow::focusNextPane);

    connect(m_channels->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_session->setCurrentChannel(current.data(ChannelModel::NameRole).toString());
            });
    connect(session->channels(), &QAbstractItemModel::modelReset, this, [this] {
        const int row = m_session->channels()->rowOf(m_session->currentChannel());
        if (row >= 0)
            m_channels->view()->setCurrentIndex(m_session->channels()->index(row));
    });
    connect(session, &CourseSession::statusChanged, this, &MainWindow::updateStatus);
    connect(session, &CourseSession::roleChanged, this, [this] { // the role's text beside the host's
        QMetaObject::invokeMethod(this, &MainWindow::fitStatusBar, Qt::QueuedConnection);
    });
    connect(session, &CourseSession::joinedCourse, this, &MainWindow::updateTitle);
    connect(session, &CourseSession::problem, this, [this](const QString &m) { statusBar()->showMessage(m, 6000); });
    connect(session->members(), &QAbstractItemModel::modelReset, this, &MainWindow::updateMembersTitle);
    connect(session->members(), &MemberModel::presenceKnownChanged, this, &MainWindow::updateMembersTitle);
    updateStatus();
    updateTitle();
    // 1280x800, or 90 % of a smaller screen (an 800x600 display, or 1600x900 at 2x scaling).
    QSize size(1280, 800);
    if (const QScreen *s = screen())
        size = size.boundedTo(s->availableGeometry().size() * 0.9);
    resize(size);
}

QListView *MainWindow::channelView() const { return m_channels->view(); }
QListView *MainWindow::memberView() const { return m_members->view(); }

void MainWindow::setHostInfo(const QString &shareUrl, const QString &joinCode)
{
    // The code is not to be half-selected out of the status bar: "Invite people…" shows each
    // part with a Copy button. Longest first: the one that fits is shown (fitStatusBar).
    const QString url = shareUrl.toHtmlEscaped(), code = joinCode.toHtmlEscaped();
    m_hostTexts = {tr("Hosting at <b>%1</b> · join code <b>%2</b> · <a href=\"invite\">Invite people…</a>").arg(url, code),
                   tr("Hosting · join code <b>%1</b> · <a href=\"invite\">Invite people…</a>").arg(code),
                   tr("Hosting · <a href=\"invite\">Invite people…</a>")};
    m_host->setToolTip(tr("Hosting at %1, join code %2: share them with your classmates (Invite people…)")
                           .arg(shareUrl, joinCode));
    m_courseMenu->setShareAddress(shareUrl);
    m_host->show();
    m_hosting = true;
    fitStatusBar();
}

void MainWindow::fitStatusBar()
{
    if (m_hostTexts.isEmpty())
        return;
    // What the permanent widgets other than the host text need (the role), and the connection
    // state (up to 160 px: beyond that it is elided, whole in its tooltip, before the join code
    // leaves the status bar): the host text takes the longest form that leaves them their room.
    int others = m_statusDot->sizeHint().width() + std::min(m_status->fullWidth(), 160) + 40;
    for (QWidget *w : statusBar()->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly))
        if (w != m_host && w != m_status && w != m_statusDot && w->isVisible() && qobject_cast<QLabel *>(w))
            others += w->sizeHint().width();
    const int room = statusBar()->width() - others;
    QLabel probe;
    probe.setFont(m_host->font());
    QString chosen = m_hostTexts.last();
    for (const QString &text : std::as_const(m_hostTexts)) {
        probe.setText(text);
        if (probe.sizeHint().width() <= room) {
            chosen = text;
            break;
        }
    }
    if (m_host->text() != chosen)
        m_host->setText(chosen);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    fitStatusBar();
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
        m_split->restoreState(panes);
}

void MainWindow::focusPane(Pane pane)
{
    switch (pane) {
    case Pane::Channels:
        m_channels->view()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Pane::Chat:
        // The composer, or the messages when it is disabled (they can still be read and copied).
        if (m_chat->composer()->isEnabled())
            m_chat->composer()->setFocus(Qt::ShortcutFocusReason);
        else
            m_chat->view()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Pane::Notes:
        if (NoteEditor *editor = m_notes->currentEditor())
            editor->setFocus(Qt::ShortcutFocusReason);
        else
            m_notes->tabs()->setFocus(Qt::ShortcutFocusReason);
        break;
    case Pane::Members:
        m_members->view()->setFocus(Qt::ShortcutFocusReason);
        break;
    }
}

MainWindow::Pane MainWindow::currentPane() const
{
    const QWidget *focus = QApplication::focusWidget();
    if (focus && (focus == m_channels || m_channels->isAncestorOf(focus)))
        return Pane::Channels;
    if (focus && m_notes->isAncestorOf(focus))
        return Pane::Notes;
    if (focus && m_members->isAncestorOf(focus))
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
    m_switcher = new QuickSwitcher(m_session, this);
    m_switcher->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_switcher, &QuickSwitcher::chosen, this, [this](QuickSwitcher::Kind kind, const QString &name) {
        if (kind == QuickSwitcher::Kind::Note) {
            m_notes->showNote(name);
            return;
        }
        const int row = m_session->channels()->rowOf(name);
        if (row >= 0)
            m_channels->view()->setCurrentIndex(m_session->channels()->index(row));
        focusPane(Pane::Chat);
    });
    m_switcher->open();
    m_switcher->filterEdit()->setFocus();
}

int MainWindow::othersOnline() const
{
    int others = 0;
    const MemberModel *members = m_session->members();
    for (int row = 0; row < members->rowCount(); ++row) {
        const QModelIndex i = members->index(row);
        if (i.data(MemberModel::OnlineRole).toBool() && !sameName(i.data(MemberModel::UserRole).toString(), m_session->user()))
            ++others;
    }
    return others;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const int others = m_hosting && m_session->members()->isPresenceKnown() ? othersOnline() : 0;
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
    const QString note = m_notes->currentNote();
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
    m_notes->exportNote(note, path, format);
}

void MainWindow::updateStatus()
{
    QString color;
    switch (m_session->status()) {
    case CourseSession::Status::Connected:
        color = QStringLiteral("#15803d");
        break;
    case CourseSession::Status::Connecting:
    case CourseSession::Status::Reconnecting:
        color = QStringLiteral("#b45309");
        break;
    case CourseSession::Status::Offline:
    case CourseSession::Status::Removed:
        color = QStringLiteral("#b91c1c");
        break;
    }
    // The dot says it in colour (readable on this palette), the words say it for everyone.
    color = readableOn(QColor(color), palette().color(QPalette::Window), 3.0).name();
    m_statusDot->setText(QStringLiteral("<span style='color:%1'>\u25cf</span>").arg(color));
    m_status->setText(m_session->statusText());
    m_status->setToolTip(m_session->statusText());
    // Lost, reconnecting, back, removed: said when the state changes (not for each outbox count).
    if (int(m_session->status()) != m_announcedStatus) {
        const bool first = m_announcedStatus < 0;
        m_announcedStatus = int(m_session->status());
        if (!first)
            Announcer::instance()->announce(m_status, m_status->text(), true);
    }
    fitStatusBar();
}

void MainWindow::updateMembersTitle()
{
    // Offline, nobody's presence is known: the list says so rather than showing stale dots.
    m_members->setTitle(m_session->members()->isPresenceKnown()
                            ? tr("Members — %n online", nullptr, m_session->members()->onlineCount())
                            : tr("Members — presence unknown"));
}

void MainWindow::updateTitle()
{
    const QString course = m_session->title().isEmpty()
        ? m_session->course()
        : QStringLiteral("%1 \u2014 %2").arg(m_session->course(), m_session->title());
    setWindowTitle(tr("%1 · %2 · CourseCollab", "window title: course, user").arg(course, m_session->user()));
    m_channels->setTitle(m_session->course());
}

void MainWindow::setInteractionsVisible(bool visible)
{
    if (m_showInteractions->isChecked() != visible)
        m_showInteractions->setChecked(visible); // toggled() comes back here
    if (m_interactions->isVisible() == visible)
        return;
    // Its width comes from the chat and the notes, half each, never below a readable width.
    QList<int> sizes = m_split->sizes();
    const int index = m_split->indexOf(m_interactions);
    if (visible) {
        const int width = std::clamp((sizes.value(1) + sizes.value(2)) / 4, 200, 320);
        sizes[1] = std::max(200, sizes[1] - width / 2);
        sizes[2] = std::max(200, sizes[2] - width / 2);
        sizes[index] = width;
        m_interactions->show();
        m_split->setSizes(sizes);
    } else {
        // The chat and the notes get its width back, half each.
        const int width = sizes.value(index);
        m_interactions->hide();
        sizes[index] = 0;
        sizes[1] += width / 2;
        sizes[2] += width - width / 2;
        m_split->setSizes(sizes);
    }
}

void MainWindow::openSearch(bool wholeCourse)
{
    m_search->setScope(wholeCourse ? QString() : m_session->currentChannel());
    m_searchDock->show();
    m_search->queryEdit()->setFocus();
    m_search->queryEdit()->selectAll();
}

} // namespace collab::desktop
