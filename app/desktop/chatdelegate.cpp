#include "chatdelegate.h"

#include "attachments.h"

#include "chatmodel.h"
#include "mathrenderer.h"
#include "usercolors.h"

#include "protocol/ids.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QGuiApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

#include <cmath>

namespace collab::desktop {

namespace {
constexpr int kMargin = 8;    // left and right
constexpr int kPadTop = 5;
constexpr int kPadBottom = 6;
constexpr int kGap = 2;       // between header and body
constexpr int kCachedDocuments = 400; // rendered bodies kept: a few screens' worth

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

// Secondary text (time, "sending…", deleted bodies): the palette's, readable on its base.
QColor secondaryText(const QPalette &palette)
{
    return readableOn(palette.color(QPalette::PlaceholderText), palette.color(QPalette::Base));
}

// A message that was not sent: red, as readable on this palette's base as any text.
QColor errorText(const QPalette &palette)
{
    return readableOn(QColor(0xd0, 0x30, 0x30), palette.color(QPalette::Base));
}
} // namespace

ChatDelegate::ChatDelegate(QObject *parent) : QStyledItemDelegate(parent)
{
    m_documents.setMaxCost(kCachedDocuments);
    connect(richtext::MathRenderer::instance(), &richtext::MathRenderer::typeset, this, &ChatDelegate::onMathTypeset);
}

void ChatDelegate::setPalette(const QPalette &palette)
{
    if (palette == m_palette)
        return;
    m_palette = palette;
    m_documents.clear();
}

void ChatDelegate::setShowsDeletedBy(bool shows)
{
    if (shows == m_showsDeletedBy)
        return;
    m_showsDeletedBy = shows;
    m_heights.clear();
    m_documents.clear();
}

void ChatDelegate::setWidth(int width)
{
    if (width == m_width || width <= 0)
        return;
    m_width = width;
    m_heights.clear();
    m_documents.clear();
}

QString ChatDelegate::cacheKey(const QModelIndex &index)
{
    const quint64 id = index.data(ChatModel::IdRole).toULongLong();
    return id != 0 ? QString::number(id) : index.data(ChatModel::ClientMsgIdRole).toString();
}

void ChatDelegate::invalidate(const QModelIndex &index)
{
    const QString key = cacheKey(index);
    m_heights.remove(key);
    m_documents.remove(key);
    Q_EMIT sizeHintChanged(index);
}

void ChatDelegate::setThumbnails(ThumbnailCache *thumbnails)
{
    m_thumbnails = thumbnails;
    connect(thumbnails, &ThumbnailCache::changed, this, [this](const QString &fileId) {
        const QPersistentModelIndex index = m_awaitingThumbnails.take(fileId);
        if (index.isValid())
            invalidate(index);
    });
}

QRect ChatDelegate::filesArea(const QModelIndex &index, const QRect &rowRect, const QFont &font) const
{
    const QList<FileRef> files = index.data(ChatModel::FilesRole).value<QList<FileRef>>();
    if (files.isEmpty())
        return {};
    const QPoint origin = bodyOrigin(index, rowRect, font);
    const int body = int(std::ceil(document(index, font)->size().height()));
    return QRect(origin.x(), origin.y() + body + kGap, std::max(40, m_width - 2 * kMargin),
                 filecards::height(files, m_thumbnails, font));
}

int ChatDelegate::fileAt(const QModelIndex &index, const QRect &rowRect, const QFont &font, const QPoint &pos) const
{
    const QRect area = filesArea(index, rowRect, font);
    if (area.isNull())
        return -1;
    return filecards::fileAt(area, index.data(ChatModel::FilesRole).value<QList<FileRef>>(), m_thumbnails, font, pos);
}

void ChatDelegate::onMathTypeset()
{
    const auto waiting = std::exchange(m_awaitingMath, {});
    for (auto it = waiting.cbegin(); it != waiting.cend(); ++it) {
        m_heights.remove(it.key());
        m_documents.remove(it.key());
        if (it.value().isValid())
            Q_EMIT sizeHintChanged(it.value());
    }
}

QString ChatDelegate::bodyText(const QModelIndex &index) const
{
    if (index.data(ChatModel::DeletedRole).toBool()) {
        // Moderators see who removed someone else's message (issue 11: "deleted by" for moderators).
        const QString by = index.data(ChatModel::DeletedByRole).toString();
        if (m_showsDeletedBy && !by.isEmpty() && !sameName(by, index.data(ChatModel::AuthorRole).toString()))
            return tr("This message was deleted by %1.").arg(by);
        return tr("This message was deleted.");
    }
    return index.data(ChatModel::TextRole).toString();
}

richtext::RichDocument *ChatDelegate::document(const QModelIndex &index, const QFont &font) const
{
    const QString key = cacheKey(index);
    if (richtext::RichDocument *doc = m_documents.object(key))
        return doc;
    auto *doc = new richtext::RichDocument;
    doc->setDocumentMargin(0);
    doc->setDefaultFont(font);
    doc->setTextWidth(std::max(40, m_width - 2 * kMargin));
    const bool deleted = index.data(ChatModel::DeletedRole).toBool();
    const bool pending = index.data(ChatModel::PendingRole).toBool();
    richtext::RenderOptions options;
    options.limits = richtext::RenderLimits::forChat();
    options.colors = richtext::RenderColors::fromPalette(m_palette);
    if (deleted || pending)
        options.colors.text = secondaryText(m_palette);
    if (deleted) {
        QFont italic = font;
        italic.setItalic(true);
        doc->setDefaultFont(italic);
        doc->setPlainText(bodyText(index));
    } else {
        doc->render(bodyText(index), options);
    }
    if (doc->pendingFormulas() > 0)
        m_awaitingMath.insert(key, QPersistentModelIndex(index));
    m_documents.insert(key, doc, 1);
    return doc;
}

int ChatDelegate::headerHeight(const QModelIndex &index, const QFont &font) const
{
    int h = 0;
    if (index.data(ChatModel::FirstUnreadRole).toBool())
        h += QFontMetrics(smallFont(font)).height() + kPadTop;
    // A message right after one of the same author's reads as part of it: no name, no time.
    if (!index.data(ChatModel::ContinuationRole).toBool())
        h += kPadTop + QFontMetrics(headerFont(font)).height() + kGap;
    return h;
}

QPoint ChatDelegate::bodyOrigin(const QModelIndex &index, const QRect &rowRect, const QFont &font) const
{
    return QPoint(rowRect.left() + kMargin, rowRect.top() + headerHeight(index, font));
}

QSize ChatDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString key = cacheKey(index);
    auto it = m_heights.constFind(key);
    int h = 0;
    if (it != m_heights.cend()) {
        h = *it;
    } else {
        const int body = int(std::ceil(document(index, option.font)->size().height()));
        h = headerHeight(index, option.font) + body + (index.data(ChatModel::ContinuationRole).toBool() ? kGap : kPadBottom);
        const QList<FileRef> files = index.data(ChatModel::FilesRole).value<QList<FileRef>>();
        if (!files.isEmpty()) {
            for (const FileRef &f : files) {
                if (m_thumbnails && f.isImage() && m_thumbnails->state(f.id) != ThumbnailCache::State::Ready
                    && m_thumbnails->state(f.id) != ThumbnailCache::State::Failed) {
                    m_awaitingThumbnails.insert(f.id, QPersistentModelIndex(index));
                    m_thumbnails->request(f); // downloaded and decoded off the GUI thread
                }
            }
            h += kGap + filecards::height(files, m_thumbnails, option.font);
        }
        m_heights.insert(key, h);
    }
    return QSize(m_width, h);
}

