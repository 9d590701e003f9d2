#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace collab::server {

struct CourseConfig;

// What a successful authentication established.
struct NameGrant
{
    QString display;     // the name as first claimed (or as configured, for an instructor)
    QString issuedToken; // set when this join claimed the name: send it to the client, once
};

// Asked just before a name is claimed for the first time (the new-name limits, NewNameLimits):
// check() says whether a claim may be made now (an error refuses it; nothing else is refused),
// taken() that one was made.
struct NewNameGate
{
    std::function<std::optional<ProtocolError>()> check;
    std::function<void()> taken;
};

// Who may use a name in a course (docs/security.md, "Identity"). Names are compared by their
// normalizedName ("Angie.Nguyen" and "angie.nguyen" are one name); the form first claimed is the
// one displayed. The first join under a name claims it and receives a secret token (128 random
// bits); later joins under that name must present it. Instructors with a secret in the
// configuration present that secret instead. Only SHA-256 hashes are stored; comparisons take
// constant time; tokens are never logged. IdentityRegistry keeps the claims of one node
// (identity.db); RedisClaims shares them between the nodes of a Redis deployment.
class NameClaims
{
public:
    // Ok with the grant, not_authenticated, the gate's error for a new name, or unavailable
    // (retryable). May run before authenticate() returns.
    using Done = std::function<void(Result<NameGrant>)>;
    using Released = std::function<void(Result<int>)>; // how many claims were removed

    // A token a client brings for an unclaimed name is adopted if it is at least this long
    // (the tokens servers issue have 22 characters).
    static constexpr int MinAdoptedTokenLength = 22;

    virtual ~NameClaims() = default;
    virtual void authenticate(const CourseConfig &course, const QString &user, const QString &token,
                              const NewNameGate &gate, Done done) = 0;
    // Removes the claims of `users` (an instructor purges unused claims): those names are free again.
    virtual void release(const QString &course, const QStringList &users, Released done) = 0;
    // Another node released these claims: forget what this node remembers of them.
    virtual void forget(const QString &course, const QStringList &users) { Q_UNUSED(course); Q_UNUSED(users); }

protected:
    // The rules every store shares.
    // An instructor with a configured secret: the answer (the config decides, not the store).
    static std::optional<Result<NameGrant>> checkInstructor(const CourseConfig &course, const QString &user,
                                                            const QString &token);
    // The token an unclaimed name is claimed with: the client's own if it brought one long enough
    // (`adopted`), a new one otherwise.
    static QString tokenToClaim(const QString &token, bool *adopted);
    // A claimed name: does the token match the stored hash?
    static Result<NameGrant> checkClaim(const CourseConfig &course, const QString &display, const QString &token,
                                        const QByteArray &storedHash);
    // What a successful claim answers: the token to send, or nothing if the client brought it.
    static NameGrant claimed(const QString &display, const QString &claimToken, bool adopted)
    {
        return NameGrant{display, adopted ? QString() : claimToken};
    }
    static ProtocolError unavailable(const QString &what);
};

// Constant-time equality of two byte strings of any length.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace collab::server
