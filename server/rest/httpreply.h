#pragma once

#include "protocol/protocolerror.h"

#include <QByteArray>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>

#include <memory>
#include <utility>
#include <vector>

namespace collab::server {

// The one way a REST handler answers: now or later (after a commit). A later answer is written
// only while the client's socket is still alive (QHttpServer 6.4 crashes otherwise).
class HttpReply
{
public:
    // `errorCounter`, if given, counts the answers with a status of 400 or more (for /metrics).
    explicit HttpReply(QHttpServerResponder &&responder, quint64 *errorCounter = nullptr);

    void json(int status, const QJsonObject &body);
    void error(const ProtocolError &error);
    void text(int status, const QByteArray &contentType, const QByteArray &body);
    void addHeader(const QByteArray &name, const QByteArray &value) { m_headers.emplace_back(name, value); }

private:
    std::shared_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    std::vector<std::pair<QByteArray, QByteArray>> m_headers;
    quint64 *m_errorCounter = nullptr;
};

// The HTTP status of each protocol error code: the one mapping used by every route.
int httpStatusFor(ErrorCode code);

} // namespace collab::server