int ChatDelegate::documentPositionAt(const QModelIndex &index, const QRect &rowRect, const QFont &font, const QPoint &pos) const
{
    richtext::RichDocument *doc = document(index, font);
    const QPointF local = pos - bodyOrigin(index, rowRect, font);
    if (local.x() < 0 || local.y() < 0 || local.y() > doc->size().height())
        return -1;
    return doc->documentLayout()->hitTest(local, Qt::ExactHit);
}

QUrl ChatDelegate::linkAt(const QModelIndex &index, const QRect &rowRect, const QFont &font, const QPoint &pos) const
{
    richtext::RichDocument *doc = document(index, font);
    const QString href = doc->documentLayout()->anchorAt(pos - bodyOrigin(index, rowRect, font));
    const QUrl url(href);
    return !href.isEmpty() && richtext::RichDocument::isSafeLink(url) ? url : QUrl();
}

QString ChatDelegate::codeAt(const QModelIndex &index, const QRect &rowRect, const QFont &font, const QPoint &pos) const
{
    richtext::RichDocument *doc = document(index, font);
    const QPointF local = pos - bodyOrigin(index, rowRect, font);
    if (local.y() < 0 || local.y() > doc->size().height())
        return {};
    const int position = doc->documentLayout()->hitTest(local, Qt::FuzzyHit);
    const richtext::RichDocument::CodeBlock *block = position >= 0 ? doc->codeBlockAt(position) : nullptr;
    return block ? block->code : QString();
}

