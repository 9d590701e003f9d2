#include "wstestclient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

WsTestClient::WsTestClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_received << QJsonDocument::fromJson(text.toUtf8()).object();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_closeCode = int(m_socket.closeCode()); });
}

bool WsTestClient::open(const QUrl &url, int timeoutMs)
{
    m_socket.setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
    m_socket.open(url);
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket.state() != QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        if (m_socket.state() == QAbstractSocket::UnconnectedState && m_socket.error() != QAbstractSocket::UnknownSocketError)
            return false;
        QTest::qWait(5);
    }
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

void WsTestClient::close()
{
    m_socket.close();
    QDeadlineTimer deadline(3000);
    while (m_socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired())
        QTest::qWait(5);
}

void WsTestClient::sendJson(const QJsonObject &message)
{
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

QJsonObject WsTestClient::waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs, int from)
{
    QDeadlineTimer deadline(timeoutMs);
    int checked = from;
    for (;;) {
        for (; checked < m_received.size(); ++checked)
            if (match(m_received[checked]))
                return m_received[checked];
        if (deadline.hasExpired())
            return {};
        QTest::qWait(2);
    }
}

QJsonObject WsTestClient::waitForType(const QString &type, int timeoutMs, int from)
{
    return waitFor([&type](const QJsonObject &o) { return o.value(QLatin1String("type")).toString() == type; },
                   timeoutMs, from);
}

QJsonObject WsTestClient::request(QJsonObject message, int timeoutMs)
{
    const int ref = m_nextRef++;
    message.insert(QStringLiteral("ref"), ref);
    sendJson(message);
    return waitFor([ref](const QJsonObject &o) { return o.value(QLatin1String("ref")).toInt(-1) == ref; }, timeoutMs);
}

// The tokens servers issued to names, as a real client keeps them: per server, course and user.
QHash<QString, QString> &WsTestClient::tokens()
{
    static QHash<QString, QString> store;
    return store;
}

QJsonObject WsTestClient::helloAndJoin(const QString &user, const QString &course, const QString &joinCode, qint64 since)
{
    const QString scope = m_tokenScope.isEmpty() ? m_socket.requestUrl().authority() : m_tokenScope;
    const QString tokenKey = scope + QLatin1Char(' ') + course + QLatin1Char(' ') + user;
    const QJsonObject welcome = request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("user"), user}});
    if (welcome.value(QLatin1String("type")).toString() != QLatin1String("welcome"))
        return {};
    QJsonObject join{{QStringLiteral("type"), QStringLiteral("join")},
                     {QStringLiteral("course"), course},
                     {QStringLiteral("joinCode"), joinCode}};
    if (since >= 0)
        join.insert(QStringLiteral("since"), double(since));
    if (const QString token = tokens().value(tokenKey); !token.isEmpty())
        join.insert(QStringLiteral("token"), token);
    const QJsonObject joined = request(join);
    if (joined.contains(QLatin1String("token")))
        tokens().insert(tokenKey, joined.value(QLatin1String("token")).toString());
    return joined.value(QLatin1String("type")).toString() == QLatin1String("joined") ? joined : QJsonObject();
}

QList<QJsonObject> WsTestClient::receivedOfType(const QString &type) const
{
    QList<QJsonObject> out;
    for (const QJsonObject &o : m_received)
        if (o.value(QLatin1String("type")).toString() == type)
            out << o;
    return out;
}
