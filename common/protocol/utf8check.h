#pragma once

#include <QByteArray>

namespace collab {

// The offset of the first byte of `bytes` that is not part of a well-formed UTF-8 sequence (no
// overlong forms, no surrogates, nothing above U+10FFFF), or -1 if all of it is UTF-8. Files from
// spreadsheets (a roster in Latin-1) are checked with it, so the error can name the row.
qsizetype firstInvalidUtf8(const QByteArray &bytes);

} // namespace collab
