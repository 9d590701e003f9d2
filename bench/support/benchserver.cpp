#include "benchserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <cstdio>

namespace collab::bench {

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::usleep(200); // not a busy loop: the server under test shares the cores
    }
    return true;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

BenchServer::~BenchServer()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    m_process.waitForFinished(10000);
}

bool BenchServer::start(const QString &program, const QJsonObject &config)
{
    QFile configFile(m_dir.filePath(QStringLiteral("config.json")));
    if (!configFile.open(QIODevice::WriteOnly) || configFile.write(QJsonDocument(config).toJson()) < 0) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(configFile.fileName()));
        return false;
    }
    configFile.close();
    m_process.setProgram(program);
    m_process.setArguments({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                            m_dir.filePath(QStringLiteral("data")), QStringLiteral("--config"), configFile.fileName()});
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start();
    QByteArray banner;
    static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
    QRegularExpressionMatch match;
    const bool started = waitUntil([&] {
        banner += m_process.readAllStandardOutput();
        match = listening.match(QString::fromUtf8(banner));
        return match.hasMatch();
    }, 15000);
    if (!started) {
        std::fprintf(stderr, "collab-server did not start (%s)\n", qPrintable(program));
        return false;
    }
    m_url = QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(match.captured(1)));
    return true;
}

} // namespace collab::bench
