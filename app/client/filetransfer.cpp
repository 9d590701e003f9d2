#include "client/filetransfer.h"

#include "client/collabclient.h"
#include "client/servertrust.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QPointer>

namespace collab::client {

namespace {

FileTransferResult failure(QNetworkReply *reply, const QByteArray &body)
{
    FileTransferResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
    r.errorCode = error.value(QLatin1String("code")).toString();
    r.error = error.value(QLatin1String("message")).toString();
    if (r.error.isEmpty())
        r.error = r.status ? QStringLiteral("HTTP %1").arg(r.status) : reply->errorString();
    return r;
}

} // namespace

FileTransfer::FileTransfer(CollabClient &client, QObject *parent) : QObject(parent), m_client(client)
{
    m_http.setAutoDeleteReplies(true);
}

QUrl FileTransfer::httpBase(const QUrl &webSocketUrl)
{
    QUrl base;
    base.setScheme(webSocketUrl.scheme() == QLatin1String("wss") ? QStringLiteral("https") : QStringLiteral("http"));
    base.setHost(webSocketUrl.host());
    base.setPort(webSocketUrl.port());
    return base;
}

QNetworkRequest FileTransfer::request(const QString &course, const QString &path) const
{
    const ClientOptions &o = m_client.options();
    QUrl url = httpBase(o.url);
    url.setPath(QStringLiteral("/api/v1/courses/%1/%2").arg(course, path));
    QNetworkRequest request(url);
    const QString token = m_client.courseToken(course);
    request.setRawHeader("Authorization", "Basic " + (o.user + QLatin1Char(':') + token).toUtf8().toBase64());
    if (url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(sslConfigurationTrusting(o.caCertificates));
    request.setTransferTimeout(5 * 60 * 1000); // an upload on a slow link; no progress for this long fails it
    return request;
}

void FileTransfer::upload(const QString &course, const QString &name, const QByteArray &bytes, Done done)
{
    QNetworkRequest r = request(course, QStringLiteral("files"));
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    r.setRawHeader("X-File-Name", name.toUtf8().toPercentEncoding(" ()[]+,;='!@$&~"));
    QNetworkReply *reply = m_http.post(r, bytes);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        const QByteArray body = reply->readAll();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 201)
            return done(failure(reply, body));
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        FileTransferResult r;
        r.ok = true;
        r.status = 201;
        r.file = FileRef{json.value(QLatin1String("id")).toString(), json.value(QLatin1String("name")).toString(),
                         qint64(json.value(QLatin1String("size")).toDouble()), json.value(QLatin1String("type")).toString()};
        done(r);
    });
}

void FileTransfer::download(const QString &course, const QString &id, qint64 maxBytes, Done done)
{
    QNetworkReply *reply = m_http.get(request(course, QStringLiteral("files/") + id));
    // A server that sends more than announced (or a wrong card) cannot make the client buffer it.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, maxBytes](qint64 received, qint64) {
        if (received > maxBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [reply, maxBytes, done = std::move(done)] {
        const QByteArray body = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200) {
            FileTransferResult r = failure(reply, body);
            if (reply->error() == QNetworkReply::OperationCanceledError)
                r.error = tr("the file is larger than its card said (over %1 bytes)").arg(maxBytes);
            return done(r);
        }
        FileTransferResult r;
        r.ok = true;
        r.status = status;
        r.bytes = body;
        done(r);
    });
}

} // namespace collab::client
