#include "transport/handshake.h"

#include "rest/httpdate.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QList>

namespace collab::server {

namespace {

// True when the comma-separated header value contains `token` (case-insensitive).
bool hasToken(QByteArrayView value, QByteArrayView token)
{
    while (!value.isEmpty()) {
        qsizetype comma = value.indexOf(',');
        QByteArrayView item = comma < 0 ? value : value.first(comma);
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
        if (comma < 0)
            break;
        value = value.sliced(comma + 1);
    }
    return false;
}

} // namespace

Handshake::Sniff Handshake::sniff(QByteArrayView firstBytes)
{
    static constexpr char prefix[] = "GET /ws";
    constexpr qsizetype prefixSize = sizeof(prefix) - 1;
    const qsizetype n = qMin(firstBytes.size(), prefixSize);
    for (qsizetype i = 0; i < n; ++i) {
        if (firstBytes.at(i) != prefix[i])
            return Sniff::NotOurs;
    }
    if (firstBytes.size() <= prefixSize)
        return Sniff::Undecided;
    const char next = firstBytes.at(prefixSize);
    return (next == ' ' || next == '?') ? Sniff::Ours : Sniff::NotOurs;
}

qsizetype Handshake::headEnd(QByteArrayView buffer)
{
    const qsizetype at = buffer.indexOf(QByteArrayView("\r\n\r\n"));
    return at < 0 ? -1 : at + 4;
}

Handshake::Result Handshake::validate(QByteArrayView head, QByteArrayView path)
{
    Result result;
    const qsizetype lineEnd = head.indexOf(QByteArrayView("\r\n"));
    if (lineEnd < 0) {
        result.error = QByteArrayLiteral("malformed request line");
        return result;
    }
    const QList<QByteArray> requestLine = head.first(lineEnd).toByteArray().split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET") {
        result.error = QByteArrayLiteral("a WebSocket upgrade must be a GET request");
        return result;
    }
    const QByteArray &target = requestLine.at(1);
    const qsizetype query = target.indexOf('?');
    if (QByteArrayView(target).first(query < 0 ? target.size() : query) != path) {
        result.error = QByteArrayLiteral("unknown WebSocket path");
        return result;
    }
    if (requestLine.at(2) != "HTTP/1.1") {
        result.error = QByteArrayLiteral("a WebSocket upgrade needs HTTP/1.1");
        return result;
    }

    QByteArrayView upgrade, connection, version, key, host;
    QByteArrayView rest = head.sliced(lineEnd + 2);
    while (!rest.isEmpty()) {
        const qsizetype end = rest.indexOf(QByteArrayView("\r\n"));
        const QByteArrayView line = end < 0 ? rest : rest.first(end);
        rest = end < 0 ? QByteArrayView() : rest.sliced(end + 2);
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            result.error = QByteArrayLiteral("malformed header line");
            return result;
        }
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        // Fields that must come once (RFC 6455 11.3.1 and 11.3.5, RFC 9112 3.2): a second copy
        // is refused, never resolved by picking one of them.
        QByteArrayView *single = nullptr;
        if (name.compare("upgrade", Qt::CaseInsensitive) == 0)
            upgrade = value;
        else if (name.compare("connection", Qt::CaseInsensitive) == 0)
            connection = value;
        else if (name.compare("sec-websocket-version", Qt::CaseInsensitive) == 0)
            single = &version;
        else if (name.compare("sec-websocket-key", Qt::CaseInsensitive) == 0)
            single = &key;
        else if (name.compare("host", Qt::CaseInsensitive) == 0)
            single = &host;
        if (!single)
            continue;
        if (single->data()) {
            result.error = QByteArrayLiteral("duplicate ") + name.toByteArray() + QByteArrayLiteral(" header");
            return result;
        }
        *single = value.data() ? value : QByteArrayView("", 0);
    }

    if (host.isEmpty())
        result.error = QByteArrayLiteral("missing Host header");
    else if (!hasToken(upgrade, "websocket"))
        result.error = QByteArrayLiteral("missing 'Upgrade: websocket'");
    else if (!hasToken(connection, "upgrade"))
        result.error = QByteArrayLiteral("missing 'Connection: Upgrade'");
    else if (version != "13")
        result.error = QByteArrayLiteral("unsupported Sec-WebSocket-Version (need 13)");
    else if (QByteArray::fromBase64(key.toByteArray()).size() != 16 || key.size() != 24)
        result.error = QByteArrayLiteral("invalid Sec-WebSocket-Key");
    if (!result.error.isEmpty())
        return result;

    result.ok = true;
    result.acceptKey = acceptKey(key);
    return result;
}

QByteArray Handshake::acceptKey(QByteArrayView secWebSocketKey)
{
    static constexpr char guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(secWebSocketKey);
    sha1.addData(QByteArrayView(guid));
    return sha1.result().toBase64();
}

QByteArray Handshake::switchingProtocols(const QByteArray &acceptKey)
{
    return QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\nDate: ") + httpdate::now()
        + QByteArrayLiteral("\r\n"
                            "Upgrade: websocket\r\n"
                            "Connection: Upgrade\r\n"
                            "Sec-WebSocket-Accept: ")
        + acceptKey + QByteArrayLiteral("\r\n\r\n");
}

QByteArray Handshake::badRequest(const QByteArray &reason)
{
    const QByteArray body = reason + '\n';
    return QByteArrayLiteral("HTTP/1.1 400 Bad Request\r\nDate: ") + httpdate::now()
        + QByteArrayLiteral("\r\n"
                             "Content-Type: text/plain; charset=utf-8\r\n"
                             "Sec-WebSocket-Version: 13\r\n"
                             "Connection: close\r\n"
                             "Content-Length: ")
        + QByteArray::number(body.size()) + QByteArrayLiteral("\r\n\r\n") + body;
}

} // namespace collab::server
