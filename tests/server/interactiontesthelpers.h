#pragma once

// Helpers of the course-interaction suites (tst_interactions, tst_anonymity, tst_redis_interactions):
// posting with the interaction fields and reading an ack's fields.
#include "coursetesthelpers.h"

#include <QUuid>

namespace interactiontest {

using namespace coursetest;

inline const QString Course = QStringLiteral("CECS327");
inline const QString JoinCode = QStringLiteral("blue-river-42");

// chat.send with the interaction fields; the ack (or error).
inline QJsonObject post(WsTestClient &c, const QString &channel, const QString &text, QJsonObject extra = {},
                        const QString &course = Course)
{
    extra.insert(QStringLiteral("course"), course);
    extra.insert(QStringLiteral("channel"), channel);
    extra.insert(QStringLiteral("text"), text);
    extra.insert(QStringLiteral("clientMsgId"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    return c.request(msg("chat.send", extra));
}

// A connection that said hello as `user` and joined, keeping the name's token as a real client does
// (WsTestClient::helloAndJoin), so that the same name can connect again; null on failure.
inline std::unique_ptr<WsTestClient> joinedAs(const QUrl &url, const QString &user, const QString &course = Course,
                                              const QString &code = JoinCode, qint64 since = -1)
{
    auto c = std::make_unique<WsTestClient>();
    if (!c->open(url) || c->helloAndJoin(user, course, code, since).isEmpty())
        return nullptr;
    return c;
}

inline quint64 idOf(const QJsonObject &ack) { return quint64(ack.value(QLatin1String("id")).toDouble()); }
inline quint64 seqOf(const QJsonObject &ack) { return quint64(ack.value(QLatin1String("seq")).toDouble()); }

inline QJsonObject withCourse(const char *type, QJsonObject fields, const QString &course = Course)
{
    fields.insert(QStringLiteral("course"), course);
    return msg(type, fields);
}

} // namespace interactiontest
