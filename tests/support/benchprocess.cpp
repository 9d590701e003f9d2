#include "benchprocess.h"

#include "testserver.h"

#include <QFile>
#include <QJsonDocument>

#include <csignal>
#include <sys/prctl.h>

BenchProcess::~BenchProcess()
{
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

QString BenchProcess::program()
{
    return qEnvironmentVariable("COLLAB_BIN_DIR") + QStringLiteral("/collab-bench");
}

bool BenchProcess::start(const QUrl &wsUrl, const Load &load)
{
    if (!m_dir.isValid())
        return false;
    m_process.setProgram(program());
    m_process.setArguments({QStringLiteral("--url"), wsUrl.toString(), QStringLiteral("--join-code"), QString::fromLatin1(TestServer::JoinCode),
                            QStringLiteral("--connections"), QString::number(load.connections), QStringLiteral("--senders"),
                            QString::number(load.senders), QStringLiteral("--rate"), QString::number(load.rate),
                            QStringLiteral("--duration"), QString::number(load.duration), QStringLiteral("--drain"),
                            QString::number(load.drain), QStringLiteral("--text-size"), QString::number(load.textSize),
                            QStringLiteral("--retry"), QStringLiteral("--acked-log"), m_dir.filePath(QStringLiteral("acked.log"))});
    // If the test dies, its load goes with it instead of hammering whatever takes the port next.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process.start();
    return m_process.waitForStarted(5000);
}

QStringList BenchProcess::ackedIds() const
{
    QFile file(m_dir.filePath(QStringLiteral("acked.log")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList ids;
    for (const QByteArray &line : file.readAll().split('\n'))
        if (!line.isEmpty())
            ids << QString::fromLatin1(line);
    return ids;
}

QJsonObject BenchProcess::result()
{
    m_stdout += m_process.readAllStandardOutput();
    const QList<QByteArray> lines = m_stdout.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}

QString BenchProcess::log()
{
    m_stderr += m_process.readAllStandardError();
    if (isRunning())
        return QString::fromUtf8(m_stderr);
    return QString::fromUtf8(m_stderr)
        + (m_process.exitStatus() == QProcess::CrashExit ? QStringLiteral("collab-bench crashed (signal)\n")
                                                         : QStringLiteral("collab-bench exited with %1\n").arg(m_process.exitCode()));
}
