#include "rawhttpclient.h"

#include <QHostAddress>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>
#include <QSslSocket>
#include <QTest>

QByteArray RawHttpAnswer::header(const QByteArray &name) const
{
    const QByteArray prefix = name.toLower() + ':';
    for (const QByteArray &line : head.split('\n'))
        if (line.toLower().startsWith(prefix))
            return line.mid(prefix.size()).trimmed();
    return {};
}

QByteArray RawHttpAnswer::withoutDateLines(QByteArray bytes)
{
    static const QRegularExpression dateLine(QStringLiteral("\r\nDate: [^\r]*"), QRegularExpression::CaseInsensitiveOption);
    return QString::fromLatin1(bytes).remove(dateLine).toLatin1();
}

QDateTime RawHttpAnswer::date() const
{
    static const QRegularExpression fixdate(QStringLiteral(
        "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d\\d:\\d\\d:\\d\\d GMT$"));
    if (head.toLower().count("\r\ndate:") != 1)
        return {};
    const QString value = QString::fromLatin1(header("date"));
    if (!fixdate.match(value).hasMatch())
        return {};
    QDateTime when = QLocale::c().toDateTime(value, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    when.setTimeZone(QTimeZone::utc()); // the fields as they are, read as UTC
    return when;
}

bool RawHttpClient::connectTo(quint16 port)
{
    if (auto *tls = qobject_cast<QSslSocket *>(&socket)) {
        tls->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        return QTest::qWaitFor([tls] { return tls->isEncrypted() || tls->state() == QAbstractSocket::UnconnectedState; }, 5000)
               && tls->isEncrypted();
    }
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(5000);
}

std::optional<RawHttpAnswer> RawHttpClient::take()
{
    buffer += socket.readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    RawHttpAnswer a{buffer.mid(9, 3).toInt(), buffer.left(end), {}};
    const qsizetype length = a.status < 200 ? 0 : a.header("content-length").toLongLong();
    if (buffer.size() < end + 4 + length)
        return std::nullopt;
    a.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    return a;
}

std::optional<RawHttpAnswer> RawHttpClient::takeHead()
{
    buffer += socket.readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    RawHttpAnswer a{buffer.mid(9, 3).toInt(), buffer.left(end), {}};
    buffer.remove(0, end + 4);
    return a;
}

QList<RawHttpAnswer> RawHttpClient::read(int count, int timeoutMs)
{
    QList<RawHttpAnswer> answers;
    [[maybe_unused]] const bool done = QTest::qWaitFor([&] {
        while (std::optional<RawHttpAnswer> a = take())
            answers << *a;
        return answers.size() >= count || socket.state() == QAbstractSocket::UnconnectedState; // no more can come
    }, timeoutMs);
    return answers;
}

bool RawHttpClient::waitClosed()
{
    return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::UnconnectedState; }, 5000);
}

QByteArray rawGet(const QByteArray &target, const QByteArray &headers)
{
    return "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n";
}

QByteArray rawPost(const QByteArray &target, const QByteArray &body)
{
    return "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray rawUpload(const QString &course, const QByteArray &authorization, const QByteArray &name, const QByteArray &bytes,
                     const QByteArray &contentType)
{
    QByteArray head = "POST /api/v1/courses/" + course.toUtf8() + "/files HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization
                      + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(bytes.size()) + "\r\n";
    if (!name.isNull())
        head += "X-File-Name: " + name + "\r\n";
    return head + "\r\n" + bytes;
}

QByteArray basicAuthorization(const QString &user, const QString &token)
{
    return "Basic " + (user + QLatin1Char(':') + token).toUtf8().toBase64();
}

RawHttpAnswer rawExchange(quint16 port, const QByteArray &request, int timeoutMs)
{
    RawHttpClient client;
    if (!client.connectTo(port))
        return {};
    client.socket.write(request);
    const QList<RawHttpAnswer> answers = client.read(1, timeoutMs);
    return answers.isEmpty() ? RawHttpAnswer{} : answers.first();
}
