// Rich text as the chat and the note preview render it (app/richtext/): Markdown structure
// (tables, strikethrough, task lists, autolinks), highlighted code in the eight languages of the
// issue, math typeset by MathJax (and invalid TeX marked), what hostile input does (nothing), and
// note export read back (HTML, and PDF through pdftotext).
#include "codehighlighter.h"
#include "mathrenderer.h"
#include "mathscanner.h"
#include "noteexport.h"
#include "richdocument.h"
#include "sections.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QPalette>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QAbstractTextDocumentLayout>
#include <QTextBlock>
#include <QTextList>
#include <QTextTable>

#include <cmath>

using namespace collab::richtext;

namespace {
// Every fragment's format of the document, with its text.
QList<QPair<QString, QTextCharFormat>> fragments(const QTextDocument &doc)
{
    QList<QPair<QString, QTextCharFormat>> out;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().isValid())
                out.append({it.fragment().text(), it.fragment().charFormat()});
    return out;
}

QTextTable *firstTable(QTextDocument &doc)
{
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        QTextCursor c(b);
        if (QTextTable *t = c.currentTable())
            return t;
    }
    return nullptr;
}

// Renders until the renderer has typeset (or failed) every formula of `markdown`.
bool renderTypeset(RichDocument &doc, const QString &markdown)
{
    doc.render(markdown);
    return QTest::qWaitFor([&] {
        doc.render(markdown);
        return doc.pendingFormulas() == 0;
    }, 60000);
}

int imagesNamedMath(const QTextDocument &doc)
{
    int n = 0;
    for (const auto &f : fragments(doc))
        if (f.second.isImageFormat() && f.second.toImageFormat().name().startsWith(QLatin1String("math:")))
            n += int(f.first.size());
    return n;
}
} // namespace

