#pragma once

#include "model/chatmessage.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace collab::client {

class CollabClient;

// What an upload or a download came to: ok with the file (and, downloaded, its bytes), or the
// HTTP status and the server's error message (status 0: no answer, e.g. the network).
struct FileTransferResult
{
    bool ok = false;
    int status = 0;
    QString errorCode; // the server's error code ("too_large", "not_found"...), or empty
    QString error;     // one line for the user
    FileRef file;      // upload: what the server stored (its type sniffed from the bytes)
    QByteArray bytes;  // download
};

// Course files over the server's REST routes (docs/rest.md, "Files") as the member the client
// is: HTTP Basic with the client's name and the course token its join received (or the fixed
// token, an instructor's secret). Same host and port as the WebSocket (ws → http, wss → https,
// with the same trusted CAs). Never blocks: `done` runs later on the caller's thread.
class FileTransfer : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const FileTransferResult &)>;

    explicit FileTransfer(CollabClient &client, QObject *parent = nullptr);

    // Uploads `bytes` under `name` (sent percent-encoded in X-File-Name) to `course`.
    void upload(const QString &course, const QString &name, const QByteArray &bytes, Done done);
    // Downloads file `id` of `course`; more than maxBytes (the size its card announced, with room
    // to spare) is refused without reading further.
    void download(const QString &course, const QString &id, qint64 maxBytes, Done done);

    // ws://host:port/ws → http://host:port (wss → https).
    static QUrl httpBase(const QUrl &webSocketUrl);

private:
    QNetworkRequest request(const QString &course, const QString &path) const;

    CollabClient &m_client;
    QNetworkAccessManager m_http;
};

} // namespace collab::client
