#include "sidepanels.h"

#include "announcer.h"
#include "coursesession.h"
#include "elidedlabel.h"
#include "noteeditor.h"
#include "notehistoryview.h"
#include "noteworkspace.h"
#include "typingstate.h"

#include "client/sharednote.h"
#include "noteexport.h"

#include <QLabel>
#include <QListView>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace collab::desktop {

namespace {
QLabel *titleLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    QFont f = l->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    l->setFont(f);
    l->setContentsMargins(8, 6, 8, 2);
    return l;
}
} // namespace

NotesPanel::NotesPanel(CourseSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_status(new ElidedLabel(this)), m_banner(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_activity(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *top = new QHBoxLayout;
    top->addWidget(titleLabel(tr("Shared notes"), this));
    // The state's text never decides the pane's width (a long "offline…" once squeezed the chat):
    // it has all the room beside the title, and is elided (whole in its tooltip) where that is
    // too little, never cut mid-word ("n sync" at 800 px).
    m_status->setContentsMargins(8, 6, 8, 2);
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    top->addWidget(m_status, 1);
    layout->addLayout(top);
    // Said where it happened: refused edits, a locked or archived note. Wraps, never widens.
    m_banner->setWordWrap(true);
    m_banner->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    m_banner->setContentsMargins(8, 4, 8, 4);
    m_banner->setAutoFillBackground(true);
    m_banner->setBackgroundRole(QPalette::ToolTipBase);
    m_banner->setForegroundRole(QPalette::ToolTipText);
    m_banner->hide();
    layout->addWidget(m_banner);
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setAccessibleName(tr("Shared notes"));
    layout->addWidget(m_tabs, 1);
    QFont af = m_activity->font();
    af.setItalic(true);
    m_activity->setFont(af);
    m_activity->setForegroundRole(QPalette::PlaceholderText);
    m_activity->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_activity->setContentsMargins(8, 0, 8, 4);
    m_activity->setMinimumHeight(m_activity->fontMetrics().height() + 4);
    layout->addWidget(m_activity);

    connect(m_session, &CourseSession::notesChanged, this, &NotesPanel::addNotes);
    connect(m_session, &CourseSession::courseChanged, this, &NotesPanel::updateTitles);
    connect(m_session, &CourseSession::joinedCourse, this, &NotesPanel::updateTitles);
    connect(m_session, &CourseSession::statusChanged, this, &NotesPanel::updateStatus);
    connect(m_session->typing(), &TypingState::changed, this, &NotesPanel::updateStatus);
    connect(m_tabs, &QTabWidget::currentChanged, this, &NotesPanel::updateStatus);
    connect(m_session, &CourseSession::accessChanged, this, &NotesPanel::updateAccess);
    connect(m_session, &CourseSession::statusChanged, this, &NotesPanel::updateAccess);
    addNotes();
}

void NotesPanel::addNotes()
{
    for (const QString &name : m_session->noteNames()) {
        if (m_editors.contains(name))
            continue;
        client::SharedNote *note = m_session->note(name);
        auto *editor = new NoteEditor(note, m_tabs);
        editor->setPlaceholderText(tr("Shared class notes: everyone in the course edits this together."));
        editor->setAccessibleName(tr("Shared note %1").arg(m_session->noteTitle(name)));
        editor->setAccessibleDescription(tr("Everyone in the course edits this together; Tab indents, Esc or Ctrl+Tab leaves"));
        connect(editor, &NoteEditor::leaveRequested, this, &NotesPanel::leaveRequested);
        connect(editor, &NoteEditor::locallyEdited, this, [this, name] {
            m_session->noteEdited(name);
            if (m_refused.remove(name) > 0) // the user has seen it and goes on
                updateStatus();
        });
        connect(note, &client::SharedNote::unackedCountChanged, this, &NotesPanel::updateStatus);
        connect(note, &client::SharedNote::editsRefused, this, [this, name](const QString &, const QString &message, int count) {
            const QString title = m_session->noteTitle(name);
            m_refused.insert(name, tr("Your last %n edit(s) to %1 were not saved and undone: %2", nullptr, count).arg(title, message));
            m_tabs->setCurrentWidget(m_workspaces.value(name)); // shown where it happened
            updateStatus();
        });
        connect(note, &client::SharedNote::reloadingChanged, this, &NotesPanel::updateAccess);
        m_editors.insert(name, editor);
        auto *workspace = new NoteWorkspace(editor, m_tabs);
        m_workspaces.insert(name, workspace);
        connect(workspace, &NoteWorkspace::historyRequested, this, [this, name] { openHistory(name); });
        m_tabs->addTab(workspace, m_session->noteTitle(name));
    }
    updateAccess();
}

// Read-only where the server would refuse (locked, archived, removed) or while a refusal reloads.
void NotesPanel::updateAccess()
{
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it) {
        client::SharedNote *note = m_session->note(it.key());
        const QString reason = m_session->noteReadOnlyReason(it.key());
        it.value()->setReadOnly(!reason.isEmpty() || (note && note->isReloading()));
        it.value()->setToolTip(reason);
    }
    updateStatus();
}

void NotesPanel::setStatus(const QString &text, const QString &tip)
{
    m_status->setText(text);
    m_status->setToolTip(tip.isEmpty() ? text : tip);
}

QString NotesPanel::noteAt(int tab) const
{
    // Tabs show a note's title (renamed notes), so the note is found by its workspace.
    QWidget *page = m_tabs->widget(tab);
    for (auto it = m_workspaces.cbegin(); it != m_workspaces.cend(); ++it)
        if (it.value() == page)
            return it.key();
    return {};
}

void NotesPanel::updateTitles()
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        const QString note = noteAt(i);
        m_tabs->setTabText(i, m_session->noteTitle(note));
        if (NoteEditor *editor = m_editors.value(note))
            editor->setAccessibleName(tr("Shared note %1").arg(m_session->noteTitle(note)));
        m_tabs->setTabToolTip(i, m_session->noteTitle(note) == note ? QString() : note);
    }
}

