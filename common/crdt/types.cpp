#include "crdt/error.h"
#include "crdt/types.h"

namespace collab::crdt {

QString replicaToString(ReplicaId replica)
{
    return QStringLiteral("%1").arg(replica, 16, 16, QLatin1Char('0'));
}

bool replicaFromString(const QString &text, ReplicaId *replica)
{
    if (text.size() != 16)
        return false;
    for (QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9'))
              || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    bool ok = false;
    const ReplicaId value = text.toULongLong(&ok, 16);
    if (!ok || value == 0)
        return false;
    *replica = value;
    return true;
}

const char *errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidPosition: return "InvalidPosition";
    case ErrorCode::SplitsSurrogatePair: return "SplitsSurrogatePair";
    case ErrorCode::InvalidText: return "InvalidText";
    case ErrorCode::InvalidOperation: return "InvalidOperation";
    case ErrorCode::CounterOverflow: return "CounterOverflow";
    case ErrorCode::UnknownReference: return "UnknownReference";
    case ErrorCode::PendingQueueFull: return "PendingQueueFull";
    case ErrorCode::MalformedEncoding: return "MalformedEncoding";
    case ErrorCode::HistoryUnavailable: return "HistoryUnavailable";
    case ErrorCode::TooManyReplicas: return "TooManyReplicas";
    }
    return "Unknown";
}

} // namespace collab::crdt
