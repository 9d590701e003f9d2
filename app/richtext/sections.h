#pragma once

#include <QString>
#include <QVector>

namespace collab::richtext {

// One piece of a long Markdown text that renders on its own: it starts at a heading, or at a
// paragraph after a blank line once the piece before is long. Pieces never split a fenced code
// block, a list or a table (they split only before a line that starts at the margin and is no
// list item or table row), so each renders as it would inside the whole text. The note preview
// re-renders only the pieces an edit touched.
struct Section
{
    int start = 0;      // in the text
    int length = 0;
    int firstLine = 0;  // 0-based line of `start`
    int lineCount = 0;
    int headingLevel = 0; // 1-6 when the piece starts with an ATX heading
    QString heading;      // its text
};

QVector<Section> splitSections(const QString &markdown, int linesPerSection = 40);

// The anchor a heading is linked by, as GitHub makes it: lower case, punctuation
// dropped, spaces as '-' ("Week 5 – Consensus!" → "week-5--consensus"), so `[see](#consensus)`
// written for GitHub works here.
QString headingSlug(const QString &heading);
// The text's link reference definitions ("[spec]: https://…", outside code fences), one per line:
// the note preview adds them to every section, so that `[the spec][spec]` resolves in any section
// whichever section defines it (each section is rendered on its own).
QString linkReferenceDefinitions(const QString &markdown);
// The section whose heading has the anchor `slug` (or its "-1", "-2" repeats, in order), or -1.
int sectionOfSlug(const QVector<Section> &sections, const QString &slug);

} // namespace collab::richtext