void NotesPanel::exportNote(const QString &note, const QString &path, const QString &format)
{
    richtext::NoteExport::Format f;
    NoteEditor *editor = m_editors.value(note);
    if (!editor || !richtext::NoteExport::parseFormat(format, &f)) {
        Q_EMIT exportFinished(path, editor ? tr("unknown format %1 (md, html or pdf)").arg(format)
                                           : tr("no note %1").arg(note));
        return;
    }
    auto *job = new richtext::NoteExport(note, editor->toPlainText(), this);
    connect(job, &richtext::NoteExport::ready, this, [this, job, path, f] {
        QString error;
        job->write(f, path, &error);
        job->deleteLater();
        Q_EMIT exportFinished(path, error);
    });
    job->prepare();
}

NoteHistoryView *NotesPanel::history(const QString &note) const { return m_histories.value(note); }

NoteHistoryView *NotesPanel::openHistory(const QString &note)
{
    if (!m_session->note(note))
        return nullptr;
    NoteHistoryView *view = m_histories.value(note);
    if (!view) {
        view = new NoteHistoryView(m_session, note, window());
        m_histories.insert(note, view);
    }
    view->show();
    view->raise();
    view->activateWindow();
    return view;
}

void NotesPanel::showNote(const QString &note)
{
    if (NoteWorkspace *w = m_workspaces.value(note)) {
        m_tabs->setCurrentWidget(w);
        m_editors.value(note)->setFocus(Qt::ShortcutFocusReason);
    }
}

QString NotesPanel::currentNote() const
{
    return m_tabs->currentIndex() >= 0 ? noteAt(m_tabs->currentIndex()) : QString();
}

void NotesPanel::updateStatus()
{
    const QString name = noteAt(m_tabs->currentIndex());
    client::SharedNote *note = m_session->note(name);
    const QString bannerBefore = m_banner->text();
    m_banner->clear();
    if (!note) {
        setStatus(tr("connecting…"), QString());
        m_activity->clear();
        m_banner->hide();
        return;
    }
    const QString readOnly = m_session->noteReadOnlyReason(name);
    const int unacked = note->unackedCount();
    // Never "in sync" while something was refused, is unsent, or the note is read-only.
    if (m_refused.contains(name)) {
        setStatus(tr("⚠ edits refused"), m_refused.value(name));
        m_banner->setText(QStringLiteral("\u26a0 ") + m_refused.value(name));
    } else if (note->isReloading()) {
        setStatus(tr("↻ reloading…"), QString());
    } else if (!readOnly.isEmpty()) {
        setStatus(readOnly, QString()); // "Locked by prof.lee": words, no emoji (a box without an emoji font)
    } else if (!note->isSynced()) {
        setStatus(unacked > 0 ? tr("● offline · %n unsent", nullptr, unacked) : tr("● offline"),
                  tr("Offline: your edits are kept and merged when the connection is back."));
    } else if (unacked > 0) {
        setStatus(tr("● saving %n…", nullptr, unacked), tr("%n edit(s) not acknowledged yet", nullptr, unacked));
    } else {
        setStatus(tr("● in sync"), tr("Everything you typed is on the server."));
    }
    if (m_banner->text().isEmpty() && !readOnly.isEmpty())
        m_banner->setText(tr("%1 is read-only. %2").arg(m_session->noteTitle(name), readOnly));
    m_banner->setVisible(!m_banner->text().isEmpty());
    if (m_banner->text() != bannerBefore && !m_banner->text().isEmpty())
        Announcer::instance()->announce(m_banner, m_banner->text(), true); // "Locked by prof.lee", "edits refused": said at once
    m_activity->setText(m_session->typing()->describe(TypingState::notePlace(name), TypingState::Activity::Editing));
}

QSize FitWidthDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (const auto *view = qobject_cast<const QListView *>(option.widget)) // its spacing on both sides too
        size.setWidth(std::min(size.width(), view->viewport()->width() - 2 * view->spacing()));
    return size;
}

ListPane::ListPane(const QString &title, QWidget *parent)
    : QWidget(parent), m_title(titleLabel(title, this)), m_view(new QListView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setUniformItemSizes(true);
    m_view->setSpacing(2);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAccessibleName(title);
    // Rows never wider than the column: a long name ("someone.with.a.long.name  (instructor)") is
    // elided, with the whole name in its tooltip, instead of giving the list a horizontal
    // scrollbar (it had one at 800×600).
    m_view->setItemDelegate(new FitWidthDelegate(m_view));
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setResizeMode(QListView::Adjust);
    m_title->setBuddy(m_view);
    // "Members — presence unknown" wraps rather than setting the column's least width (the
    // columns hold every open course's pane: the longest title would hold them all).
    m_title->setWordWrap(true);
    layout->addWidget(m_view, 1);
}

void ListPane::setTitle(const QString &title) { m_title->setText(title); }

} // namespace collab::desktop
