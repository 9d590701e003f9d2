#include "hostedserver.h"

#include "datadirectory.h"
#include "hub/hub.h"
#include "serverinstance.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <QDir>
#include <QNetworkInterface>
#include <QPointer>
#include <QStandardPaths>

namespace collab::desktop {

HostedServer::HostedServer(QObject *parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("collab-hosted"));
}

HostedServer::~HostedServer() { stop(); }

template<typename F> auto HostedServer::onServer(F f) const
{
    using R = decltype(f());
    if (!m_threadContext || !m_thread.isRunning())
        return f();
    R result{};
    QMetaObject::invokeMethod(m_threadContext, [&result, &f] { result = f(); }, Qt::BlockingQueuedConnection);
    return result;
}

QString HostedServer::defaultDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("hosted"));
}

QString HostedServer::start(quint16 port, const QString &dataDir, bool localOnly, bool demo)
{
    stop();
    // Created 0700 from the start (the server's own rule, docs/security.md), not by mkpath's 0755.
    if (const QString error = server::datadirectory::preparePrivate(dataDir); !error.isEmpty())
        return error;
    m_localOnly = localOnly;
    m_dataDir = dataDir;
    server::ServerInstance::Options options;
    if (!demo) // no demo course: the courses this host creates (and any created before, from the log)
        options.config = server::ServerConfig{};
    options.address = localOnly ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(QHostAddress::Any);
    options.dataDir = dataDir;
    // Qt's own server modules on every platform (docs/transport.md, "Two transports").
    options.transportKind = server::TransportKind::Portable;
    m_threadContext = new QObject;
    m_threadContext->moveToThread(&m_thread);
    m_thread.start();
    QString error;
    for (quint16 candidate : {port, quint16(0)}) {
        options.port = candidate;
        // Made, started and later destroyed in the server thread: its sockets, timers and
        // HTTP frontend belong there.
        QMetaObject::invokeMethod(
            m_threadContext,
            [this, &options, &error] {
                m_instance = std::make_unique<server::ServerInstance>();
                error = m_instance->start(options);
                if (error.isEmpty())
                    m_port = m_instance->port();
                else
                    m_instance.reset();
            },
            Qt::BlockingQueuedConnection);
        if (error.isEmpty())
            return {};
        if (candidate == 0)
            break;
    }
    stop();
    return error;
}

void HostedServer::stop()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(m_threadContext, [this] { m_instance.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    m_instance.reset();
    delete m_threadContext;
    m_threadContext = nullptr;
    m_port = 0;
}

quint16 HostedServer::port() const { return m_instance ? m_port : 0; }

QUrl HostedServer::localUrl() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port())); }

QString HostedServer::shareUrl() const
{
    if (!m_localOnly) {
        for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
            if (!(iface.flags() & QNetworkInterface::IsUp) || (iface.flags() & QNetworkInterface::IsLoopBack))
                continue;
            for (const QNetworkAddressEntry &e : iface.addressEntries()) {
                const QHostAddress a = e.ip();
                if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
                    return QStringLiteral("ws://%1:%2/ws").arg(a.toString()).arg(port());
            }
        }
    }
    return localUrl().toString();
}

QString HostedServer::course() const
{
    return onServer([this] {
        return m_instance && !m_instance->config().courses.isEmpty() ? m_instance->config().courses.first().id : QString();
    });
}

QString HostedServer::joinCode() const
{
    return onServer([this] {
        return m_instance && !m_instance->config().courses.isEmpty() ? m_instance->config().courses.first().joinCode : QString();
    });
}

QString HostedServer::instructor() const
{
    return onServer([this] {
        if (!m_instance || m_instance->config().courses.isEmpty() || m_instance->config().courses.first().instructors.isEmpty())
            return QString();
        return m_instance->config().courses.first().instructors.first();
    });
}

} // namespace collab::desktop

namespace collab::desktop {

QString HostedServer::instructorSecret() const
{
    const QString name = instructor();
    return onServer([this, name] {
        if (!m_instance || m_instance->config().courses.isEmpty())
            return QString();
        return m_instance->config().courses.first().instructorSecrets.value(name);
    });
}

} // namespace collab::desktop

namespace collab::desktop {

namespace {
QString hostedCoursesPath(const QString &dataDir) { return QDir(dataDir).filePath(QStringLiteral("hosted-courses.json")); }
} // namespace

QString HostedServer::adminSecret() const
{
    QFile file(QDir(m_dataDir).filePath(QStringLiteral("admin-secret")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

HostedServer::HostedCourse HostedServer::lastHostedCourse() const
{
    QFile file(hostedCoursesPath(m_dataDir));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray courses = QJsonDocument::fromJson(file.readAll()).array();
    for (qsizetype i = courses.size() - 1; i >= 0; --i) {
        const QJsonObject c = courses.at(i).toObject();
        const QString id = c.value(QLatin1String("course")).toString();
        if (onServer([this, &id] { return m_instance && m_instance->hub().course(id); })) // still there (not deleted)
            return HostedCourse{id, c.value(QLatin1String("joinCode")).toString(), c.value(QLatin1String("instructor")).toString(),
                                c.value(QLatin1String("secret")).toString()};
    }
    return {};
}

void HostedServer::createCourse(proto::CourseCreate spec, const QString &instructor, std::function<void(Result<HostedCourse>)> done)
{
    if (!m_instance)
        return done(ProtocolError::make(ErrorCode::Unavailable, tr("the hosted server is not running")));
    spec.instructors = {instructor};
    // The hub answers in the server thread; `done` runs on this object's (the GUI) thread.
    auto answer = [self = QPointer<HostedServer>(this), done = std::move(done)](Result<HostedCourse> r) {
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, done, r = std::move(r)]() mutable {
                if (self)
                    done(std::move(r));
            });
    };
    QMetaObject::invokeMethod(m_threadContext, [this, spec, instructor, answer = std::move(answer)] {
        if (m_instance)
            createCourseInServerThread(spec, instructor, answer);
    });
}

// The server thread: creates the course and keeps what the hub answered.
void HostedServer::createCourseInServerThread(const proto::CourseCreate &spec, const QString &instructor,
                                              const std::function<void(Result<HostedCourse>)> &done)
{
    const server::Actor host{instructor, server::Actor::Role::Admin, QString()}; // the local hosting user
    const QString path = hostedCoursesPath(m_dataDir);
    m_instance->hub().createCourse(host, spec, [path, instructor, done](Result<QJsonObject> r) {
        if (!r)
            return done(r.error());
        const HostedCourse c{r.value().value(QLatin1String("course")).toString(), r.value().value(QLatin1String("joinCode")).toString(),
                             instructor, r.value().value(QLatin1String("secrets")).toObject().value(instructor).toString()};
        // Kept like a token (0600): hosting again reopens the course as its instructor.
        QJsonArray kept;
        QFile in(path);
        if (in.open(QIODevice::ReadOnly))
            kept = QJsonDocument::fromJson(in.readAll()).array();
        in.close();
        kept.append(QJsonObject{{QStringLiteral("course"), c.course}, {QStringLiteral("joinCode"), c.joinCode},
                                {QStringLiteral("instructor"), c.instructor}, {QStringLiteral("secret"), c.secret}});
        QSaveFile out(path);
        if (out.open(QIODevice::WriteOnly)) {
            out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            out.write(QJsonDocument(kept).toJson());
            out.commit();
        }
        done(c);
    });
}

} // namespace collab::desktop
