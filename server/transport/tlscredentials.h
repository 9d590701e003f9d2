#pragma once

#include <QtCore/QString>
#include <QtNetwork/QSslConfiguration>

namespace collab::server {

// The server's certificate chain and private key, loaded and checked once at start so that a bad
// pair refuses to start the server instead of failing every handshake later.
class TlsCredentials
{
public:
    // certificateChainFile: PEM, the server's certificate first, then any intermediates.
    // privateKeyFile: PEM, RSA or EC, not encrypted. Returns the server-side configuration, or a
    // null one with a one-line *error (unreadable file, no certificate, bad key, key not matching).
    static QSslConfiguration load(const QString &certificateChainFile, const QString &privateKeyFile,
                                  QString *error);
};

} // namespace collab::server
