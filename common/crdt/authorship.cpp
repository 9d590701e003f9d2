// Document's authorship queries: who typed which visible text (the desktop tints other people's
// recent text by it, never by position guesses) and where units are now by id (selective undo
// finds the user's own text after everybody else's edits).
#include "crdt/document.h"

#include "crdt/sequence.h"

#include <algorithm>

namespace collab::crdt {

QVector<AuthorSpan> Document::authorSpans(int from, int to) const
{
    QVector<AuthorSpan> spans;
    detail::Sequence &seq = *m_sequence;
    from = std::max(from, 0);
    to = std::min(to, seq.length());
    if (from >= to)
        return spans;
    int offset = 0;
    detail::Cursor c = seq.findVisible(from, &offset);
    int position = from;
    while (!c.isEnd() && position < to) {
        const detail::Run &run = seq.tree().run(c);
        if (!run.deleted && offset < run.length) {
            const int units = std::min(run.length - offset, to - position);
            const ItemId first{seq.replicaId(run.replica), run.counter + quint32(offset)};
            // Runs of one replica that continue each other (split by a delete or an insert that
            // was later deleted) read as one span.
            if (!spans.isEmpty() && spans.last().first.replica == first.replica
                && spans.last().position + spans.last().length == position
                && spans.last().first.counter + quint32(spans.last().length) == first.counter)
                spans.last().length += units;
            else
                spans.append(AuthorSpan{position, units, first});
            position += units;
        }
        offset = 0;
        c = seq.tree().next(c);
    }
    return spans;
}

QVector<std::pair<int, int>> Document::visibleSpansOf(const IdRange &range) const
{
    QVector<std::pair<int, int>> spans;
    detail::Sequence &seq = *m_sequence;
    const quint32 replica = seq.replicaIndex(range.replica);
    if (replica == detail::kNoReplica)
        return spans;
    quint32 counter = range.counter;
    const quint32 end = range.counter + range.length;
    while (counter < end) {
        int offset = 0;
        const detail::Cursor c = seq.findById(detail::LocalId{replica, counter}, &offset);
        if (c.isEnd()) {
            ++counter; // a counter a delete consumed: not a unit
            continue;
        }
        const detail::Run &run = seq.tree().run(c);
        const int units = int(std::min<quint32>(quint32(run.length - offset), end - counter));
        if (!run.deleted) {
            const int position = seq.positionOf(c) + offset;
            if (!spans.isEmpty() && spans.last().first + spans.last().second == position)
                spans.last().second += units;
            else
                spans.append({position, units});
        }
        counter += quint32(units);
    }
    std::sort(spans.begin(), spans.end());
    return spans;
}

int Document::positionOfId(ItemId id) const
{
    detail::Sequence &seq = *m_sequence;
    const quint32 replica = seq.replicaIndex(id.replica);
    if (replica == detail::kNoReplica)
        return -1;
    int offset = 0;
    const detail::Cursor c = seq.findById(detail::LocalId{replica, id.counter}, &offset);
    if (c.isEnd())
        return -1;
    const detail::Run &run = seq.tree().run(c);
    return seq.positionOf(c) + (run.deleted ? 0 : offset);
}

QString Document::slice(int position, int length) const
{
    QString out;
    detail::Sequence &seq = *m_sequence;
    position = std::max(position, 0);
    const int end = std::min(position + std::max(length, 0), seq.length());
    if (position >= end)
        return out;
    out.reserve(end - position);
    int offset = 0;
    detail::Cursor c = seq.findVisible(position, &offset);
    while (!c.isEnd() && int(out.size()) < end - position) {
        const detail::Run &run = seq.tree().run(c);
        if (!run.deleted && offset < run.length) {
            const int units = std::min(run.length - offset, end - position - int(out.size()));
            out += seq.contentAt(run.contentPos + quint32(offset), quint32(units));
        }
        offset = 0;
        c = seq.tree().next(c);
    }
    return out;
}

} // namespace collab::crdt
