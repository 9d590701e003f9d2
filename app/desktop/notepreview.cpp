#include "notepreview.h"

#include "mathrenderer.h"

#include <QAbstractTextDocumentLayout>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QDesktopServices>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <cmath>
#include <memory>

namespace collab::desktop {

namespace {
constexpr int kHorizontalMargin = 12;
constexpr int kCachedSections = 4000;
} // namespace

// The sections' sources, one row each.
class NotePreview::Model : public QAbstractListModel
{
public:
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_sources.size()); }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_sources.size() || role != Qt::DisplayRole)
            return {};
        return m_sources.at(index.row());
    }
    // Replaces the rows that differ (the common head and tail stay): how many rows were new.
    int update(const QStringList &sources)
    {
        int head = 0;
        const int oldCount = int(m_sources.size());
        const int newCount = int(sources.size());
        while (head < oldCount && head < newCount && m_sources.at(head) == sources.at(head))
            ++head;
        int tail = 0;
        while (tail < oldCount - head && tail < newCount - head
               && m_sources.at(oldCount - 1 - tail) == sources.at(newCount - 1 - tail))
            ++tail;
        const int removed = oldCount - head - tail;
        const int added = newCount - head - tail;
        if (removed == added && removed > 0) {
            for (int i = 0; i < added; ++i)
                m_sources[head + i] = sources.at(head + i);
            Q_EMIT dataChanged(index(head), index(head + added - 1));
            return added;
        }
        if (removed > 0) {
            beginRemoveRows({}, head, head + removed - 1);
            m_sources.remove(head, removed);
            endRemoveRows();
        }
        if (added > 0) {
            beginInsertRows({}, head, head + added - 1);
            for (int i = 0; i < added; ++i)
                m_sources.insert(head + i, sources.at(head + i));
            endInsertRows();
        }
        return added;
    }

private:
    QStringList m_sources;
};

// Paints a section's RichDocument; documents are cached by source, heights by source and width.
class NotePreview::Delegate : public QStyledItemDelegate
{
public:
    explicit Delegate(QObject *parent) : QStyledItemDelegate(parent) { m_documents.setMaxCost(kCachedSections); }

    int width = 400;
    richtext::RenderColors colors; // the preview's palette's
    QCache<QString, richtext::RichDocument> m_documents;
    QStringList m_pendingMath; // sources whose documents wait for formulas
    int rendered = 0;

    richtext::RichDocument *document(const QString &source, const QFont &font)
    {
        if (richtext::RichDocument *doc = m_documents.object(source)) {
            doc->setLayoutWidth(width - 2 * kHorizontalMargin);
            return doc;
        }
        auto *doc = new richtext::RichDocument;
        doc->setDefaultFont(font);
        doc->setDocumentMargin(4);
        doc->setTextWidth(width - 2 * kHorizontalMargin);
        richtext::RenderOptions options;
        options.limits = richtext::RenderLimits::forNote();
        options.colors = colors;
        doc->render(source, options);
        ++rendered;
        if (doc->pendingFormulas() > 0)
            m_pendingMath << source;
        m_documents.insert(source, doc, 1);
        return doc;
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        auto *self = const_cast<Delegate *>(this);
        richtext::RichDocument *doc = self->document(index.data().toString(), option.font);
        return QSize(width, int(std::ceil(doc->size().height())));
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        auto *self = const_cast<Delegate *>(this);
        richtext::RichDocument *doc = self->document(index.data().toString(), option.font);
        painter->save();
        painter->translate(option.rect.topLeft() + QPoint(kHorizontalMargin, 0));
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = option.palette;
        context.clip = QRectF(QPointF(0, 0), doc->size());
        doc->documentLayout()->draw(painter, context);
        painter->restore();
    }
};

