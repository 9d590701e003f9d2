#include "hostedserver.h"

#include "serverinstance.h"

#include <QDir>
#include <QNetworkInterface>
#include <QStandardPaths>

namespace collab::desktop {

HostedServer::HostedServer(QObject *parent) : QObject(parent) {}
HostedServer::~HostedServer() = default;

QString HostedServer::defaultDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("hosted"));
}

QString HostedServer::start(quint16 port, const QString &dataDir, bool localOnly)
{
    stop();
    if (!QDir().mkpath(dataDir))
        return QStringLiteral("cannot create %1").arg(dataDir);
    m_localOnly = localOnly;
    server::ServerInstance::Options options;
    options.address = localOnly ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(QHostAddress::Any);
    options.dataDir = dataDir;
    QString error;
    for (quint16 candidate : {port, quint16(0)}) {
        options.port = candidate;
        m_instance = std::make_unique<server::ServerInstance>();
        error = m_instance->start(options);
        if (error.isEmpty())
            return {};
        m_instance.reset();
        if (candidate == 0)
            break;
    }
    return error;
}

void HostedServer::stop() { m_instance.reset(); }

quint16 HostedServer::port() const { return m_instance ? m_instance->port() : 0; }

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
    return m_instance && !m_instance->config().courses.isEmpty() ? m_instance->config().courses.first().id : QString();
}

QString HostedServer::joinCode() const
{
    return m_instance && !m_instance->config().courses.isEmpty() ? m_instance->config().courses.first().joinCode
                                                                 : QString();
}

QString HostedServer::instructor() const
{
    if (!m_instance || m_instance->config().courses.isEmpty()
        || m_instance->config().courses.first().instructors.isEmpty())
        return {};
    return m_instance->config().courses.first().instructors.first();
}

} // namespace collab::desktop

namespace collab::desktop {

QString HostedServer::instructorSecret() const
{
    if (!m_instance || m_instance->config().courses.isEmpty())
        return {};
    return m_instance->config().courses.first().instructorSecrets.value(instructor());
}

} // namespace collab::desktop
