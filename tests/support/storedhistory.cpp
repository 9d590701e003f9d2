#include "storedhistory.h"

#include "testserver.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>

namespace {

// GET with the API key; {status, body}, status 0 when there was no answer in time.
std::pair<int, QByteArray> get(const QString &url)
{
    QNetworkAccessManager http;
    QNetworkRequest request{QUrl(url)};
    request.setRawHeader("Authorization", QByteArray("Bearer ") + TestServer::ApiKey);
    QNetworkReply *reply = http.get(request);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000)) {
        reply->abort();
        reply->deleteLater();
        return {0, {}};
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return {status, body};
}

} // namespace

QJsonArray storedMessages(const QString &httpBase)
{
    QJsonArray all;
    qint64 since = 0;
    for (;;) {
        const auto [status, body] = get(httpBase + QStringLiteral("/api/v1/courses/CECS327/channels/general/messages?since=%1&limit=500").arg(since));
        if (status != 200)
            return {};
        const QJsonObject page = QJsonDocument::fromJson(body).object();
        const QJsonArray list = page.value(QLatin1String("messages")).toArray();
        for (const QJsonValue &m : list)
            all.append(m);
        if (!page.value(QLatin1String("more")).toBool() || list.isEmpty())
            return all;
        since = qint64(list.last().toObject().value(QLatin1String("id")).toDouble());
    }
}

qint64 metricValue(const QString &httpBase, const QString &name)
{
    const auto [status, body] = get(httpBase + QStringLiteral("/metrics"));
    if (status != 200)
        return -1;
    for (const QByteArray &line : body.split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() == 2 && parts[0] == name.toLatin1())
            return qint64(parts[1].toDouble());
    }
    return -1;
}

QString exactlyOnceViolations(const QJsonArray &stored, const QStringList &acked, const QStringList &runs, qint64 unacked)
{
    QHash<QString, int> copies;
    for (const QJsonValue &m : stored)
        ++copies[m.toObject().value(QLatin1String("clientMsgId")).toString()];
    QStringList problems;
    const QSet<QString> ackedSet(acked.begin(), acked.end());
    if (ackedSet.size() != acked.size())
        problems << QStringLiteral("the acked log names a message twice");
    for (const QString &id : acked)
        if (copies.value(id) != 1)
            problems << QStringLiteral("acked %1 is stored %2 times").arg(id).arg(copies.value(id));
    qint64 runMessages = 0;
    for (auto it = copies.cbegin(); it != copies.cend(); ++it) {
        if (it.value() > 1)
            problems << QStringLiteral("%1 is stored %2 times").arg(it.key()).arg(it.value());
        for (const QString &run : runs)
            runMessages += it.key().startsWith(run + QLatin1Char('.')) ? 1 : 0;
    }
    if (runMessages > ackedSet.size() + unacked)
        problems << QStringLiteral("%1 of the load's messages are stored: more than %2 acknowledged + %3 unacknowledged")
                        .arg(runMessages).arg(ackedSet.size()).arg(unacked);
    if (problems.size() > 10)
        problems = problems.mid(0, 10) << QStringLiteral("...");
    return problems.join(QLatin1String("; "));
}
