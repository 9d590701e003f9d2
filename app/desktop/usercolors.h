#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace collab::desktop {

// A colour of one's own: the same user name gives the same colour in every app, on any machine
// (a stable hash, not qHash, which is seeded per process).
QColor userColor(const QString &user);
// A small filled circle: green for online, grey for offline.
QIcon presenceIcon(bool online);
// The application icon, drawn in code (resources/ holds the same picture for the installer).
QIcon appIcon();

} // namespace collab::desktop
