#pragma once

// Test fixtures for the transport: an HttpFrontend with two routes and a WsListener on ONE port,
// and a raw client that speaks the WebSocket wire format by hand.
#include "rest/httpfrontend.h"
#include "transport/wsconnection.h"
#include "transport/wslistener.h"
#include "wstestframes.h"

#include <QtCore/QJsonObject>
#include <QtCore/QPointer>
#include <QtCore/QtEndian>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>

#include <memory>

namespace wstest {

class TestServer
{
public:
    explicit TestServer(const collab::server::WsLimits &limits = {}, bool echo = true)
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
        m_http.start();
        listener = std::make_unique<WsListener>([this](int fd, const QHostAddress &peer) { m_http.handOff(fd, peer); }, limits);
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

// A client on a plain QTcpSocket: sends handshakes and frames byte for byte, reads raw replies.
class RawClient
{
public:
    static QByteArray upgradeRequest(const QByteArray &path = "/ws")
    {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    }

    bool connectTo(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        return socket.waitForConnected(5000);
    }

    // Sends the upgrade (plus `extra` in the same write) and waits for the 101 response head.
    bool upgrade(quint16 port, const QByteArray &extra = {})
    {
        if (!connectTo(port))
            return false;
        socket.write(upgradeRequest() + extra);
        if (!QTest::qWaitFor([this] { return readMore().contains("\r\n\r\n"); }, 5000))
            return false;
        const qsizetype end = buffer.indexOf("\r\n\r\n") + 4;
        const bool ok = buffer.startsWith("HTTP/1.1 101");
        buffer.remove(0, end);
        return ok;
    }

    QByteArray readMore()
    {
        buffer += socket.readAll();
        return buffer;
    }

    // Pops one complete server frame from the buffer: {opcode, payload}; opcode -1 if incomplete.
    QPair<int, QByteArray> takeFrame()
    {
        readMore();
        if (buffer.size() < 2)
            return {-1, {}};
        const auto *p = reinterpret_cast<const uchar *>(buffer.constData());
        qsizetype header = 2;
        quint64 length = p[1] & 0x7F;
        if (length == 126) {
            header = 4;
            if (buffer.size() < header)
                return {-1, {}};
            length = qFromBigEndian<quint16>(p + 2);
        } else if (length == 127) {
            header = 10;
            if (buffer.size() < header)
                return {-1, {}};
            length = qFromBigEndian<quint64>(p + 2);
        }
        if (quint64(buffer.size() - header) < length)
            return {-1, {}};
        const QPair<int, QByteArray> frame{p[0] & 0x0F, buffer.mid(header, qsizetype(length))};
        buffer.remove(0, header + qsizetype(length));
        return frame;
    }

    // Waits up to 5 s for the next complete server frame ({-1, {}} if none came).
    QPair<int, QByteArray> waitFrame()
    {
        QPair<int, QByteArray> frame{-1, {}};
        [[maybe_unused]] const bool found = QTest::qWaitFor([this, &frame] {
            frame = takeFrame();
            return frame.first >= 0;
        }, 5000);
        return frame;
    }

    // Waits for the server's close frame and returns its code (0 if none came).
    int waitForCloseCode()
    {
        int code = 0;
        [[maybe_unused]] const bool found = QTest::qWaitFor([this, &code] {
            for (auto frame = takeFrame(); frame.first >= 0; frame = takeFrame()) {
                if (frame.first == 0x8 && frame.second.size() >= 2) {
                    code = qFromBigEndian<quint16>(frame.second.constData());
                    return true;
                }
            }
            return false;
        }, 5000);
        return code;
    }

    QTcpSocket socket;
    QByteArray buffer;
};

} // namespace wstest
