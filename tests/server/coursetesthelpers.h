#pragma once

// Helpers of the suites that run courses (tst_course_admin, tst_roster, tst_redis_course_admin):
// a configuration with an administrator's secret and keys of each role, and the protocol steps
// a client takes (hello with or without the admin secret, join with a secret or an invite).
#include "jsonhttp.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTest>

namespace coursetest {

inline const QString AdminSecret = QStringLiteral("admin-secret-for-tests-0001");
inline const QByteArray AdminKey = "admin-key-0001";           // "role": "admin"
inline const QByteArray InstructorKey = "instructor-key-0001"; // "role": "instructor", CECS327
// TestServer::ApiKey ("lms") is an integration key of CECS327.

inline collab::server::ServerConfig config()
{
    collab::server::ServerConfig c = TestServer::testConfig();
    QJsonObject json = c.toJson();
    json.insert(QStringLiteral("adminSecret"), AdminSecret);
    QJsonArray keys = json.value(QLatin1String("apiKeys")).toArray();
    keys.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("ops")}, {QStringLiteral("key"), QString::fromLatin1(AdminKey)},
                            {QStringLiteral("role"), QStringLiteral("admin")}});
    keys.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("lms-teacher")}, {QStringLiteral("key"), QString::fromLatin1(InstructorKey)},
                            {QStringLiteral("role"), QStringLiteral("instructor")},
                            {QStringLiteral("courses"), QJsonArray{QStringLiteral("CECS327")}}});
    json.insert(QStringLiteral("apiKeys"), keys);
    return collab::server::ServerConfig::fromJson(json).value();
}

// No limits, and no backoff after failed join codes or tokens: these suites try wrong ones on purpose.
inline collab::server::LimitsConfig limitsWithoutAuthBackoff()
{
    collab::server::LimitsConfig limits = TestServer::unlimited();
    limits.authFailuresPerAddress = 0;
    limits.authFailuresPerName = 0;
    return limits;
}

inline QString type(const QJsonObject &o) { return o.value(QLatin1String("type")).toString(); }
inline QString code(const QJsonObject &o) { return o.value(QLatin1String("code")).toString(); }
inline bool isAck(const QJsonObject &o) { return type(o) == QLatin1String("ack"); }

// hello (as the administrator with `adminSecret`): the welcome, or the error.
inline QJsonObject hello(WsTestClient &c, const QString &user, const QString &adminSecret = {})
{
    QJsonObject m{{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("user"), user}};
    if (!adminSecret.isEmpty())
        m.insert(QStringLiteral("adminSecret"), adminSecret);
    return c.request(m);
}

// join with a code (the join code or an invite) and a token (a name's token or an instructor's secret).
inline QJsonObject join(WsTestClient &c, const QString &course, const QString &code, const QString &token = {})
{
    QJsonObject m{{QStringLiteral("type"), QStringLiteral("join")}, {QStringLiteral("course"), course}, {QStringLiteral("joinCode"), code}};
    if (!token.isEmpty())
        m.insert(QStringLiteral("token"), token);
    return c.request(m);
}

// A new connection that said hello as `user` and joined `course`; null (with a warning) on failure.
inline std::unique_ptr<WsTestClient> member(const QUrl &url, const QString &user, const QString &course, const QString &code,
                                            const QString &token = {}, const QString &adminSecret = {})
{
    auto c = std::make_unique<WsTestClient>();
    if (!c->open(url) || type(hello(*c, user, adminSecret)) != QLatin1String("welcome"))
        return nullptr;
    const QJsonObject joined = join(*c, course, code, token);
    if (type(joined) != QLatin1String("joined")) {
        qWarning() << user << "could not join" << course << joined;
        return nullptr;
    }
    return c;
}

inline QJsonObject msg(const char *type, QJsonObject fields)
{
    fields.insert(QStringLiteral("type"), QLatin1String(type));
    return fields;
}

// The first `event` frame of `kind` at or after `from`, waiting up to 5 s.
inline QJsonObject eventOf(WsTestClient &c, const QString &kind, int from = 0)
{
    return c.waitFor([kind](const QJsonObject &o) { return type(o) == QLatin1String("event") && o.value(QLatin1String("kind")).toString() == kind; },
                     5000, from);
}

using HttpResult = JsonHttpResult;

inline QString errorCode(const HttpResult &r) { return r.errorCode(); }

inline HttpResult http(QNetworkAccessManager &nam, const TestServer &server, const QByteArray &verb, const QString &path,
                       const QByteArray &body, const QByteArray &key, const QByteArray &contentType = "application/json")
{
    return jsonHttp(nam, server.httpUrl(path), verb, body, key, contentType);
}

inline QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

} // namespace coursetest
