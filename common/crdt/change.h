#pragma once

#include "crdt/run.h"
#include "crdt/sequence.h"
#include "crdt/types.h"

#include <QString>

namespace collab::crdt::detail {

// A remote operation whose dependencies are all applied, in the document's own replica indexes:
// the one shape both apply paths (an Operation, a batch entry) check and integrate, so they
// cannot disagree. Points into data the caller keeps alive.
struct Change
{
    bool insert = true;
    ReplicaId replica = 0;     // the operation's replica (it may be new to the document)
    quint32 counter = 0;
    quint32 length = 0;        // counters consumed
    LocalId left;              // insert
    LocalId right;             // insert
    const char16_t *text = nullptr; // insert: `length` units
    const QString *textString = nullptr; // insert: the same text as a QString if the caller has one
    const LocalRange *ranges = nullptr;  // delete
    int rangeCount = 0;
};

} // namespace collab::crdt::detail
