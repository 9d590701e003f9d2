#pragma once

#include <QtCore/QObject>

class QSocketNotifier;

namespace collab::server {

// One epoll set for every WebSocket fd, hooked into the Qt event loop through ONE QSocketNotifier.
// Per connection this costs an epoll entry instead of a QSocketNotifier (and a GPollFD that
// glib would scan on every loop turn): the cost of a turn depends on the ready fds only.
// Linux only, level-triggered.
class Reactor : public QObject
{
    Q_OBJECT
public:
    // Callbacks run from the event loop. A handler must stay alive until the end of the event-loop
    // turn in which it was removed (WsConnection uses deleteLater, pending sockets a graveyard).
    class Handler
    {
    public:
        virtual void onReadable() = 0;
        virtual void onWritable() = 0;

    protected:
        ~Handler() = default;
    };

    explicit Reactor(QObject *parent = nullptr);
    ~Reactor() override;

    bool isValid() const { return m_epoll >= 0; }
    bool add(int fd, Handler *handler, bool read, bool write);
    bool modify(int fd, Handler *handler, bool read, bool write);
    void remove(int fd);

private:
    void dispatch();

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace collab::server
