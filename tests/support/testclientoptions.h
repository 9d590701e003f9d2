#pragma once

#include "client/clientoptions.h"

#include <QString>
#include <QUrl>

// A client for tests: reconnects and resends within 20-200 ms instead of the app's seconds, and no
// keep-alive pings (they would only add frames to what the tests count).
inline collab::client::ClientOptions testClientOptions(const QUrl &url, const QString &user, const QString &tokenPath = {})
{
    collab::client::ClientOptions o;
    o.url = url;
    o.user = user;
    o.reconnect = collab::client::Backoff::Policy{20, 200, 2.0, 0.5};
    o.resend = collab::client::Backoff::Policy{20, 200, 2.0, 0.5};
    o.pingIntervalMs = 0;
    o.tokenPath = tokenPath;
    return o;
}
