#include "noteworkspace.h"

#include "noteeditor.h"
#include "notepreview.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QResizeEvent>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace collab::desktop {

NoteWorkspace::NoteWorkspace(NoteEditor *editor, QWidget *parent)
    : QWidget(parent),
      m_editor(editor),
      m_preview(new NotePreview(this)),
      m_outline(new QListWidget(this)),
      m_previewToggle(new QToolButton(this)),
      m_outlineToggle(new QToolButton(this)),
      m_historyButton(new QToolButton(this)),
      m_split(new QSplitter(Qt::Horizontal, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 0, 6, 0);
    m_outlineToggle->setText(tr("Outline"));
    m_outlineToggle->setCheckable(true);
    m_outlineToggle->setChecked(true);
    m_previewToggle->setText(tr("Preview"));
    m_previewToggle->setCheckable(true);
    m_previewToggle->setChecked(true);
    m_previewToggle->setToolTip(tr("Show the rendered note beside its Markdown source"));
    bar->addWidget(m_outlineToggle);
    bar->addWidget(m_previewToggle);
    bar->addStretch(1);
    m_historyButton->setText(tr("History…"));
    m_historyButton->setToolTip(tr("The note's versions on a time slider: its text, changes and authors at any "
                                   "point (View → Note history…, Ctrl+Shift+H)"));
    connect(m_historyButton, &QToolButton::clicked, this, &NoteWorkspace::historyRequested);
    bar->addWidget(m_historyButton);
    layout->addLayout(bar);

    m_editor->setParent(this);
    m_outline->setFrameShape(QFrame::NoFrame);
    m_outline->setAccessibleName(tr("Outline"));
    m_outline->setAccessibleDescription(tr("The note's headings; choosing one moves the editor there"));
    m_preview->setAccessibleName(tr("Preview"));
    m_preview->setAccessibleDescription(tr("The note rendered: headings, lists, code and math"));
    m_split->addWidget(m_outline);
    m_split->addWidget(m_editor);
    m_split->addWidget(m_preview);
    m_split->setStretchFactor(0, 0);
    m_split->setStretchFactor(1, 1);
    m_split->setStretchFactor(2, 1);
    m_split->setSizes({110, 300, 300});
    layout->addWidget(m_split, 1);

    connect(m_previewToggle, &QToolButton::toggled, this, [this](bool on) {
        m_preview->setVisible(on);
        if (on)
            m_preview->setMarkdown(m_editor->toPlainText());
    });
    connect(m_outlineToggle, &QToolButton::toggled, this, &NoteWorkspace::updatePaneLayout);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &NoteWorkspace::textChanged);
    connect(m_preview, &NotePreview::updated, this, &NoteWorkspace::refreshOutline);
    connect(m_outline, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) { jumpToHeading(m_outline->row(item)); });
    connect(m_editor->verticalScrollBar(), &QScrollBar::valueChanged, this, &NoteWorkspace::editorScrolled);
    connect(m_preview, &NotePreview::userScrolled, this, &NoteWorkspace::previewScrolled);
    // A link to a heading ("[see](#consensus)"): the source goes there too, as from the outline.
    connect(m_preview, &NotePreview::sectionLinkActivated, this, &NoteWorkspace::jumpToSection);
    m_preview->setMarkdown(m_editor->toPlainText());
    updatePaneLayout();
}

void NoteWorkspace::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updatePaneLayout();
}

void NoteWorkspace::updatePaneLayout()
{
    const Qt::Orientation orientation = width() < kSideBySideMinWidth ? Qt::Vertical : Qt::Horizontal;
    if (m_split->orientation() != orientation)
        m_split->setOrientation(orientation);
    const bool hasHeadings = !m_outlineSections.isEmpty();
    const bool roomy = width() >= kOutlineMinWidth;
    m_outlineToggle->setEnabled(hasHeadings && roomy);
    m_outlineToggle->setToolTip(!hasHeadings ? tr("The outline lists the note's headings: this note has none yet")
                                : !roomy     ? tr("Widen the notes pane to show the outline")
                                             : tr("Show the note's headings; click one to jump to it"));
    m_outline->setVisible(m_outlineToggle->isChecked() && hasHeadings && roomy);
    // The History button only where it does not widen the pane (an 800x600 window): the command
    // is always in View → Note history… (Ctrl+Shift+H).
    m_historyButton->setVisible(width() >= kHistoryButtonMinWidth);
}

void NoteWorkspace::textChanged()
{
    // Local typing and remote edits alike: the preview follows once typing pauses.
    if (m_preview->isVisible() || m_outlineToggle->isChecked())
        m_preview->setMarkdownLater(m_editor->toPlainText());
}

void NoteWorkspace::refreshOutline()
{
    QStringList titles;
    QList<int> sections;
    const auto &all = m_preview->sections();
    for (int i = 0; i < all.size(); ++i) {
        if (all.at(i).headingLevel > 0) {
            titles << QString(2 * (all.at(i).headingLevel - 1), QLatin1Char(' ')) + all.at(i).heading;
            sections << i;
        }
    }
    m_outlineSections = sections;
    QStringList current;
    for (int i = 0; i < m_outline->count(); ++i)
        current << m_outline->item(i)->text();
    if (current != titles) {
        m_outline->clear();
        m_outline->addItems(titles);
    }
    updatePaneLayout();
}

void NoteWorkspace::jumpToHeading(int row)
{
    if (row < 0 || row >= m_outlineSections.size())
        return;
    jumpToSection(m_outlineSections.at(row));
}

void NoteWorkspace::jumpToSection(int section)
{
    if (section < 0 || section >= m_preview->sections().size())
        return;
    const QTextBlock block = m_editor->document()->findBlockByNumber(m_preview->sections().at(section).firstLine);
    m_syncing = true;
    QTextCursor cursor(block);
    m_editor->setTextCursor(cursor);
    m_editor->verticalScrollBar()->setValue(block.firstLineNumber());
    m_preview->scrollToSection(section);
    m_syncing = false;
}

void NoteWorkspace::editorScrolled()
{
    if (m_syncing || !m_preview->isVisible())
        return;
    // The source line at the top of the editor, and the matching place of the preview.
    const int line = m_editor->cursorForPosition(QPoint(0, 0)).blockNumber();
    const int section = m_preview->sectionAtLine(line);
    if (section < 0)
        return;
    const auto &s = m_preview->sections().at(section);
    const qreal fraction = s.lineCount > 0 ? qreal(line - s.firstLine) / s.lineCount : 0;
    m_syncing = true;
    m_preview->scrollToSection(section, fraction);
    m_syncing = false;
}

void NoteWorkspace::previewScrolled(int section, qreal fraction)
{
    if (m_syncing || section < 0 || section >= m_preview->sections().size())
        return;
    const auto &s = m_preview->sections().at(section);
    const int line = s.firstLine + int(fraction * s.lineCount);
    const QTextBlock block = m_editor->document()->findBlockByNumber(line);
    m_syncing = true;
    m_editor->verticalScrollBar()->setValue(block.firstLineNumber());
    m_syncing = false;
}

} // namespace collab::desktop
