#pragma once

#include "rest/httplimits.h"
#include "rest/httprequestparser.h"
#include "rest/httpwire.h"
#include "transport/reactor.h"

#include <QByteArray>

#include <deque>
#include <optional>

namespace collab::server {

struct HttpResponse;

// One HTTP/1.1 connection in the HTTP thread, on its raw fd (no QTcpSocket): reads into one
// buffer, parses every complete request in it, hands each to the host (which routes it to the hub
// thread), and writes the answers in the order of the requests (pipelining, RFC 9112 9.3.2) with
// send(MSG_NOSIGNAL | MSG_DONTWAIT); what the kernel does not take waits for writability.
// Back-pressure: no reading while MaxUnanswered requests wait for their answer or more than
// MaxUnsentBytes of answers wait for the client to read them. Refusals (413, 431, 411, 400, 505)
// and the last answer of a closing connection end with a lingering close: the write side is shut
// down and what the client still sends is drained and dropped for a moment, so that it reads the
// answer instead of a reset.
class HttpConnection final : public Reactor::Handler
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
    template<typename F> void forEachOpenId(F f) const
    {
        for (const Slot &slot : m_slots)
            if (!slot.wire)
                f(slot.id);
    }

private:
    enum class Phase {
        Open,      // reading and answering requests
        Closing,   // no more requests: the connection ends after the answers queued
        Lingering, // answers written, write side shut down: draining until EOF or a deadline
        Finished,
    };
    // One request's place in the answer order.
    struct Slot
    {
        quint64 id = 0;
        httpwire::Framing framing; // Connection: close / keep-alive, HEAD
        std::optional<QByteArray> wire; // the encoded answer, once it came
    };

    void readRequests();
    void drain();
    void process(QByteArrayView input, bool inBuffer);
    bool accepting() const;
    void queueRefusal(QByteArray answer);
    void sendContinueIfAwaited();
    void writeAnswered();
    void flush();
    void afterWrite();
    void updateInterest();
    void finish();

    int m_fd;
    Host &m_host;
    Phase m_phase = Phase::Open;
    HttpRequestParser m_parser;
    QByteArray m_in;                // bytes of requests not parsed whole yet
    std::deque<Slot> m_slots;       // requests not written yet, oldest first
    QByteArray m_out;               // answers not taken by the kernel yet, from m_outSent on
    qsizetype m_outSent = 0;
    bool m_peerDone = false;        // the client shut down its side: answer what came, then close
    bool m_continueSent = false;
    bool m_heldBack = false;        // complete requests wait in m_in for back-pressure to ease
    bool m_processing = false;      // inside process(): answers wait for its end
    bool m_readInterest = true;
    bool m_writeInterest = false;
    qint64 m_lastActivityMs = 0;
    qint64 m_requestStartMs = -1;   // first byte of a request not received whole, or -1
    qint64 m_lingerStartMs = 0;
    qint64 m_drained = 0;
};

} // namespace collab::server
