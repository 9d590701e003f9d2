#include "chatdelegate.h"

#include "chatmodel.h"
#include "usercolors.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QTextLayout>

#include <cmath>

namespace collab::desktop {

namespace {
constexpr int kMargin = 8;    // left and right
constexpr int kPadTop = 5;
constexpr int kPadBottom = 6;
constexpr int kGap = 2;       // between header and body

QFont headerFont(const QFont &base)
{
    QFont f = base;
    f.setBold(true);
    return f;
}

QFont smallFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.85);
    return f;
}
} // namespace

ChatDelegate::ChatDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void ChatDelegate::setWidth(int width)
{
    if (width == m_width || width <= 0)
        return;
    m_width = width;
    m_heights.clear();
}

QString ChatDelegate::cacheKey(const QModelIndex &index)
{
    const quint64 id = index.data(ChatModel::IdRole).toULongLong();
    return id != 0 ? QString::number(id) : index.data(ChatModel::ClientMsgIdRole).toString();
}

void ChatDelegate::invalidate(const QModelIndex &index)
{
    m_heights.remove(cacheKey(index));
    Q_EMIT sizeHintChanged(index);
}

QString ChatDelegate::bodyText(const QModelIndex &index) const
{
    if (index.data(ChatModel::DeletedRole).toBool())
        return QStringLiteral("This message was deleted.");
    return index.data(ChatModel::TextRole).toString();
}

namespace {
// Wraps at word boundaries, and inside words too long for a line (links, hashes).
void layoutText(QTextLayout *layout, int width)
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout->setTextOption(option);
    layout->beginLayout();
    qreal y = 0;
    for (;;) {
        QTextLine line = layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout->endLayout();
}

QString forLayout(QString text)
{
    text.replace(QLatin1Char('\n'), QChar::LineSeparator);
    return text;
}
} // namespace

int ChatDelegate::bodyHeight(const QString &text, const QFont &font) const
{
    QTextLayout layout(forLayout(text), font);
    layoutText(&layout, std::max(40, m_width - 2 * kMargin));
    return int(std::ceil(layout.boundingRect().height()));
}

QSize ChatDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString key = cacheKey(index);
    auto it = m_heights.constFind(key);
    int h = 0;
    if (it != m_heights.cend()) {
        h = *it;
    } else {
        const int header = QFontMetrics(headerFont(option.font)).height();
        h = kPadTop + header + kGap + bodyHeight(bodyText(index), option.font) + kPadBottom;
        m_heights.insert(key, h);
    }
    return QSize(m_width, h);
}

void ChatDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    const QRect r = option.rect;
    const bool selected = option.state & QStyle::State_Selected;
    const bool hover = option.state & QStyle::State_MouseOver;
    if (selected)
        painter->fillRect(r, option.palette.color(QPalette::Highlight).lighter(185));
    else if (hover)
        painter->fillRect(r, QColor(0, 0, 0, 12));

    const QString author = index.data(ChatModel::AuthorRole).toString();
    const bool pending = index.data(ChatModel::PendingRole).toBool();
    const QString failed = index.data(ChatModel::FailedRole).toString();
    const bool deleted = index.data(ChatModel::DeletedRole).toBool();
    const bool edited = index.data(ChatModel::EditedRole).toBool();
    const qint64 created = index.data(ChatModel::CreatedRole).toLongLong();

    // Header: author, time, state.
    const QFont hf = headerFont(option.font);
    const QFontMetrics hfm(hf);
    int x = r.left() + kMargin;
    const int headerTop = r.top() + kPadTop;
    painter->setFont(hf);
    painter->setPen(userColor(author).darker(130));
    painter->drawText(QPoint(x, headerTop + hfm.ascent()), author);
    x += hfm.horizontalAdvance(author) + 8;

    const QFont sf = smallFont(option.font);
    const QFontMetrics sfm(sf);
    painter->setFont(sf);
    QString meta = created > 0 ? QDateTime::fromMSecsSinceEpoch(created).toString(QStringLiteral("HH:mm")) : QString();
    // Posted by an integration through REST: says which API key, so that a post "as" someone is
    // never taken for their own.
    if (const QString via = index.data(ChatModel::ViaRole).toString(); !via.isEmpty())
        meta = QStringLiteral("via %1  ").arg(via) + meta;
    if (edited && !deleted)
        meta += QStringLiteral("  (edited)");
    if (pending)
        meta += failed.isEmpty() ? QStringLiteral("  sending\u2026") : QStringLiteral("  not sent: ") + failed;
    painter->setPen(!failed.isEmpty() ? QColor(0xc0, 0x20, 0x20) : QColor(0x80, 0x80, 0x80));
    painter->drawText(QPoint(x, headerTop + hfm.ascent()), meta);

    // Body.
    QFont bf = option.font;
    bf.setItalic(deleted);
    painter->setFont(bf);
    painter->setPen(deleted || pending ? QColor(0x90, 0x90, 0x90) : option.palette.color(QPalette::Text));
    QTextLayout layout(forLayout(bodyText(index)), bf);
    layoutText(&layout, std::max(40, m_width - 2 * kMargin));
    layout.draw(painter, QPointF(r.left() + kMargin, headerTop + hfm.height() + kGap));
    painter->restore();
}

} // namespace collab::desktop
