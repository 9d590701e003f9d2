#include "redis/redisendpoint.h"

#include <QRegularExpression>
#include <QUrl>

namespace collab::server {

namespace {

constexpr quint16 kSentinelPort = 26379;

// One "HOST[:PORT]" or "[V6]:PORT" of a sentinel list.
std::optional<RedisEndpoint::Address> parseAddress(const QString &text)
{
    static const QRegularExpression form(QStringLiteral(R"(^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::([0-9]{1,5}))?$)"));
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    RedisEndpoint::Address a;
    a.host = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
    a.port = kSentinelPort;
    if (m.hasCaptured(3) && !m.captured(3).isEmpty()) {
        const int port = m.captured(3).toInt();
        if (port <= 0 || port > 65535)
            return std::nullopt;
        a.port = quint16(port);
    }
    return a;
}

std::optional<RedisEndpoint> parseSentinel(const QString &url, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<RedisEndpoint> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString usage = QStringLiteral("the Sentinel URL must look like redis-sentinel://HOST[:PORT],HOST[:PORT]/MASTERNAME[/DB]");
    QString rest = url.mid(int(qstrlen("redis-sentinel://")));
    RedisEndpoint e;
    // An optional :PASSWORD@ (the Redis password, as in redis://), before the first '/'.
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return fail(usage + QStringLiteral(" (no master name in %1)").arg(url));
    QString hosts = rest.left(slash);
    const QString path = rest.mid(slash + 1);
    if (const qsizetype at = hosts.lastIndexOf(QLatin1Char('@')); at >= 0) {
        const QString credentials = hosts.left(at);
        hosts = hosts.mid(at + 1);
        const qsizetype colon = credentials.indexOf(QLatin1Char(':'));
        if (colon < 0)
            return fail(usage + QStringLiteral(" (credentials are :PASSWORD@)"));
        e.password = QUrl::fromPercentEncoding(credentials.mid(colon + 1).toUtf8()).toUtf8();
    }
    for (const QString &part : hosts.split(QLatin1Char(','))) {
        const std::optional<RedisEndpoint::Address> a = parseAddress(part.trimmed());
        if (!a)
            return fail(usage + QStringLiteral(" (bad sentinel address '%1')").arg(part));
        if (!e.sentinels.contains(*a))
            e.sentinels << *a;
    }
    const QStringList segments = path.split(QLatin1Char('/'));
    static const QRegularExpression name(QStringLiteral(R"(^[A-Za-z0-9._-]{1,128}$)"));
    if (segments.isEmpty() || !name.match(segments.first()).hasMatch())
        return fail(usage + QStringLiteral(" (the master name is [A-Za-z0-9._-]{1,128})"));
    e.masterName = segments.first().toUtf8();
    if (segments.size() > 2)
        return fail(usage);
    if (segments.size() == 2 && !segments[1].isEmpty()) {
        bool ok = false;
        e.db = segments[1].toInt(&ok);
        if (!ok || e.db < 0)
            return fail(QStringLiteral("the Redis database must be a number: %1").arg(segments[1]));
    }
    // Until the sentinels are asked: the first of them (never connected to as a data server).
    e.host = e.sentinels.first().host;
    e.port = e.sentinels.first().port;
    return e;
}

} // namespace

QString RedisEndpoint::Address::toString() const
{
    return host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(host).arg(port) : QStringLiteral("%1:%2").arg(host).arg(port);
}

std::optional<RedisEndpoint> RedisEndpoint::parse(const QString &url, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<RedisEndpoint> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (url.startsWith(QLatin1String("redis-sentinel://")))
        return parseSentinel(url, error);
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.scheme() != QLatin1String("redis") || u.host().isEmpty())
        return fail(QStringLiteral("the Redis URL must look like redis://HOST:PORT[/DB] or "
                                   "redis-sentinel://HOST[:PORT],HOST[:PORT]/MASTERNAME[/DB]"));
    RedisEndpoint e;
    e.host = u.host();
    const int port = u.port(6379);
    if (port <= 0 || port > 65535)
        return fail(QStringLiteral("bad Redis port in %1").arg(url));
    e.port = quint16(port);
    const QString path = u.path().mid(1);
    if (!path.isEmpty()) {
        bool ok = false;
        e.db = path.toInt(&ok);
        if (!ok || e.db < 0)
            return fail(QStringLiteral("the Redis database must be a number: %1").arg(path));
    }
    if (!u.password().isEmpty())
        e.password = u.password().toUtf8();
    return e;
}

QString RedisEndpoint::toString() const
{
    if (viaSentinel()) {
        QStringList list;
        for (const Address &a : sentinels)
            list << a.toString();
        return QStringLiteral("redis-sentinel://%1/%2/%3 (primary last at %4)")
            .arg(list.join(QLatin1Char(',')), QString::fromUtf8(masterName))
            .arg(db)
            .arg(address().toString());
    }
    return QStringLiteral("redis://%1:%2/%3").arg(host).arg(port).arg(db);
}

} // namespace collab::server
