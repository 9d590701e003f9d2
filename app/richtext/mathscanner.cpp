#include "mathscanner.h"

namespace collab::richtext {

namespace {
constexpr int kMaxFormulaChars = 4000; // a longer "formula" is taken for stray delimiters

bool isBlankLineAt(const QString &s, int newline)
{
    // `newline` is a '\n'; the line after it is blank (only spaces) up to the next '\n' or end.
    for (int i = newline + 1; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == u'\n')
            return true;
        if (c != u' ' && c != u'\t' && c != u'\r')
            return false;
    }
    return true;
}

struct Scanner
{
    const QString &s;
    int n;
    QVector<MathSpan> spans;
    int maxSpans;

    // Position after a fenced code block starting at line `i` (after its indentation), or -1.
    int skipFence(int i) const
    {
        const QChar c = s.at(i);
        int j = i;
        while (j < n && s.at(j) == c)
            ++j;
        const int len = j - i;
        if (len < 3)
            return -1;
        if (c == u'`' && s.indexOf(u'`', j) >= 0 && s.indexOf(u'`', j) < (s.indexOf(u'\n', j) < 0 ? n : s.indexOf(u'\n', j)))
            return -1; // ``` with a backtick in the info string is not a fence
        // Find a closing fence line: same char, at least as long.
        int line = s.indexOf(u'\n', j);
        while (line >= 0) {
            int k = line + 1;
            int spaces = 0;
            while (k < n && s.at(k) == u' ' && spaces < 3) {
                ++k;
                ++spaces;
            }
            int m = k;
            while (m < n && s.at(m) == c)
                ++m;
            if (m - k >= len) {
                const int end = s.indexOf(u'\n', m);
                return end < 0 ? n : end;
            }
            line = s.indexOf(u'\n', line + 1);
        }
        return n; // unclosed: code to the end (as CommonMark says)
    }

    // Position after an inline code span starting with the backtick run at `i`, or after the run
    // itself when it has no closing run of the same length (then the backticks are literal).
    int skipCodeSpan(int i) const
    {
        int j = i;
        while (j < n && s.at(j) == u'`')
            ++j;
        const int len = j - i;
        int k = j;
        while (k < n) {
            k = s.indexOf(u'`', k);
            if (k < 0)
                break;
            int m = k;
            while (m < n && s.at(m) == u'`')
                ++m;
            if (m - k == len)
                return m;
            k = m;
        }
        return j;
    }

    bool add(int start, int end, int open, int close, bool display)
    {
        const QString tex = s.mid(start + open, end - start - open - close);
        if (tex.trimmed().isEmpty())
            return false;
        spans.push_back({start, end - start, tex, display});
        return true;
    }

    // `$$…$$`: the closing `$$` within kMaxFormulaChars.
    int displayDollars(int i)
    {
        const int limit = std::min(n, i + 2 + kMaxFormulaChars);
        int k = i + 2;
        while (k < limit) {
            k = s.indexOf(QStringLiteral("$$"), k);
            if (k < 0 || k + 2 > limit)
                return -1;
            if (s.at(k - 1) != u'\\' && add(i, k + 2, 2, 2, true))
                return k + 2;
            if (s.at(k - 1) != u'\\')
                return -1;
            k += 2;
        }
        return -1;
    }

    // `$…$`: opening followed by a non-space; closing preceded by a non-space, not followed by a
    // digit, no blank line between.
    int inlineDollar(int i)
    {
        if (i + 1 >= n || s.at(i + 1).isSpace())
            return -1;
        const int limit = std::min(n, i + 1 + kMaxFormulaChars);
        for (int k = i + 1; k < limit; ++k) {
            const QChar c = s.at(k);
            if (c == u'\\') {
                ++k; // \$ inside math is a literal dollar
                continue;
            }
            if (c == u'\n' && isBlankLineAt(s, k))
                return -1;
            if (c == u'$') {
                if (s.at(k - 1).isSpace() || (k + 1 < n && s.at(k + 1).isDigit()))
                    return -1;
                return add(i, k + 1, 1, 1, false) ? k + 1 : -1;
            }
        }
        return -1;
    }

    // `\(…\)` and `\[…\]`.
    int bracketed(int i, QChar close, bool display)
    {
        const QString closing = QStringLiteral("\\") + close;
        const int k = s.indexOf(closing, i + 2);
        if (k < 0 || k - i > kMaxFormulaChars)
            return -1;
        return add(i, k + 2, 2, 2, display) ? k + 2 : -1;
    }

    void run()
    {
        bool lineStart = true;
        int i = 0;
        while (i < n && spans.size() < maxSpans) {
            const QChar c = s.at(i);
            if (lineStart) {
                int k = i;
                while (k < n && k - i < 3 && s.at(k) == u' ')
                    ++k;
                if (k < n && (s.at(k) == u'`' || s.at(k) == u'~')) {
                    const int after = skipFence(k);
                    if (after >= 0) {
                        i = after;
                        continue;
                    }
                }
                lineStart = false;
            }
            if (c == u'\n') {
                lineStart = true;
                ++i;
            } else if (c == u'`') {
                i = skipCodeSpan(i);
            } else if (c == u'\\' && i + 1 < n) {
                const QChar next = s.at(i + 1);
                int after = -1;
                if (next == u'(')
                    after = bracketed(i, u')', false);
                else if (next == u'[')
                    after = bracketed(i, u']', true);
                i = after >= 0 ? after : i + 2; // any other escape: skip the escaped character
            } else if (c == u'$') {
                int after = (i + 1 < n && s.at(i + 1) == u'$') ? displayDollars(i) : inlineDollar(i);
                if (after < 0) {
                    // Not a formula: step over the whole run of dollars, so a line of 64 KiB of
                    // `$` costs one pass.
                    after = i + 1;
                    while (after < n && s.at(after) == u'$')
                        ++after;
                }
                i = after;
            } else {
                ++i;
            }
        }
    }
};
} // namespace

QVector<MathSpan> findMath(const QString &markdown, int maxSpans)
{
    Scanner scanner{markdown, int(markdown.size()), {}, maxSpans};
    scanner.run();
    return scanner.spans;
}

} // namespace collab::richtext
