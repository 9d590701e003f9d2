#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace collab::crdt {

enum class ErrorCode {
    InvalidPosition,     // local edit outside the text
    SplitsSurrogatePair, // a position or range boundary between the halves of a surrogate pair
    InvalidText,         // empty, lone surrogate, or longer than limits::kMaxOpText
    InvalidOperation,    // structurally wrong (zero length, self reference, bad replica, ...)
    CounterOverflow,     // counter + length beyond limits::kMaxCounter
    UnknownReference,    // names an id that is not an inserted unit of this document
    PendingQueueFull,    // too many operations already wait for their dependencies
    MalformedEncoding,   // JSON or binary that does not decode
    HistoryUnavailable,  // operations before a loaded snapshot are not kept
    TooManyReplicas,
};

struct Error
{
    ErrorCode code = ErrorCode::InvalidOperation;
    QString message;
};

const char *errorCodeName(ErrorCode code);

// The value or the reason why there is none: never a half-filled value.
template <typename T>
class Expected
{
public:
    Expected(T value) : m_state(std::move(value)) {}
    Expected(Error error) : m_state(std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    // By value, so `for (x : f().value())` does not iterate a destroyed temporary.
    T value() && { return std::get<0>(std::move(m_state)); }
    const Error &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

inline Error makeError(ErrorCode code, const QString &message)
{
    return Error{code, message};
}

} // namespace collab::crdt
