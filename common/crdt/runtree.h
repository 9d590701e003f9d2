#pragma once

#include "crdt/run.h"

#include <memory>
#include <vector>

namespace collab::crdt::detail {

class IdIndex;
struct Node;

#ifdef COLLAB_FUZZ_SMALL_NODES
// The fuzzing build (COLLAB_FUZZ): a document of a dozen operations already splits leaves and
// inner nodes over several levels, which fuzz_crdt's small scripts would never reach with 32.
inline constexpr int kLeafCapacity = 4;
inline constexpr int kNodeCapacity = 4;
#else
inline constexpr int kLeafCapacity = 32;
inline constexpr int kNodeCapacity = 32;
#endif

struct TreeNode
{
    explicit TreeNode(bool leaf) : isLeaf(leaf) {}
    Node *parent = nullptr;
    int slot = 0; // index in parent->children: updating counts up the tree needs no search
    bool isLeaf;
};

// Runs in document order; leaves are chained so a scan can walk across them.
struct Leaf : TreeNode
{
    Leaf() : TreeNode(true) {}
    Leaf *prev = nullptr;
    Leaf *next = nullptr;
    int count = 0;
    int width = 0; // visible units in this leaf
    Run runs[kLeafCapacity];
};

struct Node : TreeNode
{
    Node() : TreeNode(false) {}
    int count = 0;
    TreeNode *children[kNodeCapacity];
    int widths[kNodeCapacity]; // visible units under each child
};

// A run's place in the tree. Valid until the next structural change (insert, split, merge).
struct Cursor
{
    Leaf *leaf = nullptr;
    int index = 0;

    bool isEnd() const { return leaf == nullptr; }
    friend bool operator==(Cursor a, Cursor b) { return a.leaf == b.leaf && a.index == b.index; }
    friend bool operator!=(Cursor a, Cursor b) { return !(a == b); }
};

// A B+ tree of runs ordered as in the document, counting visible UTF-16 units per subtree, so a
// position is found in O(log n) and an edit updates O(log n) counts. Nodes are never freed
// (tombstones keep runs alive), which keeps raw leaf pointers in the IdIndex stable.
// The tree keeps the IdIndex informed of every run start it creates, moves or merges away.
class RunTree
{
public:
    explicit RunTree(IdIndex *index);
    ~RunTree();
    RunTree(const RunTree &) = delete;
    RunTree &operator=(const RunTree &) = delete;

    int length() const { return m_length; }
    bool isEmpty() const { return m_first->count == 0; }
    Cursor begin() const { return m_first->count ? Cursor{m_first, 0} : Cursor{}; }
    // Where to insert so the new run becomes the first of the document.
    Cursor front() const { return Cursor{m_first, 0}; }
    Cursor next(Cursor c) const;
    Cursor prev(Cursor c) const;
    Run &run(Cursor c) { return c.leaf->runs[c.index]; }
    const Run &run(Cursor c) const { return c.leaf->runs[c.index]; }
    const Leaf *firstLeaf() const { return m_first; }

    // The run holding visible unit `pos` (0 <= pos < length()) and the unit's offset in it.
    Cursor findVisible(int pos, int *offset);
    // Visible units before the run.
    int positionOf(Cursor c);
    // True if run a comes before run b in the document. O(height).
    bool isBefore(Cursor a, Cursor b) const;

    // Inserts `run` so it ends up at `at` (at.index may be at.leaf->count). Returns its cursor.
    Cursor insert(Cursor at, const Run &run);
    // Splits the run so its first `offset` units stay; returns the tail (the head is prev()).
    Cursor split(Cursor c, int offset);
    // Grows a run by `units` counters (content already in the arena).
    void extend(Cursor c, int units);
    // Turns `count` units of the run from `offset` on into a tombstone, splitting the run as
    // needed and merging the tombstone with its neighbours; returns the tombstone's run.
    Cursor deleteUnits(Cursor c, int offset, int count);

    // Replaces the content by `runs` (document order), packing leaves densely, and the index by
    // their starts; `byId` lists the runs' indexes in (replica, counter) order: snapshot loading.
    void load(const std::vector<Run> &runs, const std::vector<quint32> &byId);
    int runCount() const;

private:
    Leaf *newLeaf();
    Node *newNode();
    void reset();
    // Width change of run `index` of the leaf (keeps the caches right).
    void addWidth(Leaf *leaf, int index, int delta);
    // A run was inserted at or removed from `index` of the leaf.
    void structureChanged(Leaf *leaf, int index);
    Leaf *splitLeaf(Leaf *leaf);
    void insertChild(TreeNode *after, TreeNode *child, int width);
    Node *ensureParent(TreeNode *node);
    void splitNode(Node *node);
    static int totalWidth(const TreeNode *node);
    void removeRun(Leaf *leaf, int index);
    void markDeleted(Cursor c);
    Cursor mergeNeighbours(Cursor c);
    bool moveTailToNext(Cursor c, int count);
    bool moveHeadToPrev(Cursor c, int count);

    IdIndex *m_index;
    std::vector<std::unique_ptr<Leaf>> m_leaves;
    std::vector<std::unique_ptr<Node>> m_nodes;
    TreeNode *m_root = nullptr;
    Leaf *m_first = nullptr;
    int m_length = 0;
    // Last leaf found by position and its first visible position: local typing stays in one leaf.
    Leaf *m_cacheLeaf = nullptr;
    int m_cacheStart = 0;
    // And the run found last in it with its position (-1: none), valid while nothing before
    // it in the leaf changes.
    int m_cacheRun = -1;
    int m_cacheRunStart = 0;
};

} // namespace collab::crdt::detail
