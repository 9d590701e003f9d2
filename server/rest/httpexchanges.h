#pragma once

#include <QByteArray>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>

#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace collab::server {

// A complete answer, built in the hub thread and written in the HTTP thread.
struct HttpResponse
{
    int status = 500;
    QByteArray contentType;
    QByteArray body;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    // A JSON answer is built and encoded into `body` in the HTTP thread: that is not the hub
    // thread's work. It captures values only (implicitly shared Qt values are safe to copy).
    std::function<QJsonObject()> json;
};

// The requests of the HTTP thread waiting for their answer from the hub thread, by id. Used only
// in the HTTP thread: QHttpServer's responders and sockets must not be touched anywhere else.
// An answer is written only while the client's socket is still alive (QHttpServer 6.4 crashes
// otherwise).
class HttpExchanges
{
public:
    quint64 open(QHttpServerResponder &&responder);
    void answer(quint64 id, const HttpResponse &response);
    void clear() { m_open.clear(); }
    size_t size() const { return m_open.size(); }

private:
    struct Exchange
    {
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
    };

    std::unordered_map<quint64, Exchange> m_open;
    quint64 m_nextId = 1;
};

} // namespace collab::server
