#include "resultjson.h"

#include <cmath>
#include <cstdio>

namespace collab::bench {

namespace {

// Appends "key":value pairs with a comma between them.
class JsonLine
{
public:
    JsonLine &num(const char *key, double value, int decimals = 0)
    {
        char buf[64];
        if (!std::isfinite(value))
            std::snprintf(buf, sizeof buf, "null");
        else
            std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
        return raw(key, buf);
    }
    JsonLine &integer(const char *key, long long value)
    {
        return raw(key, std::to_string(value));
    }
    JsonLine &raw(const char *key, const std::string &json)
    {
        m_text.append(m_text.size() > 1 ? ",\"" : "\"").append(key).append("\":").append(json);
        return *this;
    }
    std::string text() const { return m_text + "}"; }

private:
    std::string m_text = "{";
};

} // namespace

std::string chatResultJson(const BenchOptions &o, const ChatResult &r)
{
    JsonLine latency;
    latency.num("p50", r.p50, 3).num("p99", r.p99, 3).num("max", r.max, 3);
    JsonLine line;
    line.raw("run", "\"" + r.run + "\"")
        .integer("connections", o.connections)
        .integer("senders", o.senders)
        .num("rate", o.rate, o.rate == std::floor(o.rate) ? 0 : 2)
        .integer("window", o.window)
        .num("duration_s", r.measuredSeconds, 2)
        .integer("sent", (long long)r.sent)
        .integer("acked", (long long)r.acked)
        .integer("unacked", (long long)r.unacked)
        .integer("resends", (long long)r.resends)
        .integer("reconnects", r.reconnects)
        .integer("deliveries", (long long)r.deliveries)
        .num("deliveries_per_s", r.measuredSeconds > 0 ? double(r.windowDeliveries) / r.measuredSeconds : 0)
        .raw("latency_ms", latency.text())
        .raw("ack_ms", JsonLine().num("p50", r.ackP50, 3).num("p99", r.ackP99, 3).text())
        .integer("errors", (long long)r.errors)
        .integer("lost", (long long)r.lost)
        .integer("joined", r.joined)
        .integer("receivers", r.receivers)
        .num("ramp_s", r.rampSeconds, 2);
    if (r.serverCpuPct >= 0)
        line.num("server_cpu_pct", r.serverCpuPct, 1);
    if (r.serverRssKiB >= 0)
        line.integer("server_rss_kib", (long long)r.serverRssKiB);
    if (r.benchCpuPct >= 0)
        line.num("bench_cpu_pct", r.benchCpuPct, 1);
    return line.text();
}

std::string connectResultJson(const BenchOptions &o, const ConnectResult &r)
{
    JsonLine line;
    line.integer("connections", o.connections)
        .integer("connected", r.connected)
        .integer("failed", r.failed)
        .num("connect_s", r.connectSeconds, 3)
        .num("connections_per_s", r.connectSeconds > 0 ? r.connected / r.connectSeconds : 0);
    if (r.joined >= 0)
        line.integer("joined", r.joined).num("join_s", r.joinSeconds, 3);
    if (r.serverCpuPct >= 0)
        line.num("server_cpu_pct", r.serverCpuPct, 1);
    if (r.rssBeforeKiB >= 0 && r.rssAfterKiB >= 0) {
        line.integer("server_rss_before_kib", (long long)r.rssBeforeKiB)
            .integer("server_rss_after_kib", (long long)r.rssAfterKiB)
            .num("rss_per_connection_kib", r.connected > 0 ? double(r.rssAfterKiB - r.rssBeforeKiB) / r.connected : 0, 2);
    }
    return line.text();
}

} // namespace collab::bench
