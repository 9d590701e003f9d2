#pragma once

#include "model/courseevent.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

struct sqlite3;

namespace collab::server {

// The SQLite database a projection lives in: the one of the event log it is fed from (collab.db on
// a single node, DATA/projection.db in Redis mode), so that its update commits with the append.
struct ProjectionDatabase
{
    QSqlDatabase db;          // reads (QtSql)
    sqlite3 *handle = nullptr; // writes (SqliteStatement), on the same connection
};

// One read model built from the event log: it consumes events and answers queries. Every
// projection is registered in Projections; SqliteEventLog creates its tables, feeds it every
// event inside the transaction that appends the event, and rebuilds it from the log when its
// version() changes or an operator asks (collab-server --rebuild-projections).
// See docs/CONTRIBUTING.md, "Adding a projection".
class Projection
{
public:
    virtual ~Projection() = default;

    // Its name in the `projections` table and in reports.
    virtual QString name() const = 0;
    // Bump it when the tables or what apply() writes change: the projection is then dropped and
    // rebuilt from the log when the database is next opened.
    virtual int version() const = 0;
    // The tables it owns: dropped before a rebuild, counted in the rebuild's report.
    virtual QStringList tables() const = 0;
    // CREATE ... IF NOT EXISTS statements for those tables and their indexes, one per entry.
    virtual QStringList schema() const = 0;
    // Prepares its statements once the schema exists. Returns an error message on failure.
    virtual QString open(const ProjectionDatabase &database) = 0;
    // One event of the log, in seq order per course, inside the transaction that appends it (or,
    // in a rebuild, that replays it). Returns an error message: the whole transaction is then
    // rolled back and nothing of it is stored. Events of other kinds are ignored.
    virtual QString apply(const CourseEvent &event) = 0;
};

namespace projection {
// QtSql binds a null QString as SQL NULL; the text columns are NOT NULL.
QString textField(const QJsonObject &data, const char *key);
} // namespace projection

} // namespace collab::server
