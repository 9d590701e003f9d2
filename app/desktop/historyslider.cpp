#include "historyslider.h"

#include <QPainter>
#include <QStyle>
#include <QStyleOptionSlider>

namespace collab::desktop {

HistorySlider::HistorySlider(QWidget *parent) : QSlider(Qt::Horizontal, parent)
{
    setPageStep(10);
    setSingleStep(1);
    setTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    // Room above the groove for the marks.
    setMinimumHeight(sizeHint().height() + 10);
}

void HistorySlider::setMarks(const QList<int> &values)
{
    if (values == m_marks)
        return;
    m_marks = values;
    update();
}

void HistorySlider::paintEvent(QPaintEvent *event)
{
    QSlider::paintEvent(event);
    if (m_marks.isEmpty() || maximum() <= minimum())
        return;
    QStyleOptionSlider option;
    initStyleOption(&option);
    const QRect groove = style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, this);
    const QRect handle = style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
    // The handle's centre travels from groove.left() + handle/2 to groove.right() - handle/2.
    const int span = groove.width() - handle.width();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    // The highlight colour is the palette's own accent: it reads on the window colour in light and
    // dark themes alike.
    p.setPen(Qt::NoPen);
    p.setBrush(palette().color(QPalette::Highlight));
    for (int value : m_marks) {
        const int x = groove.left() + handle.width() / 2
                      + QStyle::sliderPositionFromValue(minimum(), maximum(), value, span, option.upsideDown);
        const int top = 1;
        const QPolygon flag({QPoint(x - 4, top), QPoint(x + 4, top), QPoint(x, top + 6)});
        p.drawPolygon(flag);
    }
}

} // namespace collab::desktop
