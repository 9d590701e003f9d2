#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace collab::server {

// Where Redis is. Either one server, redis://HOST:PORT[/DB] (a password in the URL,
// redis://:PASSWORD@HOST:PORT, is accepted too, but the configuration file or REDIS_PASSWORD keeps
// it out of `ps`), or a primary found through Sentinel,
// redis-sentinel://HOST[:PORT],HOST[:PORT].../MASTERNAME[/DB] (sentinel port 26379 by default):
// then host and port are where the primary was last found, and every (re)connect asks the
// sentinels again.
struct RedisEndpoint
{
    struct Address
    {
        QString host;
        quint16 port = 0;
        QString toString() const;
        bool operator==(const Address &o) const { return host == o.host && port == o.port; }
        bool operator!=(const Address &o) const { return !(*this == o); }
    };

    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    int db = 0;
    QByteArray password; // empty: no AUTH

    QList<Address> sentinels;   // empty: plain redis://
    QByteArray masterName;      // the name the sentinels monitor the primary under
    QByteArray sentinelPassword; // AUTH for the sentinels (their requirepass); empty: none

    bool viaSentinel() const { return !sentinels.isEmpty(); }
    Address address() const { return {host, port}; }

    static std::optional<RedisEndpoint> parse(const QString &url, QString *error = nullptr);
    QString toString() const; // without the password
};

} // namespace collab::server
