#include "rest/markdownhtml.h"

#include <QRegularExpression>

#include <md4c-html.h>

namespace collab::server {

namespace {
void append(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    static_cast<QByteArray *>(userdata)->append(text, qsizetype(size));
}

bool isSafeHref(const QByteArray &href)
{
    const QByteArray lower = href.toLower();
    return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:");
}

// md4c-html writes every tag itself (the note's own HTML is escaped), so its <a> and <img> tags
// have one known shape.
QByteArray sanitize(const QByteArray &html)
{
    static const QRegularExpression link(QStringLiteral("<a href=\"([^\"]*)\""));
    static const QRegularExpression image(QStringLiteral("<img src=\"([^\"]*)\" alt=\"([^\"]*)\"( title=\"[^\"]*\")?>"));
    static const QRegularExpression equation(QStringLiteral("<x-equation( type=\"display\")?>(.*?)</x-equation>"),
                                             QRegularExpression::DotMatchesEverythingOption);
    QString out = QString::fromUtf8(html);
    QString result;
    qsizetype at = 0;
    for (auto it = link.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        result += QStringView(out).mid(at, m.capturedStart() - at);
        at = m.capturedEnd();
        const QByteArray href = m.captured(1).toUtf8();
        result += isSafeHref(href) ? m.captured(0) + QStringLiteral(" rel=\"nofollow noopener noreferrer\"")
                                   : QStringLiteral("<a title=\"link removed: only http, https and mailto are kept\"");
    }
    result += QStringView(out).mid(at);
    out = result;
    result.clear();
    at = 0;
    for (auto it = image.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        result += QStringView(out).mid(at, m.capturedStart() - at);
        at = m.capturedEnd();
        const QString alt = m.captured(2).isEmpty() ? QStringLiteral("image") : QStringLiteral("image: ") + m.captured(2);
        if (isSafeHref(m.captured(1).toUtf8()))
            result += QStringLiteral("<a href=\"%1\" rel=\"nofollow noopener noreferrer\">[%2]</a>").arg(m.captured(1), alt);
        else
            result += QStringLiteral("[%1]").arg(alt);
    }
    result += QStringView(out).mid(at);
    out = result;
    result.clear();
    at = 0;
    for (auto it = equation.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        result += QStringView(out).mid(at, m.capturedStart() - at);
        at = m.capturedEnd();
        const bool display = !m.captured(1).isEmpty();
        result += display ? QStringLiteral("<span class=\"math display\">\\[%1\\]</span>").arg(m.captured(2))
                          : QStringLiteral("<span class=\"math inline\">\\(%1\\)</span>").arg(m.captured(2));
    }
    result += QStringView(out).mid(at);
    return result.toUtf8();
}
} // namespace

QByteArray noteHtmlContentSecurityPolicy()
{
    return "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
}

QByteArray renderNoteHtml(const QString &title, const QString &markdown)
{
    const QByteArray source = markdown.toUtf8();
    QByteArray body;
    body.reserve(source.size() * 2 + 256);
    md_html(source.constData(), MD_SIZE(source.size()), append, &body,
            MD_DIALECT_GITHUB | MD_FLAG_NOHTML | MD_FLAG_LATEXMATHSPANS, 0);
    QByteArray page;
    page.reserve(body.size() + 1024);
    page += "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"";
    page += noteHtmlContentSecurityPolicy();
    page += "\">\n<title>";
    page += title.toHtmlEscaped().toUtf8();
    page += "</title>\n<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.5}"
            "pre{background:#f3f5f7;padding:.6em;overflow:auto}code{background:#eaeef2}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}"
            ".math{font-family:monospace}</style>\n</head><body>\n";
    page += sanitize(body);
    page += "</body></html>\n";
    return page;
}

} // namespace collab::server
