#include "rowprefetcher.h"

#include "chatdelegate.h"

#include <QElapsedTimer>
#include <QListView>
#include <QScrollBar>

#include <algorithm>

namespace collab::desktop {

RowPrefetcher::RowPrefetcher(QListView *view, ChatDelegate *delegate) : QObject(view), m_view(view), m_delegate(delegate)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &RowPrefetcher::runSlice);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value != m_lastValue)
            m_direction = value > m_lastValue ? 1 : -1;
        m_lastValue = value;
        schedule();
    });
    connect(view->verticalScrollBar(), &QScrollBar::rangeChanged, this, &RowPrefetcher::schedule);
}

void RowPrefetcher::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled)
        m_timer.stop();
    else
        schedule();
}

void RowPrefetcher::schedule()
{
    if (m_enabled && m_view && m_view->model())
        m_timer.start();
}

void RowPrefetcher::runSlice()
{
    QAbstractItemModel *model = m_view ? m_view->model() : nullptr;
    if (!model || model->rowCount() == 0 || !m_view->isVisible())
        return;
    const QRect viewport = m_view->viewport()->rect();
    const QModelIndex first = m_view->indexAt(QPoint(viewport.left() + 1, viewport.top()));
    const QModelIndex last = m_view->indexAt(QPoint(viewport.left() + 1, viewport.bottom()));
    const int rows = model->rowCount();
    const int top = first.isValid() ? first.row() : 0;
    const int bottom = last.isValid() ? last.row() : rows - 1;
    // Nearest first, the direction of travel before the other.
    QVector<int> wanted;
    const int ahead = m_direction > 0 ? kAhead : kBehind;
    const int behind = m_direction > 0 ? kBehind : kAhead;
    for (int i = 1; i <= std::max(ahead, behind); ++i) {
        const int next = m_direction > 0 ? bottom + i : top - i;
        const int prev = m_direction > 0 ? top - i : bottom + i;
        if (i <= (m_direction > 0 ? ahead : behind) && next >= 0 && next < rows)
            wanted << next;
        if (i <= (m_direction > 0 ? behind : ahead) && prev >= 0 && prev < rows)
            wanted << prev;
    }
    QElapsedTimer slice;
    slice.start();
    QStyleOptionViewItem option;
    option.initFrom(m_view);
    option.font = m_view->font();
    for (int row : std::as_const(wanted)) {
        const QModelIndex index = model->index(row, 0);
        if (m_delegate->isRendered(index))
            continue;
        m_delegate->document(index, option.font);
        m_delegate->sizeHint(option, index);
        ++m_prefetched;
        if (slice.elapsed() >= kSliceMs) {
            m_timer.start(); // the rest in the next idle turn
            return;
        }
    }
}

} // namespace collab::desktop
