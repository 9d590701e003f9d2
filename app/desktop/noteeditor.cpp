#include "noteeditor.h"

#include "usercolors.h"

#include "client/noteundo.h"
#include "client/sharednote.h"

#include <QDateTime>
#include <QKeyEvent>
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

NoteEditor::NoteEditor(client::SharedNote *note, QWidget *parent)
    : QPlainTextEdit(parent), m_note(note), m_undo(new client::NoteUndo(note, this))
{
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setTabChangesFocus(false);
    // QTextDocument's undo replays positions from before other people's edits: ours is by id.
    setUndoRedoEnabled(false);
    m_shadow = note->text();
    setPlainText(m_shadow);
    connect(document(), &QTextDocument::contentsChange, this, &NoteEditor::onContentsChange);
    connect(note, &client::SharedNote::remoteChange, this, &NoteEditor::onRemoteChange);
    connect(note, &client::SharedNote::textReset, this, &NoteEditor::onTextReset);
    connect(note, &client::SharedNote::remoteOperations, this, &NoteEditor::rememberOperations);
    // Tints are computed for the lines on screen only.
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &NoteEditor::refreshSelections);
    m_expiry.setInterval(100); // label fades, tint and caret expiry
    connect(&m_expiry, &QTimer::timeout, this, &NoteEditor::expireMarks);
}

void NoteEditor::setHighlightDurations(int recentTextMs, int cursorMs)
{
    m_recentMs = recentTextMs;
    m_cursorMs = cursorMs;
}

bool NoteEditor::event(QEvent *event)
{
    // Ctrl+Tab would reach the tab widget (next note) or be eaten as text: it leaves the editor.
    // Ctrl+K is the quick switcher, not "delete to the end of the line".
    if (event->type() == QEvent::ShortcutOverride && static_cast<QKeyEvent *>(event)->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_K)) {
        event->ignore();
        return true;
    }
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab) && (key->modifiers() & Qt::ControlModifier)) {
            Q_EMIT leaveRequested(key->key() == Qt::Key_Tab && !(key->modifiers() & Qt::ShiftModifier));
            return true;
        }
    }
    return QPlainTextEdit::event(event);
}

void NoteEditor::keyPressEvent(QKeyEvent *event)
{
    if (event == QKeySequence::Undo) {
        undoOwnEdit();
        return;
    }
    if (event == QKeySequence::Redo || (event->key() == Qt::Key_Z && event->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier))) {
        redoOwnEdit();
        return;
    }
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        Q_EMIT leaveRequested(true);
        return;
    }
    if (event->key() == Qt::Key_Tab && event->modifiers() == Qt::NoModifier) {
        indent(false);
        return;
    }
    switch (event->key()) { // moving elsewhere ends the typing burst: undo stops there
    case Qt::Key_Left: case Qt::Key_Right: case Qt::Key_Up: case Qt::Key_Down:
    case Qt::Key_Home: case Qt::Key_End: case Qt::Key_PageUp: case Qt::Key_PageDown:
        m_undo->closeStep();
        break;
    default:
        break;
    }
    if (event->key() == Qt::Key_Backtab) {
        indent(true);
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void NoteEditor::mousePressEvent(QMouseEvent *event)
{
    m_undo->closeStep();
    QPlainTextEdit::mousePressEvent(event);
}

void NoteEditor::undoOwnEdit()
{
    if (!isReadOnly())
        showOwnDeltas(m_undo->undo());
}

void NoteEditor::redoOwnEdit()
{
    if (!isReadOnly())
        showOwnDeltas(m_undo->redo());
}

// The note already has these edits (undo made them): the widget shows them, and the cursor goes
// where the last one was, as after any undo.
void NoteEditor::showOwnDeltas(const QVector<crdt::TextDelta> &deltas)
{
    if (deltas.isEmpty())
        return;
    applyDeltas(deltas, QString());
    QTextCursor c = textCursor();
    c.setPosition(std::min(deltas.last().position + int(deltas.last().inserted.size()), document()->characterCount() - 1));
    setTextCursor(c);
    ensureCursorVisible();
    if (m_shadow != m_note->text()) // should not happen: never leave the two apart
        onTextReset(m_note->text());
    Q_EMIT locallyEdited();
}

// Tab: four spaces at the cursor, or before every selected line; Shift+Tab takes up to four
// leading spaces off the current or selected lines. Markdown lists nest by indentation.
void NoteEditor::indent(bool outdent)
{
    if (isReadOnly())
        return;
    QTextCursor c = textCursor();
    const QString unit = QStringLiteral("    ");
    if (!outdent && !c.hasSelection()) {
        c.insertText(unit);
        return;
    }
    QTextBlock first = document()->findBlock(c.selectionStart());
    const QTextBlock last = document()->findBlock(c.hasSelection() && c.selectionEnd() > c.selectionStart()
                                                      ? c.selectionEnd() - 1 : c.selectionEnd());
    QTextCursor edit(document());
    edit.beginEditBlock();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        edit.setPosition(b.position());
        if (outdent) {
            int spaces = 0;
            while (spaces < 4 && spaces < b.text().size() && b.text().at(spaces) == QLatin1Char(' '))
                ++spaces;
            edit.setPosition(b.position() + spaces, QTextCursor::KeepAnchor);
            edit.removeSelectedText();
        } else {
            edit.insertText(unit);
        }
        if (b == last)
            break;
    }
    edit.endEditBlock();
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
    // The tints' cursors would stretch over what we typed at their edge: recompute them by id.
    if (!m_marks.isEmpty())
        refreshSelections();
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
    refreshSelections();
}

