#pragma once

#include <QTcpServer>

#include <deque>

namespace collab::server {

// The QTcpServer that QHttpServer reads its connections from, in the HTTP thread. It never
// listens: the WsListener accepts every connection in the hub thread and hands the non-WebSocket
// ones over here (take()). It keeps its own queue because QTcpServer's warns about every
// connection taken from a server that is not listening.
class HttpIntake : public QTcpServer
{
    Q_OBJECT

public:
    explicit HttpIntake(QObject *parent = nullptr) : QTcpServer(parent) {}

    void take(int fd); // HTTP thread

    bool hasPendingConnections() const override { return !m_queue.empty(); }
    QTcpSocket *nextPendingConnection() override;

private:
    std::deque<QTcpSocket *> m_queue;
};

} // namespace collab::server
