#include "identity/identityregistry.h"

#include "config/serverconfig.h"
#include "logging.h"
#include "protocol/ids.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace collab::server {

IdentityRegistry::IdentityRegistry()
    : m_connectionName(QStringLiteral("collab-identity-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

IdentityRegistry::~IdentityRegistry()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString IdentityRegistry::open(const QString &path)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open())
        return QStringLiteral("cannot open %1: %2").arg(path, m_db.lastError().text());
    QSqlQuery q(m_db);
    // WAL + NORMAL: a claim survives a crash of the server without an fsync per join blocking
    // the event loop (the same durability as the event store's default).
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"))
        || !q.exec(QStringLiteral("PRAGMA busy_timeout=5000"))
        // name_key: normalizedName(display), what claims are looked up by.
        || !q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS name_claims (course TEXT NOT NULL, name_key TEXT NOT NULL,"
                                  " display TEXT NOT NULL, token_sha256 TEXT NOT NULL, claimed_ms INTEGER NOT NULL,"
                                  " PRIMARY KEY (course, name_key)) WITHOUT ROWID"))
        // owner: normalizedName() of the member who first used the note replica id, or serverOwner().
        || !q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS replica_claims (course TEXT NOT NULL, replica TEXT NOT NULL,"
                                  " owner TEXT NOT NULL, PRIMARY KEY (course, replica)) WITHOUT ROWID")))
        return QStringLiteral("cannot create the claims tables: %1").arg(q.lastError().text());
    // Claims of earlier versions (user_claims, by the name exactly as typed) move over once; of
    // two that differ only in case, the first kept stays claimed, the other can join again with
    // its token (adopted) as soon as the name is free. Names are ASCII: SQLite's lower() suffices.
    if (q.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'user_claims'")) && q.next()) {
        if (!m_db.transaction()
            || !q.exec(QStringLiteral("INSERT OR IGNORE INTO name_claims (course, name_key, display, token_sha256, claimed_ms)"
                                      " SELECT course, lower(user), user, token_sha256, 0 FROM user_claims"))
            || !q.exec(QStringLiteral("DROP TABLE user_claims")) || !m_db.commit()) {
            m_db.rollback();
            return QStringLiteral("cannot move the claims to name_claims: %1").arg(q.lastError().text());
        }
        qCInfo(lcHub) << "name claims now compared by their lower-case form";
    }
    return {};
}

Result<NameGrant> IdentityRegistry::check(const CourseConfig &course, const QString &user, const QString &token,
                                          const NewNameGate &gate)
{
    if (std::optional<Result<NameGrant>> instructor = checkInstructor(course, user, token))
        return *instructor;

    const QString key = normalizedName(user);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT display, token_sha256 FROM name_claims WHERE course = ? AND name_key = ?"));
    q.addBindValue(course.id);
    q.addBindValue(key);
    if (!q.exec())
        return unavailable(QStringLiteral("check the name"));
    if (q.next())
        return checkClaim(course, q.value(0).toString(), token, q.value(1).toString().toLatin1());

    if (gate.check)
        if (std::optional<ProtocolError> refused = gate.check())
            return *refused;
    // An instructor without a secret (demo mode) claims the name as configured.
    const QString instructor = course.instructorNamed(user);
    const QString display = instructor.isEmpty() ? user : instructor;
    bool adopted = false;
    const QString claimToken = tokenToClaim(token, &adopted);
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO name_claims (course, name_key, display, token_sha256, claimed_ms) VALUES (?, ?, ?, ?, ?)"));
    insert.addBindValue(course.id);
    insert.addBindValue(key);
    insert.addBindValue(display);
    insert.addBindValue(QString::fromLatin1(secretHash(claimToken)));
    insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!insert.exec()) {
        qCWarning(lcHub) << "claiming" << user << "in" << course.id << "failed:" << insert.lastError().text();
        return unavailable(QStringLiteral("claim the name"));
    }
    if (gate.taken)
        gate.taken();
    return claimed(display, claimToken, adopted);
}

void IdentityRegistry::release(const QString &course, const QStringList &users, Released done)
{
    int removed = 0;
    if (!m_db.transaction())
        return done(unavailable(QStringLiteral("release the names")));
    for (const QString &user : users)
        removed += release(course, user) ? 1 : 0;
    if (!m_db.commit()) {
        m_db.rollback();
        return done(unavailable(QStringLiteral("release the names")));
    }
    done(removed);
}

Result<ReplicaClaims::Owners> IdentityRegistry::claimReplicas(const QString &course, const QString &owner,
                                                              const QList<crdt::ReplicaId> &claim,
                                                              const QList<crdt::ReplicaId> &lookUp)
{
    Owners owners;
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT OR IGNORE INTO replica_claims (course, replica, owner) VALUES (?, ?, ?)"));
    QSqlQuery read(m_db);
    read.prepare(QStringLiteral("SELECT owner FROM replica_claims WHERE course = ? AND replica = ?"));
    auto failed = [&](const QString &id) {
        qCWarning(lcHub) << "claiming replica" << id << "in" << course << "failed:" << insert.lastError().text()
                         << read.lastError().text();
        return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("cannot check the replica id now; retry"));
    };
    for (const QList<crdt::ReplicaId> *list : {&claim, &lookUp}) {
        for (crdt::ReplicaId replica : *list) {
            const QString id = crdt::replicaToString(replica);
            if (list == &claim) {
                insert.addBindValue(course);
                insert.addBindValue(id);
                insert.addBindValue(owner);
                if (!insert.exec())
                    return failed(id);
            }
            read.addBindValue(course);
            read.addBindValue(id);
            if (!read.exec())
                return failed(id);
            if (read.next())
                owners.insert(replica, read.value(0).toString());
            else if (list == &claim)
                return failed(id);
            read.finish();
        }
    }
    return owners;
}

bool IdentityRegistry::release(const QString &course, const QString &user)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM name_claims WHERE course = ? AND name_key = ?"));
    q.addBindValue(course);
    q.addBindValue(normalizedName(user));
    return q.exec() && q.numRowsAffected() > 0;
}

} // namespace collab::server
