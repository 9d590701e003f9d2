#pragma once

#include "crdt/document.h"

#include <QHash>
#include <QObject>
#include <QVector>

namespace collab::client {

class SharedNote;

// Selective undo of the local user's own edits in a shared note (as yrs' / Yjs' undo manager
// does it): each step remembers, by CRDT id, the units this user inserted and the text they
// deleted. Undo removes those of its inserted units that are still there, wherever other people's
// edits moved them, and puts the deleted text back where its units were; other users' text is
// never touched. Consecutive edits of one kind within a moment of each other are one step (a
// typing burst). The inverse edits are ordinary local edits of the note (sent like any other),
// and become the redo step. Ids survive reconnects and snapshots, so undo does too; a refusal of
// our edits (a new replica, the note reloaded) clears both stacks.
class NoteUndo : public QObject
{
    Q_OBJECT
public:
    explicit NoteUndo(SharedNote *note, QObject *parent = nullptr);

    bool canUndo() const { return !m_undo.isEmpty(); }
    bool canRedo() const { return !m_redo.isEmpty(); }
    int undoCount() const { return int(m_undo.size()); }
    // Undoes / redoes the last step; returns the text changes made (to show them), in order.
    QVector<crdt::TextDelta> undo();
    QVector<crdt::TextDelta> redo();
    // Edits further apart than this (ms) are separate steps (500 by default).
    void setBurstMs(int ms) { m_burstMs = ms; }
    // The next edit starts a new step (the user moved the cursor elsewhere).
    void closeStep();
    void clear();

Q_SIGNALS:
    void changed(); // canUndo / canRedo may have changed

private:
    struct Item
    {
        bool inserted = true;  // units we inserted (undo: remove them) or text we deleted (undo: put it back)
        crdt::IdRange ids;     // the inserted units
        QVector<crdt::IdRange> deleted; // the deleted units, in text order (their text is `text`)
        QString text;          // deleted text
        bool hasAfter = false; // deleted text: the unit it followed, to put it back right after
        crdt::ItemId after;
    };
    struct Step
    {
        QVector<Item> items;
        qint64 lastMs = 0;
    };
    void record(const QVector<crdt::Operation> &ops, const QString &removedText);
    // Deleted text put back is new units: later steps that name the old ones (the unit some text
    // followed) follow them to the new ones, as Yjs' "redone" links do.
    crdt::ItemId follow(crdt::ItemId id) const;
    static quint64 key(crdt::ReplicaId replica, quint32 counter) { return (quint64(replica) * 0x9E3779B97F4A7C15ull) ^ counter; }
    QVector<crdt::TextDelta> revert(QVector<Step> &from, QVector<Step> &to);

    SharedNote *m_note;
    QVector<Step> m_undo;
    QVector<Step> m_redo;
    QVector<Step> *m_recordInto = nullptr; // while reverting: where the inverse edits go
    const Item *m_restoring = nullptr;     // while putting deleted text back: which
    int m_restoredUnits = 0;
    QHash<quint64, std::pair<crdt::ItemId, crdt::ItemId>> m_redone; // old unit -> (old, new)
    int m_burstMs = 500;
};

} // namespace collab::client
