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
// the editor as it scrolls and the other way round. Preview and outline can be hidden.
class NoteWorkspace : public QWidget
{
    Q_OBJECT
public:
    NoteWorkspace(NoteEditor *editor, QWidget *parent = nullptr);

    NoteEditor *editor() const { return m_editor; }
    NotePreview *preview() const { return m_preview; }
    QListWidget *outline() const { return m_outline; }
    QToolButton *previewToggle() const { return m_previewToggle; }

    // Jumps the editor and the preview to the outline's entry `row`.
    void jumpToHeading(int row);

private:
    void textChanged();
    void refreshOutline();
    void editorScrolled();
    void previewScrolled(int section, qreal fraction);

    NoteEditor *m_editor;
    NotePreview *m_preview;
    QListWidget *m_outline;
    QToolButton *m_previewToggle;
    QToolButton *m_outlineToggle;
    QSplitter *m_split;
    QList<int> m_outlineSections; // the section of each outline row
    bool m_syncing = false;
};

} // namespace collab::desktop
