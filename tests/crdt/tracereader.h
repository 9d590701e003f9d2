#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace collab::crdt::traces {

// One edit of a sequential editing trace, converted to UTF-16 units.
struct Patch
{
    int position = 0;
    int removed = 0;
    QString inserted;
};

struct Trace
{
    QString name;
    QString endContent;
    std::vector<Patch> patches;
};

// Reads a josephg/editing-traces sequential trace (.json.gz: {endContent, txns:[{patches}]})
// and converts its code point positions to UTF-16 positions. Returns nullopt and sets `error`
// if the file cannot be read or does not have that shape.
std::optional<Trace> loadTrace(const QString &path, QString *error);

// A trace in $COLLAB_TRACES_DIR (set by the test runner), else in the repository's tests/data/traces.
QString sharedTracePath(const QString &fileName);

} // namespace collab::crdt::traces
