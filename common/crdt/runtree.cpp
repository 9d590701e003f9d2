#include "crdt/runtree.h"

#include "crdt/idindex.h"

#include <cstring>

namespace collab::crdt::detail {

RunTree::RunTree(IdIndex *index) : m_index(index)
{
    reset();
}

RunTree::~RunTree() = default;

void RunTree::reset()
{
    m_leaves.clear();
    m_nodes.clear();
    m_first = newLeaf();
    m_root = m_first;
    m_length = 0;
    m_cacheLeaf = nullptr;
}

Leaf *RunTree::newLeaf()
{
    m_leaves.push_back(std::make_unique<Leaf>());
    return m_leaves.back().get();
}

Node *RunTree::newNode()
{
    m_nodes.push_back(std::make_unique<Node>());
    return m_nodes.back().get();
}

int RunTree::runCount() const
{
    int count = 0;
    for (const Leaf *leaf = m_first; leaf; leaf = leaf->next)
        count += leaf->count;
    return count;
}

Cursor RunTree::next(Cursor c) const
{
    if (c.index + 1 < c.leaf->count)
        return Cursor{c.leaf, c.index + 1};
    for (Leaf *leaf = c.leaf->next; leaf; leaf = leaf->next) {
        if (leaf->count)
            return Cursor{leaf, 0};
    }
    return Cursor{};
}

Cursor RunTree::prev(Cursor c) const
{
    if (c.index > 0)
        return Cursor{c.leaf, c.index - 1};
    for (Leaf *leaf = c.leaf->prev; leaf; leaf = leaf->prev) {
        if (leaf->count)
            return Cursor{leaf, leaf->count - 1};
    }
    return Cursor{};
}

int RunTree::totalWidth(const TreeNode *node)
{
    if (node->isLeaf)
        return static_cast<const Leaf *>(node)->width;
    const Node *inner = static_cast<const Node *>(node);
    int sum = 0;
    for (int i = 0; i < inner->count; ++i)
        sum += inner->widths[i];
    return sum;
}

void RunTree::addWidth(Leaf *leaf, int index, int delta)
{
    if (leaf != m_cacheLeaf)
        m_cacheLeaf = nullptr; // the start of the cached leaf may have moved
    else if (index < m_cacheRun)
        m_cacheRun = -1; // so may the start of the cached run
    leaf->width += delta;
    m_length += delta;
    const TreeNode *child = leaf;
    for (Node *node = leaf->parent; node; child = node, node = node->parent)
        node->widths[child->slot] += delta;
}

void RunTree::structureChanged(Leaf *leaf, int index)
{
    if (leaf == m_cacheLeaf && index <= m_cacheRun)
        m_cacheRun = -1;
}

Cursor RunTree::findVisible(int pos, int *offset)
{
    Leaf *leaf = m_cacheLeaf;
    int start = m_cacheStart;
    if (!leaf || pos < start || pos >= start + leaf->width) {
        const TreeNode *node = m_root;
        start = 0;
        while (!node->isLeaf) {
            const Node *inner = static_cast<const Node *>(node);
            int i = 0;
            while (i + 1 < inner->count && pos - start >= inner->widths[i])
                start += inner->widths[i++];
            node = inner->children[i];
        }
        leaf = const_cast<Leaf *>(static_cast<const Leaf *>(node));
        m_cacheLeaf = leaf;
        m_cacheStart = start;
        m_cacheRun = -1;
    }
    // Start at the run found last if the position is not before it: typing stays in one run.
    int first = 0;
    int rest = pos - start;
    if (m_cacheRun >= 0 && pos >= m_cacheRunStart) {
        first = m_cacheRun;
        rest = pos - m_cacheRunStart;
    }
    for (int i = first; i < leaf->count; ++i) {
        const int visible = leaf->runs[i].visible();
        if (rest < visible) {
            *offset = rest;
            m_cacheRun = i;
            m_cacheRunStart = pos - rest;
            return Cursor{leaf, i};
        }
        rest -= visible;
    }
    Q_UNREACHABLE();
    return Cursor{};
}

int RunTree::positionOf(Cursor c)
{
    if (c.leaf == m_cacheLeaf && m_cacheRun >= 0 && c.index >= m_cacheRun) {
        int pos = m_cacheRunStart;
        for (int i = m_cacheRun; i < c.index; ++i)
            pos += c.leaf->runs[i].visible();
        return pos;
    }
    int pos = 0;
    for (int i = 0; i < c.index; ++i)
        pos += c.leaf->runs[i].visible();
    if (c.leaf != m_cacheLeaf) {
        int start = 0;
        const TreeNode *child = c.leaf;
        for (const Node *node = c.leaf->parent; node; child = node, node = node->parent) {
            for (int i = 0; i < child->slot; ++i)
                start += node->widths[i];
        }
        m_cacheLeaf = c.leaf;
        m_cacheStart = start;
    }
    m_cacheRun = c.index;
    m_cacheRunStart = m_cacheStart + pos;
    return m_cacheRunStart;
}

bool RunTree::isBefore(Cursor a, Cursor b) const
{
    if (a.leaf == b.leaf)
        return a.index < b.index;
    // Compare the slot paths from the root; all leaves are at the same depth.
    const TreeNode *x = a.leaf;
    const TreeNode *y = b.leaf;
    bool before = false;
    while (x != y) {
        before = x->slot < y->slot;
        x = x->parent;
        y = y->parent;
    }
    return before;
}

Node *RunTree::ensureParent(TreeNode *node)
{
    if (node->parent)
        return node->parent;
    Node *root = newNode();
    root->count = 1;
    root->children[0] = node;
    root->widths[0] = totalWidth(node);
    node->parent = root;
    node->slot = 0;
    m_root = root;
    return root;
}

void RunTree::splitNode(Node *node)
{
    ensureParent(node);
    Node *right = newNode();
    const int half = node->count / 2;
    right->count = node->count - half;
    int moved = 0;
    for (int i = 0; i < right->count; ++i) {
        right->children[i] = node->children[half + i];
        right->widths[i] = node->widths[half + i];
        right->children[i]->parent = right;
        right->children[i]->slot = i;
        moved += right->widths[i];
    }
    node->count = half;
    insertChild(node, right, moved);
}

// Puts `child` right after `after` under the same parent; `width` moves from after's entry.
void RunTree::insertChild(TreeNode *after, TreeNode *child, int width)
{
    Node *parent = ensureParent(after);
    if (parent->count == kNodeCapacity) {
        splitNode(parent);
        parent = after->parent;
    }
    const int i = after->slot;
    parent->widths[i] -= width;
    for (int j = parent->count; j > i + 1; --j) {
        parent->children[j] = parent->children[j - 1];
        parent->widths[j] = parent->widths[j - 1];
        parent->children[j]->slot = j;
    }
    parent->children[i + 1] = child;
    parent->widths[i + 1] = width;
    parent->count++;
    child->parent = parent;
    child->slot = i + 1;
}

Leaf *RunTree::splitLeaf(Leaf *leaf)
{
    m_cacheLeaf = nullptr;
    ensureParent(leaf); // records the leaf's full width before half of it moves
    Leaf *right = newLeaf();
    const int half = leaf->count / 2;
    right->count = leaf->count - half;
    std::memcpy(static_cast<void *>(right->runs), leaf->runs + half,
                sizeof(Run) * size_t(right->count));
    leaf->count = half;
    for (int i = 0; i < right->count; ++i) {
        right->width += right->runs[i].visible();
        m_index->setLeaf(right->runs[i].replica, right->runs[i].counter, right);
    }
    leaf->width -= right->width;
    right->next = leaf->next;
    if (right->next)
        right->next->prev = right;
    right->prev = leaf;
    leaf->next = right;
    insertChild(leaf, right, right->width);
    return right;
}

Cursor RunTree::insert(Cursor at, const Run &run)
{
    Leaf *leaf = at.leaf;
    int index = at.index;
    if (leaf->count == kLeafCapacity) {
        Leaf *right = splitLeaf(leaf);
        if (index > leaf->count) {
            index -= leaf->count;
            leaf = right;
        }
    }
    std::memmove(static_cast<void *>(leaf->runs + index + 1), leaf->runs + index,
                 sizeof(Run) * size_t(leaf->count - index));
    leaf->runs[index] = run;
    leaf->count++;
    structureChanged(leaf, index);
    m_index->insert(run.replica, run.counter, leaf);
    if (run.visible())
        addWidth(leaf, index, run.visible());
    return Cursor{leaf, index};
}

Cursor RunTree::split(Cursor c, int offset)
{
    Run &head = run(c);
    Run tail = head;
    tail.counter += quint32(offset);
    tail.length -= offset;
    if (tail.contentPos != kNoContent)
        tail.contentPos += quint32(offset);
    tail.originLeft = head.idAt(offset - 1);
    head.length = offset;
    // The tail's units move out of the head's count; insert() counts them where they land,
    // which is another leaf if the insert splits this one.
    if (!tail.deleted)
        addWidth(c.leaf, c.index, -tail.length);
    return insert(Cursor{c.leaf, c.index + 1}, tail);
}

void RunTree::extend(Cursor c, int units)
{
    Run &r = run(c);
    r.length += units;
    if (!r.deleted)
        addWidth(c.leaf, c.index, units);
}

void RunTree::markDeleted(Cursor c)
{
    Run &r = run(c);
    if (r.deleted)
        return;
    r.deleted = true;
    addWidth(c.leaf, c.index, -r.length);
}

void RunTree::removeRun(Leaf *leaf, int index)
{
    m_index->remove(leaf->runs[index].replica, leaf->runs[index].counter);
    structureChanged(leaf, index);
    std::memmove(static_cast<void *>(leaf->runs + index), leaf->runs + index + 1,
                 sizeof(Run) * size_t(leaf->count - index - 1));
    leaf->count--;
}

Cursor RunTree::mergeNeighbours(Cursor c)
{
    Leaf *leaf = c.leaf;
    if (c.index + 1 < leaf->count && canAppend(leaf->runs[c.index], leaf->runs[c.index + 1])) {
        leaf->runs[c.index].length += leaf->runs[c.index + 1].length;
        leaf->runs[c.index].surrogates |= leaf->runs[c.index + 1].surrogates;
        removeRun(leaf, c.index + 1);
    }
    if (c.index > 0 && canAppend(leaf->runs[c.index - 1], leaf->runs[c.index])) {
        leaf->runs[c.index - 1].length += leaf->runs[c.index].length;
        leaf->runs[c.index - 1].surrogates |= leaf->runs[c.index].surrogates;
        removeRun(leaf, c.index);
        --c.index;
    }
    return c;
}

// Backspacing and forward-deleting hit the edge of a run next to the tombstone made by the
// previous keystroke: moving the boundary between the two runs avoids a split and a merge.
bool RunTree::moveTailToNext(Cursor c, int count)
{
    Leaf *leaf = c.leaf;
    if (c.index + 1 >= leaf->count)
        return false;
    Run &run = leaf->runs[c.index];
    Run &next = leaf->runs[c.index + 1];
    Run piece = run;
    piece.counter = run.end() - quint32(count);
    piece.length = count;
    piece.contentPos = run.contentPos + quint32(run.length - count);
    piece.originLeft = run.idAt(run.length - count - 1);
    piece.deleted = true;
    if (!canAppend(piece, next))
        return false;
    run.length -= count;
    next.surrogates |= run.surrogates;
    m_index->rekey(next.replica, next.counter, piece.counter);
    next.counter = piece.counter;
    next.length += count;
    next.contentPos = piece.contentPos;
    next.originLeft = piece.originLeft;
    addWidth(leaf, c.index, -count);
    return true;
}

bool RunTree::moveHeadToPrev(Cursor c, int count)
{
    Leaf *leaf = c.leaf;
    if (c.index == 0)
        return false;
    Run &run = leaf->runs[c.index];
    Run &prev = leaf->runs[c.index - 1];
    Run piece = run;
    piece.length = count;
    piece.deleted = true;
    if (!canAppend(prev, piece))
        return false;
    prev.length += count;
    prev.surrogates |= run.surrogates;
    const quint32 counter = run.counter + quint32(count);
    m_index->rekey(run.replica, run.counter, counter);
    run.originLeft = run.idAt(count - 1);
    run.counter = counter;
    run.length -= count;
    run.contentPos += quint32(count);
    addWidth(leaf, c.index, -count);
    return true;
}

Cursor RunTree::deleteUnits(Cursor c, int offset, int count)
{
    const int length = run(c).length;
    if (offset > 0 && offset + count == length && moveTailToNext(c, count))
        return Cursor{c.leaf, c.index + 1};
    if (offset == 0 && count < length && moveHeadToPrev(c, count))
        return Cursor{c.leaf, c.index - 1};
    if (offset > 0)
        c = split(c, offset);
    if (count < run(c).length)
        c = prev(split(c, count));
    markDeleted(c);
    return mergeNeighbours(c);
}

void RunTree::load(const std::vector<Run> &runs, const std::vector<quint32> &byId)
{
    reset();
    constexpr int kFill = kLeafCapacity * 3 / 4; // room for later inserts without splitting
    std::vector<TreeNode *> level;
    level.reserve(runs.size() / kFill + 1);
    Leaf *leaf = m_first;
    for (const Run &run : runs) {
        if (leaf->count == kFill) {
            Leaf *next = newLeaf();
            leaf->next = next;
            next->prev = leaf;
            level.push_back(leaf);
            leaf = next;
        }
        leaf->runs[leaf->count++] = run;
        leaf->width += run.visible();
    }
    level.push_back(leaf);
    // Run i is in leaf i / kFill: the index is built in one pass over the sorted starts.
    std::vector<IdIndex::Start> starts;
    starts.reserve(byId.size());
    for (quint32 i : byId)
        starts.push_back(IdIndex::Start{runs[i].replica, runs[i].counter, static_cast<Leaf *>(level[i / kFill])});
    m_index->build(starts);
    while (level.size() > 1) {
        constexpr int kNodeFill = kNodeCapacity * 3 / 4;
        std::vector<TreeNode *> upper;
        for (size_t i = 0; i < level.size(); i += kNodeFill) {
            Node *node = newNode();
            for (size_t j = i; j < level.size() && j < i + kNodeFill; ++j) {
                node->children[node->count] = level[j];
                node->widths[node->count] = totalWidth(level[j]);
                level[j]->parent = node;
                level[j]->slot = node->count++;
            }
            upper.push_back(node);
        }
        level.swap(upper);
    }
    m_root = level.front();
    m_length = totalWidth(m_root);
}

} // namespace collab::crdt::detail
