#pragma once

#include "crdt/types.h"
#include "hub/coursejournal.h"
#include "notes/textdiff.h"
#include "protocol/result.h"
#include "store/notehistoryprojection.h"
#include "store/readworker.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>

#include <functional>

namespace collab::server {

class EventLog;

// A point of a note's history as a client names it: a seq, a time (the last version at or before
// it) or a named version's name. Exactly one is set.
struct NotePoint
{
    quint64 seq = 0;
    std::optional<qint64> timeMs;
    QString name;
};

// Reading a note's history (docs/architecture.md, "Note history"): its versions, the text at a
// point, who wrote what, the difference between two points and the edits that bring an old
// text back. The caller's thread only checks the point (a few indexed lookups); reading the
// checkpoint at or before it and the events after it (through the worker's own read-only SQLite
// connection: WAL lets it read beside the writer), decoding, replaying and diffing run on one
// worker thread of its own, and the answer comes back through the event loop. So the thread that
// serves the courses never replays a history, however long (a note without checkpoints yet).
class NoteHistory : public QObject
{
    Q_OBJECT
public:
    NoteHistory(const EventLog &log, const NoteHistoryProjection &history, QObject *parent = nullptr);

    // The seq of the version a point names, or why it names none: in the future, not a version of
    // this note, before its first version, an unknown name.
    Result<quint64> resolve(const QString &course, const QString &note, const NotePoint &point) const;
    bool hasNamedVersion(const QString &course, const QString &note, const QString &name) const
    {
        return m_history.namedVersion(course, note, name).has_value();
    }
    // The note's newest version (0: it has none yet).
    quint64 latest(const QString &course, const QString &note) const;

    // {versions: [{seq, time, authors, name?, restored?}], named: [...], more}, newest first.
    QJsonObject versions(const QString &course, const QString &note, quint64 before, int limit) const;

    struct Text
    {
        quint64 at = 0;
        QString text;
    };
    // The text at version `at` (0: the empty note before any version). `done` runs later.
    void textAt(const QString &course, const QString &note, quint64 at, Callback<Text> done);
    // [{start, length, user}] for the text at `at`.
    void authorsAt(const QString &course, const QString &note, quint64 at, Callback<QJsonArray> done);
    // [{fromLine, removed, toLine, added}] from version `from` to version `to`.
    void diff(const QString &course, const QString &note, quint64 from, quint64 to, Callback<QJsonArray> done);
    // The edits that turn `current` into the text at `at` (TextDiff::edits: last first).
    void restoreEdits(const QString &course, const QString &note, quint64 at, const QString &current,
                      Callback<QVector<TextEdit>> done);

    static QJsonArray hunksToJson(const QVector<DiffHunk> &hunks);
    // The text at version `at` read through `db`, another worker's own read-only connection to the
    // store (the course export's): the same reconstruction, on the caller's thread.
    static Result<QString> replayText(const QSqlDatabase &db, const QString &course, const QString &note, quint64 at);

private:
    struct Replayed
    {
        QString text;
        QVector<crdt::IdRange> ids; // when asked for
    };
    // The note at `at`, rebuilt on the worker from the checkpoint and the events after it.
    static Result<Replayed> replay(const NoteReplayInput &input, bool wantIds);

    const EventLog &m_log;
    const NoteHistoryProjection &m_history;
    ReadWorker m_worker; // replays, diffs and authorship, off the courses' thread
};

} // namespace collab::server
