#pragma once

// Small helpers shared by the Redis suites: chat frames, REST calls, event lists.
#include "benchprocess.h"
#include "storedhistory.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

namespace redistest {

inline const QString Course = QStringLiteral("CECS327");

inline QJsonObject chatSend(const QString &text, const QString &clientMsgId)
{
    return {{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), Course},
            {QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("text"), text},
            {QStringLiteral("clientMsgId"), clientMsgId}};
}

inline QList<QJsonObject> events(const WsTestClient &client, const QString &kind = {})
{
    QList<QJsonObject> out;
    for (const QJsonObject &e : client.receivedOfType(QStringLiteral("event")))
        if (kind.isEmpty() || e.value(QLatin1String("kind")).toString() == kind)
            out << e;
    return out;
}

// The texts of the chat.posted events a client saw, in order.
inline QStringList postedTexts(const WsTestClient &client)
{
    QStringList out;
    for (const QJsonObject &e : events(client, QStringLiteral("chat.posted")))
        out << e.value(QLatin1String("data")).toObject().value(QLatin1String("text")).toString();
    return out;
}

// The seqs of every event (of one kind) a client saw, in order.
inline QList<qint64> seqs(const WsTestClient &client, const QString &kind = {})
{
    QList<qint64> out;
    for (const QJsonObject &e : events(client, kind))
        out << qint64(e.value(QLatin1String("seq")).toDouble());
    return out;
}

inline bool joinAs(WsTestClient &client, const QUrl &url, const QString &user, qint64 since = -1)
{
    return client.open(url) && !client.helloAndJoin(user, Course, QString::fromLatin1(TestServer::JoinCode), since).isEmpty();
}

// A REST call with the test API key; returns {status, json body}.
inline std::pair<int, QJsonObject> rest(const QUrl &url, const QByteArray &method, const QJsonObject &body = {})
{
    QNetworkAccessManager http;
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", QByteArray("Bearer ") + TestServer::ApiKey);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = http.sendCustomRequest(request, method, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
        return {0, {}};
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return {status, json};
}

// Every message of CECS327/general on a node, oldest first (REST, page by page).
inline QJsonArray allMessages(const QString &httpBase) { return storedMessages(httpBase); }

// What finished collab-bench loads acknowledged: their run ids, every acknowledged clientMsgId and
// how many sends they repeated; `problem` says why not if a load failed, printed nothing or left a
// message unacknowledged.
struct FinishedLoads
{
    QStringList runs;
    QStringList acked;
    int resends = 0;
    QString problem;
};

inline FinishedLoads finishedLoads(std::initializer_list<BenchProcess *> loads)
{
    FinishedLoads out;
    for (BenchProcess *bench : loads) {
        const QJsonObject result = bench->result();
        qInfo("%s", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        if (bench->exitCode() != 0 || result.isEmpty())
            out.problem += bench->log();
        else if (const int unacked = result.value(QLatin1String("unacked")).toInt(); unacked != 0)
            out.problem += QStringLiteral("%1 messages never acknowledged\n").arg(unacked);
        else if (bench->ackedCount() != result.value(QLatin1String("acked")).toInt())
            out.problem += QStringLiteral("the acked log has %1 ids, the result says %2\n")
                               .arg(bench->ackedCount()).arg(result.value(QLatin1String("acked")).toInt());
        out.runs << result.value(QLatin1String("run")).toString();
        out.acked << bench->ackedIds();
        out.resends += result.value(QLatin1String("resends")).toInt();
    }
    return out;
}

// Empty if each node stores every acknowledged message of `loads` exactly once; otherwise which
// node and what is wrong. (Call it once both nodes store the same list.)
inline QString exactlyOnceOnEveryNode(const QStringList &httpBases, const FinishedLoads &loads)
{
    QString problems;
    for (const QString &node : httpBases)
        if (const QString p = exactlyOnceViolations(storedMessages(node), loads.acked, loads.runs, 0); !p.isEmpty())
            problems += node + QLatin1String(": ") + p + QLatin1Char('\n');
    return problems;
}

} // namespace redistest
