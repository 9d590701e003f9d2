#pragma once

#include "store/eventstore.h"
#include "store/walcheckpointer.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QVector>

#include <memory>

namespace collab::server {

class SqliteStatements;

// The single-node EventStore: SQLite in WAL mode through QtSql. Appends made during one event-loop
// turn are committed together in one transaction at the end of the turn (group commit), then their
// callbacks run in order. Checkpoints run in a thread of their own (WalCheckpointer), not inside
// those commits. With synchronous=NORMAL a commit survives the process being killed;
// `fullSync` (synchronous=FULL) also survives a power cut, at the cost of an fsync per commit.
class SqliteEventStore final : public QObject, public EventStore
{
    Q_OBJECT

public:
    struct Options
    {
        QString path;          // the database file
        bool fullSync = false;
        // WAL sizes (pages) that start a background checkpoint / make the writer restart the WAL.
        int checkpointPages = 1000;
        int restartPages = 4000;
    };

    explicit SqliteEventStore(QObject *parent = nullptr);
    ~SqliteEventStore() override;

    // Opens (creating if needed) and migrates the database. Returns an error message on failure.
    QString open(const Options &options);

    void append(NewEvent event, AppendCallback done) override;
    quint64 lastSeq(const QString &course) const override;
    QList<CourseEvent> eventsAfter(const QString &course, quint64 after, int limit) const override;
    std::optional<ChatMessage> message(const QString &course, quint64 id) const override;
    std::optional<ChatMessage> messageByClientId(const QString &course, const QString &author,
                                                 const QString &clientMsgId) const override;
    QList<ChatMessage> messagesBefore(const QString &course, const QString &channel, quint64 before,
                                      int limit) const override;
    QList<ChatMessage> messagesAfter(const QString &course, const QString &channel, quint64 after,
                                     int limit) const override;
    QList<MemberRecord> members(const QString &course) const override;
    QHash<QString, qint64> kicks(const QString &course) const override;
    std::optional<NoteSnapshot> noteSnapshot(const QString &course, const QString &note) const override;
    bool saveNoteSnapshot(const QString &course, const QString &note, const NoteSnapshot &snapshot) override;
    QList<CourseEvent> noteEventsAfter(const QString &course, const QString &note, quint64 after) const override;
    bool noteLocked(const QString &course, const QString &note) const override;

    // Commits what is pending now instead of at the end of the turn (used at shutdown).
    void flush();

    // Transactions committed, and events in them: the group-commit ratio for /metrics.
    quint64 commitCount() const { return m_commits; }
    quint64 committedEvents() const { return m_committedEvents; }
    const WalCheckpointer &checkpointer() const { return m_checkpointer; }

private:
    struct Pending
    {
        CourseEvent event;
        AppendCallback done;
    };

    quint64 nextSeq(const QString &course);
    QString writePending(const QVector<Pending> &batch);
    void scheduleFlush();

    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<SqliteStatements> m_sql;
    WalCheckpointer m_checkpointer;
    QHash<QString, quint64> m_committedSeq; // per course, what readers may see
    QHash<QString, quint64> m_assignedSeq;  // per course, including pending events
    QVector<Pending> m_pending;
    bool m_flushScheduled = false;
    quint64 m_commits = 0;
    quint64 m_committedEvents = 0;
};

} // namespace collab::server
