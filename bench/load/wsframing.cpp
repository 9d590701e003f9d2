#include "wsframing.h"

#include <cstring>

namespace collab::bench {

namespace {

// A fixed key is fine for a benchmark client: the server does not check the accept hash here,
// and we do not check it either (loopback only).
constexpr std::string_view kKey = "dGhlIHNhbXBsZSBub25jZQ==";

} // namespace

std::string upgradeRequest(std::string_view host, std::uint16_t port, std::string_view path)
{
    std::string r;
    r.reserve(256);
    r.append("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(":");
    r.append(std::to_string(port));
    r.append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ").append(kKey);
    r.append("\r\nSec-WebSocket-Version: 13\r\n\r\n");
    return r;
}

long upgradeResponseLength(std::string_view received)
{
    const std::size_t end = received.find("\r\n\r\n");
    if (end == std::string_view::npos)
        return received.size() > 8192 ? -1 : 0;
    const std::string_view status = received.substr(0, received.find("\r\n"));
    if (status.size() < 12 || status.substr(9, 3) != "101")
        return -1;
    return long(end + 4);
}

void appendClientFrame(std::string &out, Opcode opcode, std::string_view payload, std::uint32_t maskSeed)
{
    const std::size_t n = payload.size();
    out.push_back(char(0x80 | std::uint8_t(opcode)));
    if (n < 126) {
        out.push_back(char(0x80 | n));
    } else if (n < 65536) {
        out.push_back(char(0x80 | 126));
        out.push_back(char(n >> 8));
        out.push_back(char(n & 0xff));
    } else {
        out.push_back(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(char((std::uint64_t(n) >> shift) & 0xff));
    }
    // xorshift so consecutive frames get different keys
    std::uint32_t key = maskSeed * 2654435761u + 0x9e3779b9u;
    key ^= key << 13;
    key ^= key >> 17;
    key ^= key << 5;
    unsigned char mask[4];
    std::memcpy(mask, &key, 4);
    out.append(reinterpret_cast<const char *>(mask), 4);
    const std::size_t start = out.size();
    out.append(payload);
    char *p = out.data() + start;
    for (std::size_t i = 0; i < n; ++i)
        p[i] = char(p[i] ^ mask[i & 3]);
}

long parseServerFrame(std::string_view data, ServerFrame *frame)
{
    if (data.size() < 2)
        return 0;
    const auto *p = reinterpret_cast<const unsigned char *>(data.data());
    if ((p[0] & 0x70) != 0 || (p[1] & 0x80) != 0)
        return -1;
    std::uint64_t len = p[1] & 0x7f;
    std::size_t header = 2;
    if (len == 126) {
        if (data.size() < 4)
            return 0;
        len = (std::uint64_t(p[2]) << 8) | p[3];
        header = 4;
    } else if (len == 127) {
        if (data.size() < 10)
            return 0;
        len = 0;
        for (int i = 2; i < 10; ++i)
            len = (len << 8) | p[i];
        if (len > (1u << 31))
            return -1;
        header = 10;
    }
    if (data.size() < header + len)
        return 0;
    frame->fin = (p[0] & 0x80) != 0;
    frame->opcode = Opcode(p[0] & 0x0f);
    frame->payload = data.substr(header, std::size_t(len));
    return long(header + len);
}

} // namespace collab::bench
