#include "store/sqlitestatement.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace collab::server {

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

bool SqliteStatement::prepare(sqlite3 *db, const char *sql)
{
    m_db = db;
    sqlite3_finalize(m_statement);
    m_statement = nullptr;
    if (!db) {
        m_error = QStringLiteral("no SQLite handle");
        return false;
    }
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) == SQLITE_OK)
        return true;
    m_error = QString::fromUtf8(sqlite3_errmsg(db));
    return false;
}

// As UTF-8, the database's encoding: QString::toUtf8() is vectorised, while SQLite translates
// UTF-16 one character at a time (sqlite3VdbeMemTranslate was a tenth of the store's time).
SqliteStatement &SqliteStatement::bind(int index, const QString &text)
{
    return bind(index, text.toUtf8());
}

SqliteStatement &SqliteStatement::bind(int index, QByteArray utf8)
{
    if (utf8.isEmpty()) { // a null text would bind SQL NULL: the text columns are NOT NULL
        sqlite3_bind_text(m_statement, index + 1, "", 0, SQLITE_STATIC);
        return *this;
    }
    sqlite3_bind_text(m_statement, index + 1, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    m_bound.push_back(std::move(utf8));
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index + 1, value);
    return *this;
}

bool SqliteStatement::run()
{
    const int rc = sqlite3_step(m_statement);
    const bool ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
    if (!ok)
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    reset();
    return ok;
}

bool SqliteStatement::step()
{
    m_error.clear(); // error() speaks of this step only
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    return false;
}

QString SqliteStatement::text(int column) const
{
    // As UTF-16, as QtSql reads it: QString::fromUtf8 would drop a U+FEFF that starts the text.
    // sqlite3_column_text16 before sqlite3_column_bytes16: the size is then that of this form.
    const void *utf16 = sqlite3_column_text16(m_statement, column);
    return QString(static_cast<const QChar *>(utf16), sqlite3_column_bytes16(m_statement, column) / qsizetype(sizeof(QChar)));
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QByteArray SqliteStatement::blob(int column) const
{
    // sqlite3_column_blob before sqlite3_column_bytes, as SQLite asks.
    const void *bytes = sqlite3_column_blob(m_statement, column);
    return QByteArray(static_cast<const char *>(bytes), sqlite3_column_bytes(m_statement, column));
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    m_bound.clear(); // after the bindings that point into them are gone
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace collab::server
