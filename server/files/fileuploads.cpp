#include "files/fileuploads.h"

#include "config/serverconfig.h"
#include "files/filecontent.h"
#include "logging.h"
#include "protocol/ids.h"
#include "store/projections.h"

#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>

namespace collab::server {

namespace {

// 128 random bits: ids cannot be guessed or enumerated, and are valid ids ([A-Za-z0-9._-]).
QString newFileId()
{
    quint64 words[2];
    QRandomGenerator::system()->fillRange(words);
    return QStringLiteral("f") + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', bytes % 1000000 == 0 ? 0 : 1) + QStringLiteral(" MB");
}

} // namespace

FileUploads::FileUploads(const ServerConfig &config, const Projections &projections, CourseJournal &journal, QObject *parent)
    : QObject(parent), m_config(config), m_projections(projections), m_journal(journal), m_store(config.files.directory)
{
    m_writer.setMaxThreadCount(1);
    m_writer.setObjectName(QStringLiteral("collab-files"));
}

FileUploads::~FileUploads()
{
    m_writer.waitForDone(); // a write under way finishes; its answer (queued to this object) is dropped
}

qint64 FileUploads::maxFileBytes(const QString &course) const
{
    return m_config.files.maxFileBytesFor(course);
}

qint64 FileUploads::quotaBytes(const QString &course) const
{
    return m_config.files.quotaBytesFor(course);
}

QList<ExportAttachment> FileUploads::attachments(const QString &course) const
{
    QList<ExportAttachment> out;
    for (const FileRecord &f : m_projections.files().files(course)) {
        QString name = f.name; // checked at upload (no path); made safe for any unzip anyway
        name.replace(QLatin1Char('/'), QLatin1Char('_')).replace(QLatin1Char('\\'), QLatin1Char('_'));
        out.append(ExportAttachment{QStringLiteral("files/%1-%2").arg(f.id, name), m_store.pathOf(course, f.sha256)});
    }
    return out;
}

void FileUploads::deleteUnused(const QString &course, const QList<QByteArray> &sha256s)
{
    // An upload under way may be of the same bytes (its put() found them, its file.uploaded is
    // not stored yet): wait until the course has none, then decide. Uploads that start after
    // that queue behind the deletion on the one writer thread, and write the bytes again.
    if (m_reservedBytes.value(course) > 0) {
        QTimer::singleShot(UploadWaitMs, this, [this, course, sha256s] { deleteUnused(course, sha256s); });
        return;
    }
    QList<QByteArray> unused;
    for (const QByteArray &sha : sha256s)
        if (FileStore::isSha256Hex(sha) && !m_projections.files().hasContent(course, sha))
            unused.append(sha);
    if (unused.isEmpty())
        return;
    const FileStore *store = &m_store;
    m_writer.start([store, course, unused] {
        for (const QByteArray &sha : unused)
            if (!store->remove(course, sha))
                qCWarning(lcHub) << "could not delete an expired file of" << course << "from the file store:" << sha;
    });
}

void FileUploads::upload(const Actor &actor, const QString &course, const QString &name, const QByteArray &bytes, Callback<FileRecord> done)
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return done(unknownCourseError(course));
    if (c->archived)
        return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("%1 is archived (read-only)").arg(course)));
    const qint64 limit = maxFileBytes(course);
    if (bytes.size() > limit) // the HTTP layer refused it from the head already; WebSocket has no uploads
        return done(ProtocolError::make(ErrorCode::TooLarge, QStringLiteral("a file in %1 is at most %2").arg(course, megabytes(limit))));
    // The quota counts every distinct content once, and the uploads being written now; bytes the
    // course already has take no more room (checked again once hashed, below).
    const qint64 used = m_projections.files().storedBytes(course) + m_reservedBytes.value(course);
    const qint64 quota = quotaBytes(course);
    if (used + bytes.size() > quota)
        return done(ProtocolError::make(ErrorCode::TooLarge, QStringLiteral("the files of %1 would pass its quota of %2 (%3 used)")
                                                                 .arg(course, megabytes(quota), megabytes(used))));
    m_reservedBytes[course] += bytes.size();
    const qint64 reserved = bytes.size();
    const FileStore *store = &m_store;
    m_writer.start([this, store, actor, course, name, bytes, reserved, done = std::move(done)]() mutable {
        // Off the hub thread: the type from the bytes, then hash, write, fsync, rename, fsync.
        const QByteArray type = filecontent::sniffType(bytes);
        Result<FileStore::Blob> blob = store->put(course, bytes);
        QMetaObject::invokeMethod(
            this,
            [this, actor, course, name, type, blob = std::move(blob), reserved, done = std::move(done)]() mutable {
                stored(actor, course, name, type, std::move(blob), reserved, std::move(done));
            },
            Qt::QueuedConnection);
    });
}

void FileUploads::stored(const Actor &actor, const QString &course, const QString &name, const QByteArray &type,
                         Result<FileStore::Blob> blob, qint64 reserved, Callback<FileRecord> done)
{
    // The reservation holds until the file.uploaded event is stored: until then the quota counts
    // it, and an expiry of the same bytes waits for it (deleteUnused).
    const auto release = [this, course, reserved] {
        if ((m_reservedBytes[course] -= reserved) <= 0)
            m_reservedBytes.remove(course);
    };
    if (!blob) {
        release();
        return done(blob.error());
    }
    if (!m_config.course(course)) { // deleted meanwhile
        release();
        return done(unknownCourseError(course));
    }
    FileRecord record;
    record.course = course;
    record.id = newFileId();
    record.sha256 = blob.value().sha256;
    record.size = blob.value().size;
    record.type = QString::fromLatin1(type);
    record.name = name;
    record.by = actor.user;
    const QJsonObject data{{QStringLiteral("id"), record.id},     {QStringLiteral("sha256"), QString::fromLatin1(record.sha256)},
                           {QStringLiteral("size"), double(record.size)}, {QStringLiteral("type"), record.type},
                           {QStringLiteral("name"), record.name}, {QStringLiteral("by"), record.by}};
    m_journal.append(course, EventKind::FileUploaded, data, [record, release, done = std::move(done)](Result<CourseEvent> r) mutable {
        release();
        if (!r) // the bytes stay in the store unreferenced (content-addressed: a retry reuses them)
            return done(r.error());
        record.createdMs = r.value().timeMs;
        record.seq = r.value().seq;
        done(record);
    });
}

Result<QList<FileRef>> FileUploads::resolve(const QString &course, const QStringList &ids) const
{
    if (ids.size() > FileRef::MaxPerMessage)
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("a message carries at most %1 files").arg(FileRef::MaxPerMessage));
    QList<FileRef> refs;
    QSet<QString> seen;
    for (const QString &id : ids) {
        if (seen.contains(id))
            return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("file %1 is listed twice").arg(id.left(64)));
        seen.insert(id);
        const std::optional<FileRecord> f = file(course, id);
        if (!f)
            return ProtocolError::make(ErrorCode::NotFound, QStringLiteral("no file '%1' in %2 (upload it to this course first)").arg(id.left(64), course));
        refs.append(f->ref());
    }
    return refs;
}

std::optional<FileRecord> FileUploads::file(const QString &course, const QString &id) const
{
    if (!isValidId(id))
        return std::nullopt;
    return m_projections.files().file(course, id);
}

} // namespace collab::server
