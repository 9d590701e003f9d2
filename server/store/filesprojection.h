#pragma once

#include "model/chatmessage.h"
#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QList>

#include <optional>

namespace collab::server {

// One uploaded file of a course (a file.uploaded event): its bytes are in the FileStore under
// `sha256`.
struct FileRecord
{
    QString course;
    QString id;
    QByteArray sha256;
    qint64 size = 0;
    QString type; // sniffed from the bytes by the server
    QString name;
    QString by;   // who uploaded it (not shown to members: AnonymityFilter)
    qint64 createdMs = 0;
    quint64 seq = 0;

    FileRef ref() const { return FileRef{id, name, size, type}; }
};

// The files of every course (file.uploaded, gone with files.expired): by id, all of a course's (the export), and how many
// bytes a course's distinct contents take (its quota).
class FilesProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("files"); }
    int version() const override { return 1; }
    QStringList tables() const override { return {QStringLiteral("files")}; }
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    std::optional<FileRecord> file(const QString &course, const QString &id) const;
    // Oldest first.
    QList<FileRecord> files(const QString &course) const;
    // The bytes of the course's distinct contents (a file uploaded twice counts once, as stored).
    qint64 storedBytes(const QString &course) const;
    // Whether the course already stores these bytes (an upload of them takes no quota).
    bool hasContent(const QString &course, const QByteArray &sha256) const;

private:
    QSqlDatabase m_db;
    SqliteStatement m_insert;
    SqliteStatement m_delete;
};

} // namespace collab::server
