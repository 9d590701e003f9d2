#include "client/requestresult.h"

#include <QCoreApplication>

namespace collab::client {

RequestResult RequestResult::replied(proto::ServerPayload payload)
{
    RequestResult r;
    r.status = Status::Replied;
    r.reply = std::move(payload);
    return r;
}

RequestResult RequestResult::rejected(proto::ErrorReply error)
{
    RequestResult r;
    r.status = Status::Rejected;
    r.error = std::move(error);
    return r;
}

RequestResult RequestResult::timedOut(const QJsonValue &ref, int afterMs)
{
    RequestResult r;
    r.status = Status::TimedOut;
    r.error = proto::ErrorReply{ref, localerror::timeout(),
                                QCoreApplication::translate("collab::client::RequestResult", "no reply from the server within %1 ms").arg(afterMs), true};
    return r;
}

RequestResult RequestResult::connectionLost(const QJsonValue &ref, const QString &why)
{
    RequestResult r;
    r.status = Status::ConnectionLost;
    r.error = proto::ErrorReply{ref, localerror::disconnected(),
                                QCoreApplication::translate("collab::client::RequestResult", "the connection dropped before the reply: %1").arg(why), true};
    return r;
}

RequestResult RequestResult::notConnected()
{
    RequestResult r;
    r.status = Status::ConnectionLost;
    r.error = proto::ErrorReply{QJsonValue(), localerror::notConnected(), QCoreApplication::translate("collab::client::RequestResult", "not connected to the server"),
                                true};
    return r;
}

} // namespace collab::client
