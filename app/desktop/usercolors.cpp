#include "usercolors.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
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

namespace {
double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}
double luminance(const QColor &c)
{
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}
} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(const QColor &color, const QColor &background, double minimumRatio)
{
    if (contrastRatio(color, background) >= minimumRatio)
        return color;
    // Towards black on a light background, towards white on a dark one, keeping hue and
    // saturation: the person keeps "their" colour, only its lightness moves.
    const bool darken = luminance(background) > 0.18;
    float h = 0, s = 0, l = 0, a = 0;
    color.getHslF(&h, &s, &l, &a);
    QColor best = darken ? QColor(Qt::black) : QColor(Qt::white);
    for (int step = 1; step <= 40; ++step) {
        const float lightness = darken ? l * (1.0f - step / 40.0f) : l + (1.0f - l) * step / 40.0f;
        const QColor candidate = QColor::fromHslF(h, s, lightness, a);
        if (contrastRatio(candidate, background) >= minimumRatio) {
            best = candidate;
            break;
        }
    }
    return best;
}

QColor userColor(const QString &user, const QColor &background) { return readableOn(userColor(user), background); }

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

QIcon unknownPresenceIcon()
{
    static const QIcon unknown = [] {
        QPixmap p(12, 12);
        p.fill(Qt::transparent);
        QPainter g(&p);
        g.setRenderHint(QPainter::Antialiasing);
        QPen pen(QColor(0x99, 0x99, 0x99), 1.2, Qt::DotLine);
        g.setPen(pen);
        g.drawEllipse(QRectF(1.5, 1.5, 9, 9));
        QFont f;
        f.setPixelSize(8);
        f.setBold(true);
        g.setFont(f);
        g.setPen(QColor(0x99, 0x99, 0x99));
        g.drawText(QRect(0, 0, 12, 12), Qt::AlignCenter, QStringLiteral("?"));
        return QIcon(p);
    }();
    return unknown;
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

namespace {
QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

QColor readableWash(const QColor &base, const QColor &tint, double fraction, const QColor &text)
{
    for (double t = fraction; t > 0.01; t -= 0.03) {
        const QColor c = mix(base, tint, t);
        if (contrastRatio(c, text) >= 4.5)
            return c;
    }
    return base;
}

} // namespace collab::desktop
