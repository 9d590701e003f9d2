#include "chatpanel.h"

#include "courserequests.h"

#include "attachments.h"
#include "chatattachments.h"

#include "chatdelegate.h"
#include "chatmodel.h"
#include "composeroptions.h"
#include "coursesession.h"
#include "listmodels.h"
#include "rowprefetcher.h"
#include "typingstate.h"

#include "protocol/ids.h"

#include <QApplication>
#include <QAbstractItemView>
#include <QClipboard>
#include <QDialogButtonBox>
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

ChatPanel::ChatPanel(CourseSession *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_header(new QLabel(this)),
      m_view(new QListView(this)),
      m_delegate(new ChatDelegate(this)),
      m_typing(new QLabel(this)),
      m_notice(new QLabel(this)),
      m_composer(new Composer(this)),
      m_options(new ComposerOptions(session, this)),
      m_tray(new AttachmentTray(this)),
      m_attachments(nullptr)
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
    m_view->setAccessibleDescription(tr("Each message: author, time and text; the context menu (Menu key) has its actions"));
    m_composer->setAccessibleDescription(tr("Enter sends, Shift+Enter starts a new line, @ completes a member's name"));
    layout->addWidget(m_view, 1);

    QFont tf = m_typing->font();
    tf.setItalic(true);
    m_typing->setFont(tf);
    m_typing->setContentsMargins(8, 0, 8, 0);
    m_typing->setForegroundRole(QPalette::PlaceholderText);
    m_typing->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_typing->setMinimumHeight(m_typing->fontMetrics().height());
    layout->addWidget(m_typing);
    m_notice->setWordWrap(true);
    m_notice->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    m_notice->setContentsMargins(8, 4, 8, 4);
    m_notice->setAutoFillBackground(true);
    m_notice->setBackgroundRole(QPalette::ToolTipBase);
    m_notice->setForegroundRole(QPalette::ToolTipText);
    m_notice->hide();
    layout->addWidget(m_notice);
    layout->addWidget(m_tray);
    layout->addWidget(m_composer);
    layout->addWidget(m_options);
    m_attachments = new ChatAttachments(session, m_view, m_delegate, m_composer, m_tray, m_notice, this);

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
    // "… is typing" would name the author of an anonymous post: nothing is said while it is ticked.
    const auto composing = [this] { m_session->setComposing(!m_composer->document()->isEmpty() && !m_options->isAnonymous()); };
    connect(m_composer, &QPlainTextEdit::textChanged, this, composing);
    connect(m_options, &ComposerOptions::anonymousChanged, this, composing);
    connect(m_session, &CourseSession::currentChannelChanged, this, &ChatPanel::showChannel);
    connect(m_session->typing(), &TypingState::changed, this, &ChatPanel::updateTyping);
    connect(m_session, &CourseSession::accessChanged, this, &ChatPanel::updateComposer);
    connect(m_session, &CourseSession::statusChanged, this, &ChatPanel::updateComposer);
    connect(m_session, &CourseSession::chatProblem, this, &ChatPanel::showNotice);
    connect(m_session->members(), &QAbstractItemModel::modelReset, this, [this] {
        QStringList names;
        const MemberModel *members = m_session->members();
        for (int row = 0; row < members->rowCount(); ++row) {
            const QString name = members->index(row).data(MemberModel::UserRole).toString();
            if (!sameName(name, m_session->user()))
                names << name;
        }
        m_composer->setMentionCandidates(names);
    });
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
    updateComposer();
}

void ChatPanel::updateComposer()
{
    const QString blocked = m_session->postBlockedReason(m_session->currentChannel());
    m_composer->setBlockedReason(blocked);
    m_options->setVisible(blocked.isEmpty());
}

void ChatPanel::showNotice(const QString &channel, const QString &message)
{
    if (channel != m_session->currentChannel())
        return;
    m_notice->setText(QStringLiteral("\u26a0 ") + message);
    m_notice->show();
}

void ChatPanel::showChannel(const QString &channel)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = m_session->chat(channel);
    m_header->setText(QStringLiteral("# ") + m_session->channelTitle(channel));
    m_view->setAccessibleName(tr("Messages in #%1").arg(m_session->channelTitle(channel)));
    m_composer->setAccessibleName(tr("Message #%1").arg(m_session->channelTitle(channel)));
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
    m_notice->hide();
    updateTyping();
    updateComposer();
}

void ChatPanel::updateTyping()
{
    m_typing->setText(m_session->typing()->describe(TypingState::channelPlace(m_session->currentChannel())));
}

void ChatPanel::send(const QString &text)
{
    m_stickToBottom = true;
    m_notice->hide();
    const client::ChatExtras extras = m_options->extras();
    if (!m_attachments->sendWithFiles(text, extras)) // with files: uploaded first, then posted
        m_session->sendMessage(text, extras);
    m_options->clear();
}

