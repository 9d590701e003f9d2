#pragma once

#include "identity/nameclaims.h"

#include <QSqlDatabase>
#include <QString>

namespace collab::server {

// The name claims of a single node, in a SQLite file (identity.db). Answers at once.
class IdentityRegistry final : public NameClaims
{
public:
    IdentityRegistry();
    ~IdentityRegistry() override;
    IdentityRegistry(const IdentityRegistry &) = delete;
    IdentityRegistry &operator=(const IdentityRegistry &) = delete;

    // Opens the claims table in the SQLite file at `path`.
    QString open(const QString &path);

    void authenticate(const CourseConfig &course, const QString &user, const QString &token, const NewNameGate &gate,
                      Done done) override
    {
        done(check(course, user, token, gate));
    }
    Result<NameGrant> check(const CourseConfig &course, const QString &user, const QString &token,
                            const NewNameGate &gate = {});

    void release(const QString &course, const QStringList &users, Released done) override;
    // Forgets a claim (an instructor resets a student who lost their token).
    bool release(const QString &course, const QString &user);

private:
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace collab::server
