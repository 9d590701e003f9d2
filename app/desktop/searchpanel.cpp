#include "searchpanel.h"

#include "authorlabel.h"
#include "coursesession.h"
#include "messagelocator.h"
#include "usercolors.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QDateTime>
#include <QLocale>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QStandardItemModel>
#include <QTextDocument>
#include <QVBoxLayout>

namespace collab::desktop {

using client::RequestResult;

namespace {

void setupDocument(QTextDocument &doc, const QStyleOptionViewItem &option, const QString &html)
{
    doc.setDefaultFont(option.font);
    doc.setDocumentMargin(4);
    doc.setHtml(html);
    doc.setTextWidth(option.rect.width() > 0 ? option.rect.width() : 300);
}

} // namespace

QString SearchHitDelegate::html(const proto::SearchHit &hit, const QString &who, const QColor &meta)
{
    const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(hit.createdMs), QLocale::ShortFormat);
    QString snippet;
    int from = 0;
    for (const proto::SearchHighlight &h : hit.highlights) {
        if (h.start < from || h.start + h.length > hit.snippet.size())
            continue;
        snippet += hit.snippet.mid(from, h.start - from).toHtmlEscaped() + QLatin1String("<b>")
            + hit.snippet.mid(h.start, h.length).toHtmlEscaped() + QLatin1String("</b>");
        from = h.start + h.length;
    }
    snippet += hit.snippet.mid(from).toHtmlEscaped();
    // The palette's secondary text, readable on its base (a fixed grey was unreadable in a dark theme).
    return QStringLiteral("<span style='color:%1'>#%2 \u00b7 %3 \u00b7 %4</span><br>%5")
        .arg(meta.name(), hit.channel.toHtmlEscaped(), who.toHtmlEscaped(), when, snippet);
}

namespace {
QString rowHtml(const QModelIndex &index, const QPalette &palette)
{
    return SearchHitDelegate::html(index.data(SearchPanel::HitRole).value<proto::SearchHit>(),
                                   index.data(SearchPanel::AuthorLabelRole).toString(),
                                   readableOn(palette.color(QPalette::PlaceholderText), palette.color(QPalette::Base)));
}
} // namespace

void SearchHitDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    QTextDocument doc;
    setupDocument(doc, option, rowHtml(index, option.palette));
    painter->save();
    painter->translate(option.rect.topLeft());
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = option.palette;
    if (option.state & QStyle::State_Selected)
        context.palette.setColor(QPalette::Text, option.palette.color(QPalette::HighlightedText));
    doc.documentLayout()->draw(painter, context);
    painter->restore();
}

QSize SearchHitDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QTextDocument doc;
    setupDocument(doc, option, rowHtml(index, option.palette));
    return QSize(int(doc.idealWidth()), int(doc.size().height()));
}

SearchPanel::SearchPanel(CourseSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_locator(new MessageLocator(session, this)), m_scopeLabel(new QLabel(this)),
      m_query(new QLineEdit(this)), m_results(new QListView(this)), m_model(new QStandardItemModel(this)),
      m_status(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_scopeLabel);
    layout->addWidget(m_query);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_status);
    m_query->setPlaceholderText(tr("words, \"a phrase\", from:name in:#channel has:code before:2026-03-01"));
    m_query->setClearButtonEnabled(true);
    m_query->setAccessibleName(tr("Search messages"));
    // Qt's clear button is an icon alone: its action (Qt's own name for it) gets words.
    if (auto *clear = m_query->findChild<QAction *>(QStringLiteral("_q_qlineeditclearaction")))
        clear->setText(tr("Clear the search"));
    m_query->setAccessibleDescription(tr("Words or a phrase; filters from:, in:#channel, has:code, before: and after:"));
    m_results->setAccessibleName(tr("Search results"));
    m_results->setAccessibleDescription(tr("Enter opens a message in its channel"));
    m_query->setMaxLength(int(proto::Search::MaxQueryBytes));
    m_results->setModel(m_model);
    m_results->setItemDelegate(new SearchHitDelegate(m_results));
    m_results->setWordWrap(true);
    m_results->setUniformItemSizes(false);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_status->setWordWrap(true);
    connect(m_query, &QLineEdit::returnPressed, this, [this] { search(m_query->text()); });
    connect(m_results, &QListView::activated, this, [this](const QModelIndex &index) { openResult(index.row()); });
    connect(m_locator, &MessageLocator::failed, m_status, &QLabel::setText);
    setScope(QString());
}

void SearchPanel::setScope(const QString &channel)
{
    m_scope = channel;
    m_scopeLabel->setText(channel.isEmpty() ? tr("Search %1").arg(m_session->course())
                                            : tr("Search #%1").arg(channel));
}

void SearchPanel::search(const QString &query)
{
    if (query.trimmed().isEmpty())
        return;
    proto::Search request;
    request.course = m_session->course();
    request.q = query;
    request.channel = m_scope;
    request.limit = proto::Search::MaxLimit;
    m_status->setText(tr("Searching…"));
    const quint64 generation = ++m_pending;
    m_session->client()->sendRequest(request, [this, generation](const RequestResult &r) {
        if (generation != m_pending)
            return; // a newer search was sent meanwhile
        if (r.ok() && r.ack())
            return showAnswer(r.ack()->fields);
        m_model->clear();
        m_status->setText(r.error.message.isEmpty() ? tr("The search failed") : r.error.message);
        Q_EMIT resultsShown(-1);
    });
}

void SearchPanel::showAnswer(const QJsonObject &fields)
{
    m_model->clear();
    for (const QJsonValue &v : fields.value(QLatin1String("results")).toArray()) {
        Result<proto::SearchHit> hit = proto::SearchHit::fromJson(v.toObject());
        if (!hit)
            continue;
        auto *item = new QStandardItem(hit.value().snippet);
        item->setData(QVariant::fromValue(hit.value()), HitRole);
        // The delegate paints author, channel and time around the snippet: a screen reader hears them too.
        const proto::SearchHit &h = hit.value();
        const QString who = authorlabel::ofSearchHit(h, m_session->user());
        item->setData(who, AuthorLabelRole);
        item->setData(tr("%1 in #%2, %3: %4")
                          .arg(who, h.channel,
                               QLocale().toString(QDateTime::fromMSecsSinceEpoch(h.createdMs), QLocale::ShortFormat), h.snippet),
                      Qt::AccessibleTextRole);
        m_model->appendRow(item);
    }
    const int n = m_model->rowCount();
    m_status->setText(n == 0 ? tr("No message matches")
                             : fields.value(QLatin1String("more")).toBool() ? tr("%n message(s) (more: add words or filters)", nullptr, n)
                                                                            : tr("%n message(s)", nullptr, n));
    Q_EMIT resultsShown(n);
}

void SearchPanel::openResult(int row)
{
    const QModelIndex index = m_model->index(row, 0);
    if (!index.isValid())
        return;
    const auto hit = index.data(HitRole).value<proto::SearchHit>();
    m_locator->reveal(hit.channel, hit.id);
}

} // namespace collab::desktop
