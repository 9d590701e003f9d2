#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace collab::server {

// Who is online on every node (several nodes through Redis). The Hub tells it this node's changes
// and announces the changes it reports; without one, the Hub's own PresenceRegistry is the truth.
class PresenceDirectory : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // A user's first connection to the course on this node opened, or their last one closed.
    virtual void localChanged(const QString &course, const QString &user, bool online) = 0;
    // Users online in the course on any node, as last seen (sorted).
    virtual QStringList online(const QString &course) const = 0;

Q_SIGNALS:
    // A user came online on some node, or left the last node they were on: tell this node's clients.
    void changed(const QString &course, const QString &user, bool online);
};

} // namespace collab::server
