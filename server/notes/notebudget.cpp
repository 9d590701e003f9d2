#include "notes/notebudget.h"

namespace collab::server {

NoteBudget::NoteBudget(const LimitsConfig &limits) : m_limits(limits)
{
    m_clock.start();
}

qint64 NoteBudget::utf8Size(const QString &text)
{
    qint64 bytes = 0;
    for (const QChar c : text) // a surrogate pair is 4 bytes: 2 + 2
        bytes += c.unicode() < 0x80 ? 1 : c.unicode() < 0x800 ? 2 : (c.isSurrogate() ? 2 : 3);
    return bytes;
}

std::optional<ProtocolError> NoteBudget::admit(const QString &course, const QString &user, const QVector<crdt::Operation> &ops)
{
    qint64 bytes = 0;
    for (const crdt::Operation &op : ops)
        bytes += utf8Size(op.text);
    return admit(course, user, int(ops.size()), bytes);
}

std::optional<ProtocolError> NoteBudget::admit(const QString &course, const QString &user, int opCount, qint64 bytes)
{
    if (m_limits.noteOpsPerSecond <= 0 && m_limits.noteBytesPerSecond <= 0)
        return std::nullopt;
    const QString key = course + QChar(0x1f) + user;
    auto it = m_members.find(key);
    if (it == m_members.end())
        it = m_members.insert(key, Member{TokenBucket(m_limits.noteOpsPerSecond, std::max(1.0, m_limits.noteOpsBurst)),
                                          TokenBucket(m_limits.noteBytesPerSecond, std::max(1.0, m_limits.noteBytesBurst))});
    const qint64 now = m_clock.elapsed();
    qint64 waitMs = 0;
    // retryAfterMs as other rate limits carry it (the client library waits that long; REST: Retry-After).
    auto limited = [&waitMs](const QString &what) {
        ProtocolError e = ProtocolError::make(ErrorCode::RateLimited, QStringLiteral("note edits over %1; retry in %2 ms").arg(what).arg(waitMs));
        e.retryAfterMs = waitMs;
        return e;
    };
    if (!it->ops.take(now, double(opCount), &waitMs))
        return limited(QStringLiteral("%1 operations a second").arg(m_limits.noteOpsPerSecond));
    if (bytes > 0 && !it->bytes.take(now, double(bytes), &waitMs))
        return limited(QStringLiteral("%1 bytes of text a second").arg(m_limits.noteBytesPerSecond));
    return std::nullopt;
}

} // namespace collab::server
