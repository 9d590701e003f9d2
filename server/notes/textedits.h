#pragma once

#include <QString>

#include <optional>

namespace collab::server {

// A plain-text edit in UTF-16 units: remove `length` at `position`, then insert `text` there.
struct TextEdit
{
    int position = 0;
    int length = 0;
    QString text;
};

// The prototype's --edit actions as edits of a note's current text.
// insert_line: `line` is 0-based; -1 (or past the end) appends a new last line.
TextEdit insertLineEdit(const QString &current, const QString &line, qint64 lineNumber);
// delete_word: words are runs of non-space; `word` is 0-based, -1 the last one. The space before
// the word goes with it (or the one after, for the first word). nullopt: no such word.
std::optional<TextEdit> deleteWordEdit(const QString &current, qint64 word);

} // namespace collab::server
