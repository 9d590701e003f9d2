#pragma once

#include <QString>

namespace collab::cli {

// collab-cli --export-course DIR (docs/cli.md, "The end of a term"): DIR must be empty or not
// exist yet; the course's export zip is downloaded into it and unpacked there (course.json,
// events.jsonl, notes/, channels/, files/), then the zip is removed.

// Why DIR cannot take an export (not a directory, not empty), or empty.
QString exportDirectoryProblem(const QString &dir);

// Unpacks `zipPath` into `dir`. Every entry's name is checked first (relative, no "..", no
// backslash or control characters, at most 100,000 entries): a zip that would write outside
// `dir` is refused whole. Returns the files written, or -1 with `error`.
int unpackExport(const QString &zipPath, const QString &dir, QString *error);

} // namespace collab::cli