void NoteEditor::markAuthor(const QString &user, const crdt::TextDelta &d)
{
    Mark &m = m_marks[user];
    m.caret = d.position + int(d.inserted.size());
    m.lastMs = QDateTime::currentMSecsSinceEpoch();
    if (!m_expiry.isActive())
        m_expiry.start();
}

// The units each remote author inserted, by id: their tint follows the text wherever it moves and
// never spreads to text typed next to it by someone else (the local user included).
void NoteEditor::rememberOperations(const QVector<crdt::Operation> &ops, const QString &user)
{
    if (user.isEmpty())
        return;
    Mark &m = m_marks[user];
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const crdt::Operation &op : ops) {
        if (!op.isInsert())
            continue;
        const crdt::IdRange ids{op.id.replica, op.id.counter, quint32(op.text.size())};
        if (!m.recent.isEmpty() && m.recent.last().ids.replica == ids.replica
            && m.recent.last().ids.counter + m.recent.last().ids.length == ids.counter) {
            m.recent.last().ids.length += ids.length; // typing on: one range
            m.recent.last().ms = now;
        } else {
            m.recent.append(RecentText{ids, now});
        }
    }
    while (m.recent.size() > 64)
        m.recent.removeFirst();
    m.lastMs = now;
    if (!m_expiry.isActive())
        m_expiry.start();
    refreshSelections();
}

QColor NoteEditor::colorOf(const QString &user) const
{
    return userColor(user, palette().color(QPalette::Base));
}

QString NoteEditor::tintedAuthorAt(int position) const
{
    const QList<QTextEdit::ExtraSelection> selections = extraSelections();
    for (int i = 0; i < selections.size() && i < m_tintAuthors.size(); ++i)
        if (position >= selections.at(i).cursor.selectionStart() && position < selections.at(i).cursor.selectionEnd())
            return m_tintAuthors.at(i);
    return {};
}

