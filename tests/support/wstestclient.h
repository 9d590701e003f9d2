#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>

// A raw protocol client for tests: sends JSON (or any text), records every frame it receives, and
// waits for frames that match. Waits are bounded; they never sleep a fixed time.
class WsTestClient : public QObject
{
    Q_OBJECT

public:
    explicit WsTestClient(QObject *parent = nullptr);

    bool open(const QUrl &url, int timeoutMs = 5000);
    void close();
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

    void sendJson(const QJsonObject &message);
    void sendText(const QString &text) { m_socket.sendTextMessage(text); }
    QWebSocket &socket() { return m_socket; }

    // hello + join; returns the joined frame (empty object on failure).
    QJsonObject helloAndJoin(const QString &user, const QString &course, const QString &joinCode,
                             qint64 since = -1);
    // Sends `message` with a fresh ref and waits for the reply that carries it.
    QJsonObject request(QJsonObject message, int timeoutMs = 5000);

    // The first received frame (at or after `from`) for which `match` is true; waits up to timeoutMs.
    QJsonObject waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 5000, int from = 0);
    QJsonObject waitForType(const QString &type, int timeoutMs = 5000, int from = 0);

    const QList<QJsonObject> &received() const { return m_received; }
    QList<QJsonObject> receivedOfType(const QString &type) const;
    int receivedCount() const { return int(m_received.size()); }
    int closeCode() const { return m_closeCode; }
    // Name tokens are kept per server (host:port) unless a scope says which servers share them
    // (one server restarted on another port, nodes sharing one identity store).
    static QHash<QString, QString> &tokens();
    void setTokenScope(const QString &scope) { m_tokenScope = scope; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_received;
    int m_nextRef = 1;
    int m_closeCode = -1;
    QString m_tokenScope;
};
