#include "notes/textedits.h"

#include <QList>
#include <utility>

namespace collab::server {

TextEdit insertLineEdit(const QString &current, const QString &line, qint64 lineNumber)
{
    if (lineNumber >= 0) {
        int start = 0;
        for (qint64 n = 0; n < lineNumber; ++n) {
            const int newline = int(current.indexOf(QLatin1Char('\n'), start));
            if (newline < 0) {
                start = -1;
                break;
            }
            start = newline + 1;
        }
        if (start >= 0 && start < current.size())
            return TextEdit{start, 0, line + QLatin1Char('\n')};
    }
    const bool needsBreak = !current.isEmpty() && !current.endsWith(QLatin1Char('\n'));
    return TextEdit{int(current.size()), 0, needsBreak ? QLatin1Char('\n') + line : line};
}

std::optional<TextEdit> deleteWordEdit(const QString &current, qint64 word)
{
    QList<std::pair<int, int>> words; // [start, end)
    int i = 0;
    const int n = int(current.size());
    while (i < n) {
        while (i < n && current.at(i).isSpace())
            ++i;
        const int start = i;
        while (i < n && !current.at(i).isSpace())
            ++i;
        if (i > start)
            words.append({start, i});
    }
    if (words.isEmpty() || word >= words.size())
        return std::nullopt;
    const auto [start, end] = words.at(word < 0 ? words.size() - 1 : int(word));
    if (start > 0 && current.at(start - 1) == QLatin1Char(' '))
        return TextEdit{start - 1, end - start + 1, {}};
    if (end < n && current.at(end) == QLatin1Char(' '))
        return TextEdit{start, end - start + 1, {}};
    return TextEdit{start, end - start, {}};
}

} // namespace collab::server
