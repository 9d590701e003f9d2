#pragma once

#include "config/serverconfig.h"
#include "protocol/protocolerror.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>

#include <array>
#include <optional>

namespace collab::server {

// What a guess got wrong.
enum class AuthFailure { JoinCode, InstructorSecret, NameToken, ApiKey };
constexpr int AuthFailureKinds = 4;
const char *authFailureName(AuthFailure kind); // "join_code", "instructor_secret", "name_token", "api_key"

// Slows down guessing of join codes, instructor secrets, name tokens and API keys: per address
// and per name (a course's user name; an API key has none), the first `authFailuresPerAddress` /
// `authFailuresPerName` failures are free, then each failure doubles a wait (1 s, 2 s, 4 s, ...
// up to authBackoffMaxMs) during which attempts are answered rate_limited without being checked.
// A key without a failure for ForgetAfterMs starts over. Lives in the hub thread (WebSocket joins
// and REST requests both run there); not shared between the nodes of a Redis deployment (each
// node slows down what it sees).
class AuthThrottle
{
public:
    static constexpr qint64 ForgetAfterMs = 15 * 60 * 1000;

    explicit AuthThrottle(const LimitsConfig &config);

    // nullopt: go ahead and check. Otherwise the rate_limited error to answer (with retryAfterMs).
    std::optional<ProtocolError> admit(const QHostAddress &address, const QString &name = {});
    void failed(AuthFailure kind, const QHostAddress &address, const QString &name = {});

    quint64 failures(AuthFailure kind) const { return m_failures[size_t(kind)]; }
    quint64 refused() const { return m_refused; } // attempts answered rate_limited

private:
    struct Backoff
    {
        int failures = 0;
        qint64 lastFailureMs = 0;
        qint64 blockedUntilMs = 0;
    };
    template <typename Key>
    static void fail(QHash<Key, Backoff> &table, const Key &key, int freeFailures, qint64 maxMs, qint64 now);
    template <typename Key>
    static qint64 blockedFor(const QHash<Key, Backoff> &table, const Key &key, qint64 now);
    void forgetOld(qint64 now);

    LimitsConfig m_config;
    QElapsedTimer m_clock;
    QHash<QHostAddress, Backoff> m_byAddress;
    QHash<QString, Backoff> m_byName;
    std::array<quint64, AuthFailureKinds> m_failures{};
    quint64 m_refused = 0;
    quint64 m_sinceSweep = 0;
};

} // namespace collab::server
