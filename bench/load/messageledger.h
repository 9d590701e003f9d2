#pragma once

#include <cstdint>
#include <vector>

// What became of each message one sender sent: waiting for its reply, to be sent again (the
// connection dropped, or the server answered with a retryable error), acknowledged, or refused
// for good. Message numbers are dense (0, 1, 2, ...) and a resend keeps the number, so it keeps
// the clientMsgId and the server stores it at most once.
namespace collab::bench {

class MessageLedger
{
public:
    enum class State : std::uint8_t { InFlight, Pending, Acked, Refused };

    // A new message, sent now; returns its number.
    std::uint32_t add(std::int64_t sentAt);
    std::uint32_t size() const { return std::uint32_t(m_states.size()); }
    std::int64_t sentAt(std::uint32_t n) const { return m_sentAt[n]; }
    State state(std::uint32_t n) const { return m_states[n]; }

    // A reply for message n. Each returns false (and changes nothing) unless n is in flight.
    bool acked(std::uint32_t n);
    bool retryLater(std::uint32_t n);
    bool refused(std::uint32_t n);
    // The connection is gone: every message in flight has to be sent again.
    void connectionLost();
    // The messages to send again, oldest first; they are in flight from now on.
    std::vector<std::uint32_t> takePending();

    std::uint32_t inFlight() const { return m_inFlight; }
    std::uint32_t pending() const { return std::uint32_t(m_pending.size()); }
    std::uint32_t unacked() const { return m_inFlight + pending(); }
    std::uint64_t ackedCount() const { return m_acked; }

private:
    bool settle(std::uint32_t n, State to);

    std::vector<std::int64_t> m_sentAt; // first send, by message number
    std::vector<State> m_states;
    std::vector<std::uint32_t> m_pending; // numbers in state Pending
    std::uint32_t m_inFlight = 0;
    std::uint64_t m_acked = 0;
};

} // namespace collab::bench