class TestRichText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tablesStrikethroughTasksAndAutolinks()
    {
        RichDocument doc;
        doc.render(QStringLiteral("# Week 3\n\n| op | cost |\n|---|---:|\n| push | O(1) |\n| pop | O(1) |\n\n"
                                  "~~wrong~~ right\n\n- [x] read chapter 3\n- [ ] lab 2\n\nsee https://example.org/x now\n"));
        QVERIFY(doc.plainReason().isEmpty());
        QTextTable *table = firstTable(doc);
        QVERIFY(table);
        QCOMPARE(table->columns(), 2);
        QCOMPARE(table->rows(), 3);
        QCOMPARE(table->cellAt(1, 0).firstCursorPosition().block().text(), QStringLiteral("push"));
        QCOMPARE(table->cellAt(2, 1).firstCursorPosition().block().text(), QStringLiteral("O(1)"));
        bool struck = false, linked = false;
        for (const auto &f : fragments(doc)) {
            struck |= f.first == QLatin1String("wrong") && f.second.fontStrikeOut();
            linked |= f.second.isAnchor() && f.second.anchorHref() == QLatin1String("https://example.org/x")
                      && f.second.toolTip() == QLatin1String("https://example.org/x");
        }
        QVERIFY(struck);
        QVERIFY(linked); // an autolink, its target shown on hover
        QList<QTextBlockFormat::MarkerType> markers;
        for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
            if (b.textList())
                markers << b.blockFormat().marker();
        QCOMPARE(markers, (QList<QTextBlockFormat::MarkerType>{QTextBlockFormat::MarkerType::Checked,
                                                                QTextBlockFormat::MarkerType::Unchecked}));
        QCOMPARE(doc.begin().blockFormat().headingLevel(), 1);
    }

    void codeIsHighlighted_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("keyword"); // a word the grammar colours
        QTest::newRow("c") << QStringLiteral("c") << QStringLiteral("int main(void) {\n    return 0; /* done */\n}") << QStringLiteral("return");
        QTest::newRow("c++") << QStringLiteral("cpp") << QStringLiteral("#include <vector>\nint x = x++; // undefined\nclass A {};") << QStringLiteral("class");
        QTest::newRow("java") << QStringLiteral("java") << QStringLiteral("public class Main {\n  static int n = 1;\n}") << QStringLiteral("public");
        QTest::newRow("python") << QStringLiteral("python") << QStringLiteral("def f(n):\n    return n * 2  # twice") << QStringLiteral("def");
        QTest::newRow("javascript") << QStringLiteral("js") << QStringLiteral("function f(a) {\n  return a + 1;\n}") << QStringLiteral("function");
        QTest::newRow("sql") << QStringLiteral("sql") << QStringLiteral("SELECT name FROM students WHERE id = 3;") << QStringLiteral("SELECT");
        QTest::newRow("shell") << QStringLiteral("bash") << QStringLiteral("if [ -f x ]; then\n  echo \"hi\"\nfi") << QStringLiteral("then");
        QTest::newRow("json") << QStringLiteral("json") << QStringLiteral("{\"course\": \"CECS327\", \"size\": 120}") << QStringLiteral("course");
    }
    void codeIsHighlighted()
    {
        QFETCH(QString, language);
        QFETCH(QString, code);
        QFETCH(QString, keyword);
        RichDocument doc;
        doc.render(QStringLiteral("Why?\n\n```%1\n%2\n```\n").arg(language, code));
        QCOMPARE(doc.codeBlocks().size(), 1);
        QCOMPARE(doc.codeBlocks().at(0).language, language);
        QCOMPARE(doc.codeBlocks().at(0).code, code);
        QVERIFY2(!CodeHighlighter::instance().highlight(code, language).isEmpty(), "source-highlight found nothing");
        // The keyword's characters carry a colour of the theme, not the text's.
        const int at = doc.toPlainText().indexOf(keyword);
        QVERIFY(at >= 0);
        QTextCursor c(&doc);
        c.setPosition(at + 1);
        const QColor color = c.charFormat().foreground().color();
        QVERIFY2(c.charFormat().hasProperty(QTextFormat::ForegroundBrush) && color != QColor(0x1f, 0x23, 0x28),
                 qPrintable(color.name()));
        QVERIFY(c.charFormat().fontFixedPitch() || QFontInfo(c.charFormat().font()).fixedPitch());
        QVERIFY(c.block().blockFormat().background().color().isValid());
    }

    // A dark palette gets light text, dark code tints and the dark highlighting scheme; every
    // colour stays readable on the palette's base (WCAG AA: 4.5:1 for text).
    void colorsFollowThePalette()
    {
        auto luminance = [](const QColor &c) {
            auto channel = [](qreal v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
        };
        auto contrast = [&](const QColor &a, const QColor &b) {
            const qreal la = luminance(a), lb = luminance(b);
            return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
        };
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x2d, 0x2d, 0x2d));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        for (const QPalette &palette : {QPalette(Qt::white), dark}) {
            const RenderColors colors = RenderColors::fromPalette(palette);
            const QColor base = palette.color(QPalette::Base);
            QCOMPARE(colors.dark, palette == dark);
            QVERIFY(contrast(colors.text, colors.codeBackground) >= 4.5);
            QVERIFY(contrast(colors.link, base) >= 4.5);
            for (const char *element : {"keyword", "type", "string", "comment", "number", "function", "variable", "normal"})
                QVERIFY2(contrast(CodeHighlighter::colorFor(QLatin1String(element), colors.dark), colors.codeBackground) >= 4.5,
                         element);
            RenderOptions options;
            options.colors = colors;
            RichDocument doc;
            doc.render(QStringLiteral("see `x++`"), options);
            QTextCursor c(&doc);
            c.setPosition(int(doc.toPlainText().indexOf(QLatin1String("x++"))) + 1);
            QCOMPARE(c.charFormat().background().color(), colors.inlineCodeBackground);
        }
    }

    // A long code line wraps: a chat row or a preview section has no sideways scrolling.
    void longCodeLinesWrap()
    {
        RichDocument doc;
        doc.setTextWidth(200);
        doc.render(QStringLiteral("```cpp\n") + QStringLiteral("int a = 1; ").repeated(30) + QStringLiteral("\n```\n"));
        QCOMPARE(doc.codeBlocks().size(), 1);
        QTextBlock block = doc.begin();
        while (block.isValid() && !block.text().contains(QLatin1String("int a")))
            block = block.next();
        QVERIFY(block.isValid());
        doc.documentLayout(); // lays the document out
        QVERIFY(block.layout()->lineCount() > 1);
        QVERIFY(doc.idealWidth() <= 200.5);
    }

    void inlineCodeAndUnknownLanguagesStayMonospace()
    {
        RichDocument doc;
        doc.render(QStringLiteral("why is `x = x++` undefined?\n\n```brainfuck\n+[-]\n```\n"));
        QCOMPARE(doc.codeBlocks().size(), 1);
        bool mono = false;
        for (const auto &f : fragments(doc))
            mono |= f.first == QLatin1String("x = x++") && f.second.fontFixedPitch();
        QVERIFY(mono);
    }

    void findsMathButNotPricesOrCode()
    {
        const auto spans = findMath(QStringLiteral("costs $5 or $10. $a+b$ and `$x$` and \\$y\\$ and \\(z\\) and\n"
                                                   "```\n$$in code$$\n```\n$$\\sum_i i$$ \\[w\\]"),
                                    100);
        QStringList tex;
        for (const MathSpan &s : spans)
            tex << (s.display ? QStringLiteral("D:") : QStringLiteral("I:")) + s.tex;
        QCOMPARE(tex, (QStringList{QStringLiteral("I:a+b"), QStringLiteral("I:z"), QStringLiteral("D:\\sum_i i"), QStringLiteral("D:w")}));
    }

    void mathIsTypeset()
    {
        MathRenderer *renderer = MathRenderer::instance();
        RichDocument doc;
        const QString md = QStringLiteral(
            "The recurrence $T(n) = 2T(n/2) + O(n)$ solves to $\\Theta(n \\log n)$:\n\n"
            "$$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$$\n\n"
            "Also \\(\\alpha, \\beta, \\mathbb{R}, \\operatorname{rank}(A)\\) and\n\n"
            "\\[\\begin{aligned} a &= b + c \\\\ \\int_0^1 x\\,dx &= \\tfrac12 \\end{aligned}\\]\n\n"
            "$$\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}$$\n");
        QVERIFY2(renderTypeset(doc, md), qPrintable(renderer->unavailableReason()));
        QVERIFY2(renderer->isAvailable(), qPrintable(renderer->unavailableReason()));
        QCOMPARE(doc.formulas().size(), 6);
        for (const auto &f : doc.formulas())
            QVERIFY2(f.shown == RichDocument::Formula::Shown::Typeset, qPrintable(f.source + QStringLiteral(": ") + f.error));
        QCOMPARE(imagesNamedMath(doc), 6);
        // Each formula is a picture of its own size, loaded from the renderer (not from a file).
        for (const auto &f : fragments(doc)) {
            if (!f.second.isImageFormat())
                continue;
            const QTextImageFormat image = f.second.toImageFormat();
            QVERIFY(image.width() > 4 && image.height() > 4);
            const QImage pixels = doc.resource(QTextDocument::ImageResource, QUrl(image.name())).value<QImage>();
            QVERIFY(!pixels.isNull());
        }
        QVERIFY(!doc.toPlainText().contains(QLatin1String("\\frac"))); // no TeX left as text
    }

    // A formula wider than the text (a display sum in a narrow chat column, at 800x600) is scaled
    // down to the width instead of being cut off at the edge, and gets its size back when there
    // is room again.
    void wideFormulasFitTheWidth()
    {
        const auto formulaWidths = [](const QTextDocument &doc) {
            QList<qreal> widths;
            for (const auto &f : fragments(doc))
                if (f.second.isImageFormat())
                    widths << f.second.toImageFormat().width();
            return widths;
        };
        RichDocument doc;
        doc.setDocumentMargin(0);
        doc.setTextWidth(2000);
        const QString md = QStringLiteral("$$T(n) = \\sum_{i=0}^{\\log_2 n} 2^i \\cdot \\frac{n}{2^i} = \\Theta(n \\log n) + "
                                          "\\sum_{j=1}^{n} \\frac{j^2}{j+1}$$ and $x$");
        QVERIFY2(renderTypeset(doc, md), qPrintable(MathRenderer::instance()->unavailableReason()));
        const QList<qreal> natural = formulaWidths(doc);
        QCOMPARE(natural.size(), 2);
        QVERIFY2(natural[0] > 150, qPrintable(QString::number(natural[0])));

        doc.setLayoutWidth(120); // narrower than the display formula, wider than $x$
        const QList<qreal> narrow = formulaWidths(doc);
        QVERIFY2(narrow[0] <= 120 && narrow[0] > 60, qPrintable(QString::number(narrow[0])));
        QCOMPARE(narrow[1], natural[1]);
        QVERIFY(doc.size().width() <= 120.5);

        doc.setLayoutWidth(2000);
        QCOMPARE(formulaWidths(doc), natural);

        // Rendered at a narrow width in the first place (a chat row): fitted at once.
        RichDocument chat;
        chat.setDocumentMargin(0);
        chat.setTextWidth(120);
        QVERIFY(renderTypeset(chat, md));
        QVERIFY(formulaWidths(chat).value(0) <= 120);
    }

    void invalidTexShowsItsSourceMarked()
    {
        RichDocument doc;
        QVERIFY(renderTypeset(doc, QStringLiteral("fine $x^2$ but broken $\\frac{1}{$ and $\\undefinedmacro{x}$ here")));
        QCOMPARE(doc.formulas().size(), 3);
        QCOMPARE(doc.formulas().at(0).shown, RichDocument::Formula::Shown::Typeset);
        QCOMPARE(doc.formulas().at(1).shown, RichDocument::Formula::Shown::Invalid);
        QCOMPARE(doc.formulas().at(2).shown, RichDocument::Formula::Shown::Invalid);
        QVERIFY(!doc.formulas().at(1).error.isEmpty());
        const QString text = doc.toPlainText();
        QVERIFY2(text.contains(QStringLiteral("$\\frac{1}{$ \u26A0")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("$\\undefinedmacro{x}$ \u26A0")));
        QVERIFY(text.endsWith(QLatin1String("here"))); // the rest of the row is intact
    }

    void nothingUnsafeSurvives()
    {
        RichDocument doc;
        doc.render(QStringLiteral(
            "[click](javascript:alert(1)) [file](file:///etc/passwd) [ok](https://example.org) [mail](mailto:ta@example.edu)\n\n"
            "<script>alert(1)</script> <img src=x onerror=alert(1)> <b>bold?</b>\n\n"
            "![remote](https://tracker.example/pixel.png) ![local](/etc/passwd) ![data](data:image/png;base64,AAAA)\n"));
        QSet<QString> hrefs;
        for (const auto &f : fragments(doc)) {
            QVERIFY(!f.second.isImageFormat()); // no image is ever loaded
            if (f.second.isAnchor())
                hrefs << f.second.anchorHref();
        }
        QCOMPARE(hrefs, (QSet<QString>{QStringLiteral("https://example.org"), QStringLiteral("mailto:ta@example.edu"),
                                     QStringLiteral("https://tracker.example/pixel.png")}));
        const QString text = doc.toPlainText();
        QVERIFY(text.contains(QLatin1String("<script>alert(1)</script>"))); // raw HTML is text
        QVERIFY(text.contains(QLatin1String("<b>bold?</b>")));
        QVERIFY(text.contains(QLatin1String("[image: remote]")));
        QVERIFY(text.contains(QLatin1String("[image: local]")));
        // And nothing reads files through the document's resources.
        QVERIFY(!doc.resource(QTextDocument::ImageResource, QUrl(QStringLiteral("file:///etc/passwd"))).isValid());
        QVERIFY(!doc.resource(QTextDocument::ImageResource, QUrl(QStringLiteral("/etc/passwd"))).isValid());
        QVERIFY(!doc.resource(QTextDocument::StyleSheetResource, QUrl(QStringLiteral("https://example.org/a.css"))).isValid());
    }

    void hostileInputIsBounded_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<bool>("plain"); // shown as plain text, with a note
        QTest::newRow("10,000 nested lists") << QStringLiteral("- ").repeated(10000) + QStringLiteral("x") << true;
        QTest::newRow("10,000 nested ordered lists") << QStringLiteral("1. ").repeated(10000) + QStringLiteral("x") << true;
        QString indented;
        for (int i = 0; i < 400; ++i)
            indented += QString(i * 2, QLatin1Char(' ')) + QStringLiteral("- level\n");
        QTest::newRow("400 indented list levels") << indented << true;
        QString quotes = QString(10000, QLatin1Char('>')) + QStringLiteral(" deep");
        QTest::newRow("10,000 nested quotes") << quotes << true;
        QTest::newRow("64 KiB of $") << QString(64 * 1024, QLatin1Char('$')) << true;
        QTest::newRow("16 KiB of $") << QString(16 * 1024, QLatin1Char('$')) << false;
        QTest::newRow("16 KiB of $a") << QStringLiteral("$a ").repeated(5400) << false;
        QString wide = QStringLiteral("|") + QStringLiteral(" c |").repeated(5000) + QStringLiteral("\n|")
                       + QStringLiteral("---|").repeated(5000) + QStringLiteral("\n|") + QStringLiteral(" x |").repeated(5000);
        QTest::newRow("5,000 table columns") << wide << true;
        QTest::newRow("deep emphasis") << QString(5000, QLatin1Char('*')) + QStringLiteral("x") + QString(5000, QLatin1Char('*')) << true;
        QTest::newRow("nested emphasis pairs") << QStringLiteral("*_").repeated(3000) + QStringLiteral("x") << true;
        QTest::newRow("many brackets") << QString(8000, QLatin1Char('[')) + QStringLiteral("x") + QString(8000, QLatin1Char(']')) << false;
        QTest::newRow("a 16 KiB word") << QString(16 * 1024, QLatin1Char('w')) << false;
        QTest::newRow("1 MiB message") << QString(1024 * 1024, QLatin1Char('a')) << true;
        QTest::newRow("many formulas") << QStringLiteral("$x_{%1}$ ").repeated(1000) << false;
    }
    void hostileInputIsBounded()
    {
        QFETCH(QString, markdown);
        QFETCH(bool, plain);
        QElapsedTimer timer;
        timer.start();
        RichDocument doc;
        RenderOptions options;
        options.typesetMath = false; // what is measured here is the parse and layout
        doc.render(markdown, options);
        doc.setTextWidth(500);
        const QSizeF size = doc.size();
        QCOMPARE(!doc.plainReason().isEmpty(), plain);
        if (plain)
            QVERIFY(doc.toPlainText().contains(QLatin1String("Shown as plain text")));
        QVERIFY(doc.formulas().size() <= RenderLimits::forChat().maxMathSpans);
        QVERIFY(size.height() > 0);
        // A figure, not an assertion (bench/richtext measures it properly).
        qInfo("%s: rendered and laid out in %lld ms", QTest::currentDataTag(), timer.elapsed());
    }

    void sectionsSplitAtHeadingsButNotInsideCode()
    {
        const QString md = QStringLiteral("intro\n# One\ntext\n```\n# not a heading\n```\n## Two\n- a\n- b\n");
        const auto sections = splitSections(md);
        QCOMPARE(sections.size(), 3);
        QCOMPARE(sections.at(1).heading, QStringLiteral("One"));
        QCOMPARE(sections.at(2).heading, QStringLiteral("Two"));
        QCOMPARE(sections.at(2).headingLevel, 2);
        QCOMPARE(sections.at(1).firstLine, 1);
        QCOMPARE(sections.at(2).firstLine, 6);
        QString joined;
        for (const auto &s : sections)
            joined += md.mid(s.start, s.length);
        QCOMPARE(joined, md);
    }

    void exportsReadBack()
    {
        const QString md = QStringLiteral(
            "# Recurrences\n\nThe recurrence $T(n) = 2T(n/2) + O(n)$ gives merge sort.\n\n"
            "$$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$$\n\n"
            "```cpp\nint twice(int n) { return 2 * n; }\n```\n\n| op | cost |\n|---|---|\n| push | O(1) |\n\n"
            "![tracker](https://tracker.example/p.png)\n");
        NoteExport job(QStringLiteral("class-notes"), md);
        QSignalSpy ready(&job, &NoteExport::ready);
        job.prepare();
        QTRY_VERIFY_WITH_TIMEOUT(job.isReady(), 60000);
        QCOMPARE(job.document()->pendingFormulas(), 0);
        QTemporaryDir dir;
        QString error;
        QVERIFY2(job.write(NoteExport::Format::Markdown, dir.filePath(QStringLiteral("n.md")), &error), qPrintable(error));
        QVERIFY2(job.write(NoteExport::Format::Html, dir.filePath(QStringLiteral("n.html")), &error), qPrintable(error));
        QVERIFY2(job.write(NoteExport::Format::Pdf, dir.filePath(QStringLiteral("n.pdf")), &error), qPrintable(error));

        QFile mdFile(dir.filePath(QStringLiteral("n.md")));
        QVERIFY(mdFile.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(mdFile.readAll()), md);

        QFile htmlFile(dir.filePath(QStringLiteral("n.html")));
        QVERIFY(htmlFile.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(htmlFile.readAll());
        QCOMPARE(html.count(QLatin1String("src=\"data:image/svg+xml;base64,")), 2); // both formulas, inline
        QVERIFY(!html.contains(QLatin1String("math:")));
        QVERIFY(!html.contains(QLatin1String("src=\"http"))); // self-contained: nothing to fetch
        QVERIFY(html.contains(QLatin1String("Recurrences")));
        QVERIFY(html.contains(QLatin1String("return")));
        QVERIFY(html.contains(QLatin1String("href=\"https://tracker.example/p.png\""))); // a link, not an image

        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        QVERIFY2(!pdftotext.isEmpty(), "pdftotext (poppler-utils) is needed: scripts/install-deps.sh");
        QProcess p;
        p.start(pdftotext, {dir.filePath(QStringLiteral("n.pdf")), QStringLiteral("-")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(text.contains(QLatin1String("Recurrences")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("merge sort")));
        QVERIFY(text.contains(QLatin1String("return 2 * n;")));
        QVERIFY(text.contains(QLatin1String("push")));
        QVERIFY(!text.contains(QLatin1String("\\frac"))); // typeset, not TeX
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); // Qt WebEngine (the math renderer)
    QApplication app(argc, argv);
    TestRichText test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_richtext.moc"