bool ChatDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                             const QModelIndex &index)
{
    if (event->type() == QEvent::ToolTip && index.isValid()) {
        // A link shows its target before it is clicked; a formula shows its TeX.
        richtext::RichDocument *doc = document(index, option.font);
        const int position = documentPositionAt(index, option.rect, option.font, event->pos());
        if (event->pos().y() < bodyOrigin(index, option.rect, option.font).y()) { // the header: its whole line
            QToolTip::showText(event->globalPos(), index.data(ChatModel::AuthorLabelRole).toString() + QStringLiteral("  ") + metaText(index), view);
            return true;
        }
        if (position >= 0) {
            QTextCursor cursor(doc);
            cursor.setPosition(position);
            cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
            const QString tip = cursor.charFormat().toolTip();
            if (!tip.isEmpty()) {
                QToolTip::showText(event->globalPos(), tip, view);
                return true;
            }
        }
        QToolTip::hideText();
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

QString ChatDelegate::metaText(const QModelIndex &index) const
{
    const qint64 created = index.data(ChatModel::CreatedRole).toLongLong();
    const QString author = index.data(ChatModel::AuthorRole).toString();
    const QString failed = index.data(ChatModel::FailedRole).toString();
    // Parts two spaces apart, each a whole phrase (the first one, the time, is left out of a grouped row).
    QStringList parts;
    // Posted by an integration through REST: says which API key, so that a post "as" someone is
    // never taken for their own.
    if (const QString via = index.data(ChatModel::ViaRole).toString(); !via.isEmpty())
        parts << tr("via %1").arg(via);
    parts << (created > 0 ? QDateTime::fromMSecsSinceEpoch(created).toString(QStringLiteral("HH:mm")) : QString());
    if (index.data(ChatModel::EditedRole).toBool() && !index.data(ChatModel::DeletedRole).toBool()) {
        // Someone else's edit says who (an instructor fixing a student's message).
        const QString by = index.data(ChatModel::EditedByRole).toString();
        parts << (by.isEmpty() || sameName(by, author) ? tr("(edited)") : tr("(edited by %1)").arg(by));
    }
    if (index.data(ChatModel::PendingRole).toBool())
        parts << (failed.isEmpty() ? tr("sending…") : tr("⚠ not sent: %1 — right-click to retry").arg(failed));
    if (const QString interactions = index.data(ChatModel::InteractionsRole).toString(); !interactions.isEmpty())
        parts << interactions; // pins, polls, questions, replies, reactions
    return parts.join(QStringLiteral("  "));
}

void ChatDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    const QRect r = option.rect;
    const bool selected = option.state & QStyle::State_Selected;
    const bool hover = option.state & QStyle::State_MouseOver;
    if (selected || hover) {
        // A wash of the palette's highlight (selected) or text (hover): the text stays readable
        // in light and dark themes alike.
        QColor wash = option.palette.color(selected ? QPalette::Highlight : QPalette::Text);
        wash.setAlpha(selected ? 60 : 12);
        painter->fillRect(r, wash);
    }

    // As this reader sees the author named: an anonymous post says so to its author and to moderators.
    const QString author = index.data(ChatModel::AuthorLabelRole).toString();
    const bool pending = index.data(ChatModel::PendingRole).toBool();
    const QString failed = index.data(ChatModel::FailedRole).toString();
    const bool deleted = index.data(ChatModel::DeletedRole).toBool();
    const QFont sf = smallFont(option.font);
    const QColor accent = option.palette.color(QPalette::Highlight);
    int top = r.top();

    if (index.data(ChatModel::FirstUnreadRole).toBool()) {
        // "New messages": a line in the highlight colour above the first one since the last visit.
        const QFontMetrics sfm(sf);
        const int y = top + kPadTop / 2 + sfm.height() / 2;
        const QString label = tr("New messages");
        const int labelWidth = sfm.horizontalAdvance(label) + 12;
        painter->setPen(QPen(accent, 1));
        painter->drawLine(r.left() + kMargin, y, r.right() - kMargin - labelWidth, y);
        painter->setFont(sf);
        painter->setPen(readableOn(accent, option.palette.color(QPalette::Base)));
        painter->drawText(QRect(r.right() - kMargin - labelWidth, top, labelWidth, sfm.height() + kPadTop),
                          Qt::AlignRight | Qt::AlignVCenter, label);
        top += sfm.height() + kPadTop;
    }
    if (index.data(ChatModel::MentionRole).toBool()) {
        // Mentions you: a bar and a wash in the highlight colour (and "@you" in the text).
        QColor wash = accent;
        wash.setAlpha(40);
        painter->fillRect(QRect(r.left(), top, r.width(), r.bottom() - top + 1), wash);
        painter->fillRect(QRect(r.left(), top, 3, r.bottom() - top + 1), accent);
    }

    if (!index.data(ChatModel::ContinuationRole).toBool()) {
        // Header: author, time, state.
        const QFont hf = headerFont(option.font);
        const QFontMetrics hfm(hf);
        int x = r.left() + kMargin;
        const int headerTop = top + kPadTop;
        painter->setFont(hf);
        painter->setPen(userColor(author, option.palette.color(QPalette::Base)));
        // A long name ("Anonymous Penguin (you, posted anonymously)") in a narrow column is elided
        // too; the header's tooltip has it whole.
        const QString name = hfm.elidedText(author, Qt::ElideRight, std::max(0, r.right() - kMargin - x));
        painter->drawText(QPoint(x, headerTop + hfm.ascent()), name);
        x += hfm.horizontalAdvance(name) + 8;
        painter->setFont(sf);
        painter->setPen(!failed.isEmpty() ? errorText(option.palette) : secondaryText(option.palette));
        // Elided, never cut: the whole line is the header's tooltip (helpEvent).
        painter->drawText(QPoint(x, headerTop + hfm.ascent()),
                          QFontMetrics(sf).elidedText(metaText(index), Qt::ElideRight, r.right() - kMargin - x));
    } else if (pending || index.data(ChatModel::EditedRole).toBool() || !index.data(ChatModel::InteractionsRole).toString().isEmpty()) {
        // Grouped: what the header would say about its state, small at the right.
        painter->setFont(sf);
        painter->setPen(!failed.isEmpty() ? errorText(option.palette) : secondaryText(option.palette));
        painter->drawText(QRect(r.left(), r.top(), r.width() - kMargin, QFontMetrics(sf).height()), Qt::AlignRight,
                          metaText(index).section(QStringLiteral("  "), 1));
    }

    // Body: the rendered Markdown.
    richtext::RichDocument *doc = document(index, option.font);
    painter->translate(bodyOrigin(index, r, option.font));
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = option.palette;
    context.palette.setColor(QPalette::Text, deleted || pending ? secondaryText(option.palette) : option.palette.color(QPalette::Text));
    context.clip = QRectF(QPointF(0, 0), doc->size());
    doc->documentLayout()->draw(painter, context);
    painter->restore();
    if (const QRect files = filesArea(index, r, option.font); !files.isNull())
        filecards::paint(painter, files, index.data(ChatModel::FilesRole).value<QList<FileRef>>(), m_thumbnails, option.palette,
                         option.font);
}

} // namespace collab::desktop
