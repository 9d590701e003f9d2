#include "renderlimits.h"

#include <QCoreApplication>

namespace collab::richtext {

namespace {
bool isListMarkerAt(const QString &s, int i, int end)
{
    if (i >= end)
        return false;
    const QChar c = s.at(i);
    if (c == u'-' || c == u'*' || c == u'+')
        return i + 1 >= end || s.at(i + 1) == u' ' || s.at(i + 1) == u'\t';
    int j = i;
    while (j < end && j - i < 9 && s.at(j).isDigit())
        ++j;
    return j > i && j < end && (s.at(j) == u'.' || s.at(j) == u')')
           && (j + 1 >= end || s.at(j + 1) == u' ');
}

// The nesting depth a line opens: block quote markers and list markers at its start, and its
// indentation in steps of four spaces (a nested list item).
int lineNesting(const QString &s, int begin, int end)
{
    int depth = 0;
    int indent = 0;
    int i = begin;
    while (i < end) {
        const QChar c = s.at(i);
        if (c == u' ') {
            ++indent;
            ++i;
        } else if (c == u'\t') {
            indent += 4;
            ++i;
        } else if (c == u'>') {
            ++depth;
            ++i;
        } else if (isListMarkerAt(s, i, end)) {
            ++depth;
            while (i < end && s.at(i) != u' ')
                ++i;
        } else {
            break;
        }
    }
    return depth + indent / 4;
}
} // namespace

namespace {
// A fence line (``` or ~~~ after at most three spaces): its character and length, or 0.
int fenceAt(const QString &s, int begin, int end, QChar *fenceChar)
{
    int i = begin;
    while (i < end && i - begin < 3 && s.at(i) == u' ')
        ++i;
    if (i >= end || (s.at(i) != u'`' && s.at(i) != u'~'))
        return 0;
    const QChar c = s.at(i);
    int j = i;
    while (j < end && s.at(j) == c)
        ++j;
    if (j - i < 3)
        return 0;
    *fenceChar = c;
    return j - i;
}
} // namespace

QString exceedsLimits(const QString &markdown, const RenderLimits &limits)
{
    if (markdown.size() > limits.maxChars)
        return QCoreApplication::translate("collab::richtext::RenderLimits", "longer than %1 characters").arg(limits.maxChars);
    int lines = 0;
    int delimiters = 0;
    QChar openFence;
    int openFenceLength = 0;
    const int n = int(markdown.size());
    int lineBegin = 0;
    while (lineBegin <= n) {
        int lineEnd = int(markdown.indexOf(u'\n', lineBegin));
        if (lineEnd < 0)
            lineEnd = n;
        if (++lines > limits.maxLines)
            return QCoreApplication::translate("collab::richtext::RenderLimits", "more than %1 lines").arg(limits.maxLines);
        QChar fenceChar;
        const int fence = fenceAt(markdown, lineBegin, lineEnd, &fenceChar);
        if (openFenceLength > 0) {
            // Inside a code block nothing is parsed: only its closing fence matters.
            if (fence >= openFenceLength && fenceChar == openFence)
                openFenceLength = 0;
        } else if (fence > 0) {
            openFence = fenceChar;
            openFenceLength = fence;
        } else {
            int run = 0;
            QChar runChar;
            int pipes = 0;
            for (int i = lineBegin; i < lineEnd; ++i) {
                const QChar c = markdown.at(i);
                if (c == u'*' || c == u'_' || c == u'~') {
                    ++delimiters;
                    run = (c == runChar) ? run + 1 : 1;
                    runChar = c;
                    if (run > limits.maxDelimiterRun)
                        return QCoreApplication::translate("collab::richtext::RenderLimits", "a run of more than %1 emphasis markers").arg(limits.maxDelimiterRun);
                } else {
                    run = 0;
                    runChar = QChar();
                    if (c == u'|')
                        ++pipes;
                }
            }
            if (pipes > limits.maxTableColumns)
                return QCoreApplication::translate("collab::richtext::RenderLimits", "a table row of more than %1 columns").arg(limits.maxTableColumns);
            if (lineNesting(markdown, lineBegin, lineEnd) > limits.maxNesting)
                return QCoreApplication::translate("collab::richtext::RenderLimits", "lists or quotes nested more than %1 levels").arg(limits.maxNesting);
        }
        lineBegin = lineEnd + 1;
    }
    if (delimiters > limits.maxDelimiters)
        return QCoreApplication::translate("collab::richtext::RenderLimits", "more than %1 emphasis markers").arg(limits.maxDelimiters);
    return {};
}

} // namespace collab::richtext
