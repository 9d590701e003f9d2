#pragma once

#include "client/backoff.h"

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <memory>

namespace collab::client {

class TokenStore;

struct ClientOptions
{
    QUrl url;                 // ws://host:port/ws or wss://... (webSocketUrl() turns http(s):// into these)
    // wss: certificates are always verified against the system's CAs plus these (a self-signed
    // setup's CA, see loadCaFile()); a certificate error fails the connection, never ignored.
    QList<QSslCertificate> caCertificates;
    QString user;
    QString token;            // a fixed secret (an instructor's); empty: the token store's
    QString tokenPath;        // where issued name tokens are kept (empty: in memory only)
    std::shared_ptr<TokenStore> tokenStore; // or this store of them (the desktop's keychain)
    QString clientName = QStringLiteral("collab-client/0.1");
    QString adminSecret;      // the server administrator's secret, sent in hello (empty: none)
    int ackTimeoutMs = 10000;      // a request without a reply by then fails with "timeout"
    int connectTimeoutMs = 10000;  // a socket that is not open by then is dropped
    int typingRefreshMs = 3000;    // the server expires typing indicators after 5 s
    int pingIntervalMs = 30000;    // keep-alive; a missing pong drops the connection (0: off)
    bool autoReconnect = true;
    Backoff::Policy reconnect{250, 10000, 2.0, 0.5};
    Backoff::Policy resend{500, 30000, 2.0, 0.5};    // outbox after a timeout or a retryable error
    QString outboxPath;       // empty: the outbox lives in memory only
};

} // namespace collab::client