// Part of a message: its text in a read-only box where any part can be selected and copied.
void ChatPanel::openSelectDialog(const QString &text)
{
    if (m_selectDialog)
        m_selectDialog->close();
    m_selectDialog = new QDialog(this);
    m_selectDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_selectDialog->setWindowTitle(tr("Select text"));
    auto *layout = new QVBoxLayout(m_selectDialog);
    auto *box = new QPlainTextEdit(text, m_selectDialog);
    box->setObjectName(QStringLiteral("text"));
    box->setReadOnly(true);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(new QLabel(tr("Select what you want and press Ctrl+C."), m_selectDialog));
    layout->addWidget(box);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, m_selectDialog);
    connect(buttons, &QDialogButtonBox::rejected, m_selectDialog, &QDialog::reject);
    layout->addWidget(buttons);
    m_selectDialog->resize(460, 240);
    m_selectDialog->open();
    box->setFocus();
}

void ChatPanel::openEditDialog(int row)
{
    if (!canModifyRow(row))
        return;
    const QPersistentModelIndex index(m_model->index(row));
    if (m_editDialog)
        m_editDialog->close();
    m_editDialog = new EditMessageDialog(index.data(ChatModel::TextRole).toString(), this);
    m_editDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editDialog, &QDialog::accepted, this, [this, index] {
        if (index.isValid() && m_editDialog)
            editRow(index.row(), m_editDialog->text());
    });
    m_editDialog->open();
    m_editDialog->editor()->setFocus();
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
        QAction *copy = menu->addAction(tr("Copy code"));
        connect(copy, &QAction::triggered, this, [code] { QApplication::clipboard()->setText(code); });
    }
    if (const QUrl url = m_delegate->linkAt(index, rect, font, pos); url.isValid()) {
        QAction *copy = menu->addAction(tr("Copy link address"));
        connect(copy, &QAction::triggered, this, [url] { QApplication::clipboard()->setText(url.toString()); });
    }
    if (!index.data(ChatModel::PendingRole).toBool() && !index.data(ChatModel::DeletedRole).toBool()) {
        const QPersistentModelIndex row(index);
        QAction *thread = menu->addAction(tr("Reply in thread"));
        connect(thread, &QAction::triggered, this, [this, row] { if (row.isValid()) replyInThreadRow(row.row()); });
        if (index.data(ChatModel::PollRole).toBool()) {
            QAction *poll = menu->addAction(tr("Open poll"));
            connect(poll, &QAction::triggered, this, [this, row] { if (row.isValid()) openPollRow(row.row()); });
        }
        QMenu *react = menu->addMenu(tr("React"));
        // Each with its name: without an emoji font the emoji alone is a missing-glyph box.
        const QStringList names{tr("Thumbs up"), tr("Celebrate"), tr("Love it"), tr("Funny"), tr("Thinking"), tr("Done")};
        const QStringList choices = reactionChoices();
        for (int i = 0; i < choices.size(); ++i) {
            const QString emoji = choices.at(i);
            QAction *a = react->addAction(i < names.size() ? emoji + QStringLiteral("  ") + names.at(i) : emoji);
            connect(a, &QAction::triggered, this, [this, row, emoji] { if (row.isValid()) reactRow(row.row(), emoji); });
        }
        if (m_session->isModerator()) {
            const bool pinned = index.data(ChatModel::PinnedRole).toBool();
            QAction *pin = menu->addAction(pinned ? tr("Unpin") : tr("Pin to channel"));
            connect(pin, &QAction::triggered, this, [this, row, pinned] { if (row.isValid()) pinRow(row.row(), !pinned); });
        }
        menu->addSeparator();
    }
    QAction *copyText = menu->addAction(tr("Copy message text"));
    copyText->setObjectName(QStringLiteral("copyMessage"));
    const QString source = index.data(ChatModel::TextRole).toString();
    connect(copyText, &QAction::triggered, this, [source] { QApplication::clipboard()->setText(source); });
    QAction *selectText = menu->addAction(tr("Select text…"));
    selectText->setObjectName(QStringLiteral("selectText"));
    connect(selectText, &QAction::triggered, this, [this, source] { openSelectDialog(source); });
    if (index.data(ChatModel::PendingRole).toBool() && !index.data(ChatModel::FailedRole).toString().isEmpty()) {
        // Not sent (refused, or written off when we were removed): the user decides what happens.
        menu->addSeparator();
        const QString channel = m_model->channel();
        const QString id = index.data(ChatModel::ClientMsgIdRole).toString();
        QAction *retry = menu->addAction(tr("Retry"));
        retry->setObjectName(QStringLiteral("retryMessage"));
        retry->setEnabled(m_session->postBlockedReason(channel).isEmpty());
        connect(retry, &QAction::triggered, this, [this, channel, id] {
            m_stickToBottom = true;
            m_session->retryMessage(channel, id);
        });
        QAction *discard = menu->addAction(tr("Discard"));
        discard->setObjectName(QStringLiteral("discardMessage"));
        connect(discard, &QAction::triggered, this, [this, channel, id] { m_session->discardMessage(channel, id); });
    }
    if (canModifyRow(index.row())) {
        menu->addSeparator();
        const QPersistentModelIndex row(index);
        QAction *edit = menu->addAction(tr("Edit…"));
        edit->setObjectName(QStringLiteral("editMessage"));
        connect(edit, &QAction::triggered, this, [this, row] {
            if (row.isValid())
                openEditDialog(row.row());
        });
        QAction *remove = menu->addAction(tr("Delete"));
        connect(remove, &QAction::triggered, this, [this, row] {
            if (row.isValid()
                && QMessageBox::question(this, tr("Delete message"), tr("Delete this message for everyone?"))
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
