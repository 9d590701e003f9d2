#pragma once

#include "config/serverconfig.h"
#include "hub/actor.h"
#include "hub/coursejournal.h"
#include "notes/notebook.h"
#include "protocol/clientmessages.h"
#include "protocol/servermessages.h"

#include <QHash>
#include <QJsonObject>

namespace collab::server {

class EventLog;
class NotesProjection;

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
    NoteCommands(const ServerConfig &config, const EventLog &log, NotesProjection &notes, CourseJournal &journal);

    // A client's CRDT operations; a server-authored edit of the current text.
    void applyNoteOps(const Actor &actor, const proto::NoteOps &ops, Callback<NoteOutcome> done);
    void editNote(const Actor &actor, const QString &course, const QString &note, const TextEdit &edit,
                  Callback<NoteOutcome> done);
    // The prototype's insert_line / delete_word, as edits of the current text.
    void noteAction(const Actor &actor, const proto::EditAction &action, Callback<NoteOutcome> done);
    // An instructor makes a note read-only for students (`locked`) or writable again.
    void lockNote(const Actor &actor, const proto::NoteLock &lock, Callback<CourseEvent> done);
    bool isNoteLocked(const QString &course, const QString &note);
    Result<proto::NoteState> noteState(const QString &course, const QString &note, const crdt::VersionVector &have);
    Result<const crdt::Document *> noteDocument(const QString &course, const QString &note);

    // A committed event of any node: note.ops and note.locked update the replicas and the locks.
    void onEvent(const CourseEvent &event);

private:
    // The course and the note exist; nullopt if so.
    std::optional<ProtocolError> checkNote(const QString &course, const QString &note) const;
    // checkNote, then: students may not change a locked note.
    std::optional<ProtocolError> checkWritable(const Actor &actor, const QString &course, const QString &note);
    void storeNoteOps(const Actor &actor, const QString &course, const QString &note, Notebook::Accepted accepted,
                      Callback<NoteOutcome> done);

    const ServerConfig &m_config;
    const EventLog &m_log;
    NotesProjection &m_notesProjection;
    CourseJournal &m_journal;
    Notebook m_notebook;
    QHash<QString, bool> m_noteLocks; // course/note → locked, loaded from the store on first use
};

} // namespace collab::server
