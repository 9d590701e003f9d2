#pragma once

#include <QWidget>

class QListWidget;
class QSplitter;
class QToolButton;

namespace collab::desktop {

class NoteEditor;
class NotePreview;

// One shared note as Markdown: an outline of its headings (click to jump), the source editor (the
// CRDT-bound NoteEditor, remote cursors and all) and the rendered preview beside it, which follows
// the editor as it scrolls and the other way round. Preview and outline can be hidden. The panes
// follow the width they are given (updatePaneLayout): source and preview side by side when both get
// a readable column, else stacked; the outline only when it has headings and there is room.
class NoteWorkspace : public QWidget
{
    Q_OBJECT
public:
    NoteWorkspace(NoteEditor *editor, QWidget *parent = nullptr);

    NoteEditor *editor() const { return m_editor; }
    NotePreview *preview() const { return m_preview; }
    QListWidget *outline() const { return m_outline; }
    QToolButton *previewToggle() const { return m_previewToggle; }
    QToolButton *outlineToggle() const { return m_outlineToggle; }
    QToolButton *historyButton() const { return m_historyButton; } // opens the note's history
    QSplitter *splitter() const { return m_split; }

    // Below this width source and preview are stacked (each would be narrower than ~30 characters).
    static constexpr int kSideBySideMinWidth = 560;
    // Below this width the outline is not shown: it would squeeze the source and preview.
    static constexpr int kOutlineMinWidth = 720;
    // Below this width the History… button is not shown (View → Note history… still is).
    static constexpr int kHistoryButtonMinWidth = 360;

    // Jumps the editor and the preview to the outline's entry `row`.
    void jumpToHeading(int row);
    // The source and the preview at section `section` (the outline, a "#heading" link in the preview).
    void jumpToSection(int section);

Q_SIGNALS:
    void historyRequested(); // the History button: NotesPanel opens the note's NoteHistoryView

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updatePaneLayout();
    void textChanged();
    void refreshOutline();
    void editorScrolled();
    void previewScrolled(int section, qreal fraction);

    NoteEditor *m_editor;
    NotePreview *m_preview;
    QListWidget *m_outline;
    QToolButton *m_previewToggle;
    QToolButton *m_outlineToggle;
    QToolButton *m_historyButton;
    QSplitter *m_split;
    QList<int> m_outlineSections; // the section of each outline row
    bool m_syncing = false;
};

} // namespace collab::desktop
