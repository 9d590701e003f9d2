#include "messageledger.h"

#include <algorithm>

namespace collab::bench {

std::uint32_t MessageLedger::add(std::int64_t sentAt)
{
    m_sentAt.push_back(sentAt);
    m_states.push_back(State::InFlight);
    ++m_inFlight;
    return std::uint32_t(m_states.size() - 1);
}

bool MessageLedger::settle(std::uint32_t n, State to)
{
    if (n >= m_states.size() || m_states[n] != State::InFlight)
        return false;
    m_states[n] = to;
    --m_inFlight;
    if (to == State::Acked)
        ++m_acked;
    else if (to == State::Pending)
        m_pending.push_back(n);
    return true;
}

bool MessageLedger::acked(std::uint32_t n) { return settle(n, State::Acked); }
bool MessageLedger::retryLater(std::uint32_t n) { return settle(n, State::Pending); }
bool MessageLedger::refused(std::uint32_t n) { return settle(n, State::Refused); }

void MessageLedger::connectionLost()
{
    if (m_inFlight == 0)
        return;
    for (std::uint32_t n = 0; n < m_states.size(); ++n)
        if (m_states[n] == State::InFlight)
            settle(n, State::Pending);
}

std::vector<std::uint32_t> MessageLedger::takePending()
{
    std::vector<std::uint32_t> out;
    out.swap(m_pending);
    std::sort(out.begin(), out.end());
    for (std::uint32_t n : out)
        m_states[n] = State::InFlight;
    m_inFlight += std::uint32_t(out.size());
    return out;
}

} // namespace collab::bench
