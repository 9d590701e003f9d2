#pragma once

#include <QHash>
#include <QStyledItemDelegate>

namespace collab::desktop {

// Paints one message: author (in their colour), time, "edited", the text wrapped to the view's
// width; deleted messages as such, outbox messages greyed ("sending…") or marked "not sent".
// Row heights are cached per message and width, so a long channel lays out once and scrolls
// without measuring text again.
class ChatDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ChatDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The width text wraps to (the view's viewport); a change drops the cached heights.
    void setWidth(int width);
    int width() const { return m_width; }
    // The message at `index` changed (edited, deleted, acknowledged): measure it again.
    void invalidate(const QModelIndex &index);
    int cachedCount() const { return int(m_heights.size()); }

private:
    struct Layout
    {
        QRect header;
        QRect body;
    };
    QString bodyText(const QModelIndex &index) const;
    int bodyHeight(const QString &text, const QFont &font) const;
    static QString cacheKey(const QModelIndex &index);

    int m_width = 400;
    mutable QHash<QString, int> m_heights;
};

} // namespace collab::desktop
