#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace collab::desktop {

// A colour of one's own: the same user name gives the same colour in every app, on any machine
// (a stable hash, not qHash, which is seeded per process).
QColor userColor(const QString &user);
// The same colour made readable as text on `background`: lightened or darkened (same hue) until
// its contrast reaches WCAG AA (4.5:1), so one palette works in light and dark themes alike.
QColor userColor(const QString &user, const QColor &background);
// WCAG 2 contrast ratio of two colours (1 to 21) and the adjustment above for any colour.
double contrastRatio(const QColor &a, const QColor &b);
QColor readableOn(const QColor &color, const QColor &background, double minimumRatio = 4.5);
// A wash of `tint` over `base` (fraction 0..1 of tint) for a background, backed off until `text`
// reads on it at 4.5:1 (diff lines, endorsed answers, authorship tints).
QColor readableWash(const QColor &base, const QColor &tint, double fraction, const QColor &text);
// A small filled circle: green for online, grey for offline.
QIcon presenceIcon(bool online);
// A dashed circle with a question mark: presence not known (this app is offline).
QIcon unknownPresenceIcon();
// The application icon, drawn in code (resources/ holds the same picture for the installer).
QIcon appIcon();

} // namespace collab::desktop
