#pragma once

// The transport suites' fixture: an HttpFrontend with two routes and a WsListener on ONE port, and
// no ServerInstance. These suites test the WebSocket engine alone (framing, limits, close codes,
// back-pressure, the HTTP hand-off), so they need what only a bare listener gives: every text
// message echoed as it came (no hello/join protocol answering in its place) and the WsConnection
// objects themselves to inspect. Everything above the transport uses TestServer (tests/support).
#include "rest/httpconnections.h"
#include "rest/httpfrontend.h"
#include "transport/wsconnection.h"
#include "transport/wslistener.h"

#include "rawwsclient.h"

#include <QtCore/QPointer>
#include <QtCore/QUrl>

#include <memory>

#include <unistd.h>

namespace wstest {

class EchoListener
{
public:
    explicit EchoListener(const collab::server::WsLimits &limits = {}, bool echo = true)
    {
        using namespace collab::server;
        // GET /api/v1/health and POST /api/v1/echo, answered from the HTTP thread itself.
        m_http.setDispatcher([this](quint64 id, HttpRequest &&request) {
            if (request.method == HttpMethod::Get && request.path() == "/api/v1/health")
                m_http.answer(id, HttpResponse{200, "application/json", R"({"status":"ok"})", {}, {}});
            else if (request.method == HttpMethod::Post && request.path() == "/api/v1/echo")
                m_http.answer(id, HttpResponse{200, "text/plain", request.body, {}, {}});
            else
                m_http.answer(id, HttpResponse{404, "text/plain", "Not Found", {}, {}});
        });
        // The engine's own HTTP connections, handed off as EngineTransport does it.
        m_http.setExchangesFactory(HttpConnections::factory());
        m_http.start();
        listener = std::make_unique<WsListener>(
            [this](int fd, const QHostAddress &peer, qint64 firstByteMs) {
                if (!m_http.post([fd, peer, firstByteMs](HttpExchanges &exchanges) {
                        static_cast<HttpConnections &>(exchanges).take(fd, peer, firstByteMs);
                    }))
                    ::close(fd);
            },
            limits);
        QObject::connect(listener.get(), &collab::server::WsListener::newConnection,
                         listener.get(), [this, echo](collab::server::WsConnection *connection) {
            connections << connection;
            if (echo) {
                QObject::connect(connection, &collab::server::WsConnection::textReceived, connection,
                                 [connection](const QByteArray &text) { connection->sendText(text); });
            }
        });
        listening = listener->listen(QHostAddress::LocalHost, 0);
    }

    quint16 port() const { return listener->port(); }
    QUrl wsUrl() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port())); }
    QUrl httpUrl(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path));
    }

    bool listening = false;
    QList<QPointer<collab::server::WsConnection>> connections;
    // Declared before the listener, so destroyed after it (the listener hands it connections).
    collab::server::HttpFrontend m_http;
    std::unique_ptr<collab::server::WsListener> listener;
};

} // namespace wstest
