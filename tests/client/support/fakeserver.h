#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <functional>

// A scripted protocol peer for client unit tests: it records every frame the client sends and
// answers through a replaceable handler, so a test can produce what the real server never does
// (duplicates, late replies, silence, retryable errors). By default: hello → welcome, join → joined.
class FakeServer : public QObject
{
public:
    using Handler = std::function<void(QWebSocket *socket, const QJsonObject &frame)>;

    explicit FakeServer(QObject *parent = nullptr)
        : QObject(parent), m_server(QStringLiteral("fake"), QWebSocketServer::NonSecureMode)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                m_sockets << s;
                ++m_connections;
                connect(s, &QWebSocket::textMessageReceived, this, [this, s](const QString &text) {
                    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
                    m_received << frame;
                    if (m_handler)
                        m_handler(s, frame);
                    else
                        defaultReply(s, frame);
                });
                connect(s, &QWebSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

    bool listen(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    void stop()
    {
        m_server.close();
        dropAll();
    }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port())); }

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void dropAll()
    {
        for (const QPointer<QWebSocket> &s : std::as_const(m_sockets))
            if (s)
                s->abort();
    }
    void broadcast(const QJsonObject &frame)
    {
        for (const QPointer<QWebSocket> &s : std::as_const(m_sockets))
            if (s && s->state() == QAbstractSocket::ConnectedState)
                send(s, frame);
    }

    static void send(QWebSocket *s, const QJsonObject &frame)
    {
        s->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }
    static void reply(QWebSocket *s, const QJsonObject &request, const char *type, QJsonObject fields)
    {
        fields.insert(QStringLiteral("type"), QLatin1String(type));
        if (request.contains(QLatin1String("ref")))
            fields.insert(QStringLiteral("ref"), request.value(QLatin1String("ref")));
        send(s, fields);
    }

    // hello → welcome; join → joined at `courseSeq` (resumed when since is given).
    void defaultReply(QWebSocket *s, const QJsonObject &f)
    {
        const QString type = f.value(QLatin1String("type")).toString();
        if (type == QLatin1String("hello")) {
            reply(s, f, "welcome",
                  {{QStringLiteral("session"), QStringLiteral("s%1").arg(m_connections)},
                   {QStringLiteral("user"), f.value(QLatin1String("user"))},
                   {QStringLiteral("server"), QStringLiteral("fake")},
                   {QStringLiteral("protocol"), 1}});
        } else if (type == QLatin1String("join")) {
            const bool resumed = f.contains(QLatin1String("since"));
            reply(s, f, "joined",
                  {{QStringLiteral("course"), f.value(QLatin1String("course"))},
                   {QStringLiteral("seq"), double(courseSeq)},
                   {QStringLiteral("channels"), QJsonArray{QStringLiteral("general")}},
                   {QStringLiteral("notes"), QJsonArray{QStringLiteral("class-notes")}},
                   {QStringLiteral("members"), QJsonArray{}},
                   {QStringLiteral("resumed"), resumed},
                   {QStringLiteral("recovered"), recovered},
                   {QStringLiteral("replayed"), 0}});
        }
    }

    static QJsonObject event(const QString &course, quint64 seq, const QString &text)
    {
        return {{QStringLiteral("type"), QStringLiteral("event")},
                {QStringLiteral("course"), course},
                {QStringLiteral("seq"), double(seq)},
                {QStringLiteral("kind"), QStringLiteral("chat.posted")},
                {QStringLiteral("ts"), 0},
                {QStringLiteral("data"),
                 QJsonObject{{QStringLiteral("id"), double(seq)},
                             {QStringLiteral("channel"), QStringLiteral("general")},
                             {QStringLiteral("author"), QStringLiteral("bob")},
                             {QStringLiteral("text"), text},
                             {QStringLiteral("createdAt"), 0}}}};
    }

    QList<QJsonObject> received(const char *type) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &f : m_received)
            if (f.value(QLatin1String("type")).toString() == QLatin1String(type))
                out << f;
        return out;
    }
    int connections() const { return m_connections; }

    quint64 courseSeq = 0;
    bool recovered = true;

private:
    QWebSocketServer m_server;
    QList<QPointer<QWebSocket>> m_sockets;
    QList<QJsonObject> m_received;
    Handler m_handler;
    int m_connections = 0;
};