NotePreview::NotePreview(QWidget *parent)
    : QListView(parent), m_model(new Model(this)), m_delegate(new Delegate(this))
{
    setModel(m_model);
    setItemDelegate(m_delegate);
    m_delegate->colors = richtext::RenderColors::fromPalette(palette());
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setResizeMode(QListView::Adjust);
    setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::NoFocus);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, [this] { setMarkdown(m_pending); });
    connect(richtext::MathRenderer::instance(), &richtext::MathRenderer::typeset, this, &NotePreview::onMathTypeset);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        if (m_scrollingByCode)
            return;
        qreal fraction = 0;
        const int section = topSection(&fraction);
        if (section >= 0)
            Q_EMIT userScrolled(section, fraction);
    });
    connect(this, &NotePreview::linkActivated, this, [](const QUrl &url) { QDesktopServices::openUrl(url); });
}

NotePreview::~NotePreview() = default;

void NotePreview::setMarkdownLater(const QString &markdown)
{
    m_pending = markdown;
    m_debounce.start();
}

void NotePreview::setMarkdown(const QString &markdown)
{
    m_debounce.stop();
    m_text = markdown;
    m_sections = richtext::splitSections(markdown);
    QStringList sources;
    sources.reserve(m_sections.size());
    // Reference definitions ("[spec]: https://…") reach every section: a link in one section may
    // use a definition made in another.
    const QString definitions = richtext::linkReferenceDefinitions(markdown);
    for (const richtext::Section &s : std::as_const(m_sections))
        sources << (definitions.isEmpty() ? markdown.mid(s.start, s.length) : markdown.mid(s.start, s.length) + QStringLiteral("\n\n") + definitions);
    m_delegate->rendered = 0;
    m_model->update(sources);
    // Lay the rows out now (the view would do it on its next paint): the documents of the new
    // sections are rendered here, and the measurement covers them.
    doItemsLayout();
    m_renderedCount = m_delegate->rendered;
    Q_EMIT updated();
}

void NotePreview::onMathTypeset()
{
    if (m_delegate->m_pendingMath.isEmpty())
        return;
    const QStringList waiting = std::exchange(m_delegate->m_pendingMath, {});
    for (const QString &source : waiting)
        m_delegate->m_documents.remove(source);
    scheduleDelayedItemsLayout();
    viewport()->update();
}

int NotePreview::sectionAtLine(int line) const
{
    for (int i = int(m_sections.size()) - 1; i >= 0; --i) {
        if (m_sections.at(i).firstLine <= line)
            return i;
    }
    return m_sections.isEmpty() ? -1 : 0;
}

richtext::RichDocument *NotePreview::sectionDocument(int section) const
{
    if (section < 0 || section >= m_model->rowCount())
        return nullptr;
    return m_delegate->document(m_model->index(section).data().toString(), font());
}

QString NotePreview::renderedText() const
{
    QStringList parts;
    for (int i = 0; i < m_model->rowCount(); ++i)
        parts << sectionDocument(i)->toPlainText();
    return parts.join(QLatin1Char('\n'));
}

void NotePreview::scrollToSection(int section, qreal fraction)
{
    if (section < 0 || section >= m_model->rowCount())
        return;
    const QRect r = visualRect(m_model->index(section));
    m_scrollingByCode = true;
    verticalScrollBar()->setValue(verticalScrollBar()->value() + r.top() + int(r.height() * fraction));
    m_scrollingByCode = false;
}

int NotePreview::topSection(qreal *fraction) const
{
    const QModelIndex top = indexAt(QPoint(kHorizontalMargin, 0));
    if (!top.isValid())
        return -1;
    if (fraction) {
        const QRect r = visualRect(top);
        *fraction = r.height() > 0 ? qBound<qreal>(0, qreal(-r.top()) / r.height(), 1) : 0;
    }
    return top.row();
}

richtext::RichDocument *NotePreview::documentAt(const QPoint &pos, QPointF *local) const
{
    const QModelIndex index = indexAt(pos);
    if (!index.isValid())
        return nullptr;
    *local = pos - visualRect(index).topLeft() - QPoint(kHorizontalMargin, 0);
    return sectionDocument(index.row());
}

