#include "identity/identityregistry.h"

#include "config/serverconfig.h"
#include "logging.h"

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
        || !q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS user_claims (course TEXT NOT NULL, user TEXT NOT NULL,"
                                  " token_sha256 TEXT NOT NULL, PRIMARY KEY (course, user)) WITHOUT ROWID"))
        || !q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS replica_claims (course TEXT NOT NULL, replica TEXT NOT NULL,"
                                  " user TEXT NOT NULL, PRIMARY KEY (course, replica)) WITHOUT ROWID")))
        return QStringLiteral("cannot create the claims tables: %1").arg(q.lastError().text());
    return {};
}

Result<QString> IdentityRegistry::check(const CourseConfig &course, const QString &user, const QString &token)
{
    if (std::optional<Result<QString>> instructor = checkInstructor(course, user, token))
        return *instructor;

    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT token_sha256 FROM user_claims WHERE course = ? AND user = ?"));
    q.addBindValue(course.id);
    q.addBindValue(user);
    if (!q.exec())
        return unavailable(QStringLiteral("check the name"));
    if (q.next())
        return checkClaim(course, user, token, q.value(0).toString().toLatin1());

    bool adopted = false;
    const QString claimToken = tokenToClaim(token, &adopted);
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO user_claims (course, user, token_sha256) VALUES (?, ?, ?)"));
    insert.addBindValue(course.id);
    insert.addBindValue(user);
    insert.addBindValue(QString::fromLatin1(secretHash(claimToken)));
    if (!insert.exec()) {
        qCWarning(lcHub) << "claiming" << user << "in" << course.id << "failed:" << insert.lastError().text();
        return unavailable(QStringLiteral("claim the name"));
    }
    return claimed(claimToken, adopted);
}

Result<ReplicaClaims::Owners> IdentityRegistry::claimReplicas(const QString &course, const QString &user,
                                                              const QList<crdt::ReplicaId> &claim,
                                                              const QList<crdt::ReplicaId> &lookUp)
{
    Owners owners;
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT OR IGNORE INTO replica_claims (course, replica, user) VALUES (?, ?, ?)"));
    QSqlQuery read(m_db);
    read.prepare(QStringLiteral("SELECT user FROM replica_claims WHERE course = ? AND replica = ?"));
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
                insert.addBindValue(user);
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
    q.prepare(QStringLiteral("DELETE FROM user_claims WHERE course = ? AND user = ?"));
    q.addBindValue(course);
    q.addBindValue(user);
    return q.exec() && q.numRowsAffected() > 0;
}

} // namespace collab::server
