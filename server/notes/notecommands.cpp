#include "notes/notecommands.h"

#include "store/eventlog.h"
#include "store/notesprojection.h"

namespace collab::server {

NoteCommands::NoteCommands(const ServerConfig &config, const EventLog &log, NotesProjection &notes, CourseJournal &journal)
    : m_config(config), m_log(log), m_notesProjection(notes), m_journal(journal), m_notebook(log, notes)
{
}

std::optional<ProtocolError> NoteCommands::checkNote(const QString &course, const QString &note) const
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return unknownCourseError(course);
    if (!c->notes.contains(note))
        return ProtocolError::make(ErrorCode::UnknownNote, QStringLiteral("no note '%1' in %2").arg(note, course));
    return std::nullopt;
}

std::optional<ProtocolError> NoteCommands::checkWritable(const Actor &actor, const QString &course, const QString &note)
{
    if (std::optional<ProtocolError> e = checkNote(course, note))
        return e;
    if (!actor.canModerate() && isNoteLocked(course, note))
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("%1 is read-only (locked by an instructor)").arg(note));
    return std::nullopt;
}

bool NoteCommands::isNoteLocked(const QString &course, const QString &note)
{
    const QString key = m_notebook.key(course, note);
    auto it = m_noteLocks.constFind(key);
    if (it == m_noteLocks.constEnd())
        it = m_noteLocks.insert(key, m_notesProjection.noteLocked(course, note));
    return it.value();
}

void NoteCommands::lockNote(const Actor &actor, const proto::NoteLock &lock, Callback<CourseEvent> done)
{
    if (std::optional<ProtocolError> e = checkNote(lock.course, lock.note))
        return done(*e);
    if (!actor.canModerate())
        return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("only instructors lock notes")));
    m_journal.append(lock.course, EventKind::NoteLocked,
                     {{QStringLiteral("note"), lock.note}, {QStringLiteral("locked"), lock.locked}, {QStringLiteral("by"), actor.user}},
                     std::move(done));
}

void NoteCommands::applyNoteOps(const Actor &actor, const proto::NoteOps &ops, Callback<NoteOutcome> done)
{
    if (std::optional<ProtocolError> e = checkWritable(actor, ops.course, ops.note))
        return done(*e);
    storeNoteOps(actor, ops.course, ops.note, m_notebook.apply(ops.course, ops.note, ops.ops), std::move(done));
}

void NoteCommands::editNote(const Actor &actor, const QString &course, const QString &note, const TextEdit &edit,
                            Callback<NoteOutcome> done)
{
    if (std::optional<ProtocolError> e = checkWritable(actor, course, note))
        return done(*e);
    Result<QVector<crdt::Operation>> ops = m_notebook.edit(course, note, edit);
    if (!ops)
        return done(ops.error());
    storeNoteOps(actor, course, note, Notebook::Accepted{ops.value(), 0, std::nullopt}, std::move(done));
}

void NoteCommands::noteAction(const Actor &actor, const proto::EditAction &action, Callback<NoteOutcome> done)
{
    Result<const crdt::Document *> doc = noteDocument(action.course, action.note);
    if (!doc)
        return done(doc.error());
    const QString text = doc.value()->text();
    if (action.action == QLatin1String("insert_line")) {
        if (action.text.isEmpty() || action.text.contains(QLatin1Char('\n')))
            return done(ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("insert_line needs a one-line 'text'")));
        return editNote(actor, action.course, action.note, insertLineEdit(text, action.text, action.line), std::move(done));
    }
    const std::optional<TextEdit> edit = deleteWordEdit(text, action.word);
    if (!edit)
        return done(ProtocolError::make(ErrorCode::NotFound, QStringLiteral("the note has no word %1").arg(action.word)));
    editNote(actor, action.course, action.note, *edit, std::move(done));
}

// Stores the accepted operations as one note.ops event, then answers. Nothing new: answer at once.
void NoteCommands::storeNoteOps(const Actor &actor, const QString &course, const QString &note,
                                Notebook::Accepted accepted, Callback<NoteOutcome> done)
{
    const crdt::Document *doc = m_notebook.document(course, note);
    NoteOutcome outcome{0, int(accepted.ops.size()), accepted.duplicates, doc ? doc->version().toJson() : QJsonObject(),
                        doc ? doc->length() : 0};
    if (accepted.ops.isEmpty()) {
        if (accepted.error)
            return done(*accepted.error);
        return done(outcome);
    }
    const QJsonObject data{{QStringLiteral("note"), note},
                           {QStringLiteral("user"), actor.user},
                           {QStringLiteral("ops"), crdt::operationsToJson(accepted.ops)}};
    m_notebook.beginCommit(course, note);
    const int count = int(accepted.ops.size());
    m_journal.append(course, EventKind::NoteOps, data,
                     [this, course, note, count, outcome, error = accepted.error,
                      done = std::move(done)](Result<CourseEvent> r) mutable {
                         if (!r) {
                             m_notebook.commitFailed(course, note);
                             return done(r.error());
                         }
                         m_notebook.committed(course, note, r.value().seq, count);
                         if (error) // the valid prefix is stored; the client still learns what was wrong
                             return done(*error);
                         outcome.seq = r.value().seq;
                         done(outcome);
                     });
}

Result<const crdt::Document *> NoteCommands::noteDocument(const QString &course, const QString &note)
{
    if (std::optional<ProtocolError> e = checkNote(course, note))
        return *e;
    const crdt::Document *doc = m_notebook.document(course, note);
    if (!doc)
        return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the note cannot be loaded"));
    return doc;
}

Result<proto::NoteState> NoteCommands::noteState(const QString &course, const QString &note, const crdt::VersionVector &have)
{
    Result<const crdt::Document *> doc = noteDocument(course, note);
    if (!doc)
        return doc.error();
    proto::NoteState state;
    state.course = course;
    state.note = note;
    state.seq = m_log.lastSeq(course);
    state.version = doc.value()->version().toJson();
    crdt::Expected<QVector<crdt::Operation>> missing = doc.value()->operationsSince(have);
    if (have.size() == 0 || !missing.ok())
        state.snapshot = doc.value()->encodeSnapshot();
    else
        state.ops = crdt::operationsToJson(missing.value());
    return state;
}

void NoteCommands::onEvent(const CourseEvent &event)
{
    if (event.kind == EventKind::NoteOps)
        m_notebook.applyEvent(event);
    if (event.kind == EventKind::NoteLocked)
        m_noteLocks.insert(m_notebook.key(event.course, event.data.value(QLatin1String("note")).toString()),
                           event.data.value(QLatin1String("locked")).toBool());
}

} // namespace collab::server
