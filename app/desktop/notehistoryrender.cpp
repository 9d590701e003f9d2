#include "notehistoryrender.h"

#include "usercolors.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QHash>
#include <QJsonObject>
#include <QTextBlockFormat>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QTextDocument>

#include <algorithm>

namespace collab::desktop {

namespace {
bool isDark(const QPalette &palette) { return palette.color(QPalette::Base).lightnessF() < 0.5; }

// The text split after each line break (the last piece may have none), as the server splits it.
QStringList splitLines(const QString &text)
{
    QStringList lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\n')) {
            lines << text.mid(start, i + 1 - start);
            start = i + 1;
        }
    }
    if (start < text.size())
        lines << text.mid(start);
    return lines;
}

QString withoutBreak(QString line)
{
    if (line.endsWith(QLatin1Char('\n')))
        line.chop(1);
    return line;
}

class DiffWriter
{
public:
    DiffWriter(QTextDocument *doc, const DiffColors &colors) : m_cursor(doc), m_colors(colors)
    {
        doc->clear();
        doc->setDefaultFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }

    void line(QChar sign, const QString &text, const QColor &background, const QColor &foreground)
    {
        QTextBlockFormat block;
        if (background.isValid())
            block.setBackground(background);
        QTextCharFormat chars;
        chars.setForeground(foreground);
        if (m_first)
            m_cursor.setBlockFormat(block);
        else
            m_cursor.insertBlock(block);
        m_first = false;
        m_cursor.insertText(QString(sign) + QLatin1Char(' ') + withoutBreak(text), chars);
    }
    void header(const QString &text)
    {
        QTextCharFormat chars;
        chars.setForeground(m_colors.context);
        chars.setFontItalic(true);
        if (!m_first)
            m_cursor.insertBlock(QTextBlockFormat());
        m_first = false;
        m_cursor.insertText(text, chars);
    }

private:
    QTextCursor m_cursor;
    DiffColors m_colors;
    bool m_first = true;
};
} // namespace

DiffColors diffColors(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const bool dark = isDark(palette);
    // GitHub's diff greens and reds; a stronger wash on a dark base, where a faint one is invisible.
    const double fraction = dark ? 0.40 : 0.25;
    DiffColors c;
    c.added = readableWash(base, QColor(46, 160, 67), fraction, text);
    c.removed = readableWash(base, QColor(248, 81, 73), fraction, text);
    c.text = text;
    c.context = palette.color(QPalette::PlaceholderText);
    if (contrastRatio(c.context, base) < 4.5)
        c.context = readableOn(c.context, base);
    return c;
}

void renderDiff(QTextDocument *doc, const QJsonArray &hunks, const QString &text, bool textIsFrom, const QPalette &palette,
                int contextLines)
{
    const DiffColors colors = diffColors(palette);
    DiffWriter out(doc, colors);
    if (hunks.isEmpty()) {
        out.header(QCoreApplication::translate("collab::desktop::NoteHistoryRender", "No difference: the two versions have the same text."));
        return;
    }
    const QStringList lines = splitLines(text);
    for (const QJsonValue &value : hunks) {
        const QJsonObject h = value.toObject();
        const int fromLine = h.value(QLatin1String("fromLine")).toInt();
        const int toLine = h.value(QLatin1String("toLine")).toInt();
        const QJsonArray removed = h.value(QLatin1String("removed")).toArray();
        const QJsonArray added = h.value(QLatin1String("added")).toArray();
        // Where the hunk starts in the text we have, and how many of its lines it spans there.
        const int start = (textIsFrom ? fromLine : toLine) - 1;
        const int span = int(textIsFrom ? removed.size() : added.size());
        out.header(removed.isEmpty() ? QCoreApplication::translate("collab::desktop::NoteHistoryRender", "line %1: added").arg(toLine)
                                     : QCoreApplication::translate("collab::desktop::NoteHistoryRender", "line %1").arg(fromLine));
        for (int i = std::max(0, start - contextLines); i < start && i < lines.size(); ++i)
            out.line(QLatin1Char(' '), lines.at(i), QColor(), colors.context);
        for (const QJsonValue &l : removed)
            out.line(QChar(0x2212), l.toString(), colors.removed, colors.text);
        for (const QJsonValue &l : added)
            out.line(QLatin1Char('+'), l.toString(), colors.added, colors.text);
        for (int i = start + span; i < start + span + contextLines && i < lines.size(); ++i)
            out.line(QLatin1Char(' '), lines.at(i), QColor(), colors.context);
    }
}

QList<AuthorShare> renderAuthors(QTextDocument *doc, const QString &text, const QJsonArray &spans, const QPalette &palette)
{
    doc->clear();
    doc->setDefaultFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const QColor base = palette.color(QPalette::Base);
    const QColor ink = palette.color(QPalette::Text);
    const double fraction = isDark(palette) ? 0.45 : 0.30;
    QHash<QString, AuthorShare> shares;
    QTextCursor cursor(doc);
    int written = 0;
    const auto plain = [&](int upTo) {
        if (upTo > written) {
            cursor.insertText(text.mid(written, upTo - written), QTextCharFormat());
            written = upTo;
        }
    };
    for (const QJsonValue &value : spans) {
        const QJsonObject s = value.toObject();
        const int start = s.value(QLatin1String("start")).toInt();
        const int length = s.value(QLatin1String("length")).toInt();
        const QString user = s.value(QLatin1String("user")).toString();
        if (start < written || length <= 0 || start + length > text.size())
            continue; // spans come in order and inside the text; anything else is not drawn
        plain(start);
        AuthorShare &share = shares[user];
        if (share.user.isEmpty()) {
            share.user = user;
            share.tint = readableWash(base, userColor(user, base), fraction, ink);
        }
        share.length += length;
        QTextCharFormat format;
        format.setBackground(share.tint);
        format.setForeground(ink);
        format.setToolTip(user);
        cursor.insertText(text.mid(start, length), format);
        written = start + length;
    }
    plain(int(text.size()));
    QList<AuthorShare> list = shares.values();
    std::sort(list.begin(), list.end(), [](const AuthorShare &a, const AuthorShare &b) {
        return a.length != b.length ? a.length > b.length : a.user < b.user;
    });
    return list;
}

} // namespace collab::desktop
