#include "client/servertrust.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>

namespace collab::client {

QUrl webSocketUrl(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty())
        return {};
    if (scheme == QLatin1String("ws") || scheme == QLatin1String("wss"))
        return url;
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return {};
    if (!url.path().isEmpty() && url.path() != QLatin1String("/") && url.path() != QLatin1String("/ws"))
        return {};
    QUrl ws = url;
    ws.setScheme(scheme == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    ws.setPath(QStringLiteral("/ws"));
    return ws;
}

QList<QSslCertificate> loadCaFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("collab::client::ServerTrust", "cannot read the CA file %1: %2").arg(path, file.errorString());
        return {};
    }
    QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    certificates.removeIf([](const QSslCertificate &c) { return c.isNull(); });
    if (certificates.isEmpty())
        *error = QCoreApplication::translate("collab::client::ServerTrust", "no PEM certificate in the CA file %1").arg(path);
    return certificates;
}

QSslConfiguration sslConfigurationTrusting(const QList<QSslCertificate> &extraCaCertificates)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!extraCaCertificates.isEmpty())
        configuration.addCaCertificates(extraCaCertificates);
    return configuration;
}

QString describeSslErrors(const QList<QSslError> &errors)
{
    QStringList texts;
    for (const QSslError &e : errors) {
        if (!texts.contains(e.errorString()))
            texts << e.errorString();
    }
    return QCoreApplication::translate("collab::client::ServerTrust", "TLS certificate not trusted: %1").arg(texts.join(QStringLiteral("; ")));
}

} // namespace collab::client
