#pragma once

#include <QByteArray>
#include <QString>

namespace collab::server {

// A note's Markdown as a standalone HTML page for GET …/notes/{note}?format=html, rendered with
// md4c-html (Debian's libmd4c-html0: plain C, no display, linear in the input), GitHub dialect
// (tables, strikethrough, task lists, autolinks). Safe to open in a browser:
// - raw HTML in the note is escaped, never passed through (MD_FLAG_NOHTML);
// - links keep their target only for http, https and mailto; images are not embedded: each
//   becomes a link to it ("[image: alt]"), so opening the page fetches nothing;
// - the page carries a Content-Security-Policy that forbids every fetch and every script.
// Math is not typeset on the server (no JS engine there): `$…$` / `$$…$$` come out as their TeX
// source in <span class="math inline|display"> (\(…\) / \[…\]), ready for a MathJax or KaTeX
// the reader adds; the desktop app's and collab-cli's exports typeset it.
QByteArray renderNoteHtml(const QString &title, const QString &markdown);

// The policy sent with that page (also as a response header).
QByteArray noteHtmlContentSecurityPolicy();

} // namespace collab::server
