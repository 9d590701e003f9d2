#pragma once

#include "richdocument.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace collab::richtext {

// Exports a note's Markdown source as Markdown (the source itself), self-contained HTML (math as
// inline SVG, code highlighted, no external reference: remote images become links) or PDF
// (QPdfWriter; text stays text, so pdftotext finds it). Rendering waits for the MathRenderer to
// typeset the note's formulas (at most `mathTimeoutMs`; a formula it could not typeset is exported
// as its TeX source, marked).
class NoteExport : public QObject
{
    Q_OBJECT
public:
    enum class Format { Markdown, Html, Pdf };
    static bool parseFormat(const QString &name, Format *format); // md|markdown, html, pdf

    explicit NoteExport(QString title, QString markdown, QObject *parent = nullptr);
    ~NoteExport() override;

    // Renders (asynchronously when there is math to typeset), then emits ready().
    void prepare(int mathTimeoutMs = 30000);
    bool isReady() const { return m_ready; }
    RichDocument *document() const { return m_document.get(); }

    QByteArray markdown() const { return m_markdown.toUtf8(); }
    QByteArray html() const;
    // Writes `format` to `path`; false with `error` set on failure.
    bool write(Format format, const QString &path, QString *error) const;

Q_SIGNALS:
    void ready();

private:
    void render();
    bool writePdf(const QString &path, QString *error) const;

    QString m_title;
    QString m_markdown;
    std::unique_ptr<RichDocument> m_document;
    QTimer m_timeout;
    bool m_ready = false;
};

} // namespace collab::richtext
