#include "rest/httpwire.h"

#include "rest/httpexchanges.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace collab::server::httpwire {

namespace {

// The statuses of the hot paths, with QHttpServerResponder's phrases; the others use it.
QByteArray statusLine(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("HTTP/1.1 200 OK\r\n");
    case 201: return QByteArrayLiteral("HTTP/1.1 201 Created\r\n");
    case 401: return QByteArrayLiteral("HTTP/1.1 401 Unauthorized\r\n");
    case 404: return QByteArrayLiteral("HTTP/1.1 404 Not Found\r\n");
    default: return {};
    }
}

void appendHeader(QByteArray &out, const QByteArray &name, const QByteArray &value)
{
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
}

} // namespace

QByteArray encode(const HttpResponse &response, const QByteArray &body)
{
    const QByteArray status = statusLine(response.status);
    if (status.isEmpty())
        return {};
    QByteArray out;
    out.reserve(status.size() + 64 + response.contentType.size() + body.size());
    out += status;
    appendHeader(out, QByteArrayLiteral("Content-Type"), response.contentType);
    appendHeader(out, QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    for (const auto &[name, value] : response.headers)
        appendHeader(out, name, value);
    out += "\r\n";
    out += body;
    return out;
}

void write(QTcpSocket &socket, const QByteArray &bytes)
{
    qsizetype sent = 0;
    if (socket.bytesToWrite() == 0) { // else the kernel would get these bytes ahead of the queued ones
        const ssize_t n = ::send(int(socket.socketDescriptor()), bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0)
            sent = n; // on an error QTcpSocket's own write below meets it and reports it its usual way
    }
    if (sent < bytes.size())
        socket.write(bytes.constData() + sent, bytes.size() - sent);
}

} // namespace collab::server::httpwire
