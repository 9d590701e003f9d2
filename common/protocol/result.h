#pragma once

#include "protocol/protocolerror.h"

#include <utility>
#include <variant>

namespace collab {

// Either a value or a ProtocolError: decoding never yields a half-filled object.
template <typename T>
class Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(ProtocolError error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const ProtocolError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, ProtocolError> m_data;
};

} // namespace collab
