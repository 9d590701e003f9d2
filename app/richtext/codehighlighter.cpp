#include "codehighlighter.h"

#include <srchilite/formatter.h>
#include <srchilite/formatterparams.h>
#include <srchilite/formattermanager.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/sourcehighlighter.h>

#include <QHash>
#include <QLoggingCategory>

#include <map>

Q_LOGGING_CATEGORY(lcHighlight, "collab.richtext.highlight")

namespace collab::richtext {

namespace {
const char *const kDataDir = "/usr/share/source-highlight";

// Collects what source-highlight reports for one line: (start, length, element) in UTF-8 bytes.
class SpanCollector : public srchilite::Formatter
{
public:
    explicit SpanCollector(std::string element) : m_element(std::move(element)) {}
    void format(const std::string &s, const srchilite::FormatterParams *params) override
    {
        if (m_element != "normal" && params && params->start >= 0 && !s.empty())
            sink->push_back({params->start, int(s.size()), m_element});
    }
    struct Raw
    {
        int start;
        int length;
        std::string element;
    };
    std::vector<Raw> *sink = nullptr;

private:
    std::string m_element;
};

const char *const kElements[] = {"keyword", "type", "usertype", "string", "regexp", "specialchar", "comment",
                                 "number", "preproc", "symbol", "function", "cbracket", "todo", "predef_var",
                                 "predef_func", "classname", "variable", "label", "property", "value", "key", "keyquote",
                                 "valquote", "colon", "normal"};
} // namespace

struct CodeHighlighter::Impl
{
    srchilite::RegexRuleFactory ruleFactory;
    srchilite::LangDefManager langDefs{&ruleFactory};
    std::vector<SpanCollector::Raw> raw;
    std::map<std::string, boost::shared_ptr<SpanCollector>> collectors;
    std::unique_ptr<srchilite::FormatterManager> formatters;
    QHash<QString, srchilite::HighlightStatePtr> states; // per grammar; empty pointer: failed

    Impl()
    {
        auto normal = boost::shared_ptr<SpanCollector>(new SpanCollector("normal"));
        normal->sink = &raw;
        formatters = std::make_unique<srchilite::FormatterManager>(normal);
        for (const char *e : kElements) {
            auto c = boost::shared_ptr<SpanCollector>(new SpanCollector(e));
            c->sink = &raw;
            collectors[e] = c;
            formatters->addFormatter(e, c);
        }
    }

    srchilite::HighlightStatePtr stateFor(const QString &grammar)
    {
        auto it = states.constFind(grammar);
        if (it != states.cend())
            return *it;
        srchilite::HighlightStatePtr state;
        try {
            state = langDefs.getHighlightState(kDataDir, grammar.toStdString());
        } catch (const std::exception &e) {
            qCWarning(lcHighlight) << "grammar" << grammar << "failed to load:" << e.what();
        }
        states.insert(grammar, state);
        return state;
    }
};

CodeHighlighter::CodeHighlighter() : d(std::make_unique<Impl>()) {}
CodeHighlighter::~CodeHighlighter() = default;

CodeHighlighter &CodeHighlighter::instance()
{
    static CodeHighlighter highlighter;
    return highlighter;
}

QString CodeHighlighter::grammarFor(const QString &language)
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("c"), QStringLiteral("c.lang")},
        {QStringLiteral("h"), QStringLiteral("c.lang")},
        {QStringLiteral("cpp"), QStringLiteral("cpp.lang")},
        {QStringLiteral("c++"), QStringLiteral("cpp.lang")},
        {QStringLiteral("cc"), QStringLiteral("cpp.lang")},
        {QStringLiteral("cxx"), QStringLiteral("cpp.lang")},
        {QStringLiteral("hpp"), QStringLiteral("cpp.lang")},
        {QStringLiteral("java"), QStringLiteral("java.lang")},
        {QStringLiteral("python"), QStringLiteral("python.lang")},
        {QStringLiteral("py"), QStringLiteral("python.lang")},
        {QStringLiteral("python3"), QStringLiteral("python.lang")},
        {QStringLiteral("javascript"), QStringLiteral("javascript.lang")},
        {QStringLiteral("js"), QStringLiteral("javascript.lang")},
        {QStringLiteral("sql"), QStringLiteral("sql.lang")},
        {QStringLiteral("sh"), QStringLiteral("sh.lang")},
        {QStringLiteral("bash"), QStringLiteral("sh.lang")},
        {QStringLiteral("shell"), QStringLiteral("sh.lang")},
        {QStringLiteral("zsh"), QStringLiteral("sh.lang")},
        {QStringLiteral("console"), QStringLiteral("sh.lang")},
        {QStringLiteral("json"), QStringLiteral("json.lang")},
        {QStringLiteral("go"), QStringLiteral("go.lang")},
        {QStringLiteral("rust"), QStringLiteral("rust.lang")},
        {QStringLiteral("haskell"), QStringLiteral("haskell.lang")},
        {QStringLiteral("css"), QStringLiteral("css.lang")},
        {QStringLiteral("xml"), QStringLiteral("xml.lang")},
        {QStringLiteral("html"), QStringLiteral("html.lang")},
        {QStringLiteral("diff"), QStringLiteral("diff.lang")},
        {QStringLiteral("makefile"), QStringLiteral("makefile.lang")},
    };
    return names.value(language.trimmed().toLower());
}

