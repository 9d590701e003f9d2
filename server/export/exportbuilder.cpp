#include "export/exportbuilder.h"

#include "export/transcripthtml.h"
#include "hub/anonymityfilter.h"
#include "hub/coursecatalog.h"
#include "notes/notehistory.h"
#include "store/sqliteeventlog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <zip.h>

namespace collab::server {

namespace {

ProtocolError failure(const QString &text) { return ProtocolError::make(ErrorCode::Internal, QStringLiteral("export failed: ") + text); }

// The export worker's own read-only connection, opened for one export and closed after it.
class WorkerConnection
{
public:
    explicit WorkerConnection(const QString &path)
        : m_name(QStringLiteral("collab-export-%1").arg(quintptr(QThread::currentThreadId()), 0, 16))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        m_ok = db.open();
        // One snapshot for the whole export: a write committed meanwhile is in none of its parts.
        if (m_ok)
            m_ok = db.transaction();
    }
    ~WorkerConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.rollback();
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_ok = false;
};

// The parts written so far: zip name → file on disk.
struct Parts
{
    QList<QPair<QString, QString>> files;
};

Result<bool> writeWhole(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return failure(QStringLiteral("cannot write %1: %2").arg(QFileInfo(path).fileName(), f.errorString()));
    return true;
}

Result<int> writeEvents(const QSqlDatabase &db, const CourseExportInput &in, const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return failure(QStringLiteral("cannot write events.jsonl: %1").arg(f.errorString()));
    QSqlQuery q(db);
    q.setForwardOnly(true); // rows are not cached: one event in memory at a time
    q.prepare(QStringLiteral("SELECT seq, kind, ts, data FROM events WHERE course = ? AND seq <= ? ORDER BY seq"));
    q.addBindValue(in.course);
    q.addBindValue(qint64(in.upToSeq));
    if (!q.exec())
        return failure(q.lastError().text());
    int count = 0;
    while (q.next()) {
        const CourseEvent shown = AnonymityFilter::forEveryone(CourseCatalog::forMembers(SqliteEventLog::eventFromRow(in.course, q)));
        const QJsonObject line{{QStringLiteral("seq"), double(shown.seq)},
                               {QStringLiteral("kind"), eventKindName(shown.kind)},
                               {QStringLiteral("ts"), double(shown.timeMs)},
                               {QStringLiteral("data"), shown.data}};
        if (f.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n') < 0)
            return failure(QStringLiteral("cannot write events.jsonl: %1").arg(f.errorString()));
        ++count;
    }
    return count;
}

struct NotesWritten
{
    int notes = 0;
    int versions = 0;
};

Result<NotesWritten> writeNotes(const QSqlDatabase &db, const CourseExportInput &in, const QString &dir, Parts &parts)
{
    NotesWritten written;
    QSqlQuery latest(db);
    latest.prepare(QStringLiteral("SELECT MAX(seq) FROM note_events WHERE course = ? AND note = ? AND seq <= ?"));
    QSqlQuery named(db);
    named.prepare(QStringLiteral("SELECT name, at, by, ts FROM note_named WHERE course = ? AND note = ? AND seq <= ? ORDER BY at, name"));
    for (const QString &note : in.notes) {
        latest.bindValue(0, in.course);
        latest.bindValue(1, note);
        latest.bindValue(2, qint64(in.upToSeq));
        if (!latest.exec())
            return failure(latest.lastError().text());
        const quint64 at = latest.next() ? latest.value(0).toULongLong() : 0;
        latest.finish();
        Result<QString> text = at == 0 ? Result<QString>(QString()) : NoteHistory::replayText(db, in.course, note, at);
        if (!text)
            return text.error();
        const QString current = dir + QStringLiteral("/note-%1.md").arg(written.notes);
        if (Result<bool> w = writeWhole(current, text.value().toUtf8()); !w)
            return w.error();
        parts.files << qMakePair(QStringLiteral("notes/%1.md").arg(note), current);

        named.bindValue(0, in.course);
        named.bindValue(1, note);
        named.bindValue(2, qint64(in.upToSeq));
        if (!named.exec())
            return failure(named.lastError().text());
        QList<QJsonObject> versions;
        while (named.next())
            versions << QJsonObject{{QStringLiteral("name"), named.value(0).toString()},
                                    {QStringLiteral("at"), double(named.value(1).toULongLong())},
                                    {QStringLiteral("by"), named.value(2).toString()},
                                    {QStringLiteral("time"), double(named.value(3).toLongLong())}};
        named.finish();
        QJsonArray index;
        QSet<QString> taken;
        for (QJsonObject v : versions) {
            const QString base = ExportBuilder::fileSafe(v.value(QLatin1String("name")).toString());
            QString file = QStringLiteral("%1@%2.md").arg(note, base);
            for (int n = 2; taken.contains(file); ++n)
                file = QStringLiteral("%1@%2-%3.md").arg(note, base).arg(n);
            taken.insert(file);
            Result<QString> old = NoteHistory::replayText(db, in.course, note, quint64(v.value(QLatin1String("at")).toDouble()));
            if (!old)
                return old.error();
            const QString path = dir + QStringLiteral("/note-%1-v%2.md").arg(written.notes).arg(written.versions);
            if (Result<bool> w = writeWhole(path, old.value().toUtf8()); !w)
                return w.error();
            parts.files << qMakePair(QStringLiteral("notes/") + file, path);
            v.insert(QStringLiteral("file"), file);
            index << v;
            ++written.versions;
        }
        const QString indexPath = dir + QStringLiteral("/note-%1-versions.json").arg(written.notes);
        if (Result<bool> w = writeWhole(indexPath, QJsonDocument(index).toJson()); !w)
            return w.error();
        parts.files << qMakePair(QStringLiteral("notes/%1.versions.json").arg(note), indexPath);
        ++written.notes;
    }
    return written;
}

Result<int> writeChannels(const QSqlDatabase &db, const CourseExportInput &in, const QString &dir, Parts &parts)
{
    int messages = 0;
    for (int i = 0; i < in.channels.size(); ++i) {
        const QString &channel = in.channels[i];
        const QString path = dir + QStringLiteral("/channel-%1.html").arg(i);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return failure(QStringLiteral("cannot write a transcript: %1").arg(f.errorString()));
        QString error;
        const int n = TranscriptHtml::write(
            db, {in.course, channel, in.channelTitles.value(channel, channel), in.showAnonymousAuthors}, f, &error);
        if (n < 0)
            return failure(error);
        messages += n;
        parts.files << qMakePair(QStringLiteral("channels/%1.html").arg(channel), path);
    }
    return messages;
}

QString zipError(zip_t *z) { return QString::fromUtf8(zip_strerror(z)); }

Result<bool> writeZip(const QString &zipPath, const Parts &parts)
{
    int code = 0;
    zip_t *z = zip_open(QFile::encodeName(zipPath).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!z) {
        zip_error_t e;
        zip_error_init_with_code(&e, code);
        const QString text = QString::fromUtf8(zip_error_strerror(&e));
        zip_error_fini(&e);
        return failure(QStringLiteral("cannot create the zip: %1").arg(text));
    }
    for (const auto &[name, path] : parts.files) {
        zip_source_t *source = zip_source_file(z, QFile::encodeName(path).constData(), 0, -1);
        if (!source) {
            const QString text = zipError(z);
            zip_discard(z);
            return failure(text);
        }
        if (zip_file_add(z, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8) < 0) {
            const QString text = zipError(z);
            zip_source_free(source);
            zip_discard(z);
            return failure(QStringLiteral("%1: %2").arg(name, text));
        }
    }
    // Compresses every part from its file, one at a time.
    if (zip_close(z) != 0) {
        const QString text = zipError(z);
        zip_discard(z);
        return failure(QStringLiteral("cannot write the zip: %1").arg(text));
    }
    return true;
}

} // namespace

QString ExportBuilder::fileSafe(const QString &name)
{
    QString out;
    for (const QChar c : name.left(80)) {
        const bool keep = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
                          || c == u'-' || c == u'_' || c == u' ';
        out += keep ? c : QLatin1Char('_');
    }
    out = out.trimmed();
    while (out.startsWith(QLatin1Char('.')))
        out[0] = QLatin1Char('_'); // no hidden files, no ".."
    return out.isEmpty() ? QStringLiteral("_") : out;
}

Result<ExportSummary> ExportBuilder::build(const CourseExportInput &in, const QString &directory)
{
    WorkerConnection connection(in.databasePath);
    if (!connection.ok())
        return failure(QStringLiteral("cannot read the store"));
    const QSqlDatabase db = connection.db();
    Parts parts;
    ExportSummary summary;

    const QString eventsPath = directory + QStringLiteral("/events.jsonl");
    Result<int> events = writeEvents(db, in, eventsPath);
    if (!events)
        return events.error();
    summary.events = events.value();
    parts.files << qMakePair(QStringLiteral("events.jsonl"), eventsPath);

    Result<NotesWritten> notes = writeNotes(db, in, directory, parts);
    if (!notes)
        return notes.error();
    summary.notes = notes.value().notes;
    summary.namedVersions = notes.value().versions;

    Result<int> messages = writeChannels(db, in, directory, parts);
    if (!messages)
        return messages.error();
    summary.messages = messages.value();

    for (const ExportAttachment &a : in.attachments) {
        if (!QFileInfo(a.path).isFile())
            return failure(QStringLiteral("the file %1 is missing from the file store").arg(a.zipName));
        parts.files << qMakePair(a.zipName, a.path);
        ++summary.files;
    }

    QJsonObject channelTitles;
    for (auto it = in.channelTitles.cbegin(); it != in.channelTitles.cend(); ++it)
        channelTitles.insert(it.key(), it.value());
    QJsonObject noteTitles;
    for (auto it = in.noteTitles.cbegin(); it != in.noteTitles.cend(); ++it)
        noteTitles.insert(it.key(), it.value());
    const QJsonObject manifest{{QStringLiteral("course"), in.course},
                               {QStringLiteral("title"), in.title},
                               {QStringLiteral("archived"), in.archived},
                               {QStringLiteral("exportedBy"), in.exportedBy},
                               {QStringLiteral("exportedAt"), QDateTime::fromMSecsSinceEpoch(in.exportedAtMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                               {QStringLiteral("seq"), double(in.upToSeq)},
                               {QStringLiteral("channels"), QJsonArray::fromStringList(in.channels)},
                               {QStringLiteral("channelTitles"), channelTitles},
                               {QStringLiteral("notes"), QJsonArray::fromStringList(in.notes)},
                               {QStringLiteral("noteTitles"), noteTitles},
                               {QStringLiteral("events"), summary.events},
                               {QStringLiteral("messages"), summary.messages},
                               {QStringLiteral("namedVersions"), summary.namedVersions},
                               {QStringLiteral("files"), summary.files},
                               {QStringLiteral("anonymousAuthorsShown"), in.showAnonymousAuthors}};
    const QString manifestPath = directory + QStringLiteral("/course.json");
    if (Result<bool> w = writeWhole(manifestPath, QJsonDocument(manifest).toJson()); !w)
        return w.error();
    parts.files.prepend(qMakePair(QStringLiteral("course.json"), manifestPath));

    summary.zipPath = directory + QStringLiteral("/export.zip");
    if (Result<bool> z = writeZip(summary.zipPath, parts); !z)
        return z.error();
    summary.zipBytes = QFileInfo(summary.zipPath).size();
    return summary;
}

} // namespace collab::server
