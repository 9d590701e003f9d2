#pragma once

#include <QByteArray>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>

#include <functional>
#include <optional>
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
    // If set, the body is encoded by this in the HTTP thread (instead of `body`): that is not the
    // hub thread's work. It captures values only (implicitly shared Qt values are safe to copy).
    std::function<QByteArray()> encodeBody;
};

// The requests of the HTTP thread waiting for their answer from the hub thread, by id. Used only
// in the HTTP thread: QHttpServer's responders and sockets must not be touched anywhere else.
// An answer is written only while the client's socket is still alive (QHttpServer 6.4 crashes
// otherwise).
// Answers are written in the order of the requests on their connection (RFC 9112 9.3.2): the hub
// answers an error at once and a post after its commit, and QHttpServer 6.4 writes whatever a
// responder gives it, so an answer that comes before an earlier request's waits here. Each
// connection's open requests form a list (head = the oldest); with one request in flight, the
// common case, an answer is written at once.
class HttpExchanges
{
public:
    HttpExchanges() = default;
    ~HttpExchanges() { clear(); }
    HttpExchanges(const HttpExchanges &) = delete;
    HttpExchanges &operator=(const HttpExchanges &) = delete;

    quint64 open(QHttpServerResponder &&responder);
    void answer(quint64 id, const HttpResponse &response);
    void clear();
    size_t size() const { return m_open.size(); }
    size_t connections() const { return m_lines.size(); } // with a request open, or known: tests

private:
    struct Exchange
    {
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        QTcpSocket *line = nullptr;             // key in m_lines; null once that socket is gone
        quint64 next = 0;                       // the next request on the same connection
        std::optional<HttpResponse> early;      // answered while an earlier request was open
    };
    // One connection's open requests, oldest first (a list threaded through Exchange::next).
    struct Line
    {
        quint64 head = 0; // 0: none open
        quint64 tail = 0;
        QMetaObject::Connection gone; // the socket's destroyed(): drops the line
    };

    void write(Exchange &exchange, const HttpResponse &response);
    void writeInOrder(Line &line);
    void dropLine(QTcpSocket *socket);

    std::unordered_map<quint64, Exchange> m_open;
    std::unordered_map<QTcpSocket *, Line> m_lines;
    quint64 m_nextId = 1;
};

} // namespace collab::server
