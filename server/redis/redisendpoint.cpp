#include "redis/redisendpoint.h"

#include <QUrl>

namespace collab::server {

std::optional<RedisEndpoint> RedisEndpoint::parse(const QString &url, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<RedisEndpoint> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.scheme() != QLatin1String("redis") || u.host().isEmpty())
        return fail(QStringLiteral("the Redis URL must look like redis://HOST:PORT[/DB]"));
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
    return QStringLiteral("redis://%1:%2/%3").arg(host).arg(port).arg(db);
}

} // namespace collab::server
