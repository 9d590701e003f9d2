#include "testredis.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

namespace {

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

TestRedis::TestRedis() = default;
TestRedis::~TestRedis() { stop(); }

bool TestRedis::start()
{
    if (isRunning())
        return true;
    // Another process may take the probed port before redis-server binds it: try a few. A restart
    // keeps its port (the nodes reconnect to it).
    const bool restart = m_port != 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (!restart)
            m_port = freePort();
        m_process.setProgram(QStringLiteral("redis-server"));
        // If the test dies (a crash, a timeout kill), its Redis goes with it instead of lingering.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_process.setArguments(isSentinel() ? sentinelArguments() : serverArguments());
        m_process.start();
        if (!m_process.waitForStarted(5000))
            return false;
        QDeadlineTimer deadline(5000);
        while (!deadline.hasExpired() && isRunning()) {
            if (answersPing())
                return true;
            QTest::qWait(20);
        }
        m_process.kill();
        m_process.waitForFinished(3000);
    }
    return false;
}

QStringList TestRedis::serverArguments() const
{
    QStringList args{QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"),
                     QStringLiteral("127.0.0.1"), QStringLiteral("--appendonly"), QStringLiteral("yes"),
                     QStringLiteral("--appendfsync"), QStringLiteral("always"), // acked = in the file (docs/operations.md)
                     QStringLiteral("--dir"), m_dir.path(), QStringLiteral("--save"), QStringLiteral(""),
                     QStringLiteral("--daemonize"), QStringLiteral("no"), QStringLiteral("--logfile"),
                     m_dir.filePath(QStringLiteral("redis.log"))};
    if (!m_password.isEmpty())
        args << QStringLiteral("--requirepass") << m_password << QStringLiteral("--masterauth") << m_password;
    if (m_replicaOf != 0)
        args << QStringLiteral("--replicaof") << QStringLiteral("127.0.0.1") << QString::number(m_replicaOf);
    return args;
}

// A sentinel rewrites its configuration file (what it learnt: replicas, other sentinels, the
// current primary), so the file lives in the temporary directory; a restart reuses it.
QStringList TestRedis::sentinelArguments() const
{
    const QString path = m_dir.filePath(QStringLiteral("sentinel.conf"));
    if (!QFile::exists(path)) {
        QFile conf(path);
        if (conf.open(QIODevice::WriteOnly)) {
            const QByteArray name = m_sentinel.masterName.toUtf8();
            QByteArrayList lines{"port " + QByteArray::number(m_port), "bind 127.0.0.1", "daemonize no",
                                 "dir " + m_dir.path().toUtf8(),
                                 "logfile " + m_dir.filePath(QStringLiteral("sentinel.log")).toUtf8(),
                                 "sentinel monitor " + name + " 127.0.0.1 " + QByteArray::number(m_sentinel.primaryPort) + ' '
                                     + QByteArray::number(m_sentinel.quorum),
                                 "sentinel down-after-milliseconds " + name + ' ' + QByteArray::number(m_sentinel.downAfterMs),
                                 "sentinel failover-timeout " + name + ' ' + QByteArray::number(m_sentinel.failoverTimeoutMs),
                                 "sentinel parallel-syncs " + name + " 1"};
            if (!m_password.isEmpty())
                lines << "sentinel auth-pass " + name + ' ' + m_password.toUtf8();
            conf.write(lines.join('\n') + '\n');
        }
    }
    return {path, QStringLiteral("--sentinel")};
}

QString sentinelUrl(const QList<const TestRedis *> &sentinels, const QString &masterName)
{
    QStringList hosts;
    for (const TestRedis *s : sentinels)
        hosts << QStringLiteral("127.0.0.1:%1").arg(s->port());
    return QStringLiteral("redis-sentinel://%1/%2").arg(hosts.join(QLatin1Char(',')), masterName);
}

bool TestRedis::answersPing() const
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!socket.waitForConnected(500))
        return false;
    if (!m_password.isEmpty() && !isSentinel())
        socket.write("AUTH " + m_password.toUtf8() + "\r\n");
    socket.write("PING\r\n");
    if (!socket.waitForBytesWritten(500))
        return false;
    QByteArray reply;
    QDeadlineTimer deadline(1000);
    while (!reply.contains("+PONG") && !reply.contains("-") && !deadline.hasExpired() && socket.waitForReadyRead(int(deadline.remainingTime())))
        reply += socket.readAll();
    return reply.contains("+PONG");
}

void TestRedis::kill()
{
    if (!isRunning())
        return;
    m_process.kill(); // SIGKILL
    m_process.waitForFinished(5000);
}

void TestRedis::stop()
{
    if (!isRunning())
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

QByteArray TestRedis::command(const QStringList &args) const
{
    QProcess cli;
    QStringList options{QStringLiteral("-p"), QString::number(m_port)};
    if (!m_password.isEmpty() && !isSentinel())
        options << QStringLiteral("--no-auth-warning") << QStringLiteral("-a") << m_password;
    cli.start(QStringLiteral("redis-cli"), options + args);
    if (!cli.waitForFinished(5000)) {
        cli.kill();
        cli.waitForFinished(1000);
        return {};
    }
    return cli.readAllStandardOutput().trimmed();
}
