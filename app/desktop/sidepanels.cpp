#include "sidepanels.h"

#include "coursesession.h"
#include "noteeditor.h"
#include "noteworkspace.h"
#include "typingstate.h"

#include "client/sharednote.h"
#include "noteexport.h"

#include <QLabel>
#include <QListView>
#include <QTabWidget>
#include <QVBoxLayout>

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
    : QWidget(parent), m_session(session), m_status(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_activity(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *top = new QHBoxLayout;
    top->addWidget(titleLabel(QStringLiteral("Shared notes"), this));
    top->addStretch(1);
    m_status->setContentsMargins(8, 6, 8, 2);
    top->addWidget(m_status);
    layout->addLayout(top);
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs, 1);
    QFont af = m_activity->font();
    af.setItalic(true);
    m_activity->setFont(af);
    m_activity->setStyleSheet(QStringLiteral("color: #666;"));
    m_activity->setContentsMargins(8, 0, 8, 4);
    m_activity->setMinimumHeight(m_activity->fontMetrics().height() + 4);
    layout->addWidget(m_activity);

    connect(m_session, &CourseSession::notesChanged, this, &NotesPanel::addNotes);
    connect(m_session, &CourseSession::courseChanged, this, &NotesPanel::updateTitles);
    connect(m_session, &CourseSession::joinedCourse, this, &NotesPanel::updateTitles);
    connect(m_session, &CourseSession::statusChanged, this, &NotesPanel::updateStatus);
    connect(m_session->typing(), &TypingState::changed, this, &NotesPanel::updateStatus);
    connect(m_tabs, &QTabWidget::currentChanged, this, &NotesPanel::updateStatus);
    addNotes();
}

void NotesPanel::addNotes()
{
    for (const QString &name : m_session->noteNames()) {
        if (m_editors.contains(name))
            continue;
        client::SharedNote *note = m_session->note(name);
        auto *editor = new NoteEditor(note, m_tabs);
        editor->setPlaceholderText(QStringLiteral("Shared class notes: everyone in the course edits this together."));
        connect(editor, &NoteEditor::locallyEdited, this, [this, name] { m_session->noteEdited(name); });
        connect(note, &client::SharedNote::unackedCountChanged, this, &NotesPanel::updateStatus);
        m_editors.insert(name, editor);
        auto *workspace = new NoteWorkspace(editor, m_tabs);
        m_workspaces.insert(name, workspace);
        m_tabs->addTab(workspace, m_session->noteTitle(name));
    }
    updateStatus();
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
        m_tabs->setTabToolTip(i, m_session->noteTitle(note) == note ? QString() : note);
    }
}

void NotesPanel::exportNote(const QString &note, const QString &path, const QString &format)
{
    richtext::NoteExport::Format f;
    NoteEditor *editor = m_editors.value(note);
    if (!editor || !richtext::NoteExport::parseFormat(format, &f)) {
        Q_EMIT exportFinished(path, editor ? QStringLiteral("unknown format %1 (md, html or pdf)").arg(format)
                                           : QStringLiteral("no note %1").arg(note));
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

QString NotesPanel::currentNote() const
{
    return m_tabs->currentIndex() >= 0 ? noteAt(m_tabs->currentIndex()) : QString();
}

void NotesPanel::updateStatus()
{
    const QString name = noteAt(m_tabs->currentIndex());
    client::SharedNote *note = m_session->note(name);
    if (!note) {
        m_status->setText(QStringLiteral("<span style='color:#888'>connecting\u2026</span>"));
        m_activity->clear();
        return;
    }
    if (!note->isSynced())
        m_status->setText(QStringLiteral("<span style='color:#b45309'>\u25cf offline \u2014 edits are kept and merged later</span>"));
    else if (note->unackedCount() > 0)
        m_status->setText(QStringLiteral("<span style='color:#888'>\u25cf saving\u2026</span>"));
    else
        m_status->setText(QStringLiteral("<span style='color:#15803d'>\u25cf in sync</span>"));
    m_activity->setText(m_session->typing()->describe(TypingState::notePlace(name), QStringLiteral("editing")));
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
    layout->addWidget(m_view, 1);
}

void ListPane::setTitle(const QString &title) { m_title->setText(title); }

} // namespace collab::desktop
