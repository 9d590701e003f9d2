#pragma once

#include "renderlimits.h"

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QTextDocument>
#include <QTextFormat>
#include <QUrl>
#include <QVector>

namespace collab::richtext {

// The colours a rendered text uses. Taken from the palette it is shown on (fromPalette: a dark
// theme gets light text, dark code tints and a highlighting scheme for dark backgrounds), or the
// fixed light scheme of exported files (light()).
struct RenderColors
{
    QColor text = QColor(0x1f, 0x23, 0x28); // math is inked in it too
    QColor link = QColor(0x09, 0x69, 0xda);
    QColor muted = QColor(0x80, 0x80, 0x80); // notes such as "shown as plain text"
    QColor codeBackground = QColor(0xf3, 0xf5, 0xf7);
    QColor inlineCodeBackground = QColor(0xea, 0xee, 0xf2);
    bool dark = false; // the code highlighting scheme

    static RenderColors light() { return {}; }
    static RenderColors fromPalette(const QPalette &palette);
};

// How a Markdown text is rendered: its limits, its colours, and whether formulas are typeset (the
// MathRenderer) or left as TeX source.
struct RenderOptions
{
    RenderLimits limits = RenderLimits::forChat();
    RenderColors colors;
    bool typesetMath = true;
};

// A Markdown text rendered for display: Qt's Markdown importer (md4c, GitHub dialect: tables,
// strikethrough, task lists, autolinks) with raw HTML shown as text, then made safe and finished:
// - links other than http(s), mailto and a heading of the same text ("#consensus") lose their
//   target (the text stays); the others keep it as a tooltip, so the target shows before a click;
// - images are never loaded: each becomes a link saying "image: …" (opened only on a click);
//   loadResource() serves nothing but this document's own typeset formulas (no file, no network);
// - fenced code is highlighted (CodeHighlighter) on a tinted background;
// - `$…$`, `$$…$$`, `\(…\)`, `\[…\]` become typeset formulas, or their source in code style while
//   being typeset, or their source marked ⚠ when the TeX is invalid;
// - input past the RenderLimits is shown as plain text with a note saying why.
class RichDocument : public QTextDocument
{
    Q_OBJECT
public:
    struct Formula
    {
        QString tex;
        bool display = false;
        QString source; // with its delimiters, as written
        QString resource; // the image's name when typeset (resourceName())
        enum class Shown { Typeset, Pending, Invalid, Source } shown = Shown::Source;
        QString error;
    };
    struct CodeBlock
    {
        int start = 0; // document positions
        int end = 0;
        QString language;
        QString code;
    };

    explicit RichDocument(QObject *parent = nullptr);

    void render(const QString &markdown, const RenderOptions &options = {});
    // setTextWidth() that also fits the typeset formulas: one wider than the text is scaled down
    // to it (a display formula in a narrow chat column would otherwise be cut off at the edge).
    void setLayoutWidth(qreal width);
    QString source() const { return m_source; }
    // Why the text is shown plain (past the limits), or empty.
    QString plainReason() const { return m_plainReason; }
    const QVector<Formula> &formulas() const { return m_formulas; }
    int pendingFormulas() const;
    const QVector<CodeBlock> &codeBlocks() const { return m_codeBlocks; }
    // The code block at a document position, or null.
    const CodeBlock *codeBlockAt(int position) const;

    static bool isSafeLink(const QUrl &url);
    // A link to a heading of the same note, "#consensus": kept (it fetches nothing and opens no
    // browser); the note preview jumps to that section. Anything else without a scheme is not.
    static bool isSectionLink(const QUrl &url);
    // The name a typeset formula's image has: "math:" + D (displayed) or I (inline) + the TeX in
    // base64url. Self-describing, so that any RichDocument (a preview made of several, a copy made
    // for printing) can load it.
    static QString resourceName(const QString &tex, bool display);
    static bool parseResourceName(const QString &name, QString *tex, bool *display);

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    // A typeset formula's size before fitFormulas() scaled it (QTextImageFormat properties).
    static constexpr int NaturalWidthProperty = QTextFormat::UserProperty + 0x4d01;
    static constexpr int NaturalHeightProperty = QTextFormat::UserProperty + 0x4d02;

    QString substituteMath(const QString &markdown);
    void finishLinksAndImages();
    // Sets each formula's size: its natural size, scaled down to the text width if wider.
    void fitFormulas();
    void highlightCode();
    void centreDisplayMath();

    QString m_source;
    QString m_plainReason;
    RenderOptions m_options;
    QVector<Formula> m_formulas;
    QVector<CodeBlock> m_codeBlocks;
};

} // namespace collab::richtext
