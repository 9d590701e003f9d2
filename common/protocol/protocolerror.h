#pragma once

#include <QJsonValue>
#include <QString>

namespace collab {

// The error codes of the wire protocol and the REST API. The text names (errorCodeName) are the
// contract; the server maps each code to an HTTP status in one place (server/rest/httpreply.cpp).
enum class ErrorCode {
    BadJson,          // the frame or body is not a JSON object
    BadType,          // a field has the wrong JSON type
    MissingField,     // a required field is absent
    InvalidValue,     // a field is well-typed but not acceptable (bad id, empty text, ...)
    UnknownType,      // unknown message type
    TooLarge,         // frame, body or text over its limit
    NotAuthenticated, // hello first / missing or bad API key
    Forbidden,        // authenticated but not allowed
    WrongJoinCode,
    NotJoined,        // the session has not joined that course
    UnknownCourse,
    UnknownChannel,
    UnknownNote,
    NotFound,         // message id or route
    Conflict,
    RateLimited,
    Unavailable,      // storage or bus down: retry later
    Internal,
};

QString errorCodeName(ErrorCode code);

struct ProtocolError
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QJsonValue ref; // the request's ref when it could be read, so the client can match the error
    qint64 retryAfterMs = 0; // rate_limited: when to try again (REST: Retry-After, in whole seconds)

    static ProtocolError make(ErrorCode code, const QString &message, const QJsonValue &ref = {})
    {
        return ProtocolError{code, message, ref, 0};
    }
};

} // namespace collab
