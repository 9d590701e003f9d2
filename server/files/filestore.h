#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QFile;

namespace collab::server {

// The bytes of the files members attach (issue 15, part 3), content-addressed: a file is kept
// once per course under the SHA-256 of its bytes, ROOT/c-<course>/<2 hex>/<64 hex>, whoever
// uploaded it and under whatever name (names, types and uploaders are the `file.uploaded`
// events' business: FilesProjection). Per course, not across courses, so that deleting a
// course's files (retention, course deletion) never has to ask whether another course still
// refers to the same bytes — on a directory several nodes share, that question would need a lock
// the nodes do not have.
//
// put() is durable before it returns: the bytes go to a temporary file in the course's directory,
// which is fsync'ed, renamed to its final name and the directory fsync'ed, so a crash leaves
// either no file or the whole file under its hash (never a partial file under a final name). The
// store keeps no state besides its root: every method may run on any thread, and several nodes
// (processes) may share the root (operations.md, "Files"). Nothing here knows about HTTP.
class FileStore
{
public:
    // A stored file's bytes.
    struct Blob
    {
        QByteArray sha256; // 64 lower-case hex digits
        qint64 size = 0;
        bool existed = false; // the course already had these bytes: nothing was written
    };

    explicit FileStore(QString root);

    const QString &root() const { return m_root; }

    // Stores `bytes` for `course` durably (see above); unavailable if the disk refuses.
    Result<Blob> put(const QString &course, const QByteArray &bytes) const;
    // The stored bytes' size, or nullopt if the course has no such file.
    std::optional<qint64> stat(const QString &course, const QByteArray &sha256) const;
    // Opened for reading, or nullptr.
    std::unique_ptr<QFile> open(const QString &course, const QByteArray &sha256) const;
    // `length` bytes from `offset` (fewer at the end); nullopt if it cannot be read.
    std::optional<QByteArray> read(const QString &course, const QByteArray &sha256, qint64 offset, qint64 length) const;
    // Deletes the bytes (retention, course deletion): true if they are gone (or never were).
    bool remove(const QString &course, const QByteArray &sha256) const;
    // The hashes the course has bytes for.
    QList<QByteArray> list(const QString &course) const;
    // The bytes the course's files take on disk.
    qint64 bytesUsed(const QString &course) const;

    // The path of a course's file (tests, the export).
    QString pathOf(const QString &course, const QByteArray &sha256) const;
    static bool isSha256Hex(const QByteArray &text);

private:
    QString courseDirectory(const QString &course) const;

    QString m_root;
};

} // namespace collab::server
