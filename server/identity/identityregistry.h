#pragma once

#include "identity/nameclaims.h"
#include "notes/replicaclaims.h"

#include <QSqlDatabase>
#include <QString>

namespace collab::server {

// The name claims and note replica claims of a single node, in a SQLite file (identity.db).
// Answers at once.
class IdentityRegistry final : public NameClaims, public ReplicaClaims
{
public:
    IdentityRegistry();
    ~IdentityRegistry() override;
    IdentityRegistry(const IdentityRegistry &) = delete;
    IdentityRegistry &operator=(const IdentityRegistry &) = delete;

    // Opens the claims table in the SQLite file at `path`.
    QString open(const QString &path);

    void authenticate(const CourseConfig &course, const QString &user, const QString &token, const NewNameGate &gate,
                      NameClaims::Done done) override
    {
        done(check(course, user, token, gate));
    }
    Result<NameGrant> check(const CourseConfig &course, const QString &user, const QString &token,
                            const NewNameGate &gate = {});

    void release(const QString &course, const QStringList &users, Released done) override;

    void claimReplicas(const QString &course, const QString &owner, const QList<crdt::ReplicaId> &claim,
                       const QList<crdt::ReplicaId> &lookUp, ReplicaClaims::Done done) override
    {
        done(claimReplicas(course, owner, claim, lookUp));
    }
    Result<Owners> claimReplicas(const QString &course, const QString &owner, const QList<crdt::ReplicaId> &claim,
                                 const QList<crdt::ReplicaId> &lookUp);

    // Forgets a claim (an instructor resets a student who lost their token).
    bool release(const QString &course, const QString &user);

private:
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace collab::server
