#include "search/searchquery.h"

#include "protocol/ids.h"

#include <QDate>

namespace collab::server {

namespace {

ProtocolError invalid(const QString &message) { return ProtocolError::make(ErrorCode::InvalidValue, message); }

// A word the tokenizer keeps something of: at least one letter or digit. "*", "(" or "--" alone
// would be an FTS5 string with no token, which matches nothing and only confuses.
bool hasSearchableCharacter(const QString &word)
{
    for (const QChar c : word)
        if (c.isLetterOrNumber())
            return true;
    return false;
}

// An FTS5 string: the text in double quotes, a quote inside doubled. Inside a string FTS5 sees no
// operator, no column filter and no syntax, only text for its tokenizer.
QString quoted(const QString &text) { return QLatin1Char('"') + QString(text).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"'); }

std::optional<qint64> dayStartMs(const QString &value, int plusDays)
{
    const QDate date = QDate::fromString(value, Qt::ISODate);
    if (!date.isValid() || value.size() != 10)
        return std::nullopt;
    return date.addDays(plusDays).startOfDay(Qt::UTC).toMSecsSinceEpoch();
}

// The query split into pieces: words, "quoted phrases" (a quote left open runs to the end).
struct Piece
{
    QString text;
    bool phrase = false;
    bool excluded = false; // -word, -"a phrase"
};

QList<Piece> split(const QString &text)
{
    QList<Piece> pieces;
    qsizetype i = 0;
    while (i < text.size()) {
        if (text.at(i).isSpace()) {
            ++i;
            continue;
        }
        Piece piece;
        // A phrase: "...", or -"..." to exclude it, or a filter whose value is quoted is not a
        // thing here (names and channels have no spaces).
        const bool negated = text.at(i) == QLatin1Char('-') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"');
        if (text.at(i) == QLatin1Char('"') || negated) {
            const qsizetype open = negated ? i + 1 : i;
            qsizetype close = text.indexOf(QLatin1Char('"'), open + 1);
            if (close < 0)
                close = text.size();
            piece.text = text.mid(open + 1, close - open - 1);
            piece.phrase = true;
            piece.excluded = negated;
            i = close + 1;
        } else {
            qsizetype end = i;
            while (end < text.size() && !text.at(end).isSpace() && text.at(end) != QLatin1Char('"'))
                ++end;
            piece.text = text.mid(i, end - i);
            piece.excluded = piece.text.size() > 1 && piece.text.startsWith(QLatin1Char('-'));
            if (piece.excluded)
                piece.text.remove(0, 1);
            i = end;
        }
        pieces << piece;
    }
    return pieces;
}

} // namespace

QString SearchQuery::textExpression() const
{
    if (words.isEmpty())
        return {};
    QString expression = words.join(QLatin1String(" AND "));
    if (words.size() > 1)
        expression = QLatin1Char('(') + expression + QLatin1Char(')');
    for (const QString &excluded : excludedWords)
        expression += QLatin1String(" NOT ") + excluded;
    return expression;
}

Result<SearchQuery> SearchQuery::parse(const QString &text)
{
    if (text.toUtf8().size() > MaxBytes)
        return ProtocolError::make(ErrorCode::TooLarge,
                                   QStringLiteral("the search query is over %1 bytes: search for a few words").arg(MaxBytes));
    SearchQuery q;
    int wordCount = 0;
    for (const Piece &piece : split(text)) {
        QString word = piece.text;
        if (!piece.phrase && !piece.excluded) {
            const qsizetype colon = word.indexOf(QLatin1Char(':'));
            const QString key = colon > 0 ? word.left(colon).toLower() : QString();
            const QString value = colon > 0 ? word.mid(colon + 1) : QString();
            if (key == QLatin1String("from")) {
                const QString user = value.startsWith(QLatin1Char('@')) ? value.mid(1) : value;
                if (!isValidUserName(user))
                    return invalid(QStringLiteral("from: takes a user name (from:angie.nguyen), not '%1'").arg(value.left(64)));
                q.from = user;
                continue;
            }
            if (key == QLatin1String("in")) {
                const QString channel = value.startsWith(QLatin1Char('#')) ? value.mid(1) : value;
                if (!isValidId(channel))
                    return invalid(QStringLiteral("in: takes a channel (in:#general), not '%1'").arg(value.left(64)));
                q.channel = channel;
                continue;
            }
            if (key == QLatin1String("before") || key == QLatin1String("after")) {
                const bool before = key == QLatin1String("before");
                const std::optional<qint64> ms = dayStartMs(value, before ? 0 : 1);
                if (!ms)
                    return invalid(QStringLiteral("%1: takes a date as YYYY-MM-DD (%1:2026-03-01), not '%2'").arg(key, value.left(64)));
                (before ? q.beforeMs : q.afterMs) = ms;
                continue;
            }
            if (key == QLatin1String("is")) {
                if (value.toLower() != QLatin1String("question"))
                    return invalid(QStringLiteral("is: takes question (is:question), not '%1'").arg(value.left(64)));
                q.isQuestion = true;
                continue;
            }
            if (key == QLatin1String("has")) {
                const QString what = value.toLower();
                if (what == QLatin1String("code"))
                    q.hasCode = true;
                else if (what == QLatin1String("file"))
                    q.hasFile = true;
                else
                    return invalid(QStringLiteral("has: takes code or file (has:code), not '%1'").arg(value.left(64)));
                continue;
            }
            // Any other "x:y" (a URL, "C++:", "note:") is text.
        }
        const bool excluded = piece.excluded;
        const bool prefix = !piece.phrase && word.endsWith(QLatin1Char('*'));
        while (!piece.phrase && word.endsWith(QLatin1Char('*')))
            word.chop(1);
        if (!hasSearchableCharacter(word))
            continue; // "*", "(", "--": nothing the index knows
        if (prefix) {
            int letters = 0;
            for (const QChar c : word)
                letters += c.isLetterOrNumber() ? 1 : 0;
            if (letters < MinPrefixLength)
                return invalid(QStringLiteral("'%1*': a prefix search needs at least %2 letters before the *")
                                   .arg(word.left(64))
                                   .arg(MinPrefixLength));
        }
        if (++wordCount > MaxWords)
            return invalid(QStringLiteral("the search query has more than %1 words").arg(MaxWords));
        const QString term = quoted(word) + (prefix ? QStringLiteral("*") : QString());
        (excluded ? q.excludedWords : q.words) << term;
    }
    if (q.words.isEmpty() && !q.excludedWords.isEmpty())
        return invalid(QStringLiteral("a search needs a word to find, not only words to leave out (-word)"));
    if (q.words.isEmpty() && !q.hasFilters())
        return invalid(QStringLiteral("the search query has no word to find (letters or digits) and no filter"));
    if (q.beforeMs && q.afterMs && *q.afterMs >= *q.beforeMs)
        return invalid(QStringLiteral("after: must be a day before before: (nothing is both)"));
    return q;
}

} // namespace collab::server
