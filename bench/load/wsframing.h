#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// Minimal client side of RFC 6455: the upgrade request, masked text frames out, and an
// incremental reader for the server's (unmasked) frames. Enough for a load generator, not a
// general WebSocket client: no extensions, no fragmented messages larger than the buffer.
namespace collab::bench {

// "GET <path> HTTP/1.1 ... Sec-WebSocket-Key ..." for host:port.
std::string upgradeRequest(std::string_view host, std::uint16_t port, std::string_view path);

// Length of the HTTP response head (up to and including "\r\n\r\n") once complete, 0 while
// incomplete, -1 if the response is not "101 Switching Protocols".
long upgradeResponseLength(std::string_view received);

enum class Opcode : std::uint8_t { Continuation = 0, Text = 1, Binary = 2, Close = 8, Ping = 9, Pong = 10 };

// Appends one masked frame carrying `payload` to `out`. `maskSeed` varies the masking key.
void appendClientFrame(std::string &out, Opcode opcode, std::string_view payload, std::uint32_t maskSeed);

struct ServerFrame
{
    Opcode opcode = Opcode::Text;
    bool fin = true;
    std::string_view payload; // points into the caller's buffer
};

// Parses the frame at the start of `data`. Returns the bytes it occupies, 0 if incomplete, -1
// if it is malformed (a masked server frame, a reserved bit, a 64-bit length over 2^31).
long parseServerFrame(std::string_view data, ServerFrame *frame);

} // namespace collab::bench
