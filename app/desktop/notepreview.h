#pragma once

#include "richdocument.h"
#include "sections.h"

#include <QAbstractListModel>
#include <QCache>
#include <QElapsedTimer>
#include <QListView>
#include <QMenu>
#include <QStyledItemDelegate>
#include <QTimer>

namespace collab::desktop {

// The rendered side of a Markdown note: the note split into sections (richtext::splitSections), one
// row each, every row a RichDocument painted by a delegate. An edit re-renders only the sections it
// changed (the others keep their documents, found by their source), so a 200-page note updates in
// a few milliseconds; setMarkdownLater() also waits for typing to pause (kDebounceMs).
class NotePreview : public QListView
{
    Q_OBJECT
public:
    static constexpr int kDebounceMs = 30;

    explicit NotePreview(QWidget *parent = nullptr);
    ~NotePreview() override;

    void setMarkdown(const QString &markdown);       // now
    void setMarkdownLater(const QString &markdown);  // after kDebounceMs without another call

    const QVector<richtext::Section> &sections() const { return m_sections; }
    int sectionAtLine(int line) const;
    richtext::RichDocument *sectionDocument(int section) const;
    QString renderedText() const; // every section's text, in order (tests)
    int renderedSectionCount() const { return m_renderedCount; } // rendered by the last update

    // Scrolling, in sections: the section at the top and how far into it (0..1).
    void scrollToSection(int section, qreal fraction = 0);
    int topSection(qreal *fraction = nullptr) const;

    // What a right click at `pos` (viewport coordinates) offers: Copy code on a code block, Copy
    // link on a link. The caller owns it; null when it would be empty.
    QMenu *contextMenuAt(const QPoint &pos);
    // The code of the block under `pos`, or "".
    QString codeAt(const QPoint &pos) const;

Q_SIGNALS:
    void updated();                        // the preview shows the latest text
    void linkActivated(const QUrl &url);   // a safe link was clicked
    void sectionLinkActivated(int section); // a link to a heading of this note ("#consensus") was clicked
    void userScrolled(int section, qreal fraction);

protected:
    bool viewportEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    class Model;
    class Delegate;
    void onMathTypeset();
    QUrl linkAt(const QPoint &pos) const;
    // The document of the row under `pos` and the point in it, or null.
    richtext::RichDocument *documentAt(const QPoint &pos, QPointF *local) const;

    Model *m_model;
    Delegate *m_delegate;
    QString m_text;
    QVector<richtext::Section> m_sections;
    QString m_pending;
    QTimer m_debounce;
    int m_renderedCount = 0;
    bool m_scrollingByCode = false;
};

} // namespace collab::desktop
