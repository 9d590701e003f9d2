#include "identity/identityregistry.h"

#include "config/serverconfig.h"
#include "logging.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace collab::server {

namespace {

QString newToken()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

ProtocolError rejected(const QString &message) { return ProtocolError::make(ErrorCode::NotAuthenticated, message); }

} // namespace

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const qsizetype n = std::max(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i)
        diff |= (i < a.size() ? uchar(a[i]) : 0) ^ (i < b.size() ? uchar(b[i]) : 0);
    return diff == 0;
}

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
                                  " token_sha256 TEXT NOT NULL, PRIMARY KEY (course, user)) WITHOUT ROWID")))
        return QStringLiteral("cannot create the claims table: %1").arg(q.lastError().text());
    return {};
}

Result<QString> IdentityRegistry::authenticate(const CourseConfig &course, const QString &user, const QString &token)
{
    if (course.instructorSecretHashes.contains(user)) {
        if (token.isEmpty() || !constantTimeEquals(secretHash(token), course.instructorSecretHashes.value(user)))
            return rejected(QStringLiteral("%1 is an instructor of %2: join with the instructor's secret").arg(user, course.id));
        return QString();
    }

    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT token_sha256 FROM user_claims WHERE course = ? AND user = ?"));
    q.addBindValue(course.id);
    q.addBindValue(user);
    if (!q.exec())
        return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("cannot check the name now; retry later"));
    if (q.next()) {
        if (token.isEmpty() || !constantTimeEquals(secretHash(token), q.value(0).toString().toLatin1()))
            return rejected(QStringLiteral("the name %1 is taken in %2: join with its token").arg(user, course.id));
        return QString();
    }

    // No claim here yet. A client that brings a token of its own (one another node of a Redis
    // cluster issued, or one restored from a backup) claims the name with it, so its token stays
    // valid wherever it joins; otherwise the server issues one.
    const bool adopt = token.size() >= MinAdoptedTokenLength;
    const QString issued = adopt ? token : newToken();
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO user_claims (course, user, token_sha256) VALUES (?, ?, ?)"));
    insert.addBindValue(course.id);
    insert.addBindValue(user);
    insert.addBindValue(QString::fromLatin1(secretHash(issued)));
    if (!insert.exec()) {
        qCWarning(lcHub) << "claiming" << user << "in" << course.id << "failed:" << insert.lastError().text();
        return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("cannot claim the name now; retry later"));
    }
    return adopt ? QString() : issued;
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
