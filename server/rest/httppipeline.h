#pragma once

#include "rest/httplimits.h"
#include "rest/httprequestparser.h"
#include "rest/httpwire.h"

#include <QByteArray>
#include <QIODevice>

#include <deque>
#include <memory>
#include <optional>

namespace collab::server {

struct HttpResponse;

// The request/answer order of one HTTP/1.1 connection, whatever carries its bytes (the engine's
// HttpConnection on a raw fd, the portable SocketHttpConnection on a QTcpSocket): parses every
// complete request (HttpRequestParser: the head and Content-Length are checked before any body byte
// is kept), gives each an id and hands it on, and releases the answers in the order of the requests
// (pipelining, RFC 9112 9.3.2) whatever order they come back in. It decides when the connection
// takes more requests (back-pressure), when it ends (Connection: close, refusals) and when one of
// its timeouts has passed; the connection owns the socket, the input buffer and the output.
class HttpPipeline
{
public:
    enum class Phase {
        Open,      // reading and answering requests
        Closing,   // no more requests: the connection ends after the answers queued
        Lingering, // answers written, write side shut down: draining until EOF or a deadline
        Finished,
    };

    // What the pipeline needs from its connection.
    class Connection
    {
    public:
        virtual quint64 openRequest() = 0; // a new request id, answered later through answer()
        virtual void dispatch(quint64 id, HttpRequest &&request) = 0;
        virtual void write(const QByteArray &bytes) = 0; // after everything written before
        virtual qint64 unsent() const = 0;               // bytes written but not taken by the client yet
        virtual qint64 nowMs() const = 0;

    protected:
        ~Connection() = default;
    };

    // `nowMs`: the connection's start. `firstByteMs`: when the first byte of the first request
    // came (the listener peeked at it before the hand-off), or -1.
    // `limits` (the upload limits the parser applies) must outlive the pipeline.
    HttpPipeline(Connection &connection, const HttpLimits &limits, qint64 nowMs, qint64 firstByteMs);

    Phase phase() const { return m_phase; }
    bool isOpen() const { return m_phase == Phase::Open; }
    bool isFinished() const { return m_phase == Phase::Finished; }
    // Inside take(): answers that come now wait for its end, which writes them.
    bool isTaking() const { return m_taking; }
    bool hasUnanswered() const { return !m_slots.empty(); }
    // Takes more requests: open, fewer than MaxUnanswered waiting, MaxUnsentBytes not reached.
    bool accepting() const;

    // Bytes came from the client (the idle and request timeouts count from here).
    void received();
    // The client shut down its sending side: answer what came, then close.
    void peerDone() { m_peerDone = true; }
    bool isPeerDone() const { return m_peerDone; }

    // Parses and dispatches every complete request of `input` (the bytes of the current request
    // on) while accepting(), then writes the answers that are ready and a 100 Continue the next
    // request awaits. Returns how many bytes of `input` were used; the connection keeps the rest
    // unless the pipeline is no longer open (what follows a closing request is never read).
    qsizetype take(QByteArrayView input);
    // Complete requests were left unread by back-pressure: take them once accepting() again.
    bool takeHeldBack();

    // The answer of request `id`. True when answers were written (the connection sends them).
    bool answer(quint64 id, const HttpResponse &response);
    // An answer streamed from a device (HttpResponse::bodyDevice) goes on: the connection calls
    // this whenever its output drained; it writes the next pieces while less than MaxUnsentBytes
    // wait to be sent, then the answers after it. True when it wrote something.
    bool pump();
    // A refusal (413, 431, 400 …) after the answers before it; the connection closes after it.
    void refuse(QByteArray answer);
    // "Expect: 100-continue": the client waits for this before it sends the body; written only
    // once the answers of the requests before it are out, so that it comes in its place.
    void sendContinueIfAwaited();

    void startLingering();
    void finish() { m_phase = Phase::Finished; }
    // Bytes the client sent while lingering: false once more than MaxDrainBytes were dropped.
    bool drained(qint64 bytes);
    // True if one of the connection's timeouts (HttpLimits) has passed at `nowMs`.
    bool timedOut(qint64 nowMs, const HttpLimits &limits) const;
    void wrote() { m_lastActivityMs = m_connection.nowMs(); }

    // The ids of the requests still waiting for their answer.
    template<typename F> void forEachOpenId(F f) const
    {
        for (const Slot &slot : m_slots)
            if (!slot.wire)
                f(slot.id);
    }

private:
    // One request's place in the answer order.
    struct Slot
    {
        quint64 id = 0;
        httpwire::Framing framing; // Connection: close / keep-alive, HEAD
        std::optional<QByteArray> wire; // the encoded answer, once it came
        std::shared_ptr<QIODevice> stream; // the rest of its body, read as the client takes it
        qint64 streamLeft = 0;
        bool headWritten = false;
    };

    // Moves the answers that are next in order to the output; true if it wrote anything.
    bool writeAnswered();

    Connection &m_connection;
    HttpRequestParser m_parser;
    std::deque<Slot> m_slots; // requests not written yet, oldest first
    Phase m_phase = Phase::Open;
    bool m_peerDone = false;
    bool m_continueSent = false;
    bool m_heldBack = false; // complete requests wait for back-pressure to ease
    bool m_taking = false;
    qint64 m_lastActivityMs = 0;
    qint64 m_requestStartMs = -1; // first byte of a request not received whole, or -1
    qint64 m_lingerStartMs = 0;
    qint64 m_drained = 0;
};

} // namespace collab::server
