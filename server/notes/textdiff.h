#pragma once

#include "notes/textedits.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace collab::server {

// One place where two texts differ, by lines: `removed` lines of the old text starting at line
// `fromLine` were replaced by `added` lines of the new one starting at `toLine` (1-based; a hunk
// that only adds has no removed lines, and then `fromLine` is the line it adds before). Lines keep
// their line break, so joining them gives the text back exactly.
struct DiffHunk
{
    int fromLine = 1;
    int toLine = 1;
    QStringList removed;
    QStringList added;
    // Where in the old text the removed lines are, and how long they are (UTF-16 units).
    int fromPosition = 0;
    int fromLength = 0;
};

// A line diff between two note texts (Myers' O(ND) algorithm on the lines that differ after the
// common prefix and suffix). It is bounded: past MaxEditDistance differing lines the middle is
// reported as one hunk (correct, just not minimal), so a request never costs more than
// O((N + M) * MaxEditDistance).
class TextDiff
{
public:
    static constexpr int MaxEditDistance = 1000;

    static QVector<DiffHunk> lines(const QString &from, const QString &to);
    // The edits that turn `from` into `to`, last first: applied in that order each position is
    // still where it was in `from`. Unchanged lines are not touched (their CRDT items, and who
    // wrote them, stay).
    static QVector<TextEdit> edits(const QString &from, const QString &to);
    // The text split after each line break (the last piece may have none).
    static QStringList splitLines(const QString &text);
};

} // namespace collab::server
