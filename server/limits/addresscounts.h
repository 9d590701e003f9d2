#pragma once

#include <QHash>
#include <QHostAddress>

namespace collab::server {

// How many connections each peer address holds, with a cap per address, so that one host cannot
// take a thread's descriptors for itself. Not thread-safe: one instance per thread that counts.
// An IPv4-mapped IPv6 address (::ffff:a.b.c.d, what a dual-stack socket reports for an IPv4
// client) counts as the IPv4 address a.b.c.d.
class AddressCounts
{
public:
    explicit AddressCounts(int limit) : m_limit(limit) {} // 0: no limit (nothing is counted)

    // The address as it is counted.
    static QHostAddress key(const QHostAddress &peer);

    // Counts one more connection of `peer`, unless it already holds `limit`: then false, and
    // nothing is counted. Each true is paired with one release() of the same address.
    bool tryAcquire(const QHostAddress &peer);
    void release(const QHostAddress &peer);

    int count(const QHostAddress &peer) const { return m_counts.value(key(peer)); }
    int limit() const { return m_limit; }
    qsizetype addresses() const { return m_counts.size(); } // with at least one connection

private:
    int m_limit;
    QHash<QHostAddress, int> m_counts;
};

} // namespace collab::server
