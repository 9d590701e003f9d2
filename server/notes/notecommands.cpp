#include "notes/notecommands.h"

#include "logging.h"
#include "protocol/ids.h"
#include "store/eventlog.h"
#include "store/notehistoryprojection.h"
#include "store/notesprojection.h"

#include <QRegularExpression>

#include <algorithm>

namespace collab::server {

namespace {

constexpr int MaxReplicasPerBatch = 4;     // a client sends its own replica's operations (and its last run's)
constexpr int MaxLookupsPerBatch = 16;     // replicas a batch refers to that the note does not know
// Replica ids one member may claim in a course while this node runs (a client makes one per run
// and note): each claim is a row in identity.db or Redis, so they may not be minted at will.
constexpr int MaxReplicasPerMember = 4096;

QString memberKey(const QString &course, const QString &owner) { return course + QChar(0x1f) + owner; }

// Replicas, budgets and pending shares belong to a person: the normalized form of the name, so
// "Angie.Nguyen" and "angie.nguyen" are one owner (and one budget), whichever spelling joined.
QString ownerOf(const Actor &actor) { return normalizedName(actor.user); }

ProtocolError notYours(crdt::ReplicaId replica)
{
    return ProtocolError::make(ErrorCode::Forbidden,
                               QStringLiteral("replica %1 belongs to another member: send operations under your own "
                                              "replica id only").arg(crdt::replicaToString(replica)));
}

} // namespace

NoteCommands::NoteCommands(const ServerConfig &config, const EventLog &log, NotesProjection &notes,
                           NoteHistoryProjection &history, CourseJournal &journal, ReplicaClaims &claims)
    : m_config(config), m_log(log), m_notesProjection(notes), m_journal(journal), m_notebook(log, notes, history, m_encoder),
      m_history(log, history),
      m_budget(m_config.limits), m_claims(claims)
{
    for (const CourseConfig &course : m_config.courses)
        withServerReplica(course.id, [](std::optional<ProtocolError>) {}); // later edits ask again if this fails
}

NoteCommands::~NoteCommands() { *m_alive = false; }

void NoteCommands::remember(const QString &course, const ReplicaClaims::Owners &owners)
{
    ReplicaClaims::Owners &known = m_owners[course];
    for (auto it = owners.cbegin(); it != owners.cend(); ++it) {
        known.insert(it.key(), it.value());
        m_memberReplicas[memberKey(course, it.value())].insert(it.key());
    }
}

void NoteCommands::withOwners(const QString &course, const QString &user, const QList<crdt::ReplicaId> &claim,
                              const QList<crdt::ReplicaId> &lookUp,
                              std::function<void(Result<ReplicaClaims::Owners>)> next)
{
    const QString member = memberKey(course, user);
    const ReplicaClaims::Owners &known = m_owners[course];
    ReplicaClaims::Owners owners;
    QList<crdt::ReplicaId> askClaim;
    QList<crdt::ReplicaId> askLookUp;
    for (crdt::ReplicaId r : claim) {
        if (auto it = known.constFind(r); it != known.constEnd())
            owners.insert(r, it.value());
        else
            askClaim << r;
    }
    for (crdt::ReplicaId r : lookUp) {
        if (auto it = known.constFind(r); it != known.constEnd())
            owners.insert(r, it.value());
        else
            askLookUp << r; // unowned ones are not cached: someone may use them later
    }
    // Everything known, and nothing of this member's still waiting for an answer: at once.
    if (askClaim.isEmpty() && askLookUp.isEmpty() && m_claimsInFlight.value(member) == 0)
        return next(owners);
    ++m_claimsInFlight[member];
    // Asked again even if known meanwhile: the claims answer in order, so the member's batches do.
    m_claims.claimReplicas(course, user, askClaim, askLookUp,
                           [this, alive = std::weak_ptr<bool>(m_alive), course, member, owners,
                            next = std::move(next)](Result<ReplicaClaims::Owners> r) mutable {
                               if (alive.expired())
                                   return;
                               if (--m_claimsInFlight[member] == 0)
                                   m_claimsInFlight.remove(member);
                               if (!r)
                                   return next(r.error());
                               remember(course, r.value());
                               owners.insert(r.value());
                               next(owners);
                           });
}

void NoteCommands::withServerReplica(const QString &course, std::function<void(std::optional<ProtocolError>)> next)
{
    if (m_serverReplicaCourses.contains(course))
        return next(std::nullopt);
    const crdt::ReplicaId replica = m_notebook.replicaId();
    m_claims.claimReplicas(course, ReplicaClaims::serverOwner(), {replica}, {},
                           [this, alive = std::weak_ptr<bool>(m_alive), course, replica,
                            next = std::move(next)](Result<ReplicaClaims::Owners> r) {
                               if (alive.expired())
                                   return;
                               if (!r)
                                   return next(r.error());
                               remember(course, r.value());
                               if (r.value().value(replica) != ReplicaClaims::serverOwner()) {
                                   qCCritical(lcHub) << "the server's replica id is claimed by someone else in" << course;
                                   return next(ProtocolError::make(ErrorCode::Internal,
                                                                   QStringLiteral("the server's replica id is taken")));
                               }
                               m_serverReplicaCourses.insert(course);
                               next(std::nullopt);
                           });
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
    Result<const crdt::Document *> doc = noteDocument(ops.course, ops.note);
    if (!doc)
        return done(doc.error());
    QList<crdt::ReplicaId> own;
    QList<crdt::ReplicaId> referenced;
    for (const crdt::Operation &op : ops.ops) {
        if (std::optional<crdt::Error> e = op.validateShape()) // before anything is claimed or charged
            return done(ProtocolError::make(ErrorCode::InvalidValue, QString::fromLatin1(crdt::errorCodeName(e->code))
                                                                         + QStringLiteral(": ") + e->message));
        if (!own.contains(op.id.replica))
            own << op.id.replica;
    }
    for (const crdt::Operation &op : ops.ops) {
        auto refer = [&](crdt::ReplicaId r) {
            if (doc.value()->counterOf(r) == 0 && !own.contains(r) && !referenced.contains(r))
                referenced << r;
        };
        if (op.originLeft)
            refer(op.originLeft->replica);
        if (op.originRight)
            refer(op.originRight->replica);
        for (const crdt::IdRange &range : op.targets)
            refer(range.replica);
    }
    if (own.size() > MaxReplicasPerBatch || referenced.size() > MaxLookupsPerBatch)
        return done(ProtocolError::make(ErrorCode::InvalidValue,
                                        QStringLiteral("one note.ops names at most %1 replicas of its sender and %2 unknown ones")
                                            .arg(MaxReplicasPerBatch).arg(MaxLookupsPerBatch)));
    const QString owner = ownerOf(actor);
    const QSet<crdt::ReplicaId> &claimed = m_memberReplicas[memberKey(ops.course, owner)];
    const auto unclaimed = std::count_if(own.cbegin(), own.cend(), [&](crdt::ReplicaId r) { return !claimed.contains(r); });
    if (unclaimed > 0 && claimed.size() + unclaimed > MaxReplicasPerMember)
        return done(ProtocolError::make(ErrorCode::RateLimited,
                                        QStringLiteral("you have used %1 replica ids in %2: keep using one").arg(claimed.size()).arg(ops.course)));
    if (std::optional<ProtocolError> limited = m_budget.admit(ops.course, owner, ops.ops))
        return done(*limited);
    withOwners(ops.course, owner, own, referenced,
               [this, actor, ops, done = std::move(done)](Result<ReplicaClaims::Owners> owners) mutable {
                   if (!owners)
                       return done(owners.error());
                   applyOwned(actor, ops, owners.value(), std::move(done));
               });
}

void NoteCommands::applyOwned(const Actor &actor, const proto::NoteOps &ops, const ReplicaClaims::Owners &owners,
                              Callback<NoteOutcome> done)
{
    for (const crdt::Operation &op : ops.ops) {
        if (owners.value(op.id.replica) != ownerOf(actor)) // refused whole: nothing of it is stored
            return done(notYours(op.id.replica));
    }
    // The claims may have answered later: the note may have been locked meanwhile.
    if (std::optional<ProtocolError> e = checkWritable(actor, ops.course, ops.note))
        return done(*e);
    Notebook::Door door;
    door.maxUnits = m_config.limits.noteMaxUnits;
    door.pendingPerMember = m_config.limits.notePendingPerMember;
    door.memberReplicas = m_memberReplicas.value(memberKey(ops.course, ownerOf(actor)));
    door.isOwned = [&owners](crdt::ReplicaId r) { return owners.contains(r); };
    storeNoteOps(actor, ops.course, ops.note, m_notebook.apply(ops.course, ops.note, ops.ops, door), std::move(done));
}

void NoteCommands::editNote(const Actor &actor, const QString &course, const QString &note, const TextEdit &edit,
                            Callback<NoteOutcome> done)
{
    if (std::optional<ProtocolError> e = checkWritable(actor, course, note))
        return done(*e);
    withServerReplica(course, [this, actor, course, note, edit, done = std::move(done)](std::optional<ProtocolError> e) mutable {
        if (e)
            return done(*e);
        if (std::optional<ProtocolError> locked = checkWritable(actor, course, note))
            return done(*locked);
        if (std::optional<ProtocolError> limited = m_budget.admit(course, ownerOf(actor), int(edit.length > 0) + int(!edit.text.isEmpty()),
                                                                  NoteBudget::utf8Size(edit.text)))
            return done(*limited);
        Result<QVector<crdt::Operation>> ops = m_notebook.edit(course, note, edit, m_config.limits.noteMaxUnits);
        if (!ops)
            return done(ops.error());
        storeNoteOps(actor, course, note, Notebook::Accepted{ops.value(), 0, std::nullopt}, std::move(done));
    });
}

void NoteCommands::noteAction(const Actor &actor, const proto::EditAction &action, Callback<NoteOutcome> done)
{
    Result<const crdt::Document *> doc = noteDocument(action.course, action.note);
    if (!doc)
        return done(doc.error());
    const QString text = doc.value()->text();
    if (action.action == QLatin1String("insert_line")) {
        // No text, as the prototype ran it: an empty line.
        if (action.text.contains(QLatin1Char('\n')))
            return done(ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("insert_line takes one line of 'text' (no line breaks)")));
        TextEdit edit = insertLineEdit(text, action.text, action.line);
        if (edit.text.isEmpty()) // an empty line at the end of an empty note (or one ending in a line break)
            edit.text = QStringLiteral("\n");
        return editNote(actor, action.course, action.note, edit, std::move(done));
    }
    const std::optional<TextEdit> edit = deleteWordEdit(text, action.word);
    if (!edit) {
        const qsizetype words = text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts).size();
        if (words == 0)
            return done(ProtocolError::make(ErrorCode::NotFound, QStringLiteral("%1 has no words to delete (the note is empty)").arg(action.note)));
        return done(ProtocolError::make(ErrorCode::NotFound, QStringLiteral("%1 has %2 words (0 to %3); there is no word %4")
                                                                 .arg(action.note)
                                                                 .arg(words)
                                                                 .arg(words - 1)
                                                                 .arg(action.word)));
    }
    editNote(actor, action.course, action.note, *edit, std::move(done));
}

