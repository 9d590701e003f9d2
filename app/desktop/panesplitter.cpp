#include "panesplitter.h"

#include <algorithm>

namespace collab::desktop {

PaneSplitter::PaneSplitter(const QList<QWidget *> &columns, QWidget *parent) : QSplitter(Qt::Horizontal, parent)
{
    setObjectName(QStringLiteral("panes"));
    for (QWidget *column : columns)
        addWidget(column);
    setStretchFactor(Sidebar, 0);
    setStretchFactor(Chat, 3);
    setStretchFactor(Notes, 3);
    setStretchFactor(Members, 0);
    setStretchFactor(Interactions, 1);
    setSizes({200, 450, 450, 170, 260}); // fitted once it has a width (resizeEvent)
    // On demand, not a fifth column always there (it took its width from the chat): opened by
    // View → Threads, polls and queue, or by opening a thread or a poll.
    widget(Interactions)->hide();
    setChildrenCollapsible(false);
    connect(this, &QSplitter::splitterMoved, this, [this] { m_userWidths = true; });
}

bool PaneSplitter::restoreWidths(const QByteArray &state)
{
    if (!restoreState(state))
        return false;
    m_userWidths = true;
    return true;
}

void PaneSplitter::resizeEvent(QResizeEvent *event)
{
    QSplitter::resizeEvent(event);
    if (!m_userWidths)
        fitToWidth();
}

void PaneSplitter::fitToWidth()
{
    const int sidebar = std::clamp(width() * 21 / 100, 160, 260);
    const int members = std::clamp(width() * 14 / 100, 120, 180);
    const int rest = std::max(0, width() - sidebar - members);
    QList<int> widths = sizes();
    widths[Sidebar] = sidebar;
    widths[Chat] = rest / 2;
    widths[Notes] = rest - rest / 2;
    widths[Members] = members;
    if (widget(Interactions)->isHidden())
        widths[Interactions] = 0;
    setSizes(widths);
}

void PaneSplitter::setInteractionsVisible(bool visible)
{
    QWidget *interactions = widget(Interactions);
    if (interactions->isVisible() == visible)
        return;
    QList<int> widths = sizes();
    if (visible) {
        const int width = std::clamp((widths.value(Chat) + widths.value(Notes)) / 4, 200, 320);
        widths[Chat] = std::max(200, widths[Chat] - width / 2);
        widths[Notes] = std::max(200, widths[Notes] - width / 2);
        widths[Interactions] = width;
        interactions->show();
        setSizes(widths);
    } else {
        const int width = widths.value(Interactions);
        interactions->hide();
        widths[Interactions] = 0;
        widths[Chat] += width / 2;
        widths[Notes] += width - width / 2;
        setSizes(widths);
    }
}

} // namespace collab::desktop
