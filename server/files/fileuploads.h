#pragma once

#include "export/exportinput.h"
#include "files/filestore.h"
#include "hub/actor.h"
#include "hub/coursejournal.h"
#include "model/chatmessage.h"
#include "store/filesprojection.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>

namespace collab::server {

struct ServerConfig;
class Projections;

// Files members attach (issue 15, part 3), on the hub thread: the rules of an upload (the course
// exists and is writable, the course's size limit and quota), the durable write of its bytes on a
// worker thread (FileStore::put: hashing and fsync never block the hub), then the file.uploaded
// event through the journal. `done` runs once both are durable, so a message can refer to the file
// only after its bytes are on disk; a refused or failed upload stores nothing that refers to them.
// Also resolves the file ids a chat message carries into the cards its event shows, lists a
// course's files for its export, and deletes the bytes of files that expired.
class FileUploads : public QObject, public ExportAttachments
{
    Q_OBJECT

public:
    FileUploads(const ServerConfig &config, const Projections &projections, CourseJournal &journal, QObject *parent = nullptr);
    ~FileUploads() override;

    // `name` is already checked (filecontent::nameFromHeader). The actor is as it is now.
    void upload(const Actor &actor, const QString &course, const QString &name, const QByteArray &bytes, Callback<FileRecord> done);

    // The cards of `ids` in `course`, in order: each must be a file of that course (ids of another
    // course are unknown here), at most FileRef::MaxPerMessage, no id twice.
    Result<QList<FileRef>> resolve(const QString &course, const QStringList &ids) const;
    std::optional<FileRecord> file(const QString &course, const QString &id) const;
    const FileStore &store() const { return m_store; }
    qint64 maxFileBytes(const QString &course) const;
    qint64 quotaBytes(const QString &course) const;

    // The export's files/: "files/<id>-<name>" for every file of the course, read from the store.
    QList<ExportAttachment> attachments(const QString &course) const override;
    // A files.expired event was applied here (this node's run or another's): the bytes of `sha256s`
    // that no file of the course still uses are deleted, on the writer thread.
    void deleteUnused(const QString &course, const QList<QByteArray> &sha256s);
    static constexpr int UploadWaitMs = 200;

private:
    void stored(const Actor &actor, const QString &course, const QString &name, const QByteArray &type,
                Result<FileStore::Blob> blob, qint64 reserved, Callback<FileRecord> done);

    const ServerConfig &m_config;
    const Projections &m_projections;
    CourseJournal &m_journal;
    FileStore m_store;
    QThreadPool m_writer; // one thread: puts queue instead of taking the hub's core
    QHash<QString, qint64> m_reservedBytes; // course → bytes of uploads being written (the quota counts them)
};

} // namespace collab::server
