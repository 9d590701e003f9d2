#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace collab::server {

// One prepared statement on the connection's own sqlite3 handle. Binding through QtSql boxes
// every value in a QVariant and converts every text twice: on the REST post path that cost a tenth
// of the server's CPU; a QSqlQuery read (exec, its cached result, QVariant columns) costs about
// 70k instructions where this one costs a few thousand. The QtSql SQLite plugin links the same
// system libsqlite3.so.0, so the handle it gives (QSqlDriver::handle()) can be used here directly,
// inside its transactions.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // False on failure (error() says why).
    bool prepare(sqlite3 *db, const char *sql);
    bool isPrepared() const { return m_statement != nullptr; }

    // Parameters are numbered from 0, as with QSqlQuery::bindValue. Texts are kept (shared, not
    // copied) until run(): SQLite reads them in place.
    SqliteStatement &bind(int index, const QString &text);
    SqliteStatement &bind(int index, QByteArray utf8);
    SqliteStatement &bind(int index, qint64 value);
    // Runs the statement to its end and makes it ready for the next binding; false on error.
    bool run();

    // Reads: step() moves to the next row (false at the end, or on an error: error() then says
    // why), text() and int64() read a column of that row (numbered from 0), and reset() makes the
    // statement ready for the next binding once the rows are read.
    bool step();
    QString text(int column) const;
    qint64 int64(int column) const;
    QByteArray blob(int column) const;
    void reset();

    QString error() const { return m_error; }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QString m_error;
    std::vector<QByteArray> m_bound; // the texts bound until run()
};

// The sqlite3 handle of an open QSQLITE connection, or null.
sqlite3 *sqliteHandle(const QSqlDatabase &db);

} // namespace collab::server
