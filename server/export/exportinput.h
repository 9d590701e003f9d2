#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace collab::server {

// A file of the course that goes into its export under `zipName` (e.g. "files/3f2a…-lab1.pdf"),
// read from `path` when the zip is written.
struct ExportAttachment
{
    QString zipName;
    QString path;
};

// Where the course's files come from: the file store (issue 15 part 3) implements it. The export
// asks on the hub thread (a list of names and paths, no file contents) and reads the files on its
// worker.
class ExportAttachments
{
public:
    virtual ~ExportAttachments() = default;
    virtual QList<ExportAttachment> attachments(const QString &course) const = 0;
};

// Everything the export worker needs, copied on the hub thread: the worker then reads the store
// through its own read-only SQLite connection and never touches the hub's objects.
struct CourseExportInput
{
    QString course;
    QString title;
    QString exportedBy;
    qint64 exportedAtMs = 0;
    bool archived = false;
    quint64 upToSeq = 0; // the course's committed seq when the export was asked for
    QStringList channels;
    QHash<QString, QString> channelTitles;
    QStringList notes;
    QHash<QString, QString> noteTitles;
    // Instructors and administrators see who wrote an anonymous post (docs/security.md); the
    // transcript names them beside the pseudonym. False would show the pseudonym only.
    bool showAnonymousAuthors = true;
    QList<ExportAttachment> attachments;
    QString databasePath; // the store (collab.db, or projection.db with Redis)
    QString workDirectory; // where the zip and its parts are written before they are sent
};

// What a finished export holds.
struct ExportSummary
{
    QString zipPath;
    qint64 zipBytes = 0;
    int events = 0;
    int messages = 0;
    int notes = 0;
    int namedVersions = 0;
    int files = 0;
};

} // namespace collab::server
