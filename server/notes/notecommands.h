#pragma once

#include "config/serverconfig.h"
#include "hub/actor.h"
#include "hub/coursejournal.h"
#include "notes/notebook.h"
#include "notes/notebudget.h"
#include "notes/notehistory.h"
#include "notes/notestateencoder.h"
#include "notes/replicaclaims.h"
#include "protocol/clientmessages.h"
#include "protocol/servermessages.h"

#include <QHash>
#include <QJsonObject>

#include <memory>

namespace collab::server {

class EventLog;
class NotesProjection;
class NoteHistoryProjection;

// What a note command did: the seq of the note.ops event (0 when nothing new was stored), how many
// operations were new and how many the server already had, and the note's version after it.
struct NoteOutcome
{
    quint64 seq = 0;
    int applied = 0;
    int duplicates = 0;
    QJsonObject version;
    int length = 0;
};

// The shared-notes commands and their rules: clients' CRDT operations, server-authored edits (REST,
// the prototype's edit actions), instructors' locks, and the state a client syncs from. Accepted
// operations become note.ops events through the journal; the Hub hands every committed event back
// through onEvent(), from this node or another one.
class NoteCommands
{
public:
    // `claims`: who owns which replica id (identity.db, or Redis). This server's own replica id is
    // claimed in every course at once (and again on a server-authored edit if that failed).
    NoteCommands(const ServerConfig &config, const EventLog &log, NotesProjection &notes, NoteHistoryProjection &history,
                 CourseJournal &journal, ReplicaClaims &claims);
    ~NoteCommands();

    // A client's CRDT operations; a server-authored edit of the current text.
    void applyNoteOps(const Actor &actor, const proto::NoteOps &ops, Callback<NoteOutcome> done);
    void editNote(const Actor &actor, const QString &course, const QString &note, const TextEdit &edit,
                  Callback<NoteOutcome> done);
    // The prototype's insert_line / delete_word, as edits of the current text.
    void noteAction(const Actor &actor, const proto::EditAction &action, Callback<NoteOutcome> done);
    // An instructor makes a note read-only for students (`locked`) or writable again.
    void lockNote(const Actor &actor, const proto::NoteLock &lock, Callback<CourseEvent> done);
    bool isNoteLocked(const QString &course, const QString &note);
    // The note.state frame answering note.sync, cut where the request's ref goes
    // (NoteStateEncoder::withRef): the operations `have` misses (as one compact batch,
    // `history`, if the client asked `compact`; else as JSON `ops`), or a snapshot, encoded off
    // this thread and cached. `done` may run later.
    void noteState(const QString &course, const QString &note, const crdt::VersionVector &have, bool compact,
                   Callback<NoteStateEncoder::Frame> done);
    // Largest answer sent as operations; beyond it a snapshot (cached, encoded off the thread).
    static constexpr int MaxSyncOps = 2000;
    static constexpr qint64 MaxSyncUnits = 64 * 1024;
    int snapshotEncodings() const { return m_encoder.encodings(); }
    Result<const crdt::Document *> noteDocument(const QString &course, const QString &note);

    // Note history (issue 15 part 2). Reading it: history(); the Hub checks who may name and restore.
    NoteHistory &history() { return m_history; }
    std::optional<ProtocolError> checkReadable(const QString &course, const QString &note) const { return checkNote(course, note); }
    // Names the note as it is at m.at (0: its latest version): a note.named event.
    void nameVersion(const Actor &actor, const proto::NoteNameVersion &m, Callback<CourseEvent> done);
    // Makes the text what it was at version `at`, as a new edit by `actor` (CRDT operations from a
    // line diff of the current text to the old one: nothing of the history is rewritten). Refused
    // while the note is locked.
    void restoreNote(const Actor &actor, const QString &course, const QString &note, quint64 at, Callback<NoteOutcome> done);

    // A committed event of any node: note.ops and note.locked update the replicas and the locks.
    void onEvent(const CourseEvent &event);

private:
    // The course and the note exist; nullopt if so.
    std::optional<ProtocolError> checkNote(const QString &course, const QString &note) const;
    // checkNote, then: students may not change a locked note.
    std::optional<ProtocolError> checkWritable(const Actor &actor, const QString &course, const QString &note);
    void storeNoteOps(const Actor &actor, const QString &course, const QString &note, Notebook::Accepted accepted,
                      Callback<NoteOutcome> done, const QJsonObject &extra = {});
    // One try of a restore: the edits are computed on the history's worker against the text as it
    // was when asked; if the note changed meanwhile, it tries again (`triesLeft`), then gives up.
    void restoreAttempt(const Actor &actor, const QString &course, const QString &note, quint64 at, int triesLeft,
                        Callback<NoteOutcome> done);
    void applyRestore(const Actor &actor, const QString &course, const QString &note, quint64 at, const QJsonObject &version,
                      int triesLeft, const QVector<TextEdit> &edits, Callback<NoteOutcome> done);
    // Runs `next` with the owners of `claim` (claimed for the user if unowned) and `lookUp`, from
    // the cache or the claims. A member's calls finish in the order they were made.
    void withOwners(const QString &course, const QString &user, const QList<crdt::ReplicaId> &claim,
                    const QList<crdt::ReplicaId> &lookUp, std::function<void(Result<ReplicaClaims::Owners>)> next);
    // The owners answered: applies the operations if every replica is the member's own.
    void applyOwned(const Actor &actor, const proto::NoteOps &ops, const ReplicaClaims::Owners &owners,
                    Callback<NoteOutcome> done);
    // Runs `next` once this server's replica id is known to be its own in `course`.
    void withServerReplica(const QString &course, std::function<void(std::optional<ProtocolError>)> next);
    void remember(const QString &course, const ReplicaClaims::Owners &owners);

    const ServerConfig &m_config;
    const EventLog &m_log;
    NotesProjection &m_notesProjection;
    CourseJournal &m_journal;
    NoteStateEncoder m_encoder; // before the notebook, which uses it
    Notebook m_notebook;
    NoteHistory m_history;
    QHash<QString, bool> m_noteLocks; // course/note → locked, loaded from the store on first use
    NoteBudget m_budget;
    ReplicaClaims &m_claims;
    QHash<QString, ReplicaClaims::Owners> m_owners;               // course → replica owners (claims never change)
    QHash<QString, QSet<crdt::ReplicaId>> m_memberReplicas;       // course + U+001F + user → owned replicas
    QHash<QString, int> m_claimsInFlight;                         // course + U+001F + user → unanswered claims
    QSet<QString> m_serverReplicaCourses;                         // courses where our replica id is claimed
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true); // claims may answer after we are gone
};

} // namespace collab::server
