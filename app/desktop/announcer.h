#pragma once

#include <QObject>
#include <QString>

namespace collab::desktop {

// Says a status change that matters (the connection lost or back, an edit refused, a note locked)
// to assistive technology: a screen reader does not watch labels, so the label's new text is sent
// as QAccessible::NameChanged and, when it must be heard now, QAccessible::Alert. Qt delivers
// those only while an assistive technology is active (QAccessible::isActive()); announced() says
// what was sent either way, for the app's tests and its log.
class Announcer : public QObject
{
    Q_OBJECT
public:
    static Announcer *instance();
    void announce(QObject *label, const QString &text, bool alert);

Q_SIGNALS:
    void announced(QObject *label, const QString &text, bool alert);

private:
    using QObject::QObject;
};

} // namespace collab::desktop
