#pragma once

#include "richdocument.h"

#include <QCache>
#include <QHash>
#include <QPersistentModelIndex>
#include <QStyledItemDelegate>
#include <QUrl>

namespace collab::desktop {

class ThumbnailCache;

// Paints one message: author (in their colour), time, "edited", and the text rendered from its
// Markdown (richtext::RichDocument: code highlighted, math typeset, links that only open on a
// click) at the view's width; deleted messages as such, outbox messages greyed ("sending…") or
// marked "not sent". Row heights are cached per message and width, and the rendered documents of
// the last few hundred rows too, so a long channel lays out once and scrolls without rendering
// again. A row whose formulas are still being typeset is measured again when they are.
class ChatDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ChatDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // The width text wraps to (the view's viewport); a change drops the cached heights.
    void setWidth(int width);
    int width() const { return m_width; }
    // The palette messages are shown on (their text, link and code colours follow it); a change
    // drops the rendered documents.
    void setPalette(const QPalette &palette);
    // The message at `index` changed (edited, deleted, acknowledged): measure it again.
    void invalidate(const QModelIndex &index);
    int cachedCount() const { return int(m_heights.size()); }
    // The body of the message at `index` is rendered at the current width (RowPrefetcher skips it).
    bool isRendered(const QModelIndex &index) const { return m_documents.contains(cacheKey(index)); }
    // Moderators' view: a message someone else deleted says by whom ("deleted by ta.kim").
    void setShowsDeletedBy(bool shows);
    bool showsDeletedBy() const { return m_showsDeletedBy; }

    // The small text after the author: time, "via KEY", "(edited by NAME)", "sending…" or why
    // it was not sent.
    QString metaText(const QModelIndex &index) const;

    // The rendered body of the message at `index` (cached; owned by the delegate).
    richtext::RichDocument *document(const QModelIndex &index, const QFont &font) const;
    // Where the body of the row at `index`, drawn at `rowRect`, starts: under its header, under
    // the "New messages" divider if it has one; at the top of a grouped row (no header).
    QPoint bodyOrigin(const QModelIndex &index, const QRect &rowRect, const QFont &font) const;
    // What is under `pos` (viewport coordinates) in the row at `index`, drawn at `rowRect`: the
    // document position (or -1), a link's target, a code block.
    int documentPositionAt(const QModelIndex &index, const QRect &rowRect, const QFont &font, const QPoint &pos) const;
    QUrl linkAt(const QModelIndex &index, const QRect &rowRect, const QFont &font, const QPoint &pos) const;
    QString codeAt(const QModelIndex &index, const QRect &rowRect, const QFont &font, const QPoint &pos) const;
    // Attachments (issue 15): images as thumbnails from `thumbnails` (requested as rows are
    // measured; a row is measured again when its thumbnail is ready), other files as cards.
    void setThumbnails(ThumbnailCache *thumbnails);
    // The attachment under `pos` in the row at `index` (its position in FilesRole), or -1.
    int fileAt(const QModelIndex &index, const QRect &rowRect, const QFont &font, const QPoint &pos) const;

private:
    QString bodyText(const QModelIndex &index) const;
    int headerHeight(const QModelIndex &index, const QFont &font) const; // divider + header
    static QString cacheKey(const QModelIndex &index);
    void onMathTypeset();

    int m_width = 400;
    QPalette m_palette;
    bool m_showsDeletedBy = false;
    mutable QHash<QString, int> m_heights;
    mutable QCache<QString, richtext::RichDocument> m_documents;
    mutable QHash<QString, QPersistentModelIndex> m_awaitingMath;
    ThumbnailCache *m_thumbnails = nullptr;
    mutable QHash<QString, QPersistentModelIndex> m_awaitingThumbnails; // file id → its row
    QRect filesArea(const QModelIndex &index, const QRect &rowRect, const QFont &font) const;
};

} // namespace collab::desktop
