#pragma once

#include "protocol/clientmessages.h"
#include "protocol/result.h"

#include <QObject>
#include <QThread>
#include <QUrl>

#include <functional>
#include <memory>

namespace collab::server {
class ServerInstance;
}

namespace collab::desktop {

// "Host a session on this computer": collab_server running inside the app (the same library as
// the headless collab-server), its data under the given directory: with the demo course
// (--host-demo), or with no course until the host creates theirs (createCourse). The app is the
// server's administrator (the secret in DATA/admin-secret, made at the first start, 0600); the
// host becomes the instructor of what they create, with a generated secret kept beside it in
// DATA/hosted-courses.json (0600), like a name's token, so hosting again reopens the course.
//
// The server runs in a thread of its own ("collab-hosted"), never on the GUI thread: the hub,
// the store's commits and the WebSocket traffic of a classroom must not stall the window (and
// the window's work must not delay the classroom). It always uses the portable transport (Qt's
// QTcpServer/QWebSocketServer: the app builds and hosts on every platform). The GUI thread talks
// to it only through this class: the getters below ask the server thread (a blocking hop, used at
// start and when a course is created), createCourse() answers back on the GUI thread.
class HostedServer : public QObject
{
    Q_OBJECT
public:
    explicit HostedServer(QObject *parent = nullptr);
    ~HostedServer() override;

    static QString defaultDataDir(); // <AppDataLocation>/hosted

    // Listens on all interfaces (so classmates can join) on `port`; if that port is taken, on
    // any free one. Returns an error message, or "" once running.
    // `demo`: the demo course (as --host-demo); otherwise no course but those created here.
    QString start(quint16 port, const QString &dataDir, bool localOnly = false, bool demo = true);
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
    // The instance, which lives in the server thread (tests read its state once it is quiet).
    server::ServerInstance *instance() const { return m_instance.get(); }

    // A course the host created (and its join code and their instructor secret), as kept.
    struct HostedCourse
    {
        QString course;
        QString joinCode;
        QString instructor;
        QString secret;
    };
    // Creates `spec` with `instructor` as its instructor, as the administrator (in-process: no
    // socket), and keeps what it answered. `done` runs once the course is stored.
    void createCourse(proto::CourseCreate spec, const QString &instructor, std::function<void(Result<HostedCourse>)> done);
    // The last course created here by this host (empty course if none).
    HostedCourse lastHostedCourse() const;
    QString adminSecret() const; // DATA/admin-secret

private:
    // Runs `f` in the server thread and returns its result (GUI thread: blocks for the hop).
    template<typename F> auto onServer(F f) const;
    void createCourseInServerThread(const proto::CourseCreate &spec, const QString &instructor,
                                    const std::function<void(Result<HostedCourse>)> &done);

    QThread m_thread;
    QObject *m_threadContext = nullptr; // lives in m_thread: what invokeMethod runs things on
    std::unique_ptr<server::ServerInstance> m_instance;
    quint16 m_port = 0;
    bool m_localOnly = false;
    QString m_dataDir;
};

} // namespace collab::desktop
