#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QObject>

class QTcpSocket;

namespace collab::server {

// Watches the HTTP requests on one socket handed to QHttpServer, which itself buffers any body
// whole (QHttpServer 6.4 has no size limit). Connected to readyRead before QHttpServer, it follows
// the request heads and Content-Lengths and, for a body over the limit, answers 413 and closes at
// before the body is buffered (the rest is dropped during a short lingering close); a head over
// 16 KiB gets 431, a chunked body 411.
class RequestSizeGuard : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxHeadBytes = 16 * 1024;
    static constexpr qint64 MaxDrainBytes = 4 * 1024 * 1024; // dropped after a refusal, at most
    static constexpr int DrainMs = 2000;                     // then the socket is closed anyway

    RequestSizeGuard(QTcpSocket *socket, qint64 maxBodyBytes);

private:
    void onReadyRead();
    void consume(const QByteArray &bytes);
    void reject(int status, const char *reason, const char *message);

    QTcpSocket *m_socket;
    qint64 m_maxBody;
    QByteArray m_head;        // the current request head, until its blank line
    qint64 m_bodyLeft = 0;    // bytes of the current body still to come
    bool m_rejected = false;
    qint64 m_drained = 0;
};

} // namespace collab::server
