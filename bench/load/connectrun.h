#pragma once

#include "benchoptions.h"
#include "clientpool.h"

#include <cstdint>
#include <string>

// --connect-only: opens N WebSocket connections (upgrade only, no hello), reports how long that
// took and how much the server's RSS grew per idle connection. With --join every connection also
// says hello and joins the course (a session with presence), and the RSS is read once the joins'
// broadcasts are over.
namespace collab::bench {

struct ConnectResult
{
    int connections = 0;
    int connected = 0;
    int failed = 0;
    int joined = -1; // -1: not asked to join
    double connectSeconds = 0;
    double joinSeconds = 0;
    std::int64_t rssBeforeKiB = -1;
    std::int64_t rssAfterKiB = -1;
    double serverCpuPct = -1; // during the connect phase
};

class ConnectRun final : public WsClientListener
{
public:
    ConnectRun(const BenchOptions &options, const Endpoint &endpoint);
    ConnectResult run();

    void onOpen(WsClient &client) override;
    void onText(WsClient &client, std::string_view text, std::int64_t now) override;
    void onClosed(WsClient &client, const char *why) override;

private:
    const BenchOptions &m_options;
    ClientPool m_pool;
    void waitForJoins();

    std::string m_joinFrame;
    std::string m_run; // user names of this run
    int m_joined = 0;
    int m_refused = 0;
    std::int64_t m_lastFrameAt = 0;
    int m_reported = 0;
};

} // namespace collab::bench
