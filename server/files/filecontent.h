#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace collab::server {

// What the server believes about an uploaded file: its type from its first bytes (never the
// client's Content-Type, which anyone can set), and a name that is safe to show and to put in a
// Content-Disposition header (docs/security.md, "Files").
namespace filecontent {

// The media type of `bytes` by their signature: image/png, image/jpeg, image/gif, image/webp,
// application/pdf, application/zip, application/gzip, text/plain (valid UTF-8 without NUL or
// other controls than tab, CR, LF, FF) or application/octet-stream. Nothing is decoded.
QByteArray sniffType(QByteArrayView bytes);

// The types a client may show inline as an image (decoded by the client, with its own limits).
// SVG is never one: it is text (a document that can carry script), served as an attachment.
bool isInlineImage(QByteArrayView type);

// The longest file name kept, in UTF-8 bytes (most file systems' limit).
constexpr int MaxNameBytes = 255;

// The name from an X-File-Name header: percent-encoded UTF-8 (RFC 3986; plain ASCII needs no
// encoding), trimmed. Refused with a clear error, never silently changed: not UTF-8, empty, "."
// or "..", a "/" or "\" (a path, not a name), control or format characters (C0, DEL, C1, bidi
// overrides such as U+202E that make "exe.pdf" read "fdp.exe"): 400 invalid_value; over
// MaxNameBytes: 413 too_large. An absent header names the file "file".
Result<QString> nameFromHeader(const QByteArray &header);

// `name` as the filename parameters of a Content-Disposition (RFC 6266): an ASCII fallback with
// anything else replaced by "_", and filename* with the UTF-8 name percent-encoded.
QByteArray contentDisposition(bool inlineImage, const QString &name);

} // namespace filecontent

} // namespace collab::server
