#pragma once

#include "protocol/result.h"

#include <QSqlDatabase>
#include <QString>

namespace collab::server {

struct CourseConfig;

// Who may use a name in a course. The first join under a name claims it and receives a secret
// token (128 random bits); later joins under that name must present it. Instructors with a secret
// in the configuration present that secret instead. Only SHA-256 hashes are stored; comparisons
// take constant time; tokens are never logged.
class IdentityRegistry
{
public:
    // A token a client brings for an unclaimed name is adopted if it is at least this long
    // (the tokens servers issue have 22 characters).
    static constexpr int MinAdoptedTokenLength = 22;

    IdentityRegistry();
    ~IdentityRegistry();
    IdentityRegistry(const IdentityRegistry &) = delete;
    IdentityRegistry &operator=(const IdentityRegistry &) = delete;

    // Opens the claims table in the SQLite file at `path` (shared with the event store).
    QString open(const QString &path);

    // Ok with the new token when this call claims the name (send it to the client, once), ok with
    // an empty string when the token matched or was adopted for an unclaimed name, or
    // not_authenticated.
    Result<QString> authenticate(const CourseConfig &course, const QString &user, const QString &token);

    // Forgets a claim (an instructor resets a student who lost their token).
    bool release(const QString &course, const QString &user);

private:
    QString m_connectionName;
    QSqlDatabase m_db;
};

// Constant-time equality of two byte strings of any length.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace collab::server
