#pragma once

#include "protocol/servermessages.h"

#include <QMetaType>

#include <functional>
#include <optional>

namespace collab::client {

// Error codes the client makes up itself, next to the server's (docs/protocol.md).
namespace localerror {
inline QString timeout() { return QStringLiteral("timeout"); }            // no reply within the ack timeout
inline QString disconnected() { return QStringLiteral("disconnected"); }  // the connection dropped first
inline QString notConnected() { return QStringLiteral("not_connected"); } // asked while offline
} // namespace localerror

// How one request ended: the server's reply (ack, welcome, joined, history, pong), the server's
// error, or a local failure described as an ErrorReply with a localerror code.
struct RequestResult
{
    enum class Status { Replied, Rejected, TimedOut, ConnectionLost };

    Status status = Status::ConnectionLost;
    std::optional<proto::ServerPayload> reply; // Replied
    proto::ErrorReply error;                   // every other status

    bool ok() const { return status == Status::Replied; }
    // The reply when it is of type T, else nullptr.
    template <typename T>
    const T *replyAs() const { return reply ? std::get_if<T>(&*reply) : nullptr; }
    const proto::Ack *ack() const { return replyAs<proto::Ack>(); }
    // Worth trying again later: local failures and errors the server marks retryable.
    bool retryable() const { return status != Status::Replied && (status != Status::Rejected || error.retryable); }

    static RequestResult replied(proto::ServerPayload payload);
    static RequestResult rejected(proto::ErrorReply error);
    static RequestResult timedOut(const QJsonValue &ref, int afterMs);
    static RequestResult connectionLost(const QJsonValue &ref, const QString &why);
    static RequestResult notConnected();
};

using ResultHandler = std::function<void(const RequestResult &)>;

} // namespace collab::client

Q_DECLARE_METATYPE(collab::client::RequestResult)
