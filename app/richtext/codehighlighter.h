#pragma once

#include <QColor>
#include <QString>
#include <QVector>

#include <memory>

namespace collab::richtext {

// Syntax highlighting of code blocks with GNU source-highlight's library (its .lang grammars in
// /usr/share/source-highlight, maintained with the package): the languages students post in a
// systems course (C, C++, Java, Python, JavaScript, SQL, shell, JSON, and whatever else
// source-highlight knows by that name). Not thread-safe: one per thread (the GUI thread's through
// instance()).
class CodeHighlighter
{
public:
    struct Span
    {
        int start = 0;  // in the code
        int length = 0;
        QString element; // source-highlight's element: keyword, type, string, comment, number, ...
    };

    CodeHighlighter();
    ~CodeHighlighter();
    CodeHighlighter(const CodeHighlighter &) = delete;
    CodeHighlighter &operator=(const CodeHighlighter &) = delete;

    static CodeHighlighter &instance();

    // The grammar file for a fence's language name ("c++", "py", "bash", ...), or empty when
    // there is none (the block then stays plain monospace).
    static QString grammarFor(const QString &language);
    // The highlighted spans of `code` (lines split at '\n'); empty for an unknown language or
    // code over `maxChars` (highlighting is regex work: bounded like the rest of rendering).
    QVector<Span> highlight(const QString &code, const QString &language, int maxChars = 64 * 1024);
    // The colour and weight this app gives an element (a light theme like GitHub's).
    static QColor colorFor(const QString &element, bool dark = false);
    static bool boldFor(const QString &element);
    static bool italicFor(const QString &element);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace collab::richtext
