#pragma once

#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtNetwork/QHostAddress>

#include <functional>

class QAbstractSocket;
class QSslConfiguration;
class QSslSocket;
class QTcpSocket;

namespace collab::server {

// Terminates TLS for one accepted connection: a QSslSocket on the client's TCP socket on one side,
// one end of a socketpair on the other. The other end is given to `deliver` once the handshake is
// done, and from then on it looks exactly like a plain accepted socket (upgrade or REST request),
// so the WebSocket engine and the HTTP hand-off stay unaware of TLS.
// Until the handshake is done the bridge is bounded: a client that does not finish it within
// handshakeTimeoutMs is dropped; one that speaks plain HTTP gets a 400 saying to use https.
// Parented to the listener; deletes itself once both sides are closed.
class TlsBridge : public QObject
{
    Q_OBJECT
public:
    using Deliver = std::function<void(int plaintextFd, const QHostAddress &peer)>;
    // Called once when the handshake phase is over, whichever way (before `deliver` on success;
    // on failure, timeout, plain HTTP, or the bridge's deletion): the listener counts handshakes.
    using HandshakeOver = std::function<void()>;

    TlsBridge(int fd, const QSslConfiguration &configuration, int handshakeTimeoutMs, Deliver deliver,
              HandshakeOver handshakeOver, QObject *parent);
    ~TlsBridge() override;

    bool isHandshaking() const { return m_plain == nullptr; }

private:
    void sniff();
    void refusePlainHttp();
    void onEncrypted();
    void fail(const QString &why);
    // Moves decrypted/plaintext bytes across, as long as the receiving side is not backed up.
    void pump(QAbstractSocket *from, QAbstractSocket *to, bool closing = false);
    qint64 backlog(QAbstractSocket *to) const;
    void onTlsClosed();
    void onPlainClosed();
    void finishIfDone();
    void endHandshake();

    QSslSocket *m_tls;
    QTcpSocket *m_plain = nullptr;
    QHostAddress m_peer;
    QTimer m_deadline;
    Deliver m_deliver;
    HandshakeOver m_handshakeOver; // empty once called
    bool m_sniffed = false;
    bool m_done = false;
};

} // namespace collab::server
