#pragma once

#include "crdt/document.h"
#include "model/courseevent.h"
#include "protocol/servermessages.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <QVector>

namespace collab::client {

class CollabClient;
struct RequestResult;

// One shared note of one course, bound to the server through a CollabClient: a CRDT replica
// (crdt::Document, a random replica id per run) that applies local edits at once and merges
// everybody else's. docs/protocol.md, "Shared notes", is the contract:
//   - after every join (first or resumed) it sends `note.sync {have}` and applies `note.state`:
//     a snapshot replaces the replica (then its own unacknowledged operations are re-applied),
//     operations are merged;
//   - local edits queue their operations in an outbox sent as `note.ops`, one request in flight,
//     resent after a reconnect until acknowledged (the server ignores operations it has);
//   - `note.ops` course events of other replicas are merged and reported as text deltas.
// Without a client (nullptr) it is an offline replica: the protocol steps (applyState,
// applyRemoteOps, takeBatch/acknowledge) are public so that tests and other transports drive them.
class SharedNote : public QObject
{
    Q_OBJECT
public:
    SharedNote(CollabClient *client, const QString &course, const QString &note, QObject *parent = nullptr);
    SharedNote(CollabClient *client, const QString &course, const QString &note, crdt::ReplicaId replica,
               QObject *parent = nullptr);
    // With a state file: the last known text and the unacknowledged operations are kept in
    // `statePath` (written a moment after each change, and on destruction) and loaded here, so an
    // app that restarts - even offline - shows the note and still sends the edits it made.
    SharedNote(CollabClient *client, const QString &course, const QString &note, const QString &statePath,
               QObject *parent = nullptr);
    ~SharedNote() override;

    static crdt::ReplicaId randomReplicaId();

    QString course() const { return m_course; }
    QString note() const { return m_note; }
    crdt::ReplicaId replica() const { return m_doc.replica(); }
    QString text() const { return m_doc.text(); }
    int length() const { return m_doc.length(); }
    crdt::VersionVector version() const { return m_doc.version(); }
    const crdt::Document &document() const { return m_doc; }
    // True once note.state was applied on the current connection.
    bool isSynced() const { return m_synced; }
    // Local operations the server has not acknowledged yet.
    int unackedCount() const { return int(m_unacked.size()); }
    // True from a refusal of our edits until the note is reloaded from the server: the text shown
    // still has the refused edits (the reload patches them away), so nothing may be typed.
    bool isReloading() const { return m_reloading; }
    QVector<crdt::Operation> unackedOps() const { return m_unacked; }
    QString statePath() const { return m_statePath; }
    bool saveState(); // now (also done on its own a moment after each change)

    // Local edits (UTF-16 positions), applied at once. False (and nothing changes) if the range is
    // outside the text or splits a surrogate pair.
    bool insert(int position, const QString &text);
    bool remove(int position, int length);

    // The protocol steps, driven by the client binding (public for tests).
    void applyState(const proto::NoteState &state);
    void applyRemoteOps(const QVector<crdt::Operation> &ops, const QString &user);
    // The next batch of unacknowledged operations to send (at most ~maxBytes of JSON), marked in
    // flight; acknowledge() drops it from the outbox, requeue() makes it sendable again.
    QVector<crdt::Operation> takeBatch(int maxBytes = 32 * 1024);
    void acknowledge();
    void requeue();

Q_SIGNALS:
    // The whole text changed (a snapshot was loaded): show `text`.
    void textReset(const QString &text);
    // Other replicas changed the text: apply the deltas in order.
    void remoteChange(const QVector<collab::crdt::TextDelta> &deltas, const QString &user);
    // The operations behind a live remoteChange and who made them (authorship: the desktop tints
    // `user`'s recent text by these ids).
    void remoteOperations(const QVector<collab::crdt::Operation> &ops, const QString &user);
    // The operations a local insert() or remove() made, in order (selective undo keeps them);
    // `removedText`: what remove() took away (each delete operation takes its span() units of
    // it, in order), empty for insert().
    void localOperations(const QVector<collab::crdt::Operation> &ops, const QString &removedText);
    void syncedChanged(bool synced);
    void unackedCountChanged(int count);
    // The server refused our edits for good (`code`: forbidden, too_large, invalid_value...; also
    // when we were removed from the course): `count` operations are undone: the note reloads
    // from the server under a new replica id (reloadingChanged(true) now; textReset, without
    // them, once the server's text is here).
    void editsRefused(const QString &code, const QString &message, int count);
    void reloadingChanged(bool reloading);

private:
    void bind();
    void onJoined(const QString &course);
    void onConnectionLost();
    void onEvent(const CourseEvent &event);
    void requestSync();
    void onSyncResult(const RequestResult &result, quint64 generation);
    void flush();
    void onOpsResult(const RequestResult &result, quint64 generation);
    void discardRefusedEdits(const QString &code, const QString &message);
    void setReloading(bool reloading);
    bool pushLocal(crdt::Expected<crdt::Operation> op);
    void setSynced(bool synced);
    void loadState();
    void stateChanged();

    CollabClient *m_client;
    QString m_course;
    QString m_note;
    crdt::Document m_doc;
    QVector<crdt::Operation> m_unacked;   // oldest first; the first m_inFlight are being sent
    int m_inFlight = 0;
    bool m_syncing = false;
    bool m_synced = false;
    bool m_reloading = false;
    quint64 m_generation = 0;              // bumped on every connection loss: stale replies are ignored
    QVector<crdt::Operation> m_seenWhileSyncing; // remote ops that arrived before note.state
    QString m_statePath;
    QTimer *m_saveTimer = nullptr;
};

} // namespace collab::client
