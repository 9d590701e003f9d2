#pragma once

#include <QByteArrayList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// A real redis-server for a test: on a free port of 127.0.0.1, with appendonly (appendfsync always) in a temporary
// directory (the durable store of several nodes), started and stopped by the test. kill() is a
// SIGKILL; start() again brings it back on the same port and directory.
//
// The same class runs a replica (setReplicaOf) or a sentinel (setSentinelOf: `redis-server
// sentinel.conf --sentinel`, with a generated configuration that monitors the primary under a
// master name), for tests of a primary that fails over.
class TestRedis
{
public:
    TestRedis();
    ~TestRedis();

    // With a password Redis wants AUTH (requirepass); set before start().
    void setPassword(const QString &password) { m_password = password; }
    // A replica of the Redis on 127.0.0.1:primaryPort; set before start().
    void setReplicaOf(quint16 primaryPort) { m_replicaOf = primaryPort; }
    // A sentinel watching the primary on 127.0.0.1:primaryPort as `masterName`: down after
    // downAfterMs without an answer, `quorum` sentinels agreeing. Set before start().
    struct Sentinel
    {
        QString masterName = QStringLiteral("mymaster");
        quint16 primaryPort = 0;
        int quorum = 2;
        int downAfterMs = 1000;
        int failoverTimeoutMs = 3000;
    };
    void setSentinelOf(const Sentinel &sentinel) { m_sentinel = sentinel; }
    bool isSentinel() const { return m_sentinel.primaryPort != 0; }

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
    QStringList serverArguments() const;
    QStringList sentinelArguments() const;

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_password;
    quint16 m_replicaOf = 0;
    Sentinel m_sentinel;
};

// redis-sentinel://127.0.0.1:P1,127.0.0.1:P2,.../masterName for the nodes, from running sentinels.
QString sentinelUrl(const QList<const TestRedis *> &sentinels, const QString &masterName = QStringLiteral("mymaster"));
