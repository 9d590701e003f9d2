#include "noteeditor.h"

#include "usercolors.h"

#include "client/sharednote.h"

#include <QDateTime>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>

namespace collab::desktop {

namespace {

// QTextDocument keeps paragraph and line separators and non-breaking spaces; the note's text
// has plain newlines and spaces, one unit for one unit, so positions stay the same.
QString toPlain(QString s)
{
    for (QChar &c : s) {
        if (c == QChar::ParagraphSeparator || c == QChar::LineSeparator || c == QChar(0xfdd0) || c == QChar(0xfdd1))
            c = QLatin1Char('\n');
        else if (c == QChar::Nbsp)
            c = QLatin1Char(' ');
    }
    return s;
}

// Where a position ends up after a delta: positions before the change (and at it) stay, positions
// after it shift, positions inside removed text move to where it was.
int transform(int p, const crdt::TextDelta &d)
{
    if (p <= d.position)
        return p;
    if (p < d.position + d.removed)
        return d.position;
    return p - d.removed + int(d.inserted.size());
}

} // namespace

NoteEditor::NoteEditor(client::SharedNote *note, QWidget *parent) : QPlainTextEdit(parent), m_note(note)
{
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setTabChangesFocus(false);
    m_shadow = note->text();
    setPlainText(m_shadow);
    connect(document(), &QTextDocument::contentsChange, this, &NoteEditor::onContentsChange);
    connect(note, &client::SharedNote::remoteChange, this, &NoteEditor::onRemoteChange);
    connect(note, &client::SharedNote::textReset, this, &NoteEditor::onTextReset);
    m_expiry.setInterval(1000);
    connect(&m_expiry, &QTimer::timeout, this, &NoteEditor::expireMarks);
}

void NoteEditor::setHighlightDurations(int recentTextMs, int cursorMs)
{
    m_recentMs = recentTextMs;
    m_cursorMs = cursorMs;
}

int NoteEditor::remoteCursorPosition(const QString &user) const
{
    const auto it = m_marks.constFind(user);
    return it == m_marks.cend() ? -1 : it->caret;
}

QString NoteEditor::documentSlice(int position, int length) const
{
    if (length <= 0)
        return {};
    QTextCursor c(document());
    c.setPosition(position);
    c.setPosition(position + length, QTextCursor::KeepAnchor);
    return toPlain(c.selectedText());
}

void NoteEditor::onContentsChange(int position, int removed, int added)
{
    if (m_applyingRemote)
        return;
    // QTextDocument sometimes reports more than changed (the whole block, or the final
    // separator): reduce the report to the units that really differ from the shadow.
    const int newLength = document()->characterCount() - 1;
    const int oldLength = int(m_shadow.size());
    const int oldCount = std::min(removed, oldLength - position);
    const int newCount = oldCount + (newLength - oldLength);
    if (position < 0 || position > oldLength || oldCount < 0 || newCount < 0 || position + newCount > newLength) {
        resyncFromDocument();
        return;
    }
    Q_UNUSED(added);
    QString oldText = m_shadow.mid(position, oldCount);
    QString newText = documentSlice(position, newCount);
    int start = 0;
    while (start < oldText.size() && start < newText.size() && oldText.at(start) == newText.at(start))
        ++start;
    int endOld = int(oldText.size());
    int endNew = int(newText.size());
    while (endOld > start && endNew > start && oldText.at(endOld - 1) == newText.at(endNew - 1)) {
        --endOld;
        --endNew;
    }
    if (start == endOld && start == endNew)
        return; // a format-only change
    // Never cut a surrogate pair: widen the changed range to whole pairs.
    while (start > 0 && oldText.at(start - 1).isHighSurrogate())
        --start;
    while (endOld < oldText.size() && oldText.at(endOld).isLowSurrogate()) {
        ++endOld;
        ++endNew;
    }
    const int at = position + start;
    bool ok = true;
    if (endOld > start)
        ok = m_note->remove(at, endOld - start);
    if (ok && endNew > start)
        ok = m_note->insert(at, newText.mid(start, endNew - start));
    m_shadow.replace(position, oldCount, newText);
    moveCarets(crdt::TextDelta{at, endOld - start, newText.mid(start, endNew - start)}, QString());
    if (!ok || m_shadow.size() != m_note->length()) {
        resyncFromDocument();
        return;
    }
    Q_EMIT locallyEdited();
}

void NoteEditor::resyncFromDocument()
{
    // Out of step (should not happen): make the note match what the user sees.
    const QString shown = toPlain(document()->toRawText());
    const QString known = m_note->text();
    int start = 0;
    while (start < shown.size() && start < known.size() && shown.at(start) == known.at(start))
        ++start;
    int endShown = int(shown.size());
    int endKnown = int(known.size());
    while (endShown > start && endKnown > start && shown.at(endShown - 1) == known.at(endKnown - 1)) {
        --endShown;
        --endKnown;
    }
    if (endKnown > start)
        m_note->remove(start, endKnown - start);
    if (endShown > start)
        m_note->insert(start, shown.mid(start, endShown - start));
    m_shadow = m_note->text();
    if (m_shadow != shown) {
        // The note refused the edit: show the note's text instead.
        onTextReset(m_shadow);
    }
}

void NoteEditor::onRemoteChange(const QVector<crdt::TextDelta> &deltas, const QString &user)
{
    applyDeltas(deltas, user);
}

void NoteEditor::onTextReset(const QString &text)
{
    // A snapshot replaced the note: patch only what differs, so the cursor keeps its place.
    const QString current = m_shadow;
    int start = 0;
    while (start < current.size() && start < text.size() && current.at(start) == text.at(start))
        ++start;
    int endOld = int(current.size());
    int endNew = int(text.size());
    while (endOld > start && endNew > start && current.at(endOld - 1) == text.at(endNew - 1)) {
        --endOld;
        --endNew;
    }
    if (start == endOld && start == endNew)
        return;
    applyDeltas({crdt::TextDelta{start, endOld - start, text.mid(start, endNew - start)}}, QString());
}

void NoteEditor::applyDeltas(const QVector<crdt::TextDelta> &deltas, const QString &user)
{
    QTextCursor mine = textCursor();
    int anchor = mine.anchor();
    int position = mine.position();
    const int scroll = verticalScrollBar()->value();
    m_applyingRemote = true;
    QTextCursor c(document());
    c.beginEditBlock();
    for (const crdt::TextDelta &d : deltas) {
        c.setPosition(d.position);
        if (d.removed > 0)
            c.setPosition(d.position + d.removed, QTextCursor::KeepAnchor);
        if (d.inserted.isEmpty())
            c.removeSelectedText();
        else
            c.insertText(d.inserted);
        m_shadow.replace(d.position, d.removed, d.inserted);
        anchor = transform(anchor, d);
        position = transform(position, d);
        moveCarets(d, user);
        if (!user.isEmpty())
            markAuthor(user, d);
    }
    c.endEditBlock();
    m_applyingRemote = false;
    mine = textCursor();
    if (mine.anchor() != anchor || mine.position() != position) {
        mine.setPosition(anchor);
        mine.setPosition(position, QTextCursor::KeepAnchor);
        setTextCursor(mine);
    }
    verticalScrollBar()->setValue(scroll);
    // Undo would replay positions from before the remote change: keep undo to local runs.
    document()->clearUndoRedoStacks();
    refreshSelections();
}

void NoteEditor::markAuthor(const QString &user, const crdt::TextDelta &d)
{
    Mark &m = m_marks[user];
    if (!m.color.isValid()) {
        m.color = userColor(user);
        m.recent = QTextCursor(document());
    }
    const int end = d.position + int(d.inserted.size());
    m.caret = end;
    if (!d.inserted.isEmpty()) {
        // The document moved the selection's end along if they typed right at it.
        const bool continues = m.recent.hasSelection()
            && (m.recent.selectionEnd() == d.position || m.recent.selectionEnd() == end)
            && m.recent.selectionStart() <= d.position;
        const int from = continues ? m.recent.selectionStart() : d.position;
        m.recent.setPosition(from);
        m.recent.setPosition(end, QTextCursor::KeepAnchor);
    }
    m.lastMs = QDateTime::currentMSecsSinceEpoch();
    if (!m_expiry.isActive())
        m_expiry.start();
}

void NoteEditor::moveCarets(const crdt::TextDelta &delta, const QString &except)
{
    for (auto it = m_marks.begin(); it != m_marks.end(); ++it)
        if (it.key() != except)
            it->caret = std::min(transform(it->caret, delta), int(m_shadow.size()));
}

void NoteEditor::refreshSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Mark &m : std::as_const(m_marks)) {
        if (!m.recent.hasSelection() || now - m.lastMs > m_recentMs)
            continue;
        QTextEdit::ExtraSelection s;
        s.cursor = m.recent;
        QColor tint = m.color;
        tint.setAlpha(70);
        s.format.setBackground(tint);
        selections << s;
    }
    setExtraSelections(selections);
    viewport()->update();
}

