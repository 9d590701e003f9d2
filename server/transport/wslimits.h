#pragma once

#include <QtCore/QtGlobal>

namespace collab::server {

// Close codes the transport sends (docs/transport.md lists when each one is used).
namespace CloseCode {
constexpr quint16 Normal = 1000;          // peer asked to close, or the application closed
constexpr quint16 GoingAway = 1001;       // server shutting down, or the peer stopped answering pings
constexpr quint16 ProtocolError = 1002;   // unmasked frame, bad opcode, bad fragmentation, ...
constexpr quint16 UnsupportedData = 1003; // binary frame: the protocol is JSON text
constexpr quint16 NoStatus = 1005;        // never sent; reported when a close frame had no code
constexpr quint16 InvalidPayload = 1007;  // text that is not valid UTF-8
constexpr quint16 PolicyViolation = 1008;
constexpr quint16 MessageTooBig = 1009;   // frame or reassembled message over the limit
constexpr quint16 InternalError = 1011;
constexpr quint16 SlowConsumer = 4008;    // send queue over the hard limit: the client does not read
} // namespace CloseCode

// Every limit of the transport in one place; the defaults are the production values.
struct WsLimits
{
    qint64 maxMessageSize = 64 * 1024;       // reassembled text message, bytes (over: 1009)
    qint64 maxFrameSize = 64 * 1024;         // one frame's payload, bytes (over: 1009)
    qint64 sendQueueSoftLimit = 256 * 1024;  // queued bytes above which Droppable frames are dropped
    qint64 sendQueueHardLimit = 1024 * 1024; // a frame taking a non-empty queue above it closes (4008)
    // A reply bigger than this (a note's state, a history page) goes out as a fragmented message,
    // one fragment at a time, each queued only once the queue is empty: the client reads it at its
    // own pace and it never counts against the hard limit (frames sent meanwhile wait behind it and
    // do count). At most maxBulkReplies such replies wait per connection (one more: 4008).
    qint64 bulkFragmentSize = 64 * 1024;
    int maxBulkReplies = 8;
    int maxHandshakeSize = 8 * 1024;         // request head of an upgrade, bytes (over: 400)
    int handshakeTimeoutMs = 10'000;         // accepted socket that has not decided / finished its upgrade
    int closeTimeoutMs = 5'000;              // wait for the peer's close frame / FIN after ours
    int pingIntervalMs = 30'000;             // silent peer gets a ping; silent for 2 intervals: closed (0: off)
    int listenBacklog = 4096;                // kernel accept queue (capped by net.core.somaxconn)
    int maxPendingConnections = 1 << 20;     // QTcpServer's pending queue (its default of 30 throttles accept)
    // Accepted sockets of one IP address not classified yet (no first request, or a TLS handshake
    // in progress); one more is closed at once (0: no limit, the engine's default: its load tests
    // open 1,000 at once from 127.0.0.1). ServerInstance sets it to the config's
    // maxConnectionsPerAddress: a host may not hold more half-open connections than WebSocket ones.
    int maxPendingPerAddress = 0;
};

} // namespace collab::server
