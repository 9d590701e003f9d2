#include "testserver.h"

#include <QDir>
#include <QJsonDocument>
#include <QUrl>

using namespace collab::server;

TestServer::TestServer() = default;
TestServer::~TestServer() { stop(); }

ServerConfig TestServer::testConfig()
{
    const QByteArray json = R"({
      "courses": [
        {"id": "CECS327", "title": "Distributed Systems", "joinCode": "blue-river-42",
         "instructors": ["prof.lee"], "channels": ["general", "homework"], "notes": ["class-notes"]},
        {"id": "MATH101", "title": "Calculus", "joinCode": "sum-of-parts",
         "instructors": [{"user": "dr.kim", "secret": "kim-secret-1"}], "announcements": ["news"]}
      ],
      "apiKeys": [{"name": "lms", "key": "test-key-123", "courses": ["CECS327"], "authors": ["lms", "canvas-bot"]}],
      "demo": true
    })";
    return ServerConfig::fromJson(QJsonDocument::fromJson(json).object()).value();
}

LimitsConfig TestServer::unlimited()
{
    LimitsConfig l;
    l.chatPerSecond = 0;
    l.requestsPerSecond = 0;
    l.restPerSecond = 0;
    l.maxConnectionsPerAddress = 0;
    l.httpConnectionsPerAddress = 0;
    l.newNamesPerAddressPerMinute = 0;
    l.newNamesPerCoursePerMinute = 0;
    l.noteOpsPerSecond = 0;
    l.noteBytesPerSecond = 0;
    l.fileUploadsPerMinute = 0;
    return l;
}

bool TestServer::start()
{
    stop();
    m_instance = std::make_unique<ServerInstance>();
    ServerInstance::Options options;
    options.port = m_port; // 0 the first time, then the same port again on restart
    options.dataDir = dataDir();
    options.config = m_config ? *m_config : testConfig();
    if (m_limits)
        options.config->limits = *m_limits;
    options.redisUrl = m_redisUrl;
    options.presenceTtlMs = m_presenceTtlMs;
    options.redisRequireFsync = m_redisRequireFsync;
    options.redisMinReplicas = m_redisMinReplicas;
    options.tls = m_tls;
    options.transport = m_transport;
    options.transportKind = transportKind();
    m_error = m_instance->start(options);
    if (!m_error.isEmpty()) {
        qWarning("TestServer: %s", qPrintable(m_error));
        m_instance.reset();
        return false;
    }
    m_port = m_instance->port();
    return true;
}

collab::server::ApiKeyConfig TestServer::staffKey(const QStringList &courses)
{
    collab::server::ApiKeyConfig staff;
    staff.name = QStringLiteral("staff");
    staff.key = QString::fromLatin1(StaffKey);
    staff.courses = courses;
    staff.role = collab::server::ApiKeyConfig::Role::Instructor;
    return staff;
}

void TestServer::stop() { m_instance.reset(); }

std::unique_ptr<collab::server::SqliteEventLog> TestServer::openLogRebuildingProjections(QString *error) const
{
    auto log = std::make_unique<collab::server::SqliteEventLog>();
    collab::server::SqliteEventLog::Options options;
    options.path = QDir(dataDir()).filePath(QStringLiteral("collab.db"));
    options.rebuildProjections = true;
    *error = log->open(options);
    return error->isEmpty() ? std::move(log) : nullptr;
}

TransportKind TestServer::transportKind()
{
    // CTest runs every server-level suite twice: as is, and as NAME_portable with
    // COLLAB_TRANSPORT=portable (tests/CMakeLists.txt, collab_add_test ... BOTH_TRANSPORTS).
    const QString name = qEnvironmentVariable("COLLAB_TRANSPORT");
    if (name.isEmpty())
        return defaultTransportKind();
    const std::optional<TransportKind> kind = transportKindFromName(name);
    if (!kind)
        qFatal("COLLAB_TRANSPORT=%s: engine or portable", qPrintable(name));
    return *kind;
}

QUrl TestServer::wsUrl() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/ws").arg(m_tls.enabled() ? QLatin1String("wss") : QLatin1String("ws")).arg(m_port));
}

QUrl TestServer::httpUrl(const QString &path) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                    .arg(m_tls.enabled() ? QLatin1String("https") : QLatin1String("http"))
                    .arg(m_port)
                    .arg(path));
}
