#include "chatattachments.h"

#include "attachments.h"
#include "chatdelegate.h"
#include "chatmodel.h"
#include "chatpanel.h"
#include "coursesession.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QMouseEvent>
#include <QStandardPaths>

namespace collab::desktop {

ChatAttachments::ChatAttachments(CourseSession *session, QListView *view, ChatDelegate *delegate, Composer *composer,
                                 AttachmentTray *tray, QLabel *notice, QObject *parent)
    : QObject(parent), m_session(session), m_view(view), m_delegate(delegate), m_composer(composer), m_tray(tray), m_notice(notice)
{
    m_delegate->setThumbnails(session->thumbnails());
    m_chooseFiles = [this] {
        return QFileDialog::getOpenFileNames(m_view->window(), tr("Attach files"),
                                             QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    };
    m_chooseSaveFile = [this](const QString &name) {
        // The name as the server kept it has no path and no control characters; the dialog
        // proposes it in the Downloads folder, and the user decides.
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
        return QFileDialog::getSaveFileName(m_view->window(), tr("Save %1").arg(name), dir + QLatin1Char('/') + name);
    };
    m_view->viewport()->setAcceptDrops(true);
    m_view->viewport()->installEventFilter(this);
    connect(m_tray, &AttachmentTray::changed, this, [this] { m_composer->setSubmitsEmpty(!m_tray->isEmpty()); });
    connect(m_composer, &Composer::attachmentsOffered, this, [this](const QMimeData *mime) { offer(mime); });
    connect(m_tray, &AttachmentTray::attachRequested, this, [this] {
        for (const QString &path : m_chooseFiles())
            if (const QString e = m_tray->addFile(path); !e.isEmpty())
                showNotice(e);
    });
}

void ChatAttachments::showNotice(const QString &message)
{
    m_notice->setText(QStringLiteral("\u26a0 ") + message);
    m_notice->show();
}

bool ChatAttachments::offer(const QMimeData *mime)
{
    QString error;
    const bool held = m_tray->addMime(mime, &error);
    if (!error.isEmpty())
        showNotice(error);
    return held;
}

bool ChatAttachments::sendWithFiles(const QString &text, const client::ChatExtras &extras)
{
    if (m_tray->isEmpty())
        return false;
    if (m_tray->isUploading())
        return true;
    const QPointer<ChatAttachments> self(this);
    const QString channel = m_session->currentChannel();
    m_tray->upload(m_session->files(), m_session->course(), [self, text, extras, channel](const QStringList &ids, const QString &error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            // Nothing was posted: the text comes back, the files stay in the tray.
            if (self->m_composer->toPlainText().isEmpty())
                self->m_composer->setPlainText(text);
            return self->showNotice(error);
        }
        self->m_tray->clear();
        if (self->m_session->currentChannel() != channel) // moved meanwhile: post where it was written
            self->m_session->setCurrentChannel(channel);
        client::ChatExtras withFiles = extras;
        withFiles.files = ids;
        self->m_session->sendMessage(text, withFiles);
    });
    return true;
}

bool ChatAttachments::activateFileAt(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return false;
    const int at = m_delegate->fileAt(index, m_view->visualRect(index), m_view->font(), pos);
    if (at < 0)
        return false;
    const QList<FileRef> files = index.data(ChatModel::FilesRole).value<QList<FileRef>>();
    saveAttachment(m_view->window(), m_session->files(), m_session->course(), files.at(at), m_chooseSaveFile);
    return true;
}

bool ChatAttachments::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view->viewport())
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (AttachmentTray::holdsAttachable(drag->mimeData())) {
            drag->acceptProposedAction();
            return true;
        }
        break;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        if (offer(drop->mimeData())) {
            drop->acceptProposedAction();
            return true;
        }
        break;
    }
    case QEvent::MouseButtonRelease: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton && activateFileAt(mouse->position().toPoint()))
            return true;
        break;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace collab::desktop