qreal NoteEditor::labelOpacity(const QString &user) const
{
    const auto it = m_marks.constFind(user);
    if (it == m_marks.cend())
        return 0;
    const qint64 idle = QDateTime::currentMSecsSinceEpoch() - it->lastMs;
    if (idle <= m_flagMs)
        return 1;
    return std::max<qreal>(0, 1 - qreal(idle - m_flagMs) / kFadeMs);
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
    m_tintAuthors.clear();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Only while the editor shows exactly the note's text (not during a reload).
    const bool inStep = !m_note->isReloading() && m_shadow.size() == m_note->length();
    bool anyRecent = false;
    for (auto it = m_marks.cbegin(); inStep && it != m_marks.cend(); ++it)
        for (const RecentText &r : it->recent)
            anyRecent = anyRecent || now - r.ms <= m_recentMs;
    if (anyRecent) {
        // The units on screen, by author, matched against each author's recent ids.
        const int from = cursorForPosition(QPoint(0, 0)).position();
        const int to = std::min(int(m_shadow.size()),
                                cursorForPosition(QPoint(viewport()->width(), viewport()->height())).position() + 1);
        const QVector<crdt::AuthorSpan> spans = m_note->document().authorSpans(from, to);
        for (auto it = m_marks.cbegin(); it != m_marks.cend(); ++it) {
            QColor tint = colorOf(it.key());
            tint.setAlpha(70);
            for (const RecentText &r : it->recent) {
                if (now - r.ms > m_recentMs)
                    continue;
                for (const crdt::AuthorSpan &span : spans) {
                    if (span.first.replica != r.ids.replica)
                        continue;
                    const quint32 lo = std::max(span.first.counter, r.ids.counter);
                    const quint32 hi = std::min(span.first.counter + quint32(span.length), r.ids.counter + r.ids.length);
                    if (lo >= hi)
                        continue;
                    QTextEdit::ExtraSelection s;
                    s.cursor = QTextCursor(document());
                    s.cursor.setPosition(span.position + int(lo - span.first.counter));
                    s.cursor.setPosition(span.position + int(hi - span.first.counter), QTextCursor::KeepAnchor);
                    s.format.setBackground(tint);
                    selections << s;
                    m_tintAuthors << it.key();
                }
            }
        }
    }
    setExtraSelections(selections);
    viewport()->update();
}

void NoteEditor::expireMarks()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool changed = false;
    for (auto it = m_marks.begin(); it != m_marks.end();) {
        const auto stale = std::remove_if(it->recent.begin(), it->recent.end(),
                                          [&](const RecentText &r) { return now - r.ms > m_recentMs; });
        changed = changed || stale != it->recent.end();
        it->recent.erase(stale, it->recent.end());
        if (now - it->lastMs > m_cursorMs) {
            it = m_marks.erase(it);
            changed = true;
        } else {
            ++it;
        }
    }
    if (m_marks.isEmpty())
        m_expiry.stop();
    if (changed)
        refreshSelections();
    else
        viewport()->update(); // labels fading
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
    for (auto it = m_marks.cbegin(); it != m_marks.cend(); ++it) {
        QTextCursor at(document());
        at.setPosition(std::min(it->caret, document()->characterCount() - 1));
        const QRect r = cursorRect(at);
        if (!viewport()->rect().intersects(r.adjusted(-2, -lfm.height(), 2, 0)))
            continue;
        const QColor color = colorOf(it.key());
        p.fillRect(QRect(r.left(), r.top(), 2, r.height()), color);
        const qreal opacity = labelOpacity(it.key());
        if (opacity <= 0)
            continue;
        // While they type, the author's name sits above their line (below it on the first line
        // on screen) and fades out once they pause: it never stays over the text.
        const QString name = it.key();
        const int h = lfm.height() + 1;
        QRect flag(r.left(), r.top() - h, lfm.horizontalAdvance(name) + 8, h);
        if (flag.top() < 0)
            flag.moveTop(r.bottom() + 1);
        if (flag.right() > viewport()->width() - 2)
            flag.moveRight(viewport()->width() - 2);
        p.setOpacity(opacity);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(flag, 3, 3);
        // Black or white, whichever reads better on their colour.
        p.setPen(contrastRatio(color, Qt::black) >= contrastRatio(color, Qt::white) ? Qt::black : Qt::white);
        p.drawText(flag, Qt::AlignCenter, name);
        p.setOpacity(1);
    }
}

} // namespace collab::desktop
