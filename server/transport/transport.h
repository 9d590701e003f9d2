#pragma once

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslConfiguration>

#include <memory>
#include <optional>

namespace collab::server {

class CourseFanout;
class HttpFrontend;
class TransportConnection;
struct WsLimits;

// Which implementation carries the port. Engine: the Linux epoll/io_uring engine
// (server/transport/, not in a COLLAB_PORTABLE build); Portable: Qt's QTcpServer/QSslSocket,
// QWebSocketServer and the project's HTTP parser over QTcpSocket (server/portable/).
enum class TransportKind { Engine, Portable };

// "engine" / "portable" (collab-server --transport, COLLAB_TEST_TRANSPORT); nullopt otherwise.
std::optional<TransportKind> transportKindFromName(const QString &name);
QString transportKindName(TransportKind kind);
// What a server uses when nothing says otherwise: the engine where it is built (Linux), else
// the portable transport.
TransportKind defaultTransportKind();
bool engineTransportAvailable();

// The seam between the gateways and the sockets: one listening port, WebSocket upgrades on /ws
// become TransportConnections (newConnection), every other request goes to the HttpFrontend the
// transport was made with. WsGateway and RestApi only know this interface.
class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Call before listen(): every connection must then speak TLS (https and wss on the port).
    // Called again later (a renewed certificate): connections accepted from then on use it.
    virtual void setTlsConfiguration(const QSslConfiguration &configuration) = 0;
    virtual bool isTls() const = 0;
    virtual bool listen(const QHostAddress &address, quint16 port) = 0;
    virtual quint16 port() const = 0;
    virtual QString errorString() const = 0;
    // WebSocket connections accepted whose closed() has not been emitted yet.
    virtual int connectionCount() const = 0;
    // Accepted sockets refused at once because their address held maxPendingPerAddress already.
    virtual quint64 pendingRefused() const = 0;
    // The broadcast side for this transport's connections (one per gateway).
    virtual std::unique_ptr<CourseFanout> createFanout() const = 0;

Q_SIGNALS:
    // The transport owns the connection and deletes it (deleteLater) after its closed() signal.
    void newConnection(collab::server::TransportConnection *connection);
};

// The transport of `kind` serving HTTP through `http` (started by the caller), or null with
// `error` set (the engine in a portable build).
std::unique_ptr<Transport> makeTransport(TransportKind kind, HttpFrontend &http, const WsLimits &limits, QString *error);

} // namespace collab::server
