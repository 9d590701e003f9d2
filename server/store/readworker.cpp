#include "store/readworker.h"

#include "logging.h"

#include <QSqlDriver>
#include <QVariant>

namespace collab::server {

ReadWorker::ReadWorker(const QString &name, const QString &databasePath, QObject *parent)
    : QObject(parent), m_connection(QStringLiteral("%1-%2").arg(name).arg(quintptr(this), 0, 16)), m_path(databasePath)
{
    // One thread that never expires, so its connection lives as long as this object.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_pool.setObjectName(name);
}

ReadWorker::~ReadWorker()
{
    m_pool.start([name = m_connection] { // a connection is closed in the thread that opened it
        if (QSqlDatabase::contains(name)) {
            QSqlDatabase::database(name, false).close();
            QSqlDatabase::removeDatabase(name);
        }
    });
    m_pool.waitForDone();
}

QSqlDatabase ReadWorker::database(const QString &name, const QString &path)
{
    // One connection per worker: its pool has exactly one thread, which alone uses it.
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        qCWarning(lcStore) << "the" << name << "worker cannot open" << path;
    return db;
}

sqlite3 *ReadWorker::handleOf(const QSqlDatabase &db)
{
    if (!db.isOpen())
        return nullptr;
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

} // namespace collab::server
