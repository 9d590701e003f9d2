#include "export/courseexports.h"

#include "export/exportbuilder.h"
#include "hub/permissions.h"
#include "logging.h"
#include "store/eventlog.h"
#include "store/projections.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QRandomGenerator>
#include <QTemporaryDir>

namespace collab::server {

CourseExports::CourseExports(const ServerConfig &config, const EventLog &log, const Projections &projections, QObject *parent)
    : QObject(parent), m_config(config), m_log(log), m_projections(projections), m_workDirectory(QDir::tempPath())
{
    m_pool.setMaxThreadCount(MaxRunning);
    m_pool.setObjectName(QStringLiteral("collab-export"));
}

CourseExports::~CourseExports() { m_pool.waitForDone(); }

std::optional<ProtocolError> CourseExports::check(const Actor &actor, const QString &course) const
{
    if (!m_config.course(course))
        return unknownCourseError(course);
    if (!allows(actor.role, Permission::ExportCourse))
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("only %1 may %2 (you are %3 in %4)")
                                                             .arg(rolesAllowed(Permission::ExportCourse),
                                                                  permissionText(Permission::ExportCourse), roleName(actor.role), course));
    return std::nullopt;
}

void CourseExports::exportCourse(const Actor &actor, const QString &course, Callback<ExportedCourse> done)
{
    if (std::optional<ProtocolError> e = check(actor, course))
        return done(*e);
    const auto busy = [](const QString &why) {
        ProtocolError e = ProtocolError::make(ErrorCode::RateLimited, why);
        e.retryAfterMs = 5000;
        return e;
    };
    if (m_running.contains(course))
        return done(busy(QStringLiteral("an export of %1 is being built; try again when it is done").arg(course)));
    if (m_running.size() >= MaxRunning)
        return done(busy(QStringLiteral("%1 exports are being built on this server, the most at once; try again shortly").arg(MaxRunning)));

    const CourseConfig &c = *m_config.course(course);
    CourseExportInput input;
    input.course = course;
    input.title = c.title.isEmpty() ? course : c.title;
    input.exportedBy = actor.user;
    input.exportedAtMs = QDateTime::currentMSecsSinceEpoch();
    input.archived = c.archived;
    input.upToSeq = m_log.lastSeq(course);
    input.channels = c.channels;
    input.channelTitles = c.channelTitles;
    input.notes = c.notes;
    input.noteTitles = c.noteTitles;
    input.showAnonymousAuthors = true; // exporters are instructors and administrators: they see authors
    if (m_attachments)
        input.attachments = m_attachments->attachments(course);
    input.databasePath = m_projections.noteHistory().databasePath();
    input.workDirectory = m_workDirectory;

    m_running.insert(course);
    qCInfo(lcHub) << actor.user << "exports" << course << "up to seq" << input.upToSeq;
    QPointer<CourseExports> self(this);
    m_pool.start([self, input = std::move(input), done = std::move(done)]() mutable {
        auto result = std::make_shared<Result<ExportedCourse>>(ProtocolError::make(ErrorCode::Internal, QString()));
        auto dir = std::make_shared<QTemporaryDir>(QDir(input.workDirectory).filePath(QStringLiteral("collab-export-XXXXXX")));
        if (!dir->isValid()) {
            *result = ProtocolError::make(ErrorCode::Unavailable,
                                          QStringLiteral("export failed: cannot make a work directory in %1").arg(input.workDirectory));
        } else {
            Result<ExportSummary> built = ExportBuilder::build(input, dir->path());
            if (!built) {
                *result = built.error();
            } else {
                // Sent from the file as the client reads it (HttpReply::stream): the file is read
                // by the HTTP thread, so it belongs to no thread (no events); the directory goes
                // once the file is closed (the deleter holds it).
                auto *zip = new QFile(built.value().zipPath);
                if (!zip->open(QIODevice::ReadOnly)) {
                    delete zip;
                    *result = ProtocolError::make(ErrorCode::Internal, QStringLiteral("export failed: cannot read the zip"));
                } else {
                    zip->moveToThread(nullptr);
                    *result = ExportedCourse{built.value(), std::shared_ptr<QIODevice>(zip, [dir](QIODevice *f) { delete f; })};
                }
            }
        }
        if (!*result)
            qCWarning(lcHub) << "the export of" << input.course << "failed:" << result->error().message;
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, course = input.course, result, done = std::move(done)]() mutable {
                if (self)
                    self->m_running.remove(course);
                done(std::move(*result));
            },
            Qt::QueuedConnection);
    });
}

Result<ExportTicket> CourseExports::issueTicket(const Actor &actor, const QString &course)
{
    if (std::optional<ProtocolError> e = check(actor, course))
        return *e;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    dropExpiredTickets(now);
    if (m_tickets.size() >= MaxTickets) {
        ProtocolError e = ProtocolError::make(ErrorCode::RateLimited, QStringLiteral("too many export tickets waiting; try again in a minute"));
        e.retryAfterMs = TicketLifetimeMs;
        return e;
    }
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    const QString ticket = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
    ExportTicket t{ticket, course, actor, now + TicketLifetimeMs};
    m_tickets.insert(ticket, t);
    return t;
}

std::optional<ExportTicket> CourseExports::redeem(const QString &ticket, const QString &course)
{
    dropExpiredTickets(QDateTime::currentMSecsSinceEpoch());
    auto it = m_tickets.find(ticket);
    if (it == m_tickets.end() || it->course != course)
        return std::nullopt;
    ExportTicket t = *it;
    m_tickets.erase(it);
    return t;
}

void CourseExports::dropExpiredTickets(qint64 now)
{
    for (auto it = m_tickets.begin(); it != m_tickets.end();)
        it = it->expiresAtMs <= now ? m_tickets.erase(it) : std::next(it);
}

} // namespace collab::server
