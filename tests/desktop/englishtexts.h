#pragma once

// What "English" means for tst_desktop_i18n: every string literal in the sources of the desktop app
// and of the client and rich-text libraries whose texts reach its window (read from the source
// files, so a string that was never wrapped in tr() is found too, not only the ones lupdate
// collects), as templates: "%1" and "%n" stand for anything. A text shown in the window that is one
// of them was not translated. Literals with no English word are left out ("%1: %2", "# %1"), and
// so are keys and identifiers ("joinCode", "note.locked", "login/recentNames").
#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <utility>

namespace i18ntest {

// A shown text or a template, compared as the user reads it: no mnemonic "&", no markup, one
// space between words.
inline QString readable(QString s)
{
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    static const QRegularExpression mnemonic(QStringLiteral("&(?![A-Za-z#0-9]+;)(?!&)"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    s.remove(tags);
    s.remove(mnemonic);
    s.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    s.replace(QLatin1String("&lt;"), QLatin1String("<"));
    s.replace(QLatin1String("&gt;"), QLatin1String(">"));
    s.replace(QLatin1String("&quot;"), QLatin1String("\""));
    s.replace(QLatin1String("&amp;"), QLatin1String("&"));
    s.replace(spaces, QStringLiteral(" "));
    return s.trimmed();
}

// The string literals of a C++ source, adjacent ones joined ("a " "b" is "a b"), escapes decoded.
inline QStringList literalsIn(const QString &code)
{
    QStringList out;
    const qsizetype n = code.size();
    qsizetype i = 0;
    QString current;
    bool open = false; // a literal was read and the next one may continue it
    const auto flush = [&] {
        if (open)
            out << current;
        current.clear();
        open = false;
    };
    while (i < n) {
        const QChar c = code.at(i);
        if (c == QLatin1Char('/') && i + 1 < n && code.at(i + 1) == QLatin1Char('/')) {
            while (i < n && code.at(i) != QLatin1Char('\n'))
                ++i;
            continue;
        }
        if (c == QLatin1Char('/') && i + 1 < n && code.at(i + 1) == QLatin1Char('*')) {
            const qsizetype end = code.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? n : end + 2;
            continue;
        }
        if (c == QLatin1Char('\'')) { // a character literal: '"' is not a string
            ++i;
            while (i < n && code.at(i) != QLatin1Char('\'')) {
                if (code.at(i) == QLatin1Char('\\'))
                    ++i;
                ++i;
            }
            ++i;
            flush();
            continue;
        }
        if (c == QLatin1Char('"')) {
            ++i;
            while (i < n && code.at(i) != QLatin1Char('"')) {
                QChar ch = code.at(i++);
                if (ch != QLatin1Char('\\') || i >= n) {
                    current += ch;
                    continue;
                }
                const QChar e = code.at(i++);
                if (e == QLatin1Char('n'))
                    current += QLatin1Char('\n');
                else if (e == QLatin1Char('t'))
                    current += QLatin1Char('\t');
                else if (e == QLatin1Char('u') || e == QLatin1Char('U')) {
                    const int digits = e == QLatin1Char('u') ? 4 : 8;
                    const char32_t ucs = code.mid(i, digits).toUInt(nullptr, 16);
                    current += QString::fromUcs4(&ucs, 1);
                    i += digits;
                } else
                    current += e; // \" \\ \'
            }
            ++i;
            open = true;
            continue;
        }
        if (!c.isSpace())
            flush();
        ++i;
    }
    flush();
    return out;
}

class EnglishTexts
{
public:
    // Words that are the same in every language the app speaks (names, units, formats).
    static const QSet<QString> &sharedWords()
    {
        static const QSet<QString> words{QStringLiteral("CourseCollab"), QStringLiteral("CECS"), QStringLiteral("MATH"),
                                         QStringLiteral("min"), QStringLiteral("KiB"), QStringLiteral("MiB"), QStringLiteral("KB"), QStringLiteral("MB"),
                                         QStringLiteral("CSV"), QStringLiteral("UTF"), QStringLiteral("PDF"),
                                         QStringLiteral("HTML"), QStringLiteral("Markdown"), QStringLiteral("MathJax"),
                                         QStringLiteral("TLS"), QStringLiteral("PEM"), QStringLiteral("HTTP"),
                                         QStringLiteral("zip"), QStringLiteral("md"), QStringLiteral("pdf"),
                                         QStringLiteral("html"), QStringLiteral("ws"), QStringLiteral("wss"),
                                         QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("mailto")};
        return words;
    }

    // Reads every .cpp and .h of `dirs`; false if none could be read.
    bool load(const QStringList &dirs)
    {
        int files = 0;
        for (const QString &dir : dirs) {
            for (const QString &name : QDir(dir).entryList({QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files)) {
                QFile f(QDir(dir).filePath(name));
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                ++files;
                for (const QString &literal : literalsIn(QString::fromUtf8(f.readAll())))
                    add(literal);
            }
        }
        return files > 0;
    }

    int size() const { return int(m_exact.size() + m_patterns.size()); }

    // The English source that `shown` is (the literal), or a null string.
    QString match(const QString &shown) const
    {
        const QString text = readable(shown);
        if (text.isEmpty())
            return {};
        if (const auto it = m_exact.constFind(text); it != m_exact.constEnd())
            return it.value();
        for (const auto &[re, source] : m_patterns)
            if (re.match(text).hasMatch())
                return source;
        return {};
    }

private:
    void add(const QString &literal)
    {
        static const QRegularExpression placeholder(QStringLiteral("%(?:\\d+|n)"));
        static const QRegularExpression word(QStringLiteral("[A-Za-z][A-Za-z']+"));
        // Keys, ids, paths, object names: no space, and not a plain word ("general" or "Search").
        static const QRegularExpression plainWord(QStringLiteral("^(?:[a-z]{2,}|[A-Z][a-z]+)$"));
        const QString text = readable(literal);
        if (text.isEmpty() || (!text.contains(QLatin1Char(' ')) && !plainWord.match(text).hasMatch()))
            return;
        QString words = text;
        words.remove(placeholder);
        bool english = false;
        for (auto it = word.globalMatch(words); it.hasNext() && !english;)
            english = !sharedWords().contains(it.next().captured());
        if (!english)
            return;
        if (!text.contains(placeholder)) {
            m_exact.insert(text, literal);
            return;
        }
        QString pattern;
        qsizetype from = 0;
        for (auto it = placeholder.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            pattern += QRegularExpression::escape(text.mid(from, m.capturedStart() - from)) + QStringLiteral(".+");
            from = m.capturedEnd();
        }
        pattern += QRegularExpression::escape(text.mid(from));
        m_patterns.append({QRegularExpression(QRegularExpression::anchoredPattern(pattern),
                                              QRegularExpression::DotMatchesEverythingOption),
                           literal});
    }

    QHash<QString, QString> m_exact;
    QList<std::pair<QRegularExpression, QString>> m_patterns;
};

} // namespace i18ntest
