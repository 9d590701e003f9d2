#include "notes/textdiff.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace collab::server {

namespace {

enum class Step : char { Equal, Delete, Insert };

// Myers' shortest edit script between a and b (line ids); false if it needs more than `maxD`
// insertions and deletions. Keeps, per step d, the furthest reaching x of diagonals -d-1..d+1:
// O(maxD^2) memory at most.
bool shortestEditScript(const std::vector<int> &a, const std::vector<int> &b, int maxD, std::vector<Step> *script)
{
    const int n = int(a.size());
    const int m = int(b.size());
    const int max = std::min(n + m, maxD);
    const int off = max + 1;
    std::vector<int> v(size_t(2 * max + 3), 0);
    std::vector<std::vector<int>> trace;
    for (int d = 0; d <= max; ++d) {
        trace.emplace_back(v.begin() + (off - d - 1), v.begin() + (off + d + 2));
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && a[size_t(x)] == b[size_t(y)]) {
                ++x;
                ++y;
            }
            v[off + k] = x;
            if (x < n || y < m)
                continue;
            // Found at step d: walk back through the kept steps.
            std::vector<Step> reversed;
            int bx = n;
            int by = m;
            for (int e = d; e >= 0; --e) {
                const std::vector<int> &t = trace[size_t(e)];
                const auto at = [&](int kk) { return t[size_t(kk + e + 1)]; };
                const int bk = bx - by;
                if (e == 0) {
                    for (; bx > 0 && by > 0; --bx, --by)
                        reversed.push_back(Step::Equal);
                    break;
                }
                const int prevK = (bk == -e || (bk != e && at(bk - 1) < at(bk + 1))) ? bk + 1 : bk - 1;
                const int prevX = at(prevK);
                const int prevY = prevX - prevK;
                for (; bx > prevX && by > prevY; --bx, --by)
                    reversed.push_back(Step::Equal);
                reversed.push_back(bx == prevX ? Step::Insert : Step::Delete);
                bx = prevX;
                by = prevY;
            }
            script->assign(reversed.rbegin(), reversed.rend());
            return true;
        }
    }
    return false;
}

} // namespace

QStringList TextDiff::splitLines(const QString &text)
{
    QStringList out;
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype nl = text.indexOf(QLatin1Char('\n'), start);
        const qsizetype end = nl < 0 ? text.size() : nl + 1;
        out << text.mid(start, end - start);
        start = end;
    }
    return out;
}

QVector<DiffHunk> TextDiff::lines(const QString &from, const QString &to)
{
    const QStringList a = splitLines(from);
    const QStringList b = splitLines(to);
    const int n = int(a.size());
    const int m = int(b.size());
    int prefix = 0;
    while (prefix < n && prefix < m && a[prefix] == b[prefix])
        ++prefix;
    int suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && a[n - 1 - suffix] == b[m - 1 - suffix])
        ++suffix;

    // The middle as line ids (equal lines, equal ids).
    QHash<QString, int> ids;
    std::vector<int> ma;
    std::vector<int> mb;
    for (int i = prefix; i < n - suffix; ++i) {
        auto it = ids.constFind(a[i]);
        ma.push_back(it != ids.constEnd() ? it.value() : int(ids.insert(a[i], int(ids.size())).value()));
    }
    for (int j = prefix; j < m - suffix; ++j) {
        auto it = ids.constFind(b[j]);
        mb.push_back(it != ids.constEnd() ? it.value() : int(ids.insert(b[j], int(ids.size())).value()));
    }

    std::vector<Step> script;
    if (!shortestEditScript(ma, mb, MaxEditDistance, &script)) {
        script.assign(ma.size(), Step::Delete);
        script.insert(script.end(), mb.size(), Step::Insert);
    }

    QVector<DiffHunk> hunks;
    int i = prefix; // line index in a
    int j = prefix; // line index in b
    int position = 0;
    for (int l = 0; l < prefix; ++l)
        position += int(a[l].size());
    DiffHunk *open = nullptr;
    for (Step step : script) {
        if (step == Step::Equal) {
            open = nullptr;
            position += int(a[i].size());
            ++i;
            ++j;
            continue;
        }
        if (!open) {
            hunks.append(DiffHunk{i + 1, j + 1, {}, {}, position, 0});
            open = &hunks.last();
        }
        if (step == Step::Delete) {
            open->removed << a[i];
            open->fromLength += int(a[i].size());
            position += int(a[i].size());
            ++i;
        } else {
            open->added << b[j];
            ++j;
        }
    }
    return hunks;
}

QVector<TextEdit> TextDiff::edits(const QString &from, const QString &to)
{
    QVector<TextEdit> out;
    const QVector<DiffHunk> hunks = lines(from, to);
    for (auto it = hunks.crbegin(); it != hunks.crend(); ++it) {
        // Within a hunk, what the old and new lines share at both ends stays too ("a line" →
        // "a line\n" inserts only the line break).
        const QString removed = from.mid(it->fromPosition, it->fromLength);
        QString added = it->added.join(QString());
        qsizetype head = 0;
        while (head < removed.size() && head < added.size() && removed[head] == added[head])
            ++head;
        qsizetype tail = 0;
        while (tail < removed.size() - head && tail < added.size() - head
               && removed[removed.size() - 1 - tail] == added[added.size() - 1 - tail])
            ++tail;
        // Never cut a surrogate pair: the CRDT refuses positions inside one.
        if (head > 0 && removed[head - 1].isHighSurrogate())
            --head;
        if (tail > 0 && removed[removed.size() - tail].isLowSurrogate())
            --tail;
        out.append(TextEdit{it->fromPosition + int(head), int(removed.size() - head - tail), added.mid(head, added.size() - head - tail)});
    }
    return out;
}

} // namespace collab::server
