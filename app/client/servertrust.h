#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>
#include <QUrl>

namespace collab::client {

// What a client needs to reach a server over TLS: the URL forms it accepts and the certificates
// it trusts. Verification is always on: a CA file adds trust (self-signed setups), never removes checks.

// ws:// and wss:// URLs as given; http(s)://HOST:PORT[/] becomes ws(s)://HOST:PORT/ws. Anything
// else: an invalid QUrl.
QUrl webSocketUrl(const QUrl &url);

// The certificates of a PEM file (one or more CAs). Empty with a one-line *error if the file cannot
// be read or holds no certificate.
QList<QSslCertificate> loadCaFile(const QString &path, QString *error);

// Qt's default configuration (the system's CAs) plus extraCaCertificates.
QSslConfiguration sslConfigurationTrusting(const QList<QSslCertificate> &extraCaCertificates);

// One line for a failed certificate check, e.g. "TLS certificate not trusted: The issuer
// certificate of a locally looked up certificate could not be found".
QString describeSslErrors(const QList<QSslError> &errors);

} // namespace collab::client
