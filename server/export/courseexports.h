#pragma once

#include "config/serverconfig.h"
#include "export/exportinput.h"
#include "hub/actor.h"
#include "hub/coursejournal.h"
#include "protocol/result.h"

#include <QByteArray>
#include <QIODevice>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QThreadPool>

namespace collab::server {

class EventLog;
class Projections;

// A finished export: what is in it and the zip, open for reading at its start. The zip's file
// and its directory go when the last reference to `zip` does (after it was sent).
struct ExportedCourse
{
    ExportSummary summary;
    std::shared_ptr<QIODevice> zip;
};

// A short-lived, single-use permission to download one course's export over HTTP without an
// API key: what a WebSocket client (collab-cli, the desktop app) gets from `course.export`.
struct ExportTicket
{
    QString ticket;
    QString course;
    Actor actor; // who asked: checked again (role as it is then) when the ticket is used
    qint64 expiresAtMs = 0;
};

// Course exports (issue 15 part 4; docs/rest.md, "Export"). Checks who may export (instructors
// and administrators: Permission::ExportCourse), copies what the worker needs on the hub thread
// (a few lists), and builds the zip on a worker thread of its own with a read-only SQLite
// connection (ExportBuilder): the hub thread never reads a course's whole history. At most
// MaxRunning exports build at once on a node, one per course; more are refused with
// rate_limited (retry after a few seconds) rather than queued without bound.
class CourseExports : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxRunning = 2;
    static constexpr qint64 TicketLifetimeMs = 60 * 1000;
    static constexpr int MaxTickets = 1000;

    CourseExports(const ServerConfig &config, const EventLog &log, const Projections &projections, QObject *parent = nullptr);
    ~CourseExports() override;

    // The file store's files go into exports once it is set (nullptr: none).
    void setAttachments(const ExportAttachments *attachments) { m_attachments = attachments; }
    void setWorkDirectory(const QString &directory) { m_workDirectory = directory; }

    // `actor` with its role in the course as it is now (Hub::effective).
    std::optional<ProtocolError> check(const Actor &actor, const QString &course) const;
    void exportCourse(const Actor &actor, const QString &course, Callback<ExportedCourse> done);

    // A ticket for `actor` (checked like an export); redeem() takes it back once, for its course.
    Result<ExportTicket> issueTicket(const Actor &actor, const QString &course);
    std::optional<ExportTicket> redeem(const QString &ticket, const QString &course);

    int running() const { return m_running.size(); }

private:
    void dropExpiredTickets(qint64 now);

    const ServerConfig &m_config;
    const EventLog &m_log;
    const Projections &m_projections; // its database's path: the worker opens its own connection
    QString m_workDirectory;
    const ExportAttachments *m_attachments = nullptr;
    QSet<QString> m_running; // courses whose export is being built
    QHash<QString, ExportTicket> m_tickets;
    QThreadPool m_pool; // last: destroyed (waited for) first
};

} // namespace collab::server
