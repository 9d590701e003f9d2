#include "crdt/versionvector.h"

#include "crdt/bytes.h"

#include <QJsonValue>

#include <algorithm>

namespace collab::crdt {

namespace {
auto findEntry(const std::vector<std::pair<ReplicaId, quint32>> &entries, ReplicaId replica)
{
    return std::lower_bound(entries.begin(), entries.end(), replica,
                            [](const auto &entry, ReplicaId r) { return entry.first < r; });
}
} // namespace

quint32 VersionVector::get(ReplicaId replica) const
{
    const auto it = findEntry(m_entries, replica);
    return it != m_entries.end() && it->first == replica ? it->second : 0;
}

void VersionVector::set(ReplicaId replica, quint32 next)
{
    auto it = m_entries.begin() + (findEntry(m_entries, replica) - m_entries.cbegin());
    const bool present = it != m_entries.end() && it->first == replica;
    if (next == 0) {
        if (present)
            m_entries.erase(it);
    } else if (present) {
        it->second = next;
    } else {
        m_entries.insert(it, {replica, next});
    }
}

bool VersionVector::isIncludedIn(const VersionVector &other) const
{
    for (const auto &[replica, next] : m_entries) {
        if (other.get(replica) < next)
            return false;
    }
    return true;
}

QJsonObject VersionVector::toJson() const
{
    QJsonObject out;
    for (const auto &[replica, next] : m_entries)
        out.insert(replicaToString(replica), double(next));
    return out;
}

Expected<VersionVector> VersionVector::fromJson(const QJsonObject &json)
{
    if (json.size() > limits::kMaxReplicas)
        return makeError(ErrorCode::MalformedEncoding, QStringLiteral("too many replicas"));
    VersionVector out;
    for (auto it = json.begin(); it != json.end(); ++it) {
        ReplicaId replica = 0;
        const double next = it.value().toDouble(-1);
        if (!replicaFromString(it.key(), &replica) || !(next >= 0 && next <= limits::kMaxCounter)
            || next != double(quint32(next)))
            return makeError(ErrorCode::MalformedEncoding, QStringLiteral("bad version entry"));
        out.set(replica, quint32(next));
    }
    return out;
}

QByteArray VersionVector::toBinary() const
{
    QByteArray out;
    detail::ByteWriter writer(&out);
    writer.varint(m_entries.size());
    for (const auto &[replica, next] : m_entries) {
        writer.u64(replica);
        writer.varint(next);
    }
    return out;
}

Expected<VersionVector> VersionVector::fromBinary(const QByteArray &bytes)
{
    detail::ByteReader in(bytes);
    const quint64 count = in.varint();
    if (!in.ok() || count > quint64(limits::kMaxReplicas) || count > quint64(bytes.size()) / 9)
        return makeError(ErrorCode::MalformedEncoding, QStringLiteral("bad version size"));
    VersionVector out;
    ReplicaId previous = 0;
    for (quint64 i = 0; i < count; ++i) {
        const ReplicaId replica = in.u64();
        const quint32 next = in.varint32();
        if (!in.ok() || replica <= previous || next == 0)
            return makeError(ErrorCode::MalformedEncoding, QStringLiteral("bad version entry"));
        out.m_entries.emplace_back(replica, next);
        previous = replica;
    }
    if (!in.atEnd())
        return makeError(ErrorCode::MalformedEncoding, QStringLiteral("trailing version bytes"));
    return out;
}

} // namespace collab::crdt