// Stores the accepted operations as one note.ops event, then answers. Nothing new: answer at once.
void NoteCommands::storeNoteOps(const Actor &actor, const QString &course, const QString &note,
                                Notebook::Accepted accepted, Callback<NoteOutcome> done, const QJsonObject &extra)
{
    const crdt::Document *doc = m_notebook.document(course, note);
    NoteOutcome outcome{0, int(accepted.ops.size()), accepted.duplicates, doc ? doc->version().toJson() : QJsonObject(),
                        doc ? doc->length() : 0};
    if (accepted.ops.isEmpty()) {
        if (accepted.error)
            return done(*accepted.error);
        return done(outcome);
    }
    QJsonObject data{{QStringLiteral("note"), note},
                     {QStringLiteral("user"), actor.user},
                     {QStringLiteral("ops"), crdt::operationsToJson(accepted.ops)}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        data.insert(it.key(), it.value());
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

void NoteCommands::noteState(const QString &course, const QString &note, const crdt::VersionVector &have, bool compact,
                             Callback<NoteStateEncoder::Frame> done)
{
    Result<const crdt::Document *> doc = noteDocument(course, note);
    if (!doc)
        return done(doc.error());
    const quint64 seq = m_log.lastSeq(course);
    if (have.size() > 0) {
        crdt::Expected<QVector<crdt::Operation>> missing = doc.value()->operationsSince(have);
        qint64 units = 0;
        if (missing.ok()) {
            for (const crdt::Operation &op : missing.value())
                units += qint64(op.span());
        }
        if (missing.ok() && missing.value().size() <= MaxSyncOps && units <= MaxSyncUnits) {
            proto::NoteState state;
            state.ref = NoteStateEncoder::refPlaceholder();
            state.course = course;
            state.note = note;
            state.seq = seq;
            state.version = doc.value()->version().toJson();
            if (compact) // one compact batch the client merges in bulk (docs/protocol.md, note.sync)
                state.history = crdt::encodeOperationBatch(missing.value());
            else
                state.ops = crdt::operationsToJson(missing.value());
            return done(NoteStateEncoder::splitAtRef(proto::encode(state)));
        }
    }
    m_encoder.snapshotFrame(
        course, note,
        [this, course, note] {
            const crdt::Document *d = m_notebook.document(course, note);
            return NoteStateEncoder::Source{d, m_log.lastSeq(course)};
        },
        [done = std::move(done)](const NoteStateEncoder::Frame &frame) {
            if (frame.isEmpty())
                return done(ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the note cannot be loaded")));
            done(frame);
        });
}

void NoteCommands::nameVersion(const Actor &actor, const proto::NoteNameVersion &m, Callback<CourseEvent> done)
{
    if (std::optional<ProtocolError> e = checkNote(m.course, m.note))
        return done(*e);
    if (std::optional<ProtocolError> e = proto::history::checkVersionName(m.name))
        return done(*e);
    quint64 at = m.at;
    if (at == 0) {
        at = m_history.latest(m.course, m.note);
        if (at == 0)
            return done(ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("%1 has no versions yet: nothing to name").arg(m.note)));
    } else if (Result<quint64> point = m_history.resolve(m.course, m.note, NotePoint{at, std::nullopt, {}}); !point) {
        return done(point.error());
    }
    if (m_history.hasNamedVersion(m.course, m.note, m.name))
        return done(ProtocolError::make(ErrorCode::Conflict, QStringLiteral("%1 already has a version named \"%2\"").arg(m.note, m.name)));
    m_journal.append(m.course, EventKind::NoteVersionNamed,
                     {{QStringLiteral("note"), m.note}, {QStringLiteral("name"), m.name}, {QStringLiteral("at"), double(at)},
                      {QStringLiteral("by"), actor.user}},
                     std::move(done));
}

void NoteCommands::restoreNote(const Actor &actor, const QString &course, const QString &note, quint64 at,
                               Callback<NoteOutcome> done)
{
    if (std::optional<ProtocolError> e = checkNote(course, note))
        return done(*e);
    if (Result<quint64> point = m_history.resolve(course, note, NotePoint{at, std::nullopt, {}}); !point)
        return done(point.error());
    restoreAttempt(actor, course, note, at, 3, std::move(done));
}

void NoteCommands::restoreAttempt(const Actor &actor, const QString &course, const QString &note, quint64 at, int triesLeft,
                                  Callback<NoteOutcome> done)
{
    if (isNoteLocked(course, note)) // a restore rewrites the whole text: a lock freezes it, for everyone
        return done(ProtocolError::make(ErrorCode::Forbidden,
                                        QStringLiteral("%1 is locked: unlock it before restoring a version").arg(note)));
    Result<const crdt::Document *> doc = noteDocument(course, note);
    if (!doc)
        return done(doc.error());
    const QJsonObject version = doc.value()->version().toJson();
    m_history.restoreEdits(course, note, at, doc.value()->text(),
                           [this, alive = std::weak_ptr<bool>(m_alive), actor, course, note, at, triesLeft, version,
                            done = std::move(done)](Result<QVector<TextEdit>> edits) mutable {
                               if (alive.expired())
                                   return;
                               if (!edits)
                                   return done(edits.error());
                               applyRestore(actor, course, note, at, version, triesLeft, edits.value(), std::move(done));
                           });
}

void NoteCommands::applyRestore(const Actor &actor, const QString &course, const QString &note, quint64 at,
                                const QJsonObject &version, int triesLeft, const QVector<TextEdit> &edits,
                                Callback<NoteOutcome> done)
{
    withServerReplica(course, [this, actor, course, note, at, version, triesLeft, edits,
                               done = std::move(done)](std::optional<ProtocolError> e) mutable {
        if (e)
            return done(*e);
        if (isNoteLocked(course, note))
            return done(ProtocolError::make(ErrorCode::Forbidden,
                                            QStringLiteral("%1 is locked: unlock it before restoring a version").arg(note)));
        crdt::Document *doc = m_notebook.document(course, note);
        if (!doc)
            return done(ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the note cannot be loaded")));
        if (doc->version().toJson() != version) { // edited meanwhile: the edits are for another text
            if (triesLeft <= 1)
                return done(ProtocolError::make(ErrorCode::Conflict,
                                                QStringLiteral("%1 kept changing while it was being restored: try again").arg(note)));
            return restoreAttempt(actor, course, note, at, triesLeft - 1, std::move(done));
        }
        if (edits.isEmpty()) // already that text: nothing to store
            return done(NoteOutcome{0, 0, 0, version, doc->length()});
        int operations = 0;
        qint64 inserted = 0;
        qint64 insertedBytes = 0;
        for (const TextEdit &edit : edits) {
            operations += int(edit.length > 0) + int(!edit.text.isEmpty());
            inserted += edit.text.size();
            insertedBytes += NoteBudget::utf8Size(edit.text);
        }
        // All or nothing: checked before the first edit touches the replica.
        if (m_config.limits.noteMaxUnits > 0 && doc->contentSize() + inserted > m_config.limits.noteMaxUnits)
            return done(ProtocolError::make(ErrorCode::TooLarge,
                                            QStringLiteral("restoring would make the note hold %1 of at most %2 UTF-16 units "
                                                           "(deleted text counts too); start a new note from that version")
                                                .arg(doc->contentSize() + inserted).arg(m_config.limits.noteMaxUnits)));
        if (std::optional<ProtocolError> limited = m_budget.admit(course, ownerOf(actor), operations, insertedBytes))
            return done(*limited);
        Notebook::Accepted accepted;
        for (const TextEdit &edit : edits) {
            Result<QVector<crdt::Operation>> ops = m_notebook.edit(course, note, edit, 0);
            if (!ops) { // cannot happen for edits of the current text; never store half a restore
                m_notebook.commitFailed(course, note);
                return done(ops.error());
            }
            accepted.ops += ops.value();
        }
        storeNoteOps(actor, course, note, accepted, std::move(done), {{QStringLiteral("restored"), double(at)}});
    });
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
