#include "client/noteundo.h"

#include "client/sharednote.h"

#include <QDateTime>

#include <algorithm>

namespace collab::client {

namespace {
constexpr int kMaxSteps = 500;
constexpr qint64 kOpenStep = -1; // the step an undo or redo is filling
}

NoteUndo::NoteUndo(SharedNote *note, QObject *parent) : QObject(parent), m_note(note)
{
    connect(note, &SharedNote::localOperations, this, &NoteUndo::record);
    // Refused edits were undone by a reload under a new replica: the ids we kept are void.
    connect(note, &SharedNote::editsRefused, this, &NoteUndo::clear);
}

void NoteUndo::clear()
{
    m_undo.clear();
    m_redo.clear();
    m_redone.clear();
    Q_EMIT changed();
}

crdt::ItemId NoteUndo::follow(crdt::ItemId id) const
{
    for (int hops = 0; hops < 1000; ++hops) {
        const auto it = m_redone.constFind(key(id.replica, id.counter));
        if (it == m_redone.cend() || it->first != id)
            break;
        id = it->second;
    }
    return id;
}

void NoteUndo::closeStep()
{
    if (!m_undo.isEmpty())
        m_undo.last().lastMs = 0;
}

void NoteUndo::record(const QVector<crdt::Operation> &ops, const QString &removedText)
{
    QVector<Item> items;
    int taken = 0;
    for (const crdt::Operation &op : ops) {
        Item item;
        item.inserted = op.isInsert();
        if (item.inserted) {
            item.ids = crdt::IdRange{op.id.replica, op.id.counter, quint32(op.text.size())};
            if (m_restoring) { // deleted text put back: its old units live on as these
                for (int k = 0; k < op.text.size(); ++k, ++m_restoredUnits) {
                    int offset = m_restoredUnits;
                    for (const crdt::IdRange &r : m_restoring->deleted) {
                        if (offset < int(r.length)) {
                            const crdt::ItemId old{r.replica, r.counter + quint32(offset)};
                            m_redone.insert(key(old.replica, old.counter),
                                            {old, crdt::ItemId{op.id.replica, op.id.counter + quint32(k)}});
                            break;
                        }
                        offset -= int(r.length);
                    }
                }
            }
        } else {
            // Every piece of one remove() starts where the previous one was: the text is in order.
            const int span = int(op.span());
            item.text = removedText.mid(taken, span);
            taken += span;
            if (op.targets.isEmpty())
                continue;
            item.deleted = QVector<crdt::IdRange>(op.targets.cbegin(), op.targets.cend());
            item.ids = op.targets.first();
            // The unit just before the deleted text: undo puts it back right after that unit,
            // before whatever others typed there since.
            const crdt::Document &doc = m_note->document();
            const int at = doc.positionOfId(crdt::ItemId{item.ids.replica, item.ids.counter});
            if (at > 0) {
                const QVector<crdt::AuthorSpan> before = doc.authorSpans(at - 1, at);
                if (!before.isEmpty()) {
                    item.hasAfter = true;
                    item.after = before.first().first;
                }
            }
        }
        items << item;
    }
    if (items.isEmpty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_recordInto) { // the inverse of an undo (redo) or of a redo (undo): one step, as it was
        if (m_recordInto->isEmpty() || m_recordInto->last().lastMs != kOpenStep)
            m_recordInto->append(Step{{}, kOpenStep});
        m_recordInto->last().items += items;
        return;
    }
    m_redo.clear();
    // A typing burst: edits of one kind, each soon after the last, are one step.
    const bool sameBurst = !m_undo.isEmpty() && now - m_undo.last().lastMs <= m_burstMs
                           && m_undo.last().items.last().inserted == items.first().inserted
                           && !items.first().text.contains(QLatin1Char('\n'));
    if (sameBurst)
        m_undo.last().items += items;
    else
        m_undo.append(Step{items, now});
    m_undo.last().lastMs = now;
    if (m_undo.size() > kMaxSteps)
        m_undo.removeFirst();
    Q_EMIT changed();
}

QVector<crdt::TextDelta> NoteUndo::undo() { return revert(m_undo, m_redo); }
QVector<crdt::TextDelta> NoteUndo::redo() { return revert(m_redo, m_undo); }

// Applies the inverse of the last step of `from` (latest edit first) as new local edits, which
// `to` records as one step.
QVector<crdt::TextDelta> NoteUndo::revert(QVector<Step> &from, QVector<Step> &to)
{
    QVector<crdt::TextDelta> deltas;
    if (from.isEmpty())
        return deltas;
    const Step step = from.takeLast();
    m_recordInto = &to;
    const crdt::Document &doc = m_note->document();
    for (auto it = step.items.crbegin(); it != step.items.crend(); ++it) {
        if (it->inserted) {
            // Our units that are still there, wherever they are now; from the end, so that the
            // positions found stay right.
            QVector<std::pair<int, int>> spans = doc.visibleSpansOf(it->ids);
            for (auto s = spans.crbegin(); s != spans.crend(); ++s)
                if (m_note->remove(s->first, s->second))
                    deltas << crdt::TextDelta{s->first, s->second, QString()};
        } else {
            int at = -1;
            if (it->hasAfter) {
                const crdt::ItemId after = follow(it->after);
                const bool visible = !doc.visibleSpansOf(crdt::IdRange{after.replica, after.counter, 1}).isEmpty();
                at = doc.positionOfId(after);
                if (at >= 0 && visible)
                    ++at;
            }
            if (at < 0)
                at = doc.positionOfId(follow(crdt::ItemId{it->ids.replica, it->ids.counter}));
            m_restoring = &*it;
            m_restoredUnits = 0;
            const bool inserted = at >= 0 && m_note->insert(at, it->text);
            m_restoring = nullptr;
            if (inserted)
                deltas << crdt::TextDelta{at, 0, it->text};
        }
    }
    m_recordInto = nullptr;
    if (!to.isEmpty() && to.last().lastMs == kOpenStep)
        to.last().lastMs = 0; // closed: the next edit starts a step of its own
    Q_EMIT changed();
    return deltas;
}

} // namespace collab::client
