#include "composer.h"

#include "attachments.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>

namespace collab::desktop {

Composer::Composer(QWidget *parent)
    : QPlainTextEdit(parent), m_placeholder(tr("Message — Enter to send, Shift+Enter for a new line"))
{
    setPlaceholderText(m_placeholder);
    setTabChangesFocus(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void Composer::setMentionCandidates(const QStringList &names)
{
    if (!m_completer) {
        m_completer = new QCompleter(this);
        m_completer->setWidget(this);
        m_completer->setCompletionMode(QCompleter::PopupCompletion);
        m_completer->setCaseSensitivity(Qt::CaseInsensitive);
        m_completer->setFilterMode(Qt::MatchContains);
        connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &Composer::insertCompletion);
        // Typing "@" and letters offers the names (the popup was never opened before: only Tab
        // completed, and Enter sent the half-typed name).
        connect(this, &QPlainTextEdit::textChanged, this, &Composer::updateCompletion);
        connect(this, &QPlainTextEdit::cursorPositionChanged, this, [this] {
            if (m_completer->popup()->isVisible() && mentionPrefix().isNull())
                m_completer->popup()->hide();
        });
    }
    m_completer->setModel(new QStringListModel(names, m_completer));
}

QString Composer::mentionPrefix() const
{
    const QTextCursor c = textCursor();
    const QString before = c.block().text().left(c.positionInBlock());
    static const QRegularExpression re(QStringLiteral("(?:^|[^A-Za-z0-9._-])@([A-Za-z0-9._-]*)$"));
    const QRegularExpressionMatch m = re.match(before);
    return m.hasMatch() ? m.captured(1) : QString();
}

void Composer::updateCompletion()
{
    if (!m_completer)
        return;
    const QString prefix = mentionPrefix();
    if (prefix.isNull()) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    QRect at = cursorRect();
    at.setWidth(m_completer->popup()->sizeHintForColumn(0) + m_completer->popup()->verticalScrollBar()->sizeHint().width() + 8);
    m_completer->complete(at);
}

void Composer::insertCompletion(const QString &name)
{
    QTextCursor c = textCursor();
    c.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, int(mentionPrefix().size()));
    c.insertText(name + QLatin1Char(' '));
    setTextCursor(c);
}

void Composer::setBlockedReason(const QString &reason)
{
    setEnabled(reason.isEmpty());
    setPlaceholderText(reason.isEmpty() ? m_placeholder : reason);
    setToolTip(reason);
}

bool Composer::canInsertFromMimeData(const QMimeData *source) const
{
    return AttachmentTray::holdsAttachable(source) || QPlainTextEdit::canInsertFromMimeData(source);
}

void Composer::insertFromMimeData(const QMimeData *source)
{
    // A pasted screenshot or dropped files become attachments; text stays text. The edit box
    // (setClearOnSubmit(false)) takes text only.
    if (m_clearOnSubmit && AttachmentTray::holdsAttachable(source))
        return Q_EMIT attachmentsOffered(source);
    QPlainTextEdit::insertFromMimeData(source);
}

QSize Composer::sizeHint() const
{
    const int lines = 3;
    return QSize(QPlainTextEdit::sizeHint().width(), fontMetrics().lineSpacing() * lines + 14);
}

bool Composer::event(QEvent *event)
{
    // Tab right after "@letters" takes the first name offered, popup or not (as in a shell);
    // otherwise Tab moves on (QWidget::event handles it before keyPressEvent).
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Tab && key->modifiers() == Qt::NoModifier && m_completer && !mentionPrefix().isNull()
            && m_completer->completionCount() > 0) {
            insertCompletion(m_completer->currentCompletion());
            m_completer->popup()->hide();
            return true;
        }
    }
    // Ctrl+K is the quick switcher, not "delete to the end of the line".
    if (event->type() == QEvent::ShortcutOverride
        && static_cast<QKeyEvent *>(event)->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_K)) {
        event->ignore();
        return true;
    }
    return QPlainTextEdit::event(event);
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    // While names are offered, Enter and Tab take the chosen one (the popup handles them).
    if (m_completer && m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore();
            return;
        default:
            break;
        }
    }
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        const QString text = toPlainText();
        if (!text.trimmed().isEmpty() || m_submitsEmpty) {
            if (m_clearOnSubmit)
                clear();
            Q_EMIT submitted(text);
        }
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace collab::desktop
