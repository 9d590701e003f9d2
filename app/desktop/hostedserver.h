#pragma once

#include <QObject>
#include <QUrl>

#include <memory>

namespace collab::server {
class ServerInstance;
}

namespace collab::desktop {

// "Host a session on this computer": collab_server running inside the app (the same library as
// the headless collab-server) with the demo course, its data under the given directory.
class HostedServer : public QObject
{
    Q_OBJECT
public:
    explicit HostedServer(QObject *parent = nullptr);
    ~HostedServer() override;

    static QString defaultDataDir(); // <AppDataLocation>/hosted

    // Listens on all interfaces (so classmates can join) on `port`; if that port is taken, on
    // any free one. Returns an error message, or "" once running.
    QString start(quint16 port, const QString &dataDir, bool localOnly = false);
    void stop();
    bool isRunning() const { return m_instance != nullptr; }

    quint16 port() const;
    QUrl localUrl() const;  // ws://127.0.0.1:PORT/ws: what this app connects to
    QString shareUrl() const; // ws://<this machine's LAN address>:PORT/ws
    QString course() const;
    QString joinCode() const;
    QString instructor() const; // the demo course's instructor
    // The instructor's secret, made with the demo course (kept in its demo-config.json): no
    // instructor name of a hosted session is left for whoever joins first.
    QString instructorSecret() const;
    server::ServerInstance *instance() const { return m_instance.get(); }

private:
    std::unique_ptr<server::ServerInstance> m_instance;
    bool m_localOnly = false;
};

} // namespace collab::desktop
