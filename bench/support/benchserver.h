#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>
#include <vector>

namespace collab::bench {

// Runs the event loop until `done` or `timeoutMs`; false on the timeout.
bool waitUntil(const std::function<bool()> &done, int timeoutMs);

// The p-quantile (0..1) of `values` (the nearest rank); 0 for none.
double percentile(std::vector<double> values, double p);

// A collab-server of its own for one benchmark run: a temporary data directory, the given
// configuration, listening on a free port of 127.0.0.1; terminated when this goes.
class BenchServer
{
public:
    BenchServer() = default;
    ~BenchServer();
    BenchServer(const BenchServer &) = delete;
    BenchServer &operator=(const BenchServer &) = delete;

    // Starts `program` and waits up to 15 s for its "listening on" line; prints why on stderr
    // and returns false if it did not come.
    bool start(const QString &program, const QJsonObject &config);
    QUrl webSocketUrl() const { return m_url; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
};

} // namespace collab::bench
