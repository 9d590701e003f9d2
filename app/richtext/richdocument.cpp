#include "richdocument.h"

#include "codehighlighter.h"
#include "mathrenderer.h"
#include "mathscanner.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocumentFragment>

#include <algorithm>

namespace collab::richtext {

namespace {
const QLatin1String kMathScheme("math:");
const QChar kWarning(0x26A0);

// `text` as one inline code span, on one line.
QString codeSpan(const QString &text)
{
    int longest = 0;
    int run = 0;
    for (QChar c : text) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    QString flat = text;
    flat.replace(QLatin1Char('\n'), QLatin1Char(' '));
    flat.replace(QLatin1Char('\r'), QLatin1Char(' '));
    const QString fence(longest + 1, QLatin1Char('`'));
    return fence + QLatin1Char(' ') + flat + QLatin1Char(' ') + fence;
}

bool isCodeBlock(const QTextBlock &block)
{
    const QTextBlockFormat f = block.blockFormat();
    return f.hasProperty(QTextFormat::BlockCodeFence) || f.hasProperty(QTextFormat::BlockCodeLanguage);
}
} // namespace

RenderColors RenderColors::fromPalette(const QPalette &palette)
{
    RenderColors c;
    const QColor base = palette.color(QPalette::Base);
    c.dark = base.lightnessF() < 0.5;
    c.text = palette.color(QPalette::Text);
    c.muted = palette.color(QPalette::Disabled, QPalette::Text);
    // A tint of the text over the base: visible on either, never the text's own contrast.
    auto tint = [&](qreal amount) {
        return QColor::fromRgbF(base.redF() + (c.text.redF() - base.redF()) * amount,
                                base.greenF() + (c.text.greenF() - base.greenF()) * amount,
                                base.blueF() + (c.text.blueF() - base.blueF()) * amount);
    };
    c.codeBackground = tint(0.05);
    c.inlineCodeBackground = tint(0.10);
    c.link = c.dark ? QColor(0x4d, 0xa3, 0xff) : QColor(0x09, 0x69, 0xda);
    return c;
}

RichDocument::RichDocument(QObject *parent) : QTextDocument(parent)
{
    setUndoRedoEnabled(false);
}

bool RichDocument::isSafeLink(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid()
           && ((scheme == QLatin1String("http") || scheme == QLatin1String("https")) ? !url.host().isEmpty()
                                                                                       : scheme == QLatin1String("mailto"));
}

bool RichDocument::isSectionLink(const QUrl &url)
{
    return url.isValid() && url.scheme().isEmpty() && url.host().isEmpty() && url.path().isEmpty() && url.hasFragment()
           && !url.fragment().isEmpty();
}

QString RichDocument::resourceName(const QString &tex, bool display)
{
    return kMathScheme + (display ? QLatin1Char('D') : QLatin1Char('I'))
           + QString::fromLatin1(tex.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool RichDocument::parseResourceName(const QString &name, QString *tex, bool *display)
{
    if (!name.startsWith(kMathScheme) || name.size() < kMathScheme.size() + 1)
        return false;
    const QChar mode = name.at(kMathScheme.size());
    if (mode != u'D' && mode != u'I')
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(name.mid(kMathScheme.size() + 1).toLatin1(),
                                                        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (!decoded)
        return false;
    *tex = QString::fromUtf8(*decoded);
    *display = mode == u'D';
    return true;
}

int RichDocument::pendingFormulas() const
{
    return int(std::count_if(m_formulas.cbegin(), m_formulas.cend(),
                             [](const Formula &f) { return f.shown == Formula::Shown::Pending; }));
}

const RichDocument::CodeBlock *RichDocument::codeBlockAt(int position) const
{
    for (const CodeBlock &b : m_codeBlocks) {
        if (position >= b.start && position <= b.end)
            return &b;
    }
    return nullptr;
}

void RichDocument::render(const QString &markdown, const RenderOptions &options)
{
    m_source = markdown;
    m_options = options;
    m_formulas.clear();
    m_codeBlocks.clear();
    m_plainReason = exceedsLimits(markdown, options.limits);
    if (!m_plainReason.isEmpty()) {
        // Laying out text costs more than linear time in long unbroken runs: show the beginning.
        const bool cut = markdown.size() > options.limits.maxPlainChars;
        setPlainText(cut ? markdown.left(options.limits.maxPlainChars) + QStringLiteral("\u2026") : markdown);
        QTextCursor c(this);
        c.movePosition(QTextCursor::End);
        QTextCharFormat note;
        note.setFontItalic(true);
        note.setForeground(m_options.colors.muted);
        c.insertBlock();
        c.insertText(QStringLiteral("%1 ").arg(kWarning)
                         + (cut ? tr("Shown as plain text (the first %1 characters): %2.").arg(options.limits.maxPlainChars).arg(m_plainReason)
                                : tr("Shown as plain text: %1.").arg(m_plainReason)),
                     note);
        return;
    }
    setMarkdown(substituteMath(markdown), QTextDocument::MarkdownFeatures(MarkdownDialectGitHub | MarkdownNoHTML));
    finishLinksAndImages();
    fitFormulas();
    highlightCode();
    centreDisplayMath();
}

QString RichDocument::substituteMath(const QString &markdown)
{
    const QVector<MathSpan> spans = findMath(markdown, m_options.limits.maxMathSpans);
    if (spans.isEmpty())
        return markdown;
    MathRenderer *renderer = m_options.typesetMath ? MathRenderer::instance() : nullptr;
    return replaceMath(markdown, spans, [&](int, const MathSpan &span) {
        Formula f;
        f.tex = span.tex;
        f.display = span.display;
        f.source = markdown.mid(span.start, span.length);
        const MathRenderer::Formula typeset = renderer ? renderer->request(span.tex, span.display)
                                                       : MathRenderer::Formula{MathRenderer::State::Unavailable, {}, {}, 0, {}};
        QString out;
        switch (typeset.state) {
        case MathRenderer::State::Ready:
            f.shown = Formula::Shown::Typeset;
            f.resource = resourceName(f.tex, f.display);
            // A plain alt text: Qt's importer inserts the image once per text callback of the alt,
            // and escapes would split it.
            out = QStringLiteral("![math](%1)").arg(f.resource);
            break;
        case MathRenderer::State::Pending:
            f.shown = Formula::Shown::Pending;
            out = codeSpan(f.source);
            break;
        case MathRenderer::State::Failed:
            f.shown = Formula::Shown::Invalid;
            f.error = typeset.error;
            out = codeSpan(f.source) + QLatin1Char(' ') + kWarning;
            break;
        case MathRenderer::State::Unavailable:
            f.shown = Formula::Shown::Source;
            f.error = typeset.error;
            out = codeSpan(f.source);
            break;
        }
        m_formulas.push_back(f);
        return out;
    });
}

void RichDocument::setLayoutWidth(qreal width)
{
    if (qFuzzyCompare(textWidth(), width))
        return;
    setTextWidth(width);
    fitFormulas();
}

void RichDocument::fitFormulas()
{
    // The room a line has: the text width less the document's margins and a little for the
    // cursor; nested list items have less, which a formula that wide would still overrun a bit.
    const qreal room = textWidth() > 0 ? textWidth() - 2 * documentMargin() - 2 : 0;
    QVector<std::pair<int, QTextImageFormat>> changes;
    for (QTextBlock block = begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid() || !fragment.charFormat().isImageFormat())
                continue;
            QTextImageFormat image = fragment.charFormat().toImageFormat();
            const qreal naturalWidth = image.doubleProperty(NaturalWidthProperty);
            const qreal naturalHeight = image.doubleProperty(NaturalHeightProperty);
            if (naturalWidth <= 0 || naturalHeight <= 0)
                continue;
            const qreal scale = room > 0 && naturalWidth > room ? room / naturalWidth : 1.0;
            if (qFuzzyCompare(image.width(), naturalWidth * scale))
                continue;
            image.setWidth(naturalWidth * scale);
            image.setHeight(naturalHeight * scale);
            changes.push_back({fragment.position(), image});
        }
    for (const auto &[position, image] : std::as_const(changes)) {
        QTextCursor cursor(this);
        cursor.setPosition(position);
        cursor.setPosition(position + 1, QTextCursor::KeepAnchor);
        cursor.setCharFormat(image);
    }
}

void RichDocument::finishLinksAndImages()
{
    struct Change
    {
        int position;
        int length;
        QTextCharFormat format;
        QString replacement; // non-empty: replace the text (an image becomes a link)
    };
    QVector<Change> changes;
    for (QTextBlock block = begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid())
                continue;
            QTextCharFormat format = fragment.charFormat();
            if (format.isImageFormat()) {
                QTextImageFormat image = format.toImageFormat();
                QString tex;
                bool display = false;
                const MathRenderer::Formula typeset = parseResourceName(image.name(), &tex, &display)
                                                          ? MathRenderer::instance()->lookup(tex, display)
                                                          : MathRenderer::Formula{};
                if (typeset.state == MathRenderer::State::Ready) {
                    const auto placed = MathRenderer::placement(typeset, defaultFont());
                    image.setProperty(NaturalWidthProperty, placed.size.width());
                    image.setProperty(NaturalHeightProperty, placed.size.height());
                    image.setWidth(placed.size.width());
                    image.setHeight(placed.size.height());
                    image.setVerticalAlignment(QTextCharFormat::AlignMiddle);
                    for (const Formula &f : std::as_const(m_formulas))
                        if (f.resource == image.name())
                            image.setToolTip(f.source);
                    changes.push_back({fragment.position(), fragment.length(), image, {}});
                } else {
                    // Never loaded: a link to it (opened on a click, if it is http(s)).
                    const QUrl url(image.name());
                    const QString alt = image.property(QTextFormat::ImageAltText).toString();
                    QTextCharFormat link;
                    if (isSafeLink(url) && url.scheme() != QLatin1String("mailto")) {
                        link.setAnchor(true);
                        link.setAnchorHref(url.toString());
                        link.setForeground(m_options.colors.link);
                        link.setFontUnderline(true);
                        link.setToolTip(url.toString());
                    }
                    const QString text = tr("[image: %1]").arg(alt.isEmpty() ? url.fileName() : alt);
                    for (int i = 0; i < fragment.length(); ++i)
                        changes.push_back({fragment.position() + i, 1, link, text});
                }
            } else if (format.isAnchor() && !format.anchorHref().isEmpty()) {
                const QUrl url(format.anchorHref());
                if (isSafeLink(url)) {
                    format.setToolTip(url.toString());
                    format.setFontUnderline(true);
                    format.setForeground(m_options.colors.link);
                } else if (isSectionLink(url)) {
                    format.setToolTip(tr("Go to section: %1").arg(url.fragment().left(200)));
                    format.setFontUnderline(true);
                    format.setForeground(m_options.colors.link);
                } else {
                    format.setToolTip(tr("link not opened (only http, https and mailto are): %1")
                                          .arg(format.anchorHref().left(200)));
                    format.setAnchor(false);
                    format.clearProperty(QTextFormat::AnchorHref);
                    format.setForeground(m_options.colors.text);
                }
                changes.push_back({fragment.position(), fragment.length(), format, {}});
            }
        }
    }
    QTextCursor cursor(this);
    cursor.beginEditBlock();
    std::sort(changes.begin(), changes.end(), [](const Change &a, const Change &b) { return a.position > b.position; });
    for (const Change &c : std::as_const(changes)) {
        cursor.setPosition(c.position);
        cursor.setPosition(c.position + c.length, QTextCursor::KeepAnchor);
        if (c.replacement.isEmpty())
            cursor.setCharFormat(c.format);
        else
            cursor.insertText(c.replacement, c.format);
    }
    cursor.endEditBlock();
}

void RichDocument::highlightCode()
{
    QTextCursor cursor(this);
    cursor.beginEditBlock();
    CodeHighlighter &highlighter = CodeHighlighter::instance();
    for (QTextBlock block = begin(); block.isValid();) {
        if (!isCodeBlock(block)) {
            // Inline code: a tint behind it.
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment f = it.fragment();
                if (f.isValid() && f.charFormat().fontFixedPitch() && !f.charFormat().isImageFormat()) {
                    cursor.setPosition(f.position());
                    cursor.setPosition(f.position() + f.length(), QTextCursor::KeepAnchor);
                    QTextCharFormat tint;
                    tint.setBackground(m_options.colors.inlineCodeBackground);
                    cursor.mergeCharFormat(tint);
                }
            }
            block = block.next();
            continue;
        }
        CodeBlock code;
        code.start = block.position();
        code.language = block.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage);
        QStringList lines;
        QTextBlock last = block;
        for (; block.isValid() && isCodeBlock(block); block = block.next()) {
            lines << block.text();
            last = block;
            QTextBlockFormat tint;
            tint.setBackground(m_options.colors.codeBackground);
            // Qt's importer makes code lines unbreakable; nothing here scrolls sideways (chat rows
            // and preview sections are painted at the view's width), so a long line would be cut.
            tint.setNonBreakableLines(false);
            cursor.setPosition(block.position());
            cursor.mergeBlockFormat(tint);
        }
        // Monospace, whatever the importer chose.
        {
            static const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            QTextCharFormat fixed;
            fixed.setFontFamilies({mono.family(), QStringLiteral("monospace")});
            fixed.setFontFixedPitch(true);
            cursor.setPosition(code.start);
            cursor.setPosition(last.position() + last.length() - 1, QTextCursor::KeepAnchor);
            cursor.mergeCharFormat(fixed);
        }
        code.end = last.position() + last.length() - 1;
        code.code = lines.join(QLatin1Char('\n'));
        code.code.replace(QChar::LineSeparator, QLatin1Char('\n'));
        // A trailing empty line is the fence's, not the code's.
        while (code.code.endsWith(QLatin1Char('\n')))
            code.code.chop(1);
        for (const CodeHighlighter::Span &s : highlighter.highlight(code.code, code.language)) {
            cursor.setPosition(code.start + s.start);
            cursor.setPosition(code.start + s.start + s.length, QTextCursor::KeepAnchor);
            QTextCharFormat f;
            f.setForeground(CodeHighlighter::colorFor(s.element, m_options.colors.dark));
            if (CodeHighlighter::boldFor(s.element))
                f.setFontWeight(QFont::Bold);
            if (CodeHighlighter::italicFor(s.element))
                f.setFontItalic(true);
            cursor.mergeCharFormat(f);
        }
        m_codeBlocks.push_back(code);
    }
    cursor.endEditBlock();
}

