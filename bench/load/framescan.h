#pragma once

#include <cstdint>
#include <string_view>

// Reads what the generator needs from a server frame without a JSON parser: its "type", and the
// benchmark's clientMsgId ("<run>.<sender>.<n>") in a chat.posted event. The generator must stay
// cheaper than the server it measures, so it never builds a JSON tree per delivery.
namespace collab::bench {

enum class FrameType { Other, Welcome, Joined, Ack, Error, Event };

FrameType frameType(std::string_view frame);

// The unsigned integer after `"key":` (e.g. an ack's "ref"), if there is one.
bool numberField(std::string_view frame, std::string_view key, std::uint64_t *value);

// The value of a top-level string field `key` (e.g. joined's "token"); empty if absent. Only for
// frames whose strings hold no escaped quotes.
std::string_view stringField(std::string_view frame, std::string_view key);

// True if an error frame says "retryable":true (e.g. `unavailable`, `rate_limited`).
bool isRetryable(std::string_view errorFrame);

// True if `frame` carries "clientMsgId":"<run>.<sender>.<n>" for this run.
bool benchMessageId(std::string_view frame, std::string_view run, int *sender, std::uint32_t *n);

} // namespace collab::bench