void NoteEditor::expireMarks()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_marks.begin(); it != m_marks.end();) {
        if (now - it->lastMs > m_cursorMs)
            it = m_marks.erase(it);
        else
            ++it;
    }
    if (m_marks.isEmpty())
        m_expiry.stop();
    refreshSelections();
}

void NoteEditor::paintEvent(QPaintEvent *event)
{
    QPlainTextEdit::paintEvent(event);
    if (m_marks.isEmpty())
        return;
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing);
    QFont label = font();
    label.setPointSizeF(label.pointSizeF() * 0.75);
    label.setBold(true);
    const QFontMetrics lfm(label);
    p.setFont(label);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_marks.cbegin(); it != m_marks.cend(); ++it) {
        QTextCursor at(document());
        at.setPosition(std::min(it->caret, document()->characterCount() - 1));
        const QRect r = cursorRect(at);
        if (!viewport()->rect().intersects(r.adjusted(-2, -lfm.height(), 2, 0)))
            continue;
        p.fillRect(QRect(r.left(), r.top(), 2, r.height()), it->color);
        if (now - it->lastMs > m_flagMs)
            continue;
        // While they type, the author's name in a small flag above their cursor.
        const QString name = it.key();
        QRect flag(r.left(), std::max(0, r.top() - lfm.height() - 1), lfm.horizontalAdvance(name) + 8,
                   lfm.height() + 1);
        if (flag.right() > viewport()->width() - 2)
            flag.moveRight(viewport()->width() - 2);
        p.setPen(Qt::NoPen);
        p.setBrush(it->color);
        p.drawRoundedRect(flag, 3, 3);
        p.setPen(Qt::white);
        p.drawText(flag, Qt::AlignCenter, name);
    }
}

} // namespace collab::desktop
