#pragma once

#include "limits/addresscounts.h"
#include "portable/sockethttpconnection.h"
#include "rest/httpexchanges.h"

#include <QtCore/QTimer>
#include <QtNetwork/QHostAddress>

#include <memory>
#include <optional>
#include <unordered_map>

class QTcpSocket;

namespace collab::server {

// The portable transport's HTTP connections in the HTTP thread (HttpConnections' counterpart on
// QTcpSocket): the requests waiting for an answer by id, the timeouts, the per-address cap.
class SocketHttpConnections final : public HttpExchanges, public SocketHttpConnection::Host
{
    Q_OBJECT
public:
    SocketHttpConnections(const HttpLimits &limits, Dispatcher dispatcher, HttpCounters &counters);
    ~SocketHttpConnections() override;
    static HttpExchanges::Factory factory();

    // In the HTTP thread: serves HTTP on `socket` (moved to this thread, its first bytes unread).
    void take(QTcpSocket *socket, const QHostAddress &peer, qint64 firstByteMs);

    void answer(quint64 id, const HttpResponse &response) override;
    size_t openRequests() const override { return m_open.size(); }
    size_t connections() const override { return m_connections.size(); }

    const HttpLimits &limits() const override { return m_limits; }
    qint64 nowMs() const override;
    quint64 open(SocketHttpConnection *connection) override;
    void dispatch(quint64 id, HttpRequest &&request) override;
    void finished(SocketHttpConnection *connection) override;

private:
    struct Entry
    {
        std::unique_ptr<SocketHttpConnection> connection;
        std::optional<QHostAddress> countedAs;
        QHostAddress peer;
    };
    void sweep();

    HttpLimits m_limits;
    Dispatcher m_dispatcher;
    HttpCounters &m_counters;
    AddressCounts m_perAddress;
    QTimer *m_sweeper = nullptr;
    std::unordered_map<SocketHttpConnection *, Entry> m_connections;
    std::unordered_map<quint64, SocketHttpConnection *> m_open;
    quint64 m_nextId = 1;
};

} // namespace collab::server
