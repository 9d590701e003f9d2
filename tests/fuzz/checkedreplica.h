#pragma once
// fuzz_crdt's checked replica: a Document with the text and version it must show, tracked from what
// apply() and the local edits say they did, and applyChecked() that holds every applied operation
// to its result. Kept apart from the target's input modes (fuzz_crdt.cpp).
#include "fuzzsupport.h"

#include "crdt/document.h"
#include "crdt/operation.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QVarLengthArray>

#include <algorithm>
#include <array>

namespace collab::fuzz::crdtcheck {

using crdt::ApplyResult;
using crdt::ApplyStatus;
using crdt::Document;
using crdt::Operation;
using crdt::SnapshotDraft;

constexpr crdt::ReplicaId HostileReplica = 0xbad0bad0bad0bad0ull; // forged operations: every replica gets them

inline QByteArray show(const Operation &op)
{
    return QJsonDocument(op.toJson()).toJson(QJsonDocument::Compact);
}

// A document and what it must show, kept from what apply() and the local edits said they did:
// the text from their deltas and positions, the version from the ids of the operations applied.
// Copying the text and building the version (a vector) around every operation made this target
// spend most of its time in ASan's allocator. Both are compared with the document every few
// operations and at the end; its length and waiting queue after every operation. A Rejected,
// Duplicate or Pending operation that changed the version shows at the next comparison: the
// tracked version did not change.
//
// The version a document must have: its entries as VersionVector keeps them (sorted by replica,
// next > 0), inline for the handful of replicas a script has (no allocation at all).
class Counters
{
public:
    quint32 get(crdt::ReplicaId replica) const
    {
        const auto it = find(replica);
        return it != m_entries.end() && it->first == replica ? it->second : 0;
    }
    void set(crdt::ReplicaId replica, quint32 next) // next > 0
    {
        const auto it = find(replica);
        if (it != m_entries.end() && it->first == replica)
            it->second = next;
        else
            m_entries.insert(it, {replica, next});
    }
    void assign(const crdt::VersionVector &version)
    {
        m_entries.clear();
        m_entries.append(version.entries().data(), qsizetype(version.entries().size()));
    }
    bool operator==(const Counters &other) const { return m_entries == other.m_entries; }
    bool operator==(const crdt::VersionVector &version) const
    {
        return std::equal(m_entries.begin(), m_entries.end(), version.entries().begin(), version.entries().end());
    }
    friend bool operator==(const crdt::VersionVector &version, const Counters &counters) { return counters == version; }

private:
    // Never move-assigned: Qt 6.4.2's QVarLengthArray move assignment leaks (see sent()).
    using Entries = QVarLengthArray<std::pair<crdt::ReplicaId, quint32>, 8>;
    Entries::const_iterator find(crdt::ReplicaId replica) const
    {
        return std::lower_bound(m_entries.begin(), m_entries.end(), replica,
                                [](const auto &entry, crdt::ReplicaId r) { return entry.first < r; });
    }
    Entries::iterator find(crdt::ReplicaId replica)
    {
        return std::lower_bound(m_entries.begin(), m_entries.end(), replica,
                                [](const auto &entry, crdt::ReplicaId r) { return entry.first < r; });
    }

    Entries m_entries;
};

struct Replica
{
    explicit Replica(Document d) : doc(std::move(d)), text(doc.text()) { version.assign(doc.version()); }

    Document doc;
    QString text;
    Counters version;
    quint32 operations = 0;
};

// Document::text() and version() allocate: every 16 operations is enough to point at the one
// that went wrong, and the failing input reproduces it anyway.
constexpr quint32 FullCheckEvery = 16;

inline void checkState(const Replica &r, const char *what, const Operation *op)
{
    FUZZ_CHECK(r.doc.text() == r.text, what + (op ? ": " + show(*op) : QByteArray()));
    FUZZ_CHECK(r.version == r.doc.version(),
               "the version is not what the operations applied said (or a refused one changed it)"
                   + (op ? ": " + show(*op) : QByteArray()));
}

inline void countOperation(Replica &r, const Operation &op)
{
    if (++r.operations % FullCheckEvery == 0)
        checkState(r, "the text is not what the results of apply() and the local edits said", &op);
}

// Applies `op` and checks that the result describes what happened to the document: a Rejected or
// Duplicate operation changes nothing (text, version, waiting queue), a Pending one neither text
// nor version and waits, an Applied one exactly what its deltas and its id say.
inline ApplyResult applyChecked(Replica &r, const Operation &op)
{
    const int pending = r.doc.pendingCount();
    const int length = r.doc.length();
    const ApplyResult result = r.doc.apply(op);
    switch (result.status) {
    case ApplyStatus::Rejected:
        FUZZ_CHECK(result.error.has_value(), show(op));
        [[fallthrough]];
    case ApplyStatus::Duplicate:
        FUZZ_CHECK(r.doc.length() == length && r.doc.pendingCount() == pending,
                   "a rejected or duplicate operation changed the document: " + show(op));
        break;
    case ApplyStatus::Pending:
        FUZZ_CHECK(r.doc.length() == length && r.doc.pendingCount() == pending + 1, show(op));
        break;
    case ApplyStatus::Applied:
        FUZZ_CHECK(result.appliedCount >= 1 && r.doc.pendingCount() <= pending, show(op));
        FUZZ_CHECK(r.version.get(op.id.replica) < op.id.counter + op.span(), "applied twice: " + show(op));
        if (result.appliedCount == 1 && result.droppedCount == 0 && r.doc.pendingCount() == pending)
            r.version.set(op.id.replica, quint32(op.id.counter + op.span()));
        else // it released waiting operations: which ones is the document's business
            r.version.assign(r.doc.version());
        for (const crdt::TextDelta &d : result.deltas) {
            FUZZ_CHECK(d.position >= 0 && d.removed >= 0 && d.position + d.removed <= r.text.size(),
                       "delta out of range: " + show(op));
            r.text.replace(d.position, d.removed, d.inserted);
        }
        break;
    }
    FUZZ_CHECK(r.text.size() == r.doc.length(), "the deltas do not give the new length: " + show(op));
    countOperation(r, op);
    return result;
}

} // namespace collab::fuzz::crdtcheck
