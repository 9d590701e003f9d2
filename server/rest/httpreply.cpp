#include "rest/httpreply.h"

#include <QJsonDocument>

namespace collab::server {

HttpReply::HttpReply(QHttpServerResponder &&responder, quint64 *errorCounter)
    : m_responder(std::make_shared<QHttpServerResponder>(std::move(responder))), m_socket(m_responder->socket()),
      m_errorCounter(errorCounter)
{
}

void HttpReply::text(int status, const QByteArray &contentType, const QByteArray &body)
{
    if (status >= 400 && m_errorCounter)
        ++*m_errorCounter;
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState || !m_responder)
        return;
    QHttpServerResponder &r = *m_responder;
    r.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    r.writeHeader(QByteArrayLiteral("Content-Type"), contentType);
    r.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    for (const auto &[name, value] : m_headers)
        r.writeHeader(name, value);
    r.writeBody(body);
    m_responder.reset(); // one answer per request
}

void HttpReply::json(int status, const QJsonObject &body)
{
    text(status, QByteArrayLiteral("application/json"), QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void HttpReply::error(const ProtocolError &error)
{
    if (error.code == ErrorCode::RateLimited || error.code == ErrorCode::Unavailable)
        addHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
    json(httpStatusFor(error.code),
         {{QStringLiteral("error"),
           QJsonObject{{QStringLiteral("code"), errorCodeName(error.code)}, {QStringLiteral("message"), error.message}}}});
}

int httpStatusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadJson:
    case ErrorCode::BadType:
    case ErrorCode::MissingField:
    case ErrorCode::InvalidValue:
    case ErrorCode::UnknownType: return 400;
    case ErrorCode::NotAuthenticated: return 401;
    case ErrorCode::Forbidden:
    case ErrorCode::WrongJoinCode:
    case ErrorCode::NotJoined: return 403;
    case ErrorCode::UnknownCourse:
    case ErrorCode::UnknownChannel:
    case ErrorCode::UnknownNote:
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::TooLarge: return 413;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

} // namespace collab::server
