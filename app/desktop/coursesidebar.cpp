#include "coursesidebar.h"

#include "courselist.h"
#include "coursesession.h"
#include "coursesidebarmodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QPainter>
#include <QPainterPath>

namespace collab::desktop {

namespace {
constexpr int kBadgePadding = 5;
constexpr int kBadgeGap = 4;

struct Badge
{
    QString text;
    bool mention;
};

QList<Badge> badgesOf(const QModelIndex &index)
{
    QList<Badge> badges;
    if (const int unread = index.data(CourseSidebarModel::UnreadRole).toInt(); unread > 0)
        badges.append({QString::number(unread), false});
    if (const int mentions = index.data(CourseSidebarModel::MentionsRole).toInt(); mentions > 0)
        badges.append({QStringLiteral("@%1").arg(mentions), true});
    return badges;
}
} // namespace

void SidebarBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QString text = opt.text;
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, selection, focus

    const QFontMetrics badgeMetrics(opt.font);
    QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const QList<Badge> badges = badgesOf(index);
    int right = textRect.right();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    for (auto it = badges.crbegin(); it != badges.crend(); ++it) {
        const int width = std::max(badgeMetrics.horizontalAdvance(it->text) + 2 * kBadgePadding, badgeMetrics.height());
        const QRect pill(right - width + 1, textRect.center().y() - badgeMetrics.height() / 2, width, badgeMetrics.height());
        // Palette roles only: the text colour as the fill (it contrasts with the base in light and
        // dark themes alike); mentions in the highlight colour, and they say "@".
        const QColor fill = it->mention ? opt.palette.color(QPalette::Highlight) : opt.palette.color(QPalette::Text);
        const QColor ink = it->mention ? opt.palette.color(QPalette::HighlightedText) : opt.palette.color(QPalette::Base);
        QPainterPath path;
        path.addRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->fillPath(path, fill);
        if (opt.state & QStyle::State_Selected) // on the highlight, a rim keeps the pill's shape
            painter->strokePath(path, QPen(opt.palette.color(QPalette::HighlightedText), 1));
        painter->setPen(ink);
        painter->setFont(opt.font);
        painter->drawText(pill, Qt::AlignCenter, it->text);
        right = pill.left() - kBadgeGap;
    }
    painter->restore();

    textRect.setRight(right);
    const QPalette::ColorRole role = (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text;
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled, role));
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      QFontMetrics(opt.font).elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize SidebarBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // Room around the pills, so that the badges of two rows never touch.
    const QSize size = QStyledItemDelegate::sizeHint(option, index);
    return {size.width(), std::max(size.height(), QFontMetrics(option.font).height() + 6)};
}

CourseSidebar::CourseSidebar(CourseList *courses, QWidget *parent)
    : QTreeView(parent), m_model(new CourseSidebarModel(courses, this))
{
    setObjectName(QStringLiteral("courseSidebar"));
    setModel(m_model);
    setItemDelegate(new SidebarBadgeDelegate(this));
    setHeaderHidden(true);
    setUniformRowHeights(true);
    setIndentation(14);
    // A narrow column (800 px with the search pane open) elides the names ("CECS3…", the badges
    // stay whole): never a horizontal scrollbar under the tree.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTextElideMode(Qt::ElideRight);
    header()->setStretchLastSection(true);
    header()->setMinimumSectionSize(1);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setAccessibleName(tr("Courses"));
    setAccessibleDescription(tr("Your open courses, each with its channels and notes; unread and mention counts after each name"));
    // A course arrives expanded: its channels and notes are what one came for.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (!parent.isValid())
            for (int row = first; row <= last; ++row)
                expand(m_model->index(row, 0));
    });
    for (int row = 0; row < m_model->rowCount(); ++row)
        expand(m_model->index(row, 0));
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this, &CourseSidebar::onCurrentChanged);
}

void CourseSidebar::onCurrentChanged(const QModelIndex &current)
{
    CourseSession *session = m_model->sessionAt(current);
    if (m_selecting || !session)
        return;
    const QString name = current.data(CourseSidebarModel::NameRole).toString();
    switch (m_model->kindAt(current)) {
    case CourseSidebarModel::Kind::Course:
        Q_EMIT courseChosen(session);
        break;
    case CourseSidebarModel::Kind::Channel:
        Q_EMIT channelChosen(session, name);
        break;
    case CourseSidebarModel::Kind::Note:
        Q_EMIT noteChosen(session, name);
        break;
    }
}

void CourseSidebar::select(const QModelIndex &index)
{
    if (!index.isValid() || index == currentIndex())
        return;
    m_selecting = true;
    setCurrentIndex(index);
    scrollTo(index);
    m_selecting = false;
}

void CourseSidebar::showChannel(const CourseSession *session, const QString &channel)
{
    select(m_model->channelIndex(session, channel));
}

void CourseSidebar::showNote(const CourseSession *session, const QString &note) { select(m_model->noteIndex(session, note)); }

void CourseSidebar::showCourse(const CourseSession *session) { select(m_model->courseIndex(session)); }

} // namespace collab::desktop
