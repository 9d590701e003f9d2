#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace collab::server {

struct CourseConfig;

// Who may use a name in a course (docs/security.md, "Identity"). The first join under a name
// claims it and receives a secret token (128 random bits); later joins under that name must
// present it. Instructors with a secret in the configuration present that secret instead. Only
// SHA-256 hashes are stored; comparisons take constant time; tokens are never logged.
// IdentityRegistry keeps the claims of one node (identity.db); RedisClaims shares them between
// the nodes of a Redis deployment.
class NameClaims
{
public:
    // Ok with the new token when this join claimed the name (send it to the client, once), ok
    // with an empty string when the token matched or was adopted for an unclaimed name,
    // not_authenticated, or unavailable (retryable). May run before authenticate() returns.
    using Done = std::function<void(Result<QString>)>;

    // A token a client brings for an unclaimed name is adopted if it is at least this long
    // (the tokens servers issue have 22 characters).
    static constexpr int MinAdoptedTokenLength = 22;

    virtual ~NameClaims() = default;
    virtual void authenticate(const CourseConfig &course, const QString &user, const QString &token, Done done) = 0;

protected:
    // The rules every store shares.
    // An instructor with a configured secret: the answer (the config decides, not the store).
    static std::optional<Result<QString>> checkInstructor(const CourseConfig &course, const QString &user,
                                                          const QString &token);
    // The token an unclaimed name is claimed with: the client's own if it brought one long enough
    // (`adopted`), a new one otherwise.
    static QString tokenToClaim(const QString &token, bool *adopted);
    // A claimed name: does the token match the stored hash?
    static Result<QString> checkClaim(const CourseConfig &course, const QString &user, const QString &token,
                                      const QByteArray &storedHash);
    // What a successful claim answers: the token to send, or nothing if the client brought it.
    static QString claimed(const QString &claimToken, bool adopted) { return adopted ? QString() : claimToken; }
    static ProtocolError unavailable(const QString &what);
};

// Constant-time equality of two byte strings of any length.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace collab::server
