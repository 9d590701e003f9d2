#pragma once

#include "rest/httppipeline.h"
#include "transport/reactor.h"

#include <QByteArray>

namespace collab::server {

struct HttpResponse;

// One HTTP/1.1 connection in the HTTP thread, on its raw fd (no QTcpSocket): reads into one
// buffer shared by the thread's connections and hands the bytes to its HttpPipeline (which parses
// the requests, hands each to the host — which routes it to the hub thread — and puts the answers
// in the order of the requests); writes with send(MSG_NOSIGNAL | MSG_DONTWAIT), and what the kernel
// does not take waits for writability. Back-pressure: no reading while the pipeline takes no more
// requests. Refusals (413, 431, 411, 400, 505) and the last answer of a closing connection end
// with a lingering close: the write side is shut down and what the client still sends is drained
// and dropped for a moment, so that it reads the answer instead of a reset.
class HttpConnection final : public Reactor::Handler, private HttpPipeline::Connection
{
public:
    // What a connection needs from its owner (HttpConnections).
    class Host
    {
    public:
        virtual Reactor &reactor() = 0;
        virtual QByteArray &readBuffer() = 0; // scratch space shared by the thread's connections
        virtual const HttpLimits &limits() const = 0;
        virtual qint64 nowMs() const = 0;
        // A new request id, answered later through answer(); then the request itself.
        virtual quint64 open(HttpConnection *connection) = 0;
        virtual void dispatch(quint64 id, HttpRequest &&request) = 0;
        // The connection is closed: forget its ids, delete it after the current event batch.
        virtual void finished(HttpConnection *connection) = 0;

    protected:
        ~Host() = default;
    };

    // The fd is registered with the host's reactor by the host. `firstByteMs`: when the first byte
    // of the first request came (the listener peeked at it before the hand-off), or -1.
    HttpConnection(int fd, Host &host, qint64 firstByteMs = -1);
    ~HttpConnection();
    HttpConnection(const HttpConnection &) = delete;
    HttpConnection &operator=(const HttpConnection &) = delete;

    int fd() const { return m_fd; }
    void onReadable() override;
    void onWritable() override;
    // The answer of request `id` (one of this connection's): written once those before it are.
    void answer(quint64 id, const HttpResponse &response);
    // Refuses the whole connection before any request is read: `answer` (with Connection: close),
    // then the lingering close.
    void refuse(QByteArray answer);
    // Closes the connection if one of its timeouts has passed (HttpLimits).
    void sweep(qint64 nowMs);
    // The ids of the requests still waiting for their answer.
    template<typename F> void forEachOpenId(F f) const { m_pipeline.forEachOpenId(f); }

private:
    // HttpPipeline::Connection
    quint64 openRequest() override { return m_host.open(this); }
    void dispatch(quint64 id, HttpRequest &&request) override { m_host.dispatch(id, std::move(request)); }
    void write(const QByteArray &bytes) override { m_out += bytes; }
    qint64 unsent() const override { return m_out.size() - m_outSent; }
    qint64 nowMs() const override { return m_host.nowMs(); }

    void readRequests();
    void drain();
    void process(QByteArrayView input, bool inBuffer);
    void flush();
    void afterWrite();
    void updateInterest();
    void finish();

    int m_fd;
    Host &m_host;
    HttpPipeline m_pipeline;
    QByteArray m_in;                // bytes of requests not parsed whole yet
    QByteArray m_out;               // answers not taken by the kernel yet, from m_outSent on
    qsizetype m_outSent = 0;
    bool m_readInterest = true;
    bool m_writeInterest = false;
};

} // namespace collab::server
