#pragma once

#include <QByteArrayList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// A real redis-server for a test: on a free port of 127.0.0.1, with appendonly (appendfsync always) in a temporary
// directory (the durable store of several nodes), started and stopped by the test. kill() is a
// SIGKILL; start() again brings it back on the same port and directory.
class TestRedis
{
public:
    TestRedis();
    ~TestRedis();

    // With a password Redis wants AUTH (requirepass); set before start().
    void setPassword(const QString &password) { m_password = password; }

    bool start();   // waits (bounded) until it answers PING
    void kill();    // SIGKILL, then waits for the process to be gone
    void stop();

    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("redis://127.0.0.1:%1").arg(m_port); }
    QString urlWithPassword(const QString &password) const
    {
        return QStringLiteral("redis://:%1@127.0.0.1:%2").arg(password).arg(m_port);
    }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    // One command through redis-cli; its standard output, trimmed (empty on failure).
    QByteArray command(const QStringList &args) const;

private:
    bool answersPing() const;

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_password;
};
