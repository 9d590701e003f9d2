#include "announcer.h"

#include <QAccessible>
#include <QCoreApplication>

namespace collab::desktop {

Announcer *Announcer::instance()
{
    static Announcer *announcer = new Announcer(QCoreApplication::instance()); // lives as long as the app
    return announcer;
}

void Announcer::announce(QObject *label, const QString &text, bool alert)
{
    QAccessibleEvent changed(label, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&changed);
    if (alert) {
        QAccessibleEvent now(label, QAccessible::Alert);
        QAccessible::updateAccessibility(&now);
    }
    Q_EMIT announced(label, text, alert);
}

} // namespace collab::desktop
