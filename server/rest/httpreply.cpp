#include "rest/httpreply.h"

#include <QJsonDocument>

namespace collab::server {

ReplyChannel::~ReplyChannel()
{
    if (m_answered)
        return;
    const ProtocolError e = ProtocolError::make(ErrorCode::Internal, QStringLiteral("the request was dropped without an answer"));
    m_deliver(HttpResponse{500, QByteArrayLiteral("application/json"), QJsonDocument(errorBody(e)).toJson(QJsonDocument::Compact), {}});
}

void ReplyChannel::send(HttpResponse response)
{
    if (m_answered)
        return;
    m_answered = true;
    m_deliver(std::move(response));
}

HttpReply::HttpReply(std::shared_ptr<ReplyChannel> channel, quint64 *errorCounter)
    : m_channel(std::move(channel)), m_errorCounter(errorCounter)
{
}

void HttpReply::text(int status, const QByteArray &contentType, const QByteArray &body)
{
    send(HttpResponse{status, contentType, body, m_headers, {}});
}

void HttpReply::stream(int status, const QByteArray &contentType, std::shared_ptr<QIODevice> device, qint64 size)
{
    HttpResponse response{status, contentType, {}, m_headers, {}};
    response.bodyDevice = std::move(device);
    response.bodySize = size;
    send(std::move(response));
}

void HttpReply::bytes(int status, const QByteArray &contentType, std::function<QByteArray()> produce)
{
    send(HttpResponse{status, contentType, {}, m_headers, std::move(produce)});
}

void HttpReply::json(int status, const QJsonObject &body)
{
    json(status, [body] { return body; });
}

void HttpReply::json(int status, std::function<QJsonObject()> build)
{
    jsonBytes(status, [build = std::move(build)] { return QJsonDocument(build()).toJson(QJsonDocument::Compact); });
}

void HttpReply::jsonBytes(int status, std::function<QByteArray()> encode)
{
    send(HttpResponse{status, QByteArrayLiteral("application/json"), {}, m_headers, std::move(encode)});
}

void HttpReply::send(HttpResponse response)
{
    if (response.status >= 400 && m_errorCounter)
        ++*m_errorCounter;
    if (m_channel)
        m_channel->send(std::move(response));
    m_channel.reset(); // one answer per request
}

void HttpReply::error(const ProtocolError &error)
{
    if (error.code == ErrorCode::RateLimited || error.code == ErrorCode::Unavailable) // whole seconds, rounded up
        addHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(std::max<qint64>(1, (error.retryAfterMs + 999) / 1000)));
    json(httpStatusFor(error.code), errorBody(error));
}

void HttpReply::error(const ProtocolError &error, int status)
{
    json(status, errorBody(error));
}

QJsonObject errorBody(const ProtocolError &error)
{
    return {{QStringLiteral("error"),
             error.retryAfterMs > 0
                 ? QJsonObject{{QStringLiteral("code"), errorCodeName(error.code)},
                               {QStringLiteral("message"), error.message},
                               {QStringLiteral("retryAfterMs"), double(error.retryAfterMs)}}
                 : QJsonObject{{QStringLiteral("code"), errorCodeName(error.code)}, {QStringLiteral("message"), error.message}}}};
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
