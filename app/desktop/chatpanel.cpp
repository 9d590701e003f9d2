#include "chatpanel.h"

#include "courserequests.h"

#include "chatdelegate.h"
#include "chatmodel.h"
#include "coursesession.h"
#include "rowprefetcher.h"
#include "typingstate.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QInputDialog>
#include <QMouseEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>

namespace collab::desktop {

Composer::Composer(QWidget *parent) : QPlainTextEdit(parent)
{
    setPlaceholderText(QStringLiteral("Message \u2014 Enter to send, Shift+Enter for a new line"));
    setTabChangesFocus(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize Composer::sizeHint() const
{
    const int lines = 3;
    return QSize(QPlainTextEdit::sizeHint().width(), fontMetrics().lineSpacing() * lines + 14);
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        const QString text = toPlainText();
        if (!text.trimmed().isEmpty()) {
            clear();
            Q_EMIT submitted(text);
        }
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

ChatPanel::ChatPanel(CourseSession *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_header(new QLabel(this)),
      m_view(new QListView(this)),
      m_delegate(new ChatDelegate(this)),
      m_typing(new QLabel(this)),
      m_composer(new Composer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    QFont hf = m_header->font();
    hf.setBold(true);
    hf.setPointSizeF(hf.pointSizeF() * 1.15);
    m_header->setFont(hf);
    m_header->setContentsMargins(8, 6, 8, 2);
    layout->addWidget(m_header);

    // Variable-height rows, measured once per message and width (ChatDelegate caches them) and
    // laid out in batches: a channel of 10,000 messages opens without a stall.
    m_view->setItemDelegate(m_delegate);
    m_delegate->setPalette(m_view->palette());
    // Rows just outside the viewport are rendered while idle, not in the frame that shows them.
    m_prefetcher = new RowPrefetcher(m_view, m_delegate);
    m_view->setLayoutMode(QListView::Batched);
    m_view->setBatchSize(200);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setMouseTracking(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->viewport()->installEventFilter(this);
    layout->addWidget(m_view, 1);

    QFont tf = m_typing->font();
    tf.setItalic(true);
    m_typing->setFont(tf);
    m_typing->setContentsMargins(8, 0, 8, 0);
    m_typing->setStyleSheet(QStringLiteral("color: #666;"));
    m_typing->setMinimumHeight(m_typing->fontMetrics().height());
    layout->addWidget(m_typing);
    layout->addWidget(m_composer);

    connect(m_view, &QWidget::customContextMenuRequested, this, &ChatPanel::showContextMenu);
    // Links open in the browser only when clicked: http, https and mailto (RichDocument drops
    // every other target when it renders).
    connect(this, &ChatPanel::linkActivated, this, [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int v) {
        m_stickToBottom = v >= m_view->verticalScrollBar()->maximum() - 4;
        // At the top: fetch the page before; the view keeps showing what it showed.
        if (v == 0 && m_view->verticalScrollBar()->maximum() > 0
            && m_session->loadOlder(m_session->currentChannel()))
            m_keepFromBottom = m_view->verticalScrollBar()->maximum();
    });
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (m_stickToBottom) {
            m_view->verticalScrollBar()->setValue(max);
        } else if (m_keepFromBottom >= 0 && max > m_keepFromBottom) {
            m_view->verticalScrollBar()->setValue(max - m_keepFromBottom);
            m_keepFromBottom = -1;
        }
    });
    connect(m_composer, &Composer::submitted, this, &ChatPanel::send);
    connect(m_composer, &QPlainTextEdit::textChanged, this,
            [this] { m_session->setComposing(!m_composer->document()->isEmpty()); });
    connect(m_session, &CourseSession::currentChannelChanged, this, &ChatPanel::showChannel);
    connect(m_session->typing(), &TypingState::changed, this, &ChatPanel::updateTyping);
    // Moderators see "deleted by NAME" on messages removed by someone else.
    const auto followRole = [this] {
        m_delegate->setShowsDeletedBy(m_session->isModerator());
        m_view->doItemsLayout();
    };
    connect(m_session, &CourseSession::roleChanged, this, followRole);
    connect(m_session, &CourseSession::courseChanged, this, [this] { // a renamed channel
        m_header->setText(QStringLiteral("# ") + m_session->channelTitle(m_session->currentChannel()));
    });
    followRole();
    if (!m_session->currentChannel().isEmpty())
        showChannel(m_session->currentChannel());
}

void ChatPanel::showChannel(const QString &channel)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = m_session->chat(channel);
    m_header->setText(QStringLiteral("# ") + m_session->channelTitle(channel));
    m_stickToBottom = true;
    m_view->setModel(m_model);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        for (int r = from.row(); r <= to.row(); ++r)
            m_delegate->invalidate(m_model->index(r));
    });
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar *bar = m_view->verticalScrollBar();
        m_stickToBottom = m_stickToBottom || bar->value() >= bar->maximum() - 4;
    });
    m_view->scrollToBottom();
    updateTyping();
}

