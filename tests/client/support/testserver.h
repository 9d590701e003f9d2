#pragma once

#include "serverinstance.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The real collab_server, in-process on 127.0.0.1, with one course. stop() and start(port()) bring it
// back on the same port and data directory, as an instructor restarting the server would.
class TestServer
{
public:
    static constexpr const char *Course = "CECS327";
    static constexpr const char *JoinCode = "letmein-327";

    TestServer() = default;
    ~TestServer() { stop(); }

    // Empty on success, else why not.
    QString start(quint16 port = 0)
    {
        collab::server::CourseConfig course;
        course.id = QLatin1String(Course);
        course.title = QStringLiteral("Distributed Systems");
        course.joinCode = QLatin1String(JoinCode);
        course.instructors = QStringList{QStringLiteral("prof.lee")};
        course.channels = QStringList{QStringLiteral("general"), QStringLiteral("homework")};
        course.notes = QStringList{QStringLiteral("class-notes")};
        collab::server::ServerConfig config;
        config.courses << course;

        collab::server::ServerInstance::Options options;
        options.address = QHostAddress::LocalHost;
        options.port = port;
        options.dataDir = m_dir.path();
        options.config = config;
        m_instance = std::make_unique<collab::server::ServerInstance>();
        const QString error = m_instance->start(options);
        if (!error.isEmpty())
            m_instance.reset();
        else
            m_port = m_instance->port();
        return error;
    }
    void stop() { m_instance.reset(); }
    bool isRunning() const { return m_instance != nullptr; }
    quint16 port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port)); }
    collab::server::ServerInstance *instance() const { return m_instance.get(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<collab::server::ServerInstance> m_instance;
    quint16 m_port = 0;
};
