#pragma once

#include <QFile>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace collab::client {

// Downloads a course's export zip (issue 15 part 4) to a file: the `url` of a `course.export` ack
// (a path with a one-use ticket) on the HTTP side of the server the client is connected to. The
// zip is written as it arrives (never held in memory whole) to `path` + ".part", renamed to `path`
// once complete; progress() as it goes, finished() once, with an error message or empty.
class ExportDownload : public QObject
{
    Q_OBJECT
public:
    // `webSocketUrl`: the server as the client reached it (ws:// or wss://); `caCertificates`:
    // trusted besides the system's (as for the WebSocket).
    ExportDownload(const QUrl &webSocketUrl, const QString &ackUrl, const QString &path,
                   const QList<QSslCertificate> &caCertificates, QObject *parent = nullptr);
    ~ExportDownload() override;

    void start();
    void abort();
    // The zip's URL: http(s) on the WebSocket's host and port, with the ack's path and ticket.
    static QUrl downloadUrl(const QUrl &webSocketUrl, const QString &ackUrl);

Q_SIGNALS:
    void progress(qint64 received, qint64 total); // total -1 until known
    void finished(const QString &error);

private:
    void onReadyRead();
    void onFinished();
    void fail(const QString &error);

    QUrl m_url;
    QString m_path;
    QList<QSslCertificate> m_caCertificates;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QFile m_part;
    bool m_done = false;
};

} // namespace collab::client
