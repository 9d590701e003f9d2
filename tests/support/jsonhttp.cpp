#include "jsonhttp.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

QString JsonHttpResult::errorCode() const
{
    return json.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

QString JsonHttpResult::errorMessage() const
{
    return json.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
}

JsonHttpResult jsonHttp(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &verb, const QByteArray &body,
                        const QByteArray &bearerKey, const QByteArray &contentType, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!bearerKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearerKey);
    QNetworkReply *reply = verb == "GET" ? nam.get(request) : nam.sendCustomRequest(request, verb, body);
    JsonHttpResult result;
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, timeoutMs)) {
        reply->abort();
        reply->deleteLater();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return result;
}
