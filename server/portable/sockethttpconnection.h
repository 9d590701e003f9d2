#pragma once

#include "rest/httplimits.h"
#include "rest/httprequestparser.h"
#include "rest/httpwire.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>

#include <deque>
#include <optional>

class QTcpSocket;

namespace collab::server {

struct HttpRequest;
struct HttpResponse;

// One HTTP/1.1 connection of the portable transport, in the HTTP thread, on a QTcpSocket (or a
// QSslSocket): the engine's HttpConnection rules over Qt's socket. Every complete request is
// parsed (HttpRequestParser: the head and Content-Length are checked before any body byte is
// kept) and handed to the owner; answers go out in the order of the requests (pipelining, RFC
// 9112 9.3.2), HEAD without a body. Back-pressure: the socket's read buffer is bounded
// (setReadBufferSize), and nothing more is read while MaxUnanswered requests wait for their
// answer or more than MaxUnsentBytes of answers wait in the socket. Refusals and the last answer
// of a closing connection end with a lingering close (the write side shut down, the rest drained
// for lingerMs), as in the engine.
class SocketHttpConnection final : public QObject
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
    template<typename F> void forEachOpenId(F f) const
    {
        for (const Slot &slot : m_slots)
            if (!slot.wire)
                f(slot.id);
    }

private:
    enum class Phase { Open, Closing, Lingering, Finished };
    struct Slot
    {
        quint64 id = 0;
        httpwire::Framing framing;
        std::optional<QByteArray> wire;
    };

    void onReadyRead();
    void process();
    bool accepting() const;
    qint64 unsent() const;
    void queueRefusal(QByteArray answer);
    void sendContinueIfAwaited();
    void writeAnswered();
    void afterWrite();
    void drain();
    void finish();

    QTcpSocket *m_socket;
    Host &m_host;
    Phase m_phase = Phase::Open;
    HttpRequestParser m_parser;
    QByteArray m_in;
    std::deque<Slot> m_slots;
    bool m_peerDone = false;
    bool m_continueSent = false;
    bool m_processing = false;
    bool m_heldBack = false; // complete requests wait in m_in for back-pressure to ease
    qint64 m_lastActivityMs = 0;
    qint64 m_requestStartMs = -1;
    qint64 m_lingerStartMs = 0;
    qint64 m_drained = 0;
};

} // namespace collab::server
