#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

// collab-bench (from $COLLAB_BIN_DIR) as a child process of a test: a steady chat load that rides
// out faults (--retry) and writes every acknowledged clientMsgId to a file as the ack arrives
// (--acked-log), so the test can watch the load progress and check what was acknowledged.
class BenchProcess
{
public:
    struct Load
    {
        int connections = 50;
        int senders = 5;
        double rate = 50; // msg/s per sender
        double duration = 12;
        double drain = 30; // at most; it ends as soon as every message is acknowledged
        int textSize = 0;
    };

    BenchProcess() = default;
    ~BenchProcess();
    BenchProcess(const BenchProcess &) = delete;
    BenchProcess &operator=(const BenchProcess &) = delete;

    static QString program();

    // Starts the load on course CECS327 (the test server's join code), channel general.
    bool start(const QUrl &wsUrl, const Load &load);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 processId() const { return m_process.processId(); }

    // The acknowledged clientMsgIds so far, in ack order (read from the file each time).
    QStringList ackedIds() const;
    int ackedCount() const { return int(ackedIds().size()); }

    // Once it has ended: its exit code and the JSON line it printed (empty if none).
    int exitCode() const { return m_process.exitCode(); }
    QJsonObject result();
    // Its stderr so far (progress and the first problems it saw), for failure messages.
    QString log();

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
};
