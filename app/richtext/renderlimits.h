#pragma once

#include <QString>

namespace collab::richtext {

// How much Markdown one render may take on. md4c itself is linear, but Qt's importer and layout
// are not: 10,000 nested list levels make a QTextList per level, 5,000 table columns a QTextTable
// that lays out in quadratic time. Input past these caps is shown as plain text with a note
// instead (the source stays as it was; nothing is lost).
struct RenderLimits
{
    int maxChars = 16 * 1024;      // a chat message (the server's limit too); a note raises it
    int maxPlainChars = 16 * 1024; // shown of a text that is rendered plain
    int maxNesting = 16;           // list / block quote levels
    int maxTableColumns = 64;
    int maxDelimiterRun = 200;     // consecutive *, _, ~ (emphasis the parser must pair)
    int maxDelimiters = 4000;      // all emphasis delimiters of the message
    int maxMathSpans = 200;        // formulas typeset per message; the rest stays TeX source
    int maxLines = 4000;

    static RenderLimits forChat() { return {}; }
    static RenderLimits forNote()
    {
        RenderLimits l;
        l.maxChars = 4 * 1024 * 1024;
        l.maxPlainChars = 64 * 1024;
        l.maxDelimiters = 400000;
        l.maxMathSpans = 5000;
        l.maxLines = 200000;
        return l;
    }
};

// Why `markdown` is not rendered rich, or an empty string when it can be. Linear in the input.
QString exceedsLimits(const QString &markdown, const RenderLimits &limits);

} // namespace collab::richtext
