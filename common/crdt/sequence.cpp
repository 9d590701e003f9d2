#include "crdt/sequence.h"

namespace collab::crdt::detail {

// Room for a handful of replicas up front: growing the tables one replica at a time cost a
// document about ten allocations (fuzz_crdt makes several documents per input).
Sequence::Sequence()
{
    m_replicas.reserve(kTypicalReplicas);
    m_next.reserve(kTypicalReplicas);
}

QString Sequence::text() const
{
    QString out;
    out.reserve(m_tree.length());
    for (const Leaf *leaf = m_tree.firstLeaf(); leaf; leaf = leaf->next) {
        for (int i = 0; i < leaf->count; ++i) {
            const Run &run = leaf->runs[i];
            if (!run.deleted)
                out.append(reinterpret_cast<const QChar *>(m_content.data() + run.contentPos), run.length);
        }
    }
    return out;
}

quint32 Sequence::addReplica(ReplicaId replica)
{
    const quint32 existing = replicaIndex(replica);
    if (existing != kNoReplica)
        return existing;
    const quint32 index = quint32(m_replicas.size());
    m_replicas.push_back(replica);
    m_next.push_back(0);
    m_replicaIndex.insert(replica, index);
    return index;
}

quint32 Sequence::appendContent(const char16_t *text, int length)
{
    const quint32 pos = quint32(m_content.size());
    m_content.append(text, size_t(length));
    return pos;
}

quint32 Sequence::appendContent(const QString &text)
{
    const quint32 pos = quint32(m_content.size());
    m_content.append(reinterpret_cast<const char16_t *>(text.constData()), size_t(text.size()));
    return pos;
}

Cursor Sequence::findById(LocalId id, int *offset, Guess slot) const
{
    // Leaves are never freed, so a stale guess is safe to look at; it is used only if it holds.
    // The run itself or its neighbours in the leaf (typing after a backspace names the run
    // before the tombstone the backspace touched).
    Cursor &guess = m_guess[slot];
    if (guess.leaf) {
        const int last = qMin(guess.index + 1, guess.leaf->count - 1);
        for (int i = qMax(guess.index - 1, 0); i <= last; ++i) {
            const Run &run = guess.leaf->runs[i];
            if (run.contains(id.replica, id.counter)) {
                *offset = int(id.counter - run.counter);
                guess.index = i;
                return guess;
            }
        }
    }
    Leaf *leaf = m_index.find(id.replica, id.counter);
    if (!leaf)
        return Cursor{};
    for (int i = 0; i < leaf->count; ++i) {
        const Run &run = leaf->runs[i];
        if (run.contains(id.replica, id.counter)) {
            *offset = int(id.counter - run.counter);
            guess = Cursor{leaf, i};
            return guess;
        }
    }
    return Cursor{}; // a counter consumed by a delete: not a unit
}

namespace {
bool hasSurrogates(const char16_t *text, int length)
{
    for (int i = 0; i < length; ++i) {
        if (QChar::isSurrogate(text[i]))
            return true;
    }
    return false;
}
bool hasSurrogates(const QString &text)
{
    return hasSurrogates(reinterpret_cast<const char16_t *>(text.constData()), int(text.size()));
}
} // namespace

bool Sequence::insertLocal(int pos, LocalId id, const QString &text, LocalId *left, LocalId *right)
{
    Run run;
    run.replica = id.replica;
    run.counter = id.counter;
    run.length = int(text.size());
    run.surrogates = hasSurrogates(text);
    Cursor at = m_tree.front();
    if (pos > 0) {
        int offset = 0;
        const Cursor c = m_tree.findVisible(pos - 1, &offset);
        if (pairUnitAt(c, offset).isHighSurrogate())
            return false; // visible text is well formed: pos is the low half of a pair
        run.originLeft = m_tree.run(c).idAt(offset);
        if (offset + 1 < m_tree.run(c).length) {
            at = m_tree.split(c, offset + 1);
            run.originRight = m_tree.run(at).idAt(0);
        } else {
            const Cursor after = m_tree.next(c);
            if (!after.isEnd())
                run.originRight = m_tree.run(after).idAt(0);
            run.contentPos = quint32(m_content.size());
            if (canAppend(m_tree.run(c), run)) { // typing on: grow the run in place
                m_tree.run(c).surrogates |= run.surrogates;
                appendContent(text);
                m_tree.extend(c, run.length);
                *left = run.originLeft;
                *right = run.originRight;
                return true;
            }
            at = Cursor{c.leaf, c.index + 1};
        }
    } else if (const Cursor first = m_tree.begin(); !first.isEnd()) {
        run.originRight = m_tree.run(first).idAt(0);
    }
    run.contentPos = appendContent(text);
    m_tree.insert(at, run);
    *left = run.originLeft;
    *right = run.originRight;
    return true;
}

bool Sequence::deleteLocal(int pos, int count, QVarLengthArray<LocalRange, 1> *targets)
{
    int offset = 0;
    Cursor c;
    if (pos + count < length()) { // the last unit must not be the high half of a pair
        const Cursor last = m_tree.findVisible(pos + count - 1, &offset);
        if (pairUnitAt(last, offset).isHighSurrogate())
            return false;
        if (count == 1) // a keystroke: the last unit is the first
            c = last;
    }
    if (c.isEnd())
        c = m_tree.findVisible(pos, &offset);
    if (pairUnitAt(c, offset).isLowSurrogate())
        return false;
    while (count > 0) {
        const Run &run = m_tree.run(c);
        if (run.deleted) {
            c = m_tree.next(c);
            offset = 0;
            continue;
        }
        const int take = qMin(count, run.length - offset);
        const LocalRange range{run.replica, run.counter + quint32(offset), quint32(take)};
        if (!targets->isEmpty() && targets->back().replica == range.replica
            && targets->back().counter + targets->back().length == range.counter)
            targets->back().length += range.length;
        else
            targets->append(range);
        c = m_tree.next(m_tree.deleteUnits(c, offset, take));
        offset = 0;
        count -= take;
    }
    return true;
}

void Sequence::deleteRange(LocalRange range, RemovedSpans *removed)
{
    while (range.length > 0) {
        int offset = 0;
        const Cursor c = findById(LocalId{range.replica, range.counter}, &offset);
        const Run &run = m_tree.run(c);
        const quint32 take = qMin(range.length, quint32(run.length - offset));
        if (!run.deleted && !removed) {
            m_guess[NearGuess] = m_tree.deleteUnits(c, offset, int(take));
        } else if (!run.deleted) {
            const int pos = m_tree.positionOf(c) + offset;
            m_guess[NearGuess] = m_tree.deleteUnits(c, offset, int(take));
            if (!removed->isEmpty() && removed->back().first == pos)
                removed->back().second += int(take);
            else
                removed->append({pos, int(take)});
        }
        range.counter += take;
        range.length -= take;
    }
}

// YATA (as in Yjs): walk the runs between the origins and decide which ones go before the new
// run. A run whose left origin equals ours conflicts directly and the lower replica id goes
// first; a run whose left origin lies inside the scanned span belongs to a run already placed
// before us and follows it. Runs are never split here, so whole runs stand for their units.
Cursor Sequence::scanConflicts(Cursor left, Cursor right, LocalId id, LocalId originLeft,
                               LocalId originRight)
{
    m_scanned.clear();
    m_scannedByRun.clear();
    size_t conflictStart = 0; // m_scanned[conflictStart..] are the conflicting items
    const ReplicaId self = m_replicas[id.replica];
    for (Cursor o = left.isEnd() ? m_tree.begin() : m_tree.next(left); !o.isEnd() && o != right;
         o = m_tree.next(o)) {
        const Run &run = m_tree.run(o);
        m_scanned.push_back(Scanned{&run, run.replica, run.counter, run.end()});
        if (!m_scannedByRun.empty())
            m_scannedByRun.emplace(&run, m_scanned.size() - 1);
        if (run.originLeft == originLeft) {
            if (m_replicas[run.replica] < self) {
                left = o;
                conflictStart = m_scanned.size();
            } else if (run.originRight == originRight) {
                break;
            }
            continue;
        }
        if (run.originLeft.isNone())
            break;
        const size_t k = scannedIndexOf(run.originLeft);
        if (k == size_t(-1))
            break; // origin before our left: this run and all after it go after us
        if (k < conflictStart) {
            left = o;
            conflictStart = m_scanned.size();
        }
    }
    return left;
}

// Which scanned run holds `id` (size_t(-1): none). Scans are short unless many inserts are
// concurrent at one place; past kLinear runs a map keeps each step O(1) instead of O(scan).
size_t Sequence::scannedIndexOf(LocalId id)
{
    constexpr size_t kLinear = 32;
    if (m_scanned.size() <= kLinear) {
        size_t k = m_scanned.size();
        while (k-- > 0) {
            const Scanned &s = m_scanned[k];
            if (s.replica == id.replica && id.counter >= s.counter && id.counter < s.end)
                return k;
        }
        return size_t(-1);
    }
    if (m_scannedByRun.empty()) {
        for (size_t k = 0; k < m_scanned.size(); ++k)
            m_scannedByRun.emplace(m_scanned[k].run, k);
    }
    int offset = 0;
    const Cursor c = findById(id, &offset); // runs do not move during a scan
    if (c.isEnd())
        return size_t(-1);
    const auto it = m_scannedByRun.find(&m_tree.run(c));
    return it == m_scannedByRun.end() ? size_t(-1) : it->second;
}

Sequence::OriginCheck Sequence::checkOrigins(LocalId originLeft, LocalId originRight) const
{
    int leftOffset = 0;
    int rightOffset = 0;
    Cursor left;
    Cursor right;
    if (!originLeft.isNone()) {
        left = findById(originLeft, &leftOffset);
        if (left.isEnd())
            return OriginCheck::Unknown;
        if (pairUnitAt(left, leftOffset).isHighSurrogate())
            return OriginCheck::SplitsPair;
    }
    if (!originRight.isNone()) {
        right = findById(originRight, &rightOffset, RightGuess);
        if (right.isEnd())
            return OriginCheck::Unknown;
        if (pairUnitAt(right, rightOffset).isLowSurrogate())
            return OriginCheck::SplitsPair;
        // Items never change order, so the right origin follows the left one everywhere; a
        // forged pair the other way round would make the conflict scan run to the end.
        if (!left.isEnd() && !unitBefore(left, leftOffset, right, rightOffset))
            return OriginCheck::Misordered;
    }
    if (separatedByDependency(left, leftOffset, originLeft, right, rightOffset, originRight))
        return OriginCheck::Separated;
    return OriginCheck::Ok;
}

bool Sequence::unitBefore(Cursor a, int aOffset, Cursor b, int bOffset) const
{
    return a == b ? aOffset < bOffset : m_tree.isBefore(a, b);
}

// True if nothing, tombstones included, lies between the two units (none: the document's ends).
bool Sequence::adjacent(Cursor left, int leftOffset, Cursor right, int rightOffset) const
{
    if (left.isEnd())
        return right.isEnd() || (rightOffset == 0 && right == m_tree.begin());
    if (leftOffset + 1 < m_tree.run(left).length)
        return left == right && leftOffset + 1 == rightOffset;
    return rightOffset == 0 && m_tree.next(left) == right; // both ends when right is none
}

// An honest insert's origins were neighbours in the document it was typed in, and that document
// held everything the origins themselves depend on. Two of those items are found cheaply: the
// left origin's right origin and the right origin's left origin. Either lying strictly between
// the origins here proves the origins were never neighbours: such a forged insert would land in
// different places depending on the order replicas receive it. Concurrent inserts between the
// origins are fine: they are not something the origins depend on.
bool Sequence::separatedByDependency(Cursor left, int leftOffset, LocalId originLeft, Cursor right,
                                     int rightOffset, LocalId originRight) const
{
    if (adjacent(left, leftOffset, right, rightOffset))
        return false; // nothing lies between them (no concurrent insert here): the usual case
    if (!right.isEnd()) {
        if (rightOffset > 0) // its left origin is the unit before it in its run: nothing lies between
            return left != right || leftOffset + 1 != rightOffset;
        const LocalId rightsLeft = m_tree.run(right).originLeft;
        if (!rightsLeft.isNone() && rightsLeft != originLeft) {
            if (left.isEnd())
                return true; // the start of the document is before it
            int offset = 0;
            const Cursor c = findById(rightsLeft, &offset, OriginGuess);
            if (c.isEnd() || unitBefore(left, leftOffset, c, offset)) // not found: a corrupt snapshot
                return true;
        }
    }
    if (!left.isEnd()) {
        const LocalId leftsRight = m_tree.run(left).originRight; // shared by every unit of the run
        if (!leftsRight.isNone() && leftsRight != originRight) {
            if (right.isEnd())
                return true; // the end of the document is after it
            int offset = 0;
            const Cursor c = findById(leftsRight, &offset, OriginGuess);
            if (c.isEnd() || unitBefore(c, offset, right, rightOffset))
                return true;
        }
    }
    return false;
}

int Sequence::integrate(LocalId id, LocalId originLeft, LocalId originRight, const char16_t *text, int length,
                        bool wantPosition)
{
    // The lookups hit the guesses checkOrigins() left.
    int leftOffset = 0;
    int rightOffset = 0;
    Cursor left = originLeft.isNone() ? Cursor{} : findById(originLeft, &leftOffset);
    Cursor right = originRight.isNone() ? Cursor{} : findById(originRight, &rightOffset, RightGuess);
    // Cut runs so the left origin ends a run and the right origin starts one.
    int offset = 0;
    bool moved = false; // a split may move runs to another leaf: find them again then
    if (!left.isEnd() && leftOffset + 1 < m_tree.run(left).length) {
        m_tree.split(left, leftOffset + 1);
        moved = true;
        if (!right.isEnd())
            right = findById(originRight, &rightOffset, RightGuess);
    }
    if (!right.isEnd() && rightOffset > 0) {
        right = m_tree.split(right, rightOffset);
        moved = true;
    }
    if (moved) {
        if (!originLeft.isNone())
            left = findById(originLeft, &offset);
    }
    const Cursor first = left.isEnd() ? m_tree.begin() : m_tree.next(left);
    if (first != right)
        left = scanConflicts(left, right, id, originLeft, originRight);

    Run run;
    run.replica = id.replica;
    run.counter = id.counter;
    run.length = length;
    run.originLeft = originLeft;
    run.originRight = originRight;
    run.contentPos = quint32(m_content.size());
    run.surrogates = hasSurrogates(text, length);
    if (!left.isEnd() && canAppend(m_tree.run(left), run)) {
        const int pos = wantPosition ? m_tree.positionOf(left) + m_tree.run(left).length : -1;
        m_tree.run(left).surrogates |= run.surrogates;
        appendContent(text, length);
        m_tree.extend(left, run.length);
        m_guess[NearGuess] = left;
        return pos;
    }
    appendContent(text, length);
    const Cursor at = m_tree.insert(left.isEnd() ? m_tree.front() : Cursor{left.leaf, left.index + 1}, run);
    m_guess[NearGuess] = at;
    return wantPosition ? m_tree.positionOf(at) : -1;
}

void Sequence::load(const std::vector<ReplicaId> &replicas, const std::vector<quint32> &next,
                    const QString &content, const std::vector<Run> &runs, const std::vector<quint32> &byId)
{
    m_index.clear();
    m_guess[NearGuess] = m_guess[RightGuess] = m_guess[OriginGuess] = Cursor{};
    m_lastReplica = 0;
    m_replicas = replicas;
    m_next = next;
    m_replicaIndex.clear();
    for (quint32 i = 0; i < replicas.size(); ++i)
        m_replicaIndex.insert(replicas[i], i);
    m_content.assign(reinterpret_cast<const char16_t *>(content.constData()), size_t(content.size()));
    m_tree.load(runs, byId);
}

} // namespace collab::crdt::detail
