#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

// A REST call through QNetworkAccessManager, for the suites that read JSON answers.
struct JsonHttpResult
{
    int status = 0; // 0: no answer in time
    QJsonObject json;

    // An error answer's {"error": {"code", "message"}}.
    QString errorCode() const;
    QString errorMessage() const;
};

// `verb` `url` with `body` (as `contentType`) and, unless empty, "Authorization: Bearer KEY".
// Waits up to timeoutMs with the event loop running (the server may live in the test's thread).
JsonHttpResult jsonHttp(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &verb, const QByteArray &body = {},
                        const QByteArray &bearerKey = {}, const QByteArray &contentType = "application/json", int timeoutMs = 20000);