void ChatPanel::updateTyping()
{
    m_typing->setText(m_session->typing()->describe(TypingState::channelPlace(m_session->currentChannel())));
}

void ChatPanel::send(const QString &text)
{
    m_stickToBottom = true;
    m_session->sendMessage(text);
}

bool ChatPanel::canModifyRow(int row) const
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return false;
    const QModelIndex i = m_model->index(row);
    return !i.data(ChatModel::PendingRole).toBool() && !i.data(ChatModel::DeletedRole).toBool()
           && m_session->canModify(i.data(ChatModel::AuthorRole).toString());
}

void ChatPanel::editRow(int row, const QString &text)
{
    if (canModifyRow(row) && !text.trimmed().isEmpty())
        m_session->editMessage(m_model->index(row).data(ChatModel::IdRole).toULongLong(), text);
}

void ChatPanel::deleteRow(int row)
{
    if (canModifyRow(row))
        m_session->deleteMessage(m_model->index(row).data(ChatModel::IdRole).toULongLong());
}

QStringList ChatPanel::reactionChoices()
{
    return {QStringLiteral("👍"), QStringLiteral("🎉"), QStringLiteral("❤️"), QStringLiteral("😂"), QStringLiteral("🤔"), QStringLiteral("✅")};
}

void ChatPanel::replyInThreadRow(int row)
{
    const ChatMessage *m = m_model ? m_model->messageAt(row) : nullptr;
    if (m && m->id)
        Q_EMIT threadRequested(m->replyTo ? m->replyTo : m->id, m->channel); // threads are one level deep
}

void ChatPanel::openPollRow(int row)
{
    const ChatMessage *m = m_model ? m_model->messageAt(row) : nullptr;
    if (m && m->poll)
        Q_EMIT pollRequested(m->id);
}

void ChatPanel::reactRow(int row, const QString &emoji)
{
    const ChatMessage *m = m_model ? m_model->messageAt(row) : nullptr;
    if (!m || !m->id)
        return;
    // A second click on one's own reaction takes it back.
    const bool mine = std::any_of(m->reactions.cbegin(), m->reactions.cend(), [&](const Reaction &r) { return r.emoji == emoji && r.mine; });
    sendCourseRequest(m_session->client(), this, proto::React{m_session->course(), m->id, emoji, !mine},
                      [](const QJsonObject &, const QString &) {});
}

void ChatPanel::pinRow(int row, bool pinned)
{
    const ChatMessage *m = m_model ? m_model->messageAt(row) : nullptr;
    if (m && m->id && m_session->isModerator())
        sendCourseRequest(m_session->client(), this, proto::Pin{m_session->course(), m->id, pinned}, [](const QJsonObject &, const QString &) {});
}

