#pragma once

#include "benchoptions.h"
#include "clientpool.h"

#include <cstdint>

// --connect-only: opens N WebSocket connections (upgrade only, no hello), reports how long that
// took and how much the server's RSS grew per idle connection.
namespace collab::bench {

struct ConnectResult
{
    int connections = 0;
    int connected = 0;
    int failed = 0;
    double connectSeconds = 0;
    std::int64_t rssBeforeKiB = -1;
    std::int64_t rssAfterKiB = -1;
    double serverCpuPct = -1; // during the connect phase
};

class ConnectRun final : public WsClientListener
{
public:
    ConnectRun(const BenchOptions &options, const Endpoint &endpoint);
    ConnectResult run();

    void onOpen(WsClient &) override {}
    void onText(WsClient &, std::string_view, std::int64_t) override {}
    void onClosed(WsClient &client, const char *why) override;

private:
    const BenchOptions &m_options;
    ClientPool m_pool;
    int m_reported = 0;
};

} // namespace collab::bench
