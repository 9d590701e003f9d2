#include "sections.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace collab::richtext {

namespace {
int atxLevel(QStringView line, QString *text)
{
    int i = 0;
    while (i < line.size() && i < 3 && line.at(i) == u' ')
        ++i;
    int level = 0;
    while (i < line.size() && line.at(i) == u'#' && level < 7) {
        ++i;
        ++level;
    }
    if (level == 0 || level > 6 || (i < line.size() && line.at(i) != u' ' && line.at(i) != u'\t'))
        return 0;
    QString t = line.mid(i).trimmed().toString();
    while (t.endsWith(QLatin1Char('#')))
        t.chop(1);
    *text = t.trimmed();
    return level;
}

bool isFence(QStringView line, QChar *c, int *len)
{
    int i = 0;
    while (i < line.size() && i < 3 && line.at(i) == u' ')
        ++i;
    if (i >= line.size() || (line.at(i) != u'`' && line.at(i) != u'~'))
        return false;
    const QChar ch = line.at(i);
    int j = i;
    while (j < line.size() && line.at(j) == ch)
        ++j;
    if (j - i < 3)
        return false;
    *c = ch;
    *len = j - i;
    return true;
}

// A line that may begin a new piece after a blank line: at the margin, and not a list item, a
// table row, a block quote, an indented continuation or a setext underline.
bool canStartPiece(QStringView line)
{
    if (line.isEmpty() || line.at(0).isSpace())
        return false;
    const QChar c = line.at(0);
    if (c == u'-' || c == u'*' || c == u'+' || c == u'|' || c == u'>' || c == u'=' || c == u'[')
        return false;
    int i = 0;
    while (i < line.size() && line.at(i).isDigit())
        ++i;
    if (i > 0 && i < line.size() && (line.at(i) == u'.' || line.at(i) == u')'))
        return false;
    return true;
}
} // namespace

QVector<Section> splitSections(const QString &markdown, int linesPerSection)
{
    QVector<Section> sections;
    Section current;
    bool inFence = false;
    QChar fenceChar;
    int fenceLen = 0;
    bool previousBlank = false;
    int lineNo = 0;
    int pos = 0;
    const int n = int(markdown.size());
    auto close = [&](int at, int line) {
        current.length = at - current.start;
        current.lineCount = line - current.firstLine;
        if (current.length > 0)
            sections.push_back(current);
        current = Section{};
        current.start = at;
        current.firstLine = line;
    };
    while (pos <= n) {
        int end = int(markdown.indexOf(u'\n', pos));
        if (end < 0)
            end = n;
        const QStringView line = QStringView(markdown).mid(pos, end - pos);
        QChar c;
        int len = 0;
        if (inFence) {
            if (isFence(line, &c, &len) && c == fenceChar && len >= fenceLen)
                inFence = false;
        } else {
            QString heading;
            const int level = atxLevel(line, &heading);
            if (level > 0) {
                close(pos, lineNo);
                current.headingLevel = level;
                current.heading = heading;
            } else if (previousBlank && lineNo - current.firstLine >= linesPerSection && canStartPiece(line)) {
                close(pos, lineNo);
            }
            if (isFence(line, &c, &len)) {
                inFence = true;
                fenceChar = c;
                fenceLen = len;
            }
        }
        previousBlank = line.trimmed().isEmpty();
        ++lineNo;
        if (end >= n)
            break;
        pos = end + 1;
    }
    close(n, lineNo);
    return sections;
}

QString linkReferenceDefinitions(const QString &markdown)
{
    // CommonMark: up to three spaces, [label]:, a destination. Labels never start with '^'
    // (footnotes) here; a fence hides what is inside it.
    static const QRegularExpression definition(QStringLiteral("^ {0,3}\\[[^\\]\\^][^\\]]{0,998}\\]:[ \\t]*\\S+.*$"));
    QStringList found;
    QChar fence;
    int fenceLength = 0;
    for (const QStringView line : QStringView(markdown).split(QLatin1Char('\n'))) {
        QChar c;
        int length = 0;
        if (isFence(line, &c, &length)) {
            if (fenceLength == 0) {
                fence = c;
                fenceLength = length;
            } else if (c == fence && length >= fenceLength) {
                fenceLength = 0;
            }
            continue;
        }
        if (fenceLength == 0 && line.contains(QLatin1String("]:")) && definition.match(line).hasMatch())
            found << line.toString();
    }
    return found.join(QLatin1Char('\n'));
}

QString headingSlug(const QString &heading)
{
    QString slug;
    for (const QChar c : heading.trimmed().toLower()) {
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'))
            slug += c;
        else if (c == QLatin1Char(' '))
            slug += QLatin1Char('-');
    }
    return slug;
}

int sectionOfSlug(const QVector<Section> &sections, const QString &slug)
{
    const QString wanted = QUrl::fromPercentEncoding(slug.toUtf8()).toLower();
    QHash<QString, int> seen; // a repeated heading is "slug-1", "slug-2", ... as on GitHub
    for (int i = 0; i < sections.size(); ++i) {
        if (sections.at(i).headingLevel == 0)
            continue;
        const QString base = headingSlug(sections.at(i).heading);
        const int n = seen.value(base, 0);
        seen.insert(base, n + 1);
        if ((n == 0 ? base : base + QLatin1Char('-') + QString::number(n)) == wanted)
            return i;
    }
    return -1;
}

} // namespace collab::richtext