void RichDocument::centreDisplayMath()
{
    QTextCursor cursor(this);
    for (QTextBlock block = begin(); block.isValid(); block = block.next()) {
        if (block.length() != 2 || block.text().at(0) != QChar::ObjectReplacementCharacter)
            continue;
        const QTextCharFormat f = block.begin().fragment().charFormat();
        QString tex;
        bool display = false;
        if (f.isImageFormat() && parseResourceName(f.toImageFormat().name(), &tex, &display) && display) {
            cursor.setPosition(block.position());
            QTextBlockFormat centred;
            centred.setAlignment(Qt::AlignHCenter);
            cursor.mergeBlockFormat(centred);
        }
    }
}

QVariant RichDocument::loadResource(int type, const QUrl &name)
{
    // Only this document's formulas: never a file, never the network (QTextDocument's own
    // loadResource would read local files).
    QString tex;
    bool display = false;
    if (type != QTextDocument::ImageResource || !parseResourceName(name.toString(), &tex, &display))
        return {};
    // At the screen's own pixel ratio: an image made for 2x and drawn at 1x loses the thin strokes
    // (an "=" became a "-").
    const qreal dpr = qGuiApp ? std::max<qreal>(1.0, qGuiApp->devicePixelRatio()) : 1.0;
    const QImage image = MathRenderer::instance()->image(tex, display, defaultFont(), m_options.colors.text, dpr);
    return image.isNull() ? QVariant() : QVariant(image);
}

} // namespace collab::richtext
