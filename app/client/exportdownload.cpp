#include "client/exportdownload.h"

#include "client/servertrust.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace collab::client {

ExportDownload::ExportDownload(const QUrl &webSocketUrl, const QString &ackUrl, const QString &path,
                               const QList<QSslCertificate> &caCertificates, QObject *parent)
    : QObject(parent), m_url(downloadUrl(webSocketUrl, ackUrl)), m_path(path), m_caCertificates(caCertificates),
      m_network(new QNetworkAccessManager(this)), m_part(path + QStringLiteral(".part"))
{
}

ExportDownload::~ExportDownload()
{
    if (m_reply)
        m_reply->abort();
    if (!m_done && m_part.isOpen()) {
        m_part.close();
        m_part.remove();
    }
}

QUrl ExportDownload::downloadUrl(const QUrl &webSocketUrl, const QString &ackUrl)
{
    // Only a path on the same server: an ack cannot send the ticket anywhere else.
    if (!ackUrl.startsWith(QLatin1String("/api/v1/")))
        return {};
    QUrl url = webSocketUrl;
    url.setScheme(webSocketUrl.scheme() == QLatin1String("wss") ? QStringLiteral("https") : QStringLiteral("http"));
    const qsizetype query = ackUrl.indexOf(QLatin1Char('?'));
    url.setPath(ackUrl.left(query));
    url.setQuery(query < 0 ? QString() : ackUrl.mid(query + 1));
    url.setFragment({});
    return url;
}

void ExportDownload::start()
{
    if (!m_url.isValid() || m_url.isEmpty())
        return fail(tr("the server sent no usable export link"));
    if (!m_part.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(tr("cannot write %1: %2").arg(m_part.fileName(), m_part.errorString()));
    QNetworkRequest request(m_url);
    if (m_url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(sslConfigurationTrusting(m_caCertificates));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &ExportDownload::onReadyRead);
    connect(m_reply, &QNetworkReply::downloadProgress, this, &ExportDownload::progress);
    connect(m_reply, &QNetworkReply::finished, this, &ExportDownload::onFinished);
}

void ExportDownload::abort()
{
    if (m_reply)
        m_reply->abort();
}

void ExportDownload::onReadyRead()
{
    if (m_done || !m_reply)
        return;
    // An error answer is JSON, read whole in onFinished.
    if (m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return;
    if (m_part.write(m_reply->readAll()) < 0)
        fail(tr("cannot write %1: %2").arg(m_part.fileName(), m_part.errorString()));
}

void ExportDownload::onFinished()
{
    if (m_done || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        const QJsonObject error = QJsonDocument::fromJson(m_reply->readAll()).object().value(QLatin1String("error")).toObject();
        const QString message = error.value(QLatin1String("message")).toString();
        if (status == 0)
            return fail(tr("the export download failed: %1").arg(m_reply->errorString()));
        return fail((message.isEmpty() ? tr("the server refused the export (HTTP %1)").arg(status) : tr("the server refused the export (HTTP %1): %2").arg(status).arg(message)));
    }
    if (m_reply->error() != QNetworkReply::NoError)
        return fail(tr("the export download failed: %1").arg(m_reply->errorString()));
    onReadyRead();
    if (m_done)
        return;
    if (!m_part.flush()) {
        return fail(tr("cannot write %1: %2").arg(m_part.fileName(), m_part.errorString()));
    }
    m_part.close();
    QFile::remove(m_path);
    if (!QFile::rename(m_part.fileName(), m_path))
        return fail(tr("cannot move the export to %1").arg(m_path));
    m_done = true;
    m_reply->deleteLater();
    Q_EMIT finished(QString());
}

void ExportDownload::fail(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    if (m_part.isOpen())
        m_part.close();
    m_part.remove();
    Q_EMIT finished(error);
}

} // namespace collab::client
