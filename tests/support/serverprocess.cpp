#include "serverprocess.h"

#include <QRegularExpression>
#include <QTest>

void setCommandWithFileSizeLimit(QProcess &process, QStringList command, qint64 fileSizeLimit)
{
    if (fileSizeLimit > 0) {
        process.setProgram(QStringLiteral("prlimit"));
        command.prepend(QStringLiteral("--fsize=%1:unlimited").arg(fileSizeLimit));
    } else {
        process.setProgram(command.takeFirst());
    }
    process.setArguments(command);
}

quint16 startServerProcess(QProcess &process, int timeoutMs)
{
    process.start();
    if (!process.waitForStarted(5000))
        return 0;
    static const QRegularExpression listening(QStringLiteral("listening on https?://127\\.0\\.0\\.1:(\\d+)"));
    QByteArray out;
    // The server answers from this event loop's peers: keep spinning, never block.
    if (!QTest::qWaitFor([&] {
            out += process.readAllStandardOutput();
            return listening.match(QString::fromUtf8(out)).hasMatch() || process.state() == QProcess::NotRunning;
        }, timeoutMs))
        return 0;
    return quint16(listening.match(QString::fromUtf8(out)).captured(1).toUInt());
}
