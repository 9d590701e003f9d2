// fuzz_protocol: the WebSocket message decoders on arbitrary bytes. Every input goes through both
// decodeClientMessage (what the server reads) and decodeServerMessage (what the client library
// reads). A message that decodes must re-encode to a frame that decodes again, and that second
// round must give the same bytes: encode(decode(encode(m))) == encode(m).
#include "fuzzsupport.h"

#include "protocol/clientmessages.h"
#include "protocol/servermessages.h"

#include <variant>

namespace collab::fuzz {

namespace {

QByteArray describe(const QByteArray &first, const QByteArray &second, const ProtocolError *error = nullptr)
{
    QByteArray out = "encoded: " + first + "\n  again:   " + second;
    if (error)
        out += "\n  error:   " + errorCodeName(error->code).toUtf8() + ' ' + error->message.toUtf8();
    return out;
}

void clientRoundTrip(const QByteArray &frame)
{
    const Result<proto::ClientMessage> decoded = proto::decodeClientMessage(frame);
    if (!decoded) {
        // Errors carry a ref only when it could be read, and never one of the wrong type.
        const QJsonValue &ref = decoded.error().ref;
        FUZZ_CHECK(ref.isNull() || ref.isUndefined() || ref.isDouble() || ref.isString(), frame);
        return;
    }
    const QByteArray encoded = decoded.value().encode();
    const Result<proto::ClientMessage> again = proto::decodeClientMessage(encoded);
    FUZZ_CHECK(again.ok(), describe(encoded, {}, again.ok() ? nullptr : &again.error()));
    FUZZ_CHECK(again.value().payload.index() == decoded.value().payload.index(), describe(encoded, {}));
    const QByteArray reencoded = again.value().encode();
    FUZZ_CHECK(reencoded == encoded, describe(encoded, reencoded));
}

QByteArray encodeServer(const proto::ServerPayload &payload)
{
    return std::visit([](const auto &m) { return proto::encode(m); }, payload);
}

void serverRoundTrip(const QByteArray &frame)
{
    const Result<proto::ServerPayload> decoded = proto::decodeServerMessage(frame);
    if (!decoded)
        return;
    const QByteArray encoded = encodeServer(decoded.value());
    const Result<proto::ServerPayload> again = proto::decodeServerMessage(encoded);
    FUZZ_CHECK(again.ok(), describe(encoded, {}, again.ok() ? nullptr : &again.error()));
    FUZZ_CHECK(again.value().index() == decoded.value().index(), describe(encoded, {}));
    const QByteArray reencoded = encodeServer(again.value());
    FUZZ_CHECK(reencoded == encoded, describe(encoded, reencoded));
}

} // namespace

void protocol(QByteArrayView input)
{
    const QByteArray frame = input.toByteArray();
    clientRoundTrip(frame);
    serverRoundTrip(frame);
}

} // namespace collab::fuzz

COLLAB_FUZZ_TARGET(collab::fuzz::protocol)
