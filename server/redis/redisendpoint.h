#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace collab::server {

// Where Redis is: redis://HOST:PORT[/DB] (a password in the URL, redis://:PASSWORD@HOST:PORT, is
// accepted too, but the configuration file or REDIS_PASSWORD keeps it out of `ps`).
struct RedisEndpoint
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    int db = 0;
    QByteArray password; // empty: no AUTH

    static std::optional<RedisEndpoint> parse(const QString &url, QString *error = nullptr);
    QString toString() const; // without the password
};

} // namespace collab::server
