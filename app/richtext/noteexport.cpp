#include "noteexport.h"

#include "mathrenderer.h"

#include <QFile>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextFrame>

namespace collab::richtext {

namespace {
RenderOptions exportOptions()
{
    RenderOptions o;
    o.limits = RenderLimits::forNote();
    o.colors = RenderColors::light(); // paper is white whatever the screen's theme
    return o;
}

QFont exportFont()
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(11);
    return f;
}
} // namespace

bool NoteExport::parseFormat(const QString &name, Format *format)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("md") || n == QLatin1String("markdown"))
        *format = Format::Markdown;
    else if (n == QLatin1String("html"))
        *format = Format::Html;
    else if (n == QLatin1String("pdf"))
        *format = Format::Pdf;
    else
        return false;
    return true;
}

NoteExport::NoteExport(QString title, QString markdown, QObject *parent)
    : QObject(parent), m_title(std::move(title)), m_markdown(std::move(markdown)), m_document(std::make_unique<RichDocument>())
{
    m_document->setDefaultFont(exportFont());
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        // What is still being typeset goes out as TeX source.
        RenderOptions o = exportOptions();
        o.typesetMath = false;
        m_document->render(m_markdown, o);
        m_ready = true;
        Q_EMIT ready();
    });
}

NoteExport::~NoteExport() = default;

void NoteExport::prepare(int mathTimeoutMs)
{
    m_ready = false;
    m_timeout.start(mathTimeoutMs);
    connect(MathRenderer::instance(), &MathRenderer::typeset, this, &NoteExport::render, Qt::UniqueConnection);
    render();
}

void NoteExport::render()
{
    if (m_ready)
        return;
    m_document->render(m_markdown, exportOptions());
    if (m_document->pendingFormulas() > 0)
        return; // again on MathRenderer::typeset
    m_timeout.stop();
    m_ready = true;
    Q_EMIT ready();
}

QByteArray NoteExport::html() const
{
    m_document->setMetaInformation(QTextDocument::DocumentTitle, m_title);
    QString html = m_document->toHtml();
    // Each formula's picture inline, as SVG in a data: URL, sized and set on the baseline as
    // MathJax measured it.
    static const QRegularExpression image(QStringLiteral("<img src=\"(math:[^\"]*)\"[^>]*/>"));
    MathRenderer *renderer = MathRenderer::instance();
    QString out;
    qsizetype at = 0;
    for (auto it = image.globalMatch(html); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(html).mid(at, m.capturedStart() - at);
        at = m.capturedEnd();
        QString tex;
        bool display = false;
        if (!RichDocument::parseResourceName(m.captured(1), &tex, &display))
            continue;
        const QString source = display ? QStringLiteral("$$%1$$").arg(tex) : QStringLiteral("$%1$").arg(tex);
        const MathRenderer::Formula typeset = renderer->lookup(tex, display);
        const QByteArray svg = renderer->svg(tex, display, RenderColors::light().text);
        if (svg.isEmpty()) {
            out += QStringLiteral("<code>%1</code>").arg(source.toHtmlEscaped());
            continue;
        }
        // Sized in em, so the formula scales with the reader's font like the text around it.
        out += QStringLiteral("<img alt=\"%1\" style=\"width:%2em;height:%3em;vertical-align:-%4em\" "
                              "src=\"data:image/svg+xml;base64,%5\" />")
                   .arg(source.toHtmlEscaped())
                   .arg(typeset.sizeEm.width(), 0, 'f', 3)
                   .arg(typeset.sizeEm.height(), 0, 'f', 3)
                   .arg(typeset.depthEm, 0, 'f', 3)
                   .arg(QString::fromLatin1(svg.toBase64()));
    }
    out += QStringView(html).mid(at);
    return out.toUtf8();
}

bool NoteExport::writePdf(const QString &path, QString *error) const
{
    // Formulas as resources of the document (print() lays out a copy, which keeps explicitly added
    // resources), at print resolution.
    const QFont font = m_document->defaultFont();
    for (int i = 0; i < m_document->formulas().size(); ++i) {
        const RichDocument::Formula &f = m_document->formulas().at(i);
        const QImage image = MathRenderer::instance()->image(f.tex, f.display, font, RenderColors::light().text, 6.0);
        if (!image.isNull())
            m_document->addResource(QTextDocument::ImageResource, QUrl(f.resource), image);
    }
    QPdfWriter writer(path);
    writer.setTitle(m_title);
    writer.setCreator(QStringLiteral("CourseCollab"));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
    m_document->print(&writer);
    if (!QFile::exists(path) || QFile(path).size() == 0) {
        *error = tr("could not write %1").arg(path);
        return false;
    }
    return true;
}

bool NoteExport::write(Format format, const QString &path, QString *error) const
{
    if (format == Format::Pdf)
        return writePdf(path, error);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(format == Format::Markdown ? markdown() : html());
    if (!file.commit()) {
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace collab::richtext
