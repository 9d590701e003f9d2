#include "limits/addresscounts.h"

namespace collab::server {

QHostAddress AddressCounts::key(const QHostAddress &peer)
{
    if (peer.protocol() == QAbstractSocket::IPv6Protocol) {
        bool mapped = false;
        const quint32 ipv4 = peer.toIPv4Address(&mapped); // only for ::ffff:a.b.c.d
        if (mapped)
            return QHostAddress(ipv4);
    }
    return peer;
}

bool AddressCounts::tryAcquire(const QHostAddress &peer)
{
    if (m_limit <= 0)
        return true;
    int &count = m_counts[key(peer)]; // over the limit means count >= 1: no empty entry is left
    if (count >= m_limit)
        return false;
    ++count;
    return true;
}

void AddressCounts::release(const QHostAddress &peer)
{
    const auto it = m_counts.find(key(peer));
    if (it != m_counts.end() && --it.value() <= 0)
        m_counts.erase(it);
}

} // namespace collab::server
