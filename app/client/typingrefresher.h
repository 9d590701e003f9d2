#pragma once

#include "protocol/clientmessages.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

namespace collab::client {

// Keeps typing indicators alive: the server expires one 5 s after the last `active:true`, so while
// the user types the indicator is sent again every few seconds, and once more after a rejoin.
class TypingRefresher : public QObject
{
    Q_OBJECT
public:
    using SendFunction = std::function<void(const proto::Typing &)>;

    TypingRefresher(int intervalMs, SendFunction send, QObject *parent = nullptr);

    // active: send now and keep refreshing; inactive: send once and stop.
    void set(const proto::Typing &typing);
    // After a (re)join: the server forgot the indicators of the old session.
    void resend(const QString &course);
    // Left the course: stop without telling anyone.
    void forget(const QString &course);
    bool isActive(const proto::Typing &typing) const;
    int activeCount() const { return int(m_active.size()); }

private:
    qsizetype indexOf(const proto::Typing &typing) const;

    SendFunction m_send;
    QTimer m_timer;
    QList<proto::Typing> m_active;
};

} // namespace collab::client
