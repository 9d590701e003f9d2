#include "portable/sockethttpconnection.h"

#include "portable/socketshutdown.h"
#include "rest/httpresponse.h"

#include <QtNetwork/QTcpSocket>

namespace collab::server {

namespace {
constexpr qint64 ReadBufferSize = 64 * 1024; // Qt reads no more from the kernel past it
} // namespace

SocketHttpConnection::SocketHttpConnection(QTcpSocket *socket, Host &host, qint64 firstByteMs)
    : m_socket(socket), m_host(host), m_pipeline(*this, host.limits(), host.nowMs(), firstByteMs)
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
        m_pipeline.wrote();
        afterWrite();
    });
    connect(m_socket, &QTcpSocket::readChannelFinished, this, [this] {
        m_pipeline.peerDone(); // answer what came, then close
        onReadyRead();
        if (!m_pipeline.isFinished() && !m_pipeline.hasUnanswered() && unsent() == 0)
            finish();
    });
    connect(m_socket, &QTcpSocket::disconnected, this, &SocketHttpConnection::finish);
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return finish();
    onReadyRead(); // the first request is usually there already (the transport peeked at it)
}

void SocketHttpConnection::write(const QByteArray &bytes) { m_socket->write(bytes); }

qint64 SocketHttpConnection::unsent() const { return m_socket->bytesToWrite(); }

void SocketHttpConnection::onReadyRead()
{
    if (m_pipeline.phase() == HttpPipeline::Phase::Lingering)
        return drain();
    if (!m_pipeline.accepting() || m_socket->bytesAvailable() == 0)
        return; // left in the socket (bounded): read when the answers are out
    m_pipeline.received();
    m_in += m_socket->readAll();
    process();
}

// Hands m_in to the pipeline; keeps what it left.
void SocketHttpConnection::process()
{
    const qsizetype at = m_pipeline.take(m_in);
    if (m_pipeline.isFinished())
        return;
    if (!m_pipeline.isOpen() || at == m_in.size())
        m_in.clear();
    else if (at > 0)
        m_in.remove(0, at);
    afterWrite();
}

void SocketHttpConnection::refuse(QByteArray answer)
{
    m_pipeline.refuse(std::move(answer));
    afterWrite();
}

void SocketHttpConnection::answer(quint64 id, const HttpResponse &response)
{
    if (m_pipeline.answer(id, response))
        afterWrite();
}

void SocketHttpConnection::afterWrite()
{
    const HttpPipeline::Phase phase = m_pipeline.phase();
    if (phase == HttpPipeline::Phase::Finished || phase == HttpPipeline::Phase::Lingering || m_pipeline.isTaking())
        return;
    m_pipeline.pump(); // a streamed answer's next pieces (bytesWritten() brings us back for more)
    if (!m_pipeline.hasUnanswered() && (phase == HttpPipeline::Phase::Closing || m_pipeline.isPeerDone())) {
        if (unsent() > 0) {
            m_socket->flush();
            if (unsent() > 0)
                return; // bytesWritten() brings us back
        }
        if (m_pipeline.isPeerDone())
            return finish();
        // The answers, then FIN; reading goes on until EOF or the deadline. TLS has no
        // half-close: the connection stays open, drained, until the client closes it (it has
        // its answer with "Connection: close") or the deadline.
        shutdownSending(m_socket);
        m_pipeline.startLingering();
        return drain();
    }
    m_pipeline.sendContinueIfAwaited();
    const bool heldBack = m_pipeline.takeHeldBack();
    if (m_pipeline.accepting() && (heldBack || m_socket->bytesAvailable() > 0)) {
        // Requests held back by back-pressure (in m_in, and what waited in the socket).
        m_in += m_socket->readAll();
        process();
    }
}

void SocketHttpConnection::drain()
{
    if (!m_pipeline.drained(m_socket->readAll().size()))
        finish();
}

void SocketHttpConnection::sweep(qint64 now)
{
    if (m_pipeline.timedOut(now, m_host.limits()))
        finish();
}

void SocketHttpConnection::finish()
{
    if (m_pipeline.isFinished())
        return;
    m_pipeline.finish();
    m_socket->disconnect(this);
    m_socket->abort();
    m_host.finished(this);
}

} // namespace collab::server
