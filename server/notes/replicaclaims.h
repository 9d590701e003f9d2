#pragma once

#include "crdt/types.h"
#include "protocol/result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace collab::server {

// Who owns which note replica id in a course (docs/security.md, "Shared notes"). The first user to
// send an operation under a replica id claims it, durably and for every node: IdentityRegistry
// keeps the claims of one node in identity.db, RedisClaims shares them through Redis (one hash per
// course, set-if-absent, so two first uses on two nodes cannot both win). A claim is never
// released: replica ids are random 64-bit numbers and a session makes a new one.
class ReplicaClaims
{
public:
    // Replica → owner (the member's normalizedName(), or serverOwner()); a replica nobody owns is absent.
    using Owners = QHash<crdt::ReplicaId, QString>;
    // Ok with every replica's owner, or unavailable (retryable). May run before claim() returns.
    using Done = std::function<void(Result<Owners>)>;

    // The owner recorded for the server's own replicas (server-authored edits): no user name can
    // be spelled like that (names are [A-Za-z0-9._-]).
    static QString serverOwner() { return QStringLiteral("@server"); }

    virtual ~ReplicaClaims() = default;
    // Claims each of `claim` that nobody owns for `owner` (a normalized name: "Angie" and "angie"
    // are one owner), and answers the owner of each of `claim` and `lookUp` (replicas an operation
    // refers to: unowned, no one will ever send them).
    virtual void claimReplicas(const QString &course, const QString &owner, const QList<crdt::ReplicaId> &claim,
                               const QList<crdt::ReplicaId> &lookUp, Done done) = 0;
};

} // namespace collab::server
