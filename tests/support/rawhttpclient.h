#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QTcpSocket>

#include <memory>
#include <optional>

// One HTTP answer as it came over the wire.
struct RawHttpAnswer
{
    int status = 0;
    QByteArray head; // status line and headers, without the blank line
    QByteArray body;

    // The value of header `name` (case-insensitive), or an empty array.
    QByteArray header(const QByteArray &name) const;
    // The head without its Date line, whose value changes every second: for exact comparisons.
    QByteArray headWithoutDate() const { return withoutDateLines(head); }
    // The Date header (RFC 9110 6.6.1, an IMF-fixdate) as a time; invalid if it is missing,
    // repeated or not an IMF-fixdate.
    QDateTime date() const;

    static QByteArray withoutDateLines(QByteArray bytes);
};

// A raw HTTP/1.1 client on a QTcpSocket (or a QSslSocket for https): writes bytes as they are
// given and reads answers by their Content-Length (1xx answers have no body). Every wait runs the
// event loop, so the server may live in the test's thread.
class RawHttpClient
{
public:
    RawHttpClient() : RawHttpClient(std::make_unique<QTcpSocket>()) {}
    // A QSslSocket (its configuration set: trusted CAs) connects with TLS.
    explicit RawHttpClient(std::unique_ptr<QTcpSocket> socket) : m_socket(std::move(socket)) {}

    // Connected (with TLS: encrypted) to 127.0.0.1:port within 5 s.
    bool connectTo(quint16 port);
    // The first whole answer in what arrived, or nothing yet.
    std::optional<RawHttpAnswer> take();
    // The first answer when it answers a HEAD: its head alone (its Content-Length is the size of the
    // body GET would get; none follows).
    std::optional<RawHttpAnswer> takeHead();
    // The answers that came whole within timeoutMs, at most until `count` did or the connection
    // ended.
    QList<RawHttpAnswer> read(int count, int timeoutMs = 10000);
    // The server ended the connection within 5 s.
    bool waitClosed();

private:
    std::unique_ptr<QTcpSocket> m_socket;

public:
    QTcpSocket &socket = *m_socket;
    QByteArray buffer; // received, not taken yet
};

QByteArray rawGet(const QByteArray &target, const QByteArray &headers = {});
QByteArray rawPost(const QByteArray &target, const QByteArray &body);
// POST /api/v1/courses/COURSE/files with `bytes` as the body; a null `name` sends no X-File-Name.
QByteArray rawUpload(const QString &course, const QByteArray &authorization, const QByteArray &name, const QByteArray &bytes,
                     const QByteArray &contentType = "application/octet-stream");
// The value of an Authorization header for a member: HTTP Basic with the name and its token.
QByteArray basicAuthorization(const QString &user, const QString &token);
// `request` on a connection of its own to 127.0.0.1:port; its answer (status 0: none in time).
RawHttpAnswer rawExchange(quint16 port, const QByteArray &request, int timeoutMs = 10000);
