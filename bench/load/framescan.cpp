#include "framescan.h"

namespace collab::bench {

namespace {

bool parseNumber(std::string_view s, std::size_t *pos, std::uint64_t *value)
{
    std::uint64_t v = 0;
    const std::size_t start = *pos;
    while (*pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9')
        v = v * 10 + std::uint64_t(s[(*pos)++] - '0');
    *value = v;
    return *pos > start;
}

} // namespace

std::string_view stringField(std::string_view frame, std::string_view key)
{
    // Find "key":" with the quotes, so a key that is the tail of another key does not match.
    std::size_t at = 0;
    while ((at = frame.find(key, at)) != std::string_view::npos) {
        const std::size_t end = at + key.size();
        if (at > 0 && frame[at - 1] == '"' && frame.substr(end, 3) == "\":\"") {
            const std::size_t start = end + 3;
            const std::size_t close = frame.find('"', start);
            return close == std::string_view::npos ? std::string_view() : frame.substr(start, close - start);
        }
        at = end;
    }
    return {};
}

bool isRetryable(std::string_view errorFrame) { return errorFrame.find("\"retryable\":true") != std::string_view::npos; }

FrameType frameType(std::string_view frame)
{
    // Servers encode objects with sorted keys, so "type" is usually last: search from the end.
    const std::size_t at = frame.rfind("\"type\":\"");
    if (at == std::string_view::npos)
        return FrameType::Other;
    const std::string_view rest = frame.substr(at + 8);
    const auto is = [&rest](std::string_view v) { return rest.size() > v.size() && rest.substr(0, v.size()) == v && rest[v.size()] == '"'; };
    if (is("event"))
        return FrameType::Event;
    if (is("ack"))
        return FrameType::Ack;
    if (is("error"))
        return FrameType::Error;
    if (is("joined"))
        return FrameType::Joined;
    if (is("welcome"))
        return FrameType::Welcome;
    return FrameType::Other;
}

bool numberField(std::string_view frame, std::string_view key, std::uint64_t *value)
{
    std::size_t at = 0;
    while ((at = frame.find(key, at)) != std::string_view::npos) {
        const std::size_t end = at + key.size();
        if (at > 0 && frame[at - 1] == '"' && end + 1 < frame.size() && frame[end] == '"' && frame[end + 1] == ':') {
            std::size_t pos = end + 2;
            return parseNumber(frame, &pos, value);
        }
        at = end;
    }
    return false;
}

bool benchMessageId(std::string_view frame, std::string_view run, int *sender, std::uint32_t *n)
{
    const std::string_view id = stringField(frame, "clientMsgId");
    if (id.size() <= run.size() + 1 || id.substr(0, run.size()) != run || id[run.size()] != '.')
        return false;
    std::size_t pos = run.size() + 1;
    std::uint64_t s = 0, k = 0;
    if (!parseNumber(id, &pos, &s) || pos >= id.size() || id[pos] != '.')
        return false;
    ++pos;
    if (!parseNumber(id, &pos, &k) || pos != id.size())
        return false;
    *sender = int(s);
    *n = std::uint32_t(k);
    return true;
}

} // namespace collab::bench