QMenu *ChatPanel::contextMenuAt(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return nullptr;
    const QRect rect = m_view->visualRect(index);
    const QFont font = m_view->font();
    auto *menu = new QMenu(this);
    if (const QString code = m_delegate->codeAt(index, rect, font, pos); !code.isEmpty()) {
        QAction *copy = menu->addAction(QStringLiteral("Copy code"));
        connect(copy, &QAction::triggered, this, [code] { QApplication::clipboard()->setText(code); });
    }
    if (const QUrl url = m_delegate->linkAt(index, rect, font, pos); url.isValid()) {
        QAction *copy = menu->addAction(QStringLiteral("Copy link address"));
        connect(copy, &QAction::triggered, this, [url] { QApplication::clipboard()->setText(url.toString()); });
    }
    if (!index.data(ChatModel::PendingRole).toBool() && !index.data(ChatModel::DeletedRole).toBool()) {
        const QPersistentModelIndex row(index);
        QAction *thread = menu->addAction(QStringLiteral("Reply in thread"));
        connect(thread, &QAction::triggered, this, [this, row] { if (row.isValid()) replyInThreadRow(row.row()); });
        if (index.data(ChatModel::PollRole).toBool()) {
            QAction *poll = menu->addAction(QStringLiteral("Open poll"));
            connect(poll, &QAction::triggered, this, [this, row] { if (row.isValid()) openPollRow(row.row()); });
        }
        QMenu *react = menu->addMenu(QStringLiteral("React"));
        for (const QString &emoji : reactionChoices()) {
            QAction *a = react->addAction(emoji);
            connect(a, &QAction::triggered, this, [this, row, emoji] { if (row.isValid()) reactRow(row.row(), emoji); });
        }
        if (m_session->isModerator()) {
            const bool pinned = index.data(ChatModel::PinnedRole).toBool();
            QAction *pin = menu->addAction(pinned ? QStringLiteral("Unpin") : QStringLiteral("Pin to channel"));
            connect(pin, &QAction::triggered, this, [this, row, pinned] { if (row.isValid()) pinRow(row.row(), !pinned); });
        }
        menu->addSeparator();
    }
    QAction *copyText = menu->addAction(QStringLiteral("Copy message text"));
    const QString source = index.data(ChatModel::TextRole).toString();
    connect(copyText, &QAction::triggered, this, [source] { QApplication::clipboard()->setText(source); });
    if (canModifyRow(index.row())) {
        menu->addSeparator();
        const QPersistentModelIndex row(index);
        QAction *edit = menu->addAction(QStringLiteral("Edit\u2026"));
        connect(edit, &QAction::triggered, this, [this, row] {
            if (!row.isValid())
                return;
            bool ok = false;
            const QString text = QInputDialog::getMultiLineText(this, QStringLiteral("Edit message"), QString(),
                                                                row.data(ChatModel::TextRole).toString(), &ok);
            if (ok && row.isValid())
                editRow(row.row(), text);
        });
        QAction *remove = menu->addAction(QStringLiteral("Delete"));
        connect(remove, &QAction::triggered, this, [this, row] {
            if (row.isValid()
                && QMessageBox::question(this, QStringLiteral("Delete message"), QStringLiteral("Delete this message for everyone?"))
                       == QMessageBox::Yes
                && row.isValid())
                deleteRow(row.row());
        });
    }
    return menu;
}

void ChatPanel::showContextMenu(const QPoint &pos)
{
    QMenu *menu = contextMenuAt(pos);
    if (!menu)
        return;
    menu->exec(m_view->viewport()->mapToGlobal(pos));
    menu->deleteLater();
}

bool ChatPanel::activateLinkAt(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return false;
    const QUrl url = m_delegate->linkAt(index, m_view->visualRect(index), m_view->font(), pos);
    if (!url.isValid())
        return false;
    Q_EMIT linkActivated(url);
    return true;
}

bool ChatPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::PaletteChange) // e.g. a theme change
        m_delegate->setPalette(m_view->palette());
    if (watched == m_view->viewport() && event->type() == QEvent::MouseMove) {
        // A pointing hand over links (their target shows in a tooltip).
        const QPoint pos = static_cast<QMouseEvent *>(event)->position().toPoint();
        const QModelIndex index = m_view->indexAt(pos);
        const bool overLink = index.isValid()
                              && m_delegate->linkAt(index, m_view->visualRect(index), m_view->font(), pos).isValid();
        m_view->viewport()->setCursor(overLink ? Qt::PointingHandCursor : Qt::ArrowCursor);
    } else if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonRelease) {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton && activateLinkAt(mouse->position().toPoint()))
            return true;
    }
    if (watched == m_view->viewport() && event->type() == QEvent::Resize) {
        const int width = m_view->viewport()->width();
        if (width != m_delegate->width()) {
            m_delegate->setWidth(width);
            m_view->doItemsLayout();
        }
    }
    return QWidget::eventFilter(watched, event);
}

bool ChatPanel::showMessage(quint64 id)
{
    const int row = m_model ? m_model->rowOf(id) : -1;
    if (row < 0)
        return false;
    m_stickToBottom = false; // new messages must not scroll it away
    const QModelIndex index = m_model->index(row);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_view->setCurrentIndex(index);
    return true;
}

} // namespace collab::desktop