QUrl NotePreview::linkAt(const QPoint &pos) const
{
    QPointF local;
    richtext::RichDocument *doc = documentAt(pos, &local);
    if (!doc)
        return {};
    const QUrl url(doc->documentLayout()->anchorAt(local));
    return richtext::RichDocument::isSafeLink(url) || richtext::RichDocument::isSectionLink(url) ? url : QUrl();
}

QString NotePreview::codeAt(const QPoint &pos) const
{
    QPointF local;
    richtext::RichDocument *doc = documentAt(pos, &local);
    if (!doc || local.y() < 0 || local.y() > doc->size().height())
        return {};
    const int position = doc->documentLayout()->hitTest(local, Qt::FuzzyHit);
    const richtext::RichDocument::CodeBlock *block = position >= 0 ? doc->codeBlockAt(position) : nullptr;
    return block ? block->code : QString();
}

QMenu *NotePreview::contextMenuAt(const QPoint &pos)
{
    auto menu = std::make_unique<QMenu>(this);
    if (const QString code = codeAt(pos); !code.isEmpty())
        menu->addAction(tr("Copy code"), this, [code] { QGuiApplication::clipboard()->setText(code); });
    if (const QUrl url = linkAt(pos); url.isValid() && !richtext::RichDocument::isSectionLink(url))
        menu->addAction(tr("Copy link"), this, [url] { QGuiApplication::clipboard()->setText(url.toString()); });
    return menu->isEmpty() ? nullptr : menu.release();
}

void NotePreview::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = contextMenuAt(event->pos()); // a scroll area's: in viewport coordinates
    if (!menu)
        return QListView::contextMenuEvent(event);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

bool NotePreview::viewportEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseMove: {
        const QPoint pos = static_cast<QMouseEvent *>(event)->position().toPoint();
        viewport()->setCursor(linkAt(pos).isValid() ? Qt::PointingHandCursor : Qt::ArrowCursor);
        break;
    }
    case QEvent::MouseButtonRelease: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton) {
            if (const QUrl url = linkAt(mouse->position().toPoint()); url.isValid()) {
                if (!richtext::RichDocument::isSectionLink(url)) {
                    Q_EMIT linkActivated(url);
                } else if (const int section = richtext::sectionOfSlug(m_sections, url.fragment()); section >= 0) {
                    scrollToSection(section);
                    Q_EMIT sectionLinkActivated(section);
                }
                return true;
            }
        }
        break;
    }
    case QEvent::ToolTip: {
        auto *help = static_cast<QHelpEvent *>(event);
        const QModelIndex index = indexAt(help->pos());
        if (index.isValid()) {
            richtext::RichDocument *doc = sectionDocument(index.row());
            const QPoint local = help->pos() - visualRect(index).topLeft() - QPoint(kHorizontalMargin, 0);
            const int position = doc->documentLayout()->hitTest(local, Qt::ExactHit);
            if (position >= 0) {
                QTextCursor cursor(doc);
                cursor.setPosition(position);
                cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
                if (const QString tip = cursor.charFormat().toolTip(); !tip.isEmpty()) {
                    QToolTip::showText(help->globalPos(), tip, this);
                    return true;
                }
            }
        }
        QToolTip::hideText();
        return true;
    }
    default:
        break;
    }
    return QListView::viewportEvent(event);
}

void NotePreview::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) { // e.g. a theme change: render again in its colours
        m_delegate->colors = richtext::RenderColors::fromPalette(palette());
        m_delegate->m_documents.clear();
        setMarkdown(m_text);
    }
    QListView::changeEvent(event);
}

void NotePreview::resizeEvent(QResizeEvent *event)
{
    const int w = viewport()->width();
    if (w != m_delegate->width && w > 0) {
        m_delegate->width = w;
        scheduleDelayedItemsLayout();
    }
    QListView::resizeEvent(event);
}

} // namespace collab::desktop
