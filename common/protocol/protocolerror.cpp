#include "protocol/protocolerror.h"

namespace collab {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadJson: return QStringLiteral("bad_json");
    case ErrorCode::BadType: return QStringLiteral("bad_type");
    case ErrorCode::MissingField: return QStringLiteral("missing_field");
    case ErrorCode::InvalidValue: return QStringLiteral("invalid_value");
    case ErrorCode::UnknownType: return QStringLiteral("unknown_type");
    case ErrorCode::TooLarge: return QStringLiteral("too_large");
    case ErrorCode::NotAuthenticated: return QStringLiteral("not_authenticated");
    case ErrorCode::Forbidden: return QStringLiteral("forbidden");
    case ErrorCode::WrongJoinCode: return QStringLiteral("wrong_join_code");
    case ErrorCode::NotJoined: return QStringLiteral("not_joined");
    case ErrorCode::UnknownCourse: return QStringLiteral("unknown_course");
    case ErrorCode::UnknownChannel: return QStringLiteral("unknown_channel");
    case ErrorCode::UnknownNote: return QStringLiteral("unknown_note");
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::RateLimited: return QStringLiteral("rate_limited");
    case ErrorCode::Unavailable: return QStringLiteral("unavailable");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

} // namespace collab
