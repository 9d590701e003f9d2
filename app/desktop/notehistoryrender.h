#pragma once

#include <QColor>
#include <QJsonArray>
#include <QList>
#include <QPalette>
#include <QString>

class QTextDocument;

namespace collab::desktop {

// The colours of a diff's lines on this palette: a green and a red wash over the base colour, light
// enough in a light theme and dark enough in a dark one that the palette's text colour keeps
// WCAG AA contrast (4.5:1) on them. The lines also carry "+" / "−" so colour is never the only sign.
struct DiffColors
{
    QColor added;
    QColor removed;
    QColor text;    // the palette's text colour, on both
    QColor context; // unchanged lines and headers: the palette's secondary text
};
DiffColors diffColors(const QPalette &palette);

// Writes a note.diff answer's `hunks` into `doc` as a unified diff: a "line N" header per hunk,
// up to `contextLines` unchanged lines around it (taken from `text`, which is the text at the
// `from` end when `textIsFrom`, else at the `to` end), removed lines "− …" on red, added "+ …" on
// green. An empty list says there is no difference.
void renderDiff(QTextDocument *doc, const QJsonArray &hunks, const QString &text, bool textIsFrom, const QPalette &palette,
                int contextLines = 2);

// How much of the text one author wrote (UTF-16 units).
struct AuthorShare
{
    QString user;
    int length = 0;
    QColor tint;
};
// Writes `text` into `doc` with each note.authors span washed in its author's colour and the
// author's name as the span's tooltip (QTextCharFormat::toolTip). Returns the authors, most text first.
QList<AuthorShare> renderAuthors(QTextDocument *doc, const QString &text, const QJsonArray &spans, const QPalette &palette);

} // namespace collab::desktop
