#pragma once

#include "client/backoff.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace collab::client {

// One WebSocket to the server that comes back by itself: after any drop it reconnects with
// backoff until close(). A fresh QWebSocket per attempt, so late signals of a dead socket can never
// be mistaken for the new one.
class Connection : public QObject
{
    Q_OBJECT
public:
    enum class State { Closed, Connecting, Open };
    Q_ENUM(State)

    explicit Connection(QObject *parent = nullptr);
    ~Connection() override;

    void setUrl(const QUrl &url) { m_url = url; }
    QUrl url() const { return m_url; }
    // Used for wss:// (the default one verifies against the system's CAs).
    void setSslConfiguration(const QSslConfiguration &configuration) { m_ssl = configuration; }
    void setConnectTimeout(int ms) { m_connectTimeoutMs = ms; }
    void setAutoReconnect(bool on) { m_autoReconnect = on; }
    bool autoReconnect() const { return m_autoReconnect; }
    void setBackoffPolicy(const Backoff::Policy &policy) { m_backoff = Backoff(policy); }
    Backoff &backoff() { return m_backoff; }

    State state() const { return m_state; }
    bool reconnectPending() const;
    QString lastError() const { return m_lastError; }

    // Starts connecting (and keeps reconnecting) until close().
    void open();
    // Closes cleanly and stops reconnecting.
    void close();
    // Drops the socket as a network failure would; reconnects with backoff when enabled.
    void drop(const QString &reason);

    bool sendText(const QByteArray &utf8);

Q_SIGNALS:
    void stateChanged(collab::client::Connection::State state);
    void opened();
    void closed(const QString &reason);
    void frameReceived(const QByteArray &utf8);
    void reconnectScheduled(int delayMs);

private:
    void attempt();
    void onConnected();
    void onSocketGone(const QString &reason);
    void discardSocket();
    void setState(State state);

    QUrl m_url;
    QSslConfiguration m_ssl = QSslConfiguration::defaultConfiguration();
    QPointer<QWebSocket> m_socket;
    QTimer m_connectTimer;
    QTimer m_reconnectTimer;
    Backoff m_backoff;
    State m_state = State::Closed;
    QString m_lastError;
    int m_connectTimeoutMs = 10000;
    bool m_autoReconnect = true;
    bool m_wanted = false;
};

} // namespace collab::client
