#include "portable/sockethttpconnection.h"

#include "portable/socketshutdown.h"
#include "rest/httpresponse.h"

#include <QtNetwork/QTcpSocket>

namespace collab::server {

namespace {
constexpr qint64 ReadBufferSize = 64 * 1024; // Qt reads no more from the kernel past it
} // namespace

SocketHttpConnection::SocketHttpConnection(QTcpSocket *socket, Host &host, qint64 firstByteMs)
    : m_socket(socket), m_host(host), m_lastActivityMs(host.nowMs()), m_requestStartMs(firstByteMs)
{
    socket->setParent(this);
    socket->setReadBufferSize(ReadBufferSize);
}

SocketHttpConnection::~SocketHttpConnection()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void SocketHttpConnection::start()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &SocketHttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        m_lastActivityMs = m_host.nowMs();
        afterWrite();
    });
    connect(m_socket, &QTcpSocket::readChannelFinished, this, [this] {
        m_peerDone = true; // answer what came, then close
        onReadyRead();
        if (m_phase != Phase::Finished && m_slots.empty() && unsent() == 0)
            finish();
    });
    connect(m_socket, &QTcpSocket::disconnected, this, &SocketHttpConnection::finish);
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return finish();
    onReadyRead(); // the first request is usually there already (the transport peeked at it)
}

qint64 SocketHttpConnection::unsent() const { return m_socket->bytesToWrite(); }

bool SocketHttpConnection::accepting() const
{
    return m_phase == Phase::Open && m_slots.size() < size_t(HttpLimits::MaxUnanswered) && unsent() <= HttpLimits::MaxUnsentBytes;
}

void SocketHttpConnection::onReadyRead()
{
    if (m_phase == Phase::Lingering)
        return drain();
    if (m_phase != Phase::Open || !accepting() || m_socket->bytesAvailable() == 0)
        return; // left in the socket (bounded): read when the answers are out
    const qint64 now = m_host.nowMs();
    m_lastActivityMs = now;
    if (m_requestStartMs < 0)
        m_requestStartMs = now;
    m_in += m_socket->readAll();
    process();
}

// Parses and dispatches every complete request of m_in while the connection accepts more.
void SocketHttpConnection::process()
{
    m_processing = true;
    qsizetype at = 0;
    while (accepting()) {
        const HttpRequestParser::Status status = m_parser.parse(QByteArrayView(m_in).sliced(at));
        if (status == HttpRequestParser::Status::Incomplete)
            break;
        if (status == HttpRequestParser::Status::Refused) {
            queueRefusal(httpwire::refusal(m_parser.refusalStatus(), m_parser.refusalMessage()));
            break;
        }
        at += m_parser.consumed();
        HttpRequest request = m_parser.takeRequest();
        m_parser.reset();
        m_continueSent = false;
        const httpwire::Framing framing{!request.keepAlive, request.keepAlive && request.minorVersion == 0,
                                        request.method == HttpMethod::Head};
        m_slots.push_back(Slot{m_host.open(this), framing, std::nullopt});
        if (!request.keepAlive)
            m_phase = Phase::Closing; // what follows is never read
        m_requestStartMs = at < m_in.size() ? m_host.nowMs() : -1;
        m_host.dispatch(m_slots.back().id, std::move(request));
    }
    m_processing = false;
    if (m_phase == Phase::Finished)
        return;
    m_heldBack = m_phase == Phase::Open && !accepting();
    if (m_phase != Phase::Open || at == m_in.size())
        m_in.clear();
    else if (at > 0)
        m_in.remove(0, at);
    writeAnswered();
    sendContinueIfAwaited();
    afterWrite();
}

void SocketHttpConnection::queueRefusal(QByteArray answer)
{
    m_slots.push_back(Slot{0, {true, false, false}, std::move(answer)});
    m_phase = Phase::Closing;
    writeAnswered();
}

void SocketHttpConnection::refuse(QByteArray answer)
{
    queueRefusal(std::move(answer));
    afterWrite();
}

void SocketHttpConnection::sendContinueIfAwaited()
{
    if (m_phase != Phase::Open || m_continueSent || !m_slots.empty() || !m_parser.awaitingBody() || !m_parser.expectsContinue())
        return;
    m_continueSent = true;
    m_socket->write(httpwire::continue100());
}

void SocketHttpConnection::answer(quint64 id, const HttpResponse &response)
{
    for (Slot &slot : m_slots) {
        if (slot.id != id || slot.wire)
            continue;
        slot.wire = httpwire::encode(response, slot.framing);
        if (&slot == &m_slots.front() && !m_processing) {
            writeAnswered();
            afterWrite();
        }
        return;
    }
}

void SocketHttpConnection::writeAnswered()
{
    while (!m_slots.empty() && m_slots.front().wire) {
        m_socket->write(*m_slots.front().wire);
        m_slots.pop_front();
    }
}

void SocketHttpConnection::afterWrite()
{
    if (m_phase == Phase::Finished || m_phase == Phase::Lingering || m_processing)
        return;
    const bool allOut = m_slots.empty() && unsent() == 0;
    if (m_slots.empty() && (m_phase == Phase::Closing || m_peerDone)) {
        if (!allOut) {
            m_socket->flush();
            if (unsent() > 0)
                return; // bytesWritten() brings us back
        }
        if (m_peerDone)
            return finish();
        // The answers, then FIN; reading goes on until EOF or the deadline. TLS has no
        // half-close: the connection stays open, drained, until the client closes it (it has
        // its answer with "Connection: close") or the deadline.
        shutdownSending(m_socket);
        m_phase = Phase::Lingering;
        m_lingerStartMs = m_host.nowMs();
        return drain();
    }
    sendContinueIfAwaited();
    if (m_phase == Phase::Open && accepting() && (m_heldBack || m_socket->bytesAvailable() > 0)) {
        // Requests held back by back-pressure (in m_in, and what waited in the socket).
        m_heldBack = false;
        m_in += m_socket->readAll();
        process();
    }
}

void SocketHttpConnection::drain()
{
    const QByteArray dropped = m_socket->readAll();
    m_drained += dropped.size();
    if (m_drained > HttpLimits::MaxDrainBytes)
        finish();
}

void SocketHttpConnection::sweep(qint64 now)
{
    const HttpLimits &limits = m_host.limits();
    if (m_phase == Phase::Lingering) {
        if (now - m_lingerStartMs >= limits.lingerMs)
            finish();
    } else if (!m_slots.empty()) {
        return; // waiting for the hub's answers: not the client's fault
    } else if (unsent() > 0 || m_requestStartMs < 0) {
        if (now - m_lastActivityMs >= limits.idleTimeoutMs)
            finish();
    } else if (now - m_requestStartMs >= limits.requestTimeoutMs) {
        finish(); // a request that does not come whole (slowloris)
    }
}

void SocketHttpConnection::finish()
{
    if (m_phase == Phase::Finished)
        return;
    m_phase = Phase::Finished;
    m_socket->disconnect(this);
    m_socket->abort();
    m_host.finished(this);
}

} // namespace collab::server
