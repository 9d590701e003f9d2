#pragma once

#include "rest/httppipeline.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>

class QTcpSocket;

namespace collab::server {

struct HttpRequest;
struct HttpResponse;

// One HTTP/1.1 connection of the portable transport, in the HTTP thread, on a QTcpSocket (or a
// QSslSocket): the engine's HttpConnection over Qt's socket, with the same HttpPipeline (requests
// parsed and handed to the owner, answers in the order of the requests, HEAD without a body).
// Back-pressure: the socket's read buffer is bounded (setReadBufferSize), and nothing more is read
// while the pipeline takes no more requests. Refusals and the last answer of a closing connection
// end with a lingering close (the write side shut down, the rest drained for lingerMs), as in the
// engine.
class SocketHttpConnection final : public QObject, private HttpPipeline::Connection
{
    Q_OBJECT
public:
    class Host
    {
    public:
        virtual const HttpLimits &limits() const = 0;
        virtual qint64 nowMs() const = 0;
        virtual quint64 open(SocketHttpConnection *connection) = 0;
        virtual void dispatch(quint64 id, HttpRequest &&request) = 0;
        virtual void finished(SocketHttpConnection *connection) = 0;

    protected:
        ~Host() = default;
    };

    // Takes `socket` (its parent becomes this connection).
    SocketHttpConnection(QTcpSocket *socket, Host &host, qint64 firstByteMs);
    ~SocketHttpConnection() override;

    void start();
    void answer(quint64 id, const HttpResponse &response);
    void refuse(QByteArray answer);
    void sweep(qint64 nowMs);
    template<typename F> void forEachOpenId(F f) const { m_pipeline.forEachOpenId(f); }

private:
    // HttpPipeline::Connection
    quint64 openRequest() override { return m_host.open(this); }
    void dispatch(quint64 id, HttpRequest &&request) override { m_host.dispatch(id, std::move(request)); }
    void write(const QByteArray &bytes) override;
    qint64 unsent() const override;
    qint64 nowMs() const override { return m_host.nowMs(); }

    void onReadyRead();
    void process();
    void afterWrite();
    void drain();
    void finish();

    QTcpSocket *m_socket;
    Host &m_host;
    HttpPipeline m_pipeline;
    QByteArray m_in; // bytes of requests not parsed whole yet
};

} // namespace collab::server
