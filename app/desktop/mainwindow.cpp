#include "mainwindow.h"

#include "chatpanel.h"
#include "coursemenu.h"
#include "coursesession.h"
#include "interactionpanels.h"
#include "listmodels.h"
#include "mentionnotifier.h"
#include "messagelocator.h"
#include "searchpanel.h"
#include "sidepanels.h"
#include "usercolors.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>

namespace collab::desktop {

MainWindow::MainWindow(CourseSession *session, QWidget *parent)
    : QMainWindow(parent),
      m_session(session),
      m_channels(new ListPane(QStringLiteral("Channels"), this)),
      m_chat(new ChatPanel(session, this)),
      m_notes(new NotesPanel(session, this)),
      m_members(new ListPane(QStringLiteral("Members"), this)),
      m_status(new QLabel(this)),
      m_host(new QLabel(this)),
      m_notifier(new MentionNotifier(this, this))
{
    setWindowIcon(appIcon());
    m_channels->view()->setModel(session->channels());
    m_members->view()->setModel(session->members());
    m_members->view()->setSelectionMode(QAbstractItemView::NoSelection);
    m_notifier->attach(session);

    auto *split = new QSplitter(Qt::Horizontal, this);
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
    connect(m_chat, &ChatPanel::threadRequested, m_interactions, &InteractionsPanel::openThread);
    connect(m_chat, &ChatPanel::pollRequested, m_interactions, &InteractionsPanel::openPoll);
    connect(m_interactions->queue(), &QueuePanel::takenForHelp, this, [this](const QString &by) {
        statusBar()->showMessage(QStringLiteral("%1 is ready to help you now").arg(by), 15000);
    });
    split->setChildrenCollapsible(false);
    setCentralWidget(split);

    m_status->setTextFormat(Qt::RichText);
    statusBar()->addWidget(m_status, 1);
    m_host->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_host);
    m_host->hide();

    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    QAction *exportNote = file->addAction(QStringLiteral("&Export note\u2026"));
    connect(exportNote, &QAction::triggered, this, &MainWindow::exportCurrentNote);
    connect(m_notes, &NotesPanel::exportFinished, this, [this](const QString &path, const QString &error) {
        statusBar()->showMessage(error.isEmpty() ? QStringLiteral("Exported to %1").arg(path) : QStringLiteral("Export failed: %1").arg(error), 8000);
    });

    QMenu *menu = menuBar()->addMenu(QStringLiteral("&Session"));
    QAction *reconnect = menu->addAction(QStringLiteral("&Reconnect now"));
    connect(reconnect, &QAction::triggered, this, [this] { m_session->client()->reconnect(); });
    menu->addSeparator();
    QAction *quit = menu->addAction(QStringLiteral("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::quit);

    m_courseMenu = new CourseMenu(this); // the Course menu, context menus and the role (coursemenu.h)

    // Search (searchpanel.h): a dock on the right, hidden until Ctrl+F / Ctrl+Shift+F.
    m_search = new SearchPanel(session, this);
    m_searchDock = new QDockWidget(QStringLiteral("Search"), this);
    m_searchDock->setObjectName(QStringLiteral("search"));
    m_searchDock->setWidget(m_search);
    addDockWidget(Qt::RightDockWidgetArea, m_searchDock);
    m_searchDock->hide();
    QMenu *edit = menuBar()->addMenu(QStringLiteral("&Edit"));
    QAction *findHere = edit->addAction(QStringLiteral("&Find in channel\u2026"));
    findHere->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(findHere, &QAction::triggered, this, [this] { openSearch(false); });
    QAction *findAll = edit->addAction(QStringLiteral("Find in &course\u2026"));
    findAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(findAll, &QAction::triggered, this, [this] { openSearch(true); });
    connect(m_search->locator(), &MessageLocator::revealed, this, [this](const QString &channel, quint64 id) {
        const int row = m_session->channels()->rowOf(channel);
        if (row >= 0)
            m_channels->view()->setCurrentIndex(m_session->channels()->index(row));
        m_chat->showMessage(id);
    });

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
    connect(session, &CourseSession::joinedCourse, this, &MainWindow::updateTitle);
    connect(session, &CourseSession::problem, this, [this](const QString &m) { statusBar()->showMessage(m, 6000); });
    connect(session->members(), &QAbstractItemModel::modelReset, this, &MainWindow::updateMembersTitle);
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
    m_host->setText(QStringLiteral("Hosting at <b>%1</b> \u00b7 join code <b>%2</b> ").arg(shareUrl, joinCode));
    m_host->setToolTip(QStringLiteral("Share this address and join code with your classmates"));
    m_courseMenu->setShareAddress(shareUrl);
    m_host->show();
}

void MainWindow::exportCurrentNote()
{
    const QString note = m_notes->currentNote();
    if (note.isEmpty())
        return;
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export note"), note + QStringLiteral(".pdf"),
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
    m_status->setText(QStringLiteral("<span style='color:%1'>\u25cf</span> %2")
                          .arg(color, m_session->statusText().toHtmlEscaped()));
}

void MainWindow::updateMembersTitle()
{
    m_members->setTitle(QStringLiteral("Members \u2014 %1 online").arg(m_session->members()->onlineCount()));
}

void MainWindow::updateTitle()
{
    const QString course = m_session->title().isEmpty()
        ? m_session->course()
        : QStringLiteral("%1 \u2014 %2").arg(m_session->course(), m_session->title());
    setWindowTitle(QStringLiteral("%1 \u00b7 %2 \u00b7 CourseCollab").arg(course, m_session->user()));
    m_channels->setTitle(m_session->course());
}

void MainWindow::openSearch(bool wholeCourse)
{
    m_search->setScope(wholeCourse ? QString() : m_session->currentChannel());
    m_searchDock->show();
    m_search->queryEdit()->setFocus();
    m_search->queryEdit()->selectAll();
}

} // namespace collab::desktop
