#include "usercolors.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace collab::desktop {

QColor userColor(const QString &user)
{
    quint32 h = 2166136261u; // FNV-1a over the UTF-16 units
    for (const QChar c : user) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    // Hues spread around the wheel, saturation and value that read well on white.
    return QColor::fromHsv(int(h % 360), 170 + int((h >> 9) % 60), 150 + int((h >> 17) % 40));
}

QIcon presenceIcon(bool online)
{
    static const QIcon on = [] {
        QPixmap p(12, 12);
        p.fill(Qt::transparent);
        QPainter g(&p);
        g.setRenderHint(QPainter::Antialiasing);
        g.setBrush(QColor(0x2e, 0xa0, 0x43));
        g.setPen(Qt::NoPen);
        g.drawEllipse(1, 1, 10, 10);
        return QIcon(p);
    }();
    static const QIcon off = [] {
        QPixmap p(12, 12);
        p.fill(Qt::transparent);
        QPainter g(&p);
        g.setRenderHint(QPainter::Antialiasing);
        g.setBrush(Qt::NoBrush);
        g.setPen(QPen(QColor(0x99, 0x99, 0x99), 1.5));
        g.drawEllipse(QRectF(1.5, 1.5, 9, 9));
        return QIcon(p);
    }();
    return online ? on : off;
}

static QPixmap drawIcon(int size)
{
    QPixmap p(size, size);
    p.fill(Qt::transparent);
    QPainter g(&p);
    g.setRenderHint(QPainter::Antialiasing);
    g.scale(size / 64.0, size / 64.0);
    // A rounded blue tile, a white speech bubble, and three lines of notes in it.
    g.setPen(Qt::NoPen);
    g.setBrush(QColor(0x25, 0x63, 0xeb));
    g.drawRoundedRect(QRectF(2, 2, 60, 60), 14, 14);
    QPainterPath bubble;
    bubble.addRoundedRect(QRectF(12, 13, 40, 30), 8, 8);
    QPainterPath tail;
    tail.moveTo(20, 40);
    tail.lineTo(18, 52);
    tail.lineTo(31, 42);
    tail.closeSubpath();
    g.setBrush(Qt::white);
    g.drawPath(bubble.united(tail));
    g.setBrush(QColor(0x25, 0x63, 0xeb));
    g.drawRoundedRect(QRectF(19, 20, 26, 3.5), 1.75, 1.75);
    g.setBrush(QColor(0xf5, 0x9e, 0x0b));
    g.drawRoundedRect(QRectF(19, 26.5, 18, 3.5), 1.75, 1.75);
    g.setBrush(QColor(0x10, 0xb9, 0x81));
    g.drawRoundedRect(QRectF(19, 33, 22, 3.5), 1.75, 1.75);
    return p;
}

QIcon appIcon()
{
    QIcon icon;
    for (int s : {16, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(drawIcon(s));
    return icon;
}

} // namespace collab::desktop