QVector<CodeHighlighter::Span> CodeHighlighter::highlight(const QString &code, const QString &language, int maxChars)
{
    QVector<Span> spans;
    const QString grammar = grammarFor(language);
    if (grammar.isEmpty() || code.size() > maxChars)
        return spans;
    srchilite::HighlightStatePtr state = d->stateFor(grammar);
    if (!state)
        return spans;
    srchilite::SourceHighlighter highlighter(state);
    highlighter.setFormatterManager(d->formatters.get());
    srchilite::FormatterParams params;
    highlighter.setFormatterParams(&params);
    highlighter.setOptimize(false); // one callback per token: the positions must stay exact

    int lineStart = 0;
    const int n = int(code.size());
    while (lineStart <= n) {
        int lineEnd = int(code.indexOf(u'\n', lineStart));
        if (lineEnd < 0)
            lineEnd = n;
        const QString line = code.mid(lineStart, lineEnd - lineStart);
        const QByteArray utf8 = line.toUtf8();
        d->raw.clear();
        params.start = 0;
        try {
            highlighter.highlightParagraph(std::string(utf8.constData(), size_t(utf8.size())));
        } catch (const std::exception &e) {
            qCWarning(lcHighlight) << "highlighting failed:" << e.what();
            return {};
        }
        // Byte offsets to QString offsets (the same for ASCII, the common case).
        const bool ascii = utf8.size() == line.size();
        for (const SpanCollector::Raw &r : d->raw) {
            int start = r.start;
            int length = r.length;
            if (!ascii) {
                start = int(QString::fromUtf8(utf8.constData(), r.start).size());
                length = int(QString::fromUtf8(utf8.constData() + r.start, r.length).size());
            }
            spans.push_back({lineStart + start, length, QString::fromStdString(r.element)});
        }
        lineStart = lineEnd + 1;
    }
    return spans;
}

QColor CodeHighlighter::colorFor(const QString &e, bool dark)
{
    // GitHub's light and dark schemes: each colour keeps >= 4.5:1 against its code background.
    if (e == u"keyword" || e == u"preproc")
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    if (e == u"type" || e == u"usertype" || e == u"classname" || e == u"predef_var")
        return dark ? QColor(0xff, 0xa6, 0x57) : QColor(0x95, 0x38, 0x00);
    if (e == u"string" || e == u"regexp" || e == u"value" || e == u"valquote")
        return dark ? QColor(0xa5, 0xd6, 0xff) : QColor(0x0a, 0x30, 0x69);
    if (e == u"comment")
        return dark ? QColor(0xa0, 0xa8, 0xb0) : QColor(0x57, 0x60, 0x6a);
    if (e == u"number" || e == u"specialchar")
        return dark ? QColor(0x79, 0xc0, 0xff) : QColor(0x05, 0x50, 0xae);
    if (e == u"function" || e == u"predef_func")
        return dark ? QColor(0xd2, 0xa8, 0xff) : QColor(0x82, 0x50, 0xdf);
    if (e == u"property" || e == u"label" || e == u"variable" || e == u"key" || e == u"keyquote")
        return dark ? QColor(0x7e, 0xe7, 0x87) : QColor(0x11, 0x63, 0x29);
    return dark ? QColor(0xe6, 0xed, 0xf3) : QColor(0x1f, 0x23, 0x28);
}

bool CodeHighlighter::boldFor(const QString &e) { return e == u"keyword"; }
bool CodeHighlighter::italicFor(const QString &e) { return e == u"comment"; }

} // namespace collab::richtext
