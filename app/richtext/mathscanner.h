#pragma once

#include <QString>
#include <QVector>

namespace collab::richtext {

// One formula in Markdown source: `$…$` or `\(…\)` inline, `$$…$$` or `\[…\]` displayed.
struct MathSpan
{
    int start = 0;   // of the opening delimiter, in the source
    int length = 0;  // through the closing delimiter
    QString tex;     // between the delimiters
    bool display = false;
};

// Finds the formulas of a Markdown text, skipping code (fenced blocks and inline code spans) and
// escaped dollars (\$). A single `$` opens inline math only when followed by a non-space and
// closes only when preceded by a non-space and not followed by a digit (so "costs $5 or $10" stays
// text), within one paragraph. At most `maxSpans` are returned; the scan is linear in the input.
QVector<MathSpan> findMath(const QString &markdown, int maxSpans);

// `markdown` with each span replaced by what `replace` returns for it.
template<typename Replace>
QString replaceMath(const QString &markdown, const QVector<MathSpan> &spans, Replace replace)
{
    QString out;
    out.reserve(markdown.size() + spans.size() * 16);
    int at = 0;
    for (int i = 0; i < spans.size(); ++i) {
        const MathSpan &s = spans.at(i);
        out += QStringView(markdown).mid(at, s.start - at);
        out += replace(i, s);
        at = s.start + s.length;
    }
    out += QStringView(markdown).mid(at);
    return out;
}

} // namespace collab::richtext
