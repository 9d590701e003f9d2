#pragma once

#include "client/outbox.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QListView;
class QLabel;
class QMimeData;

namespace collab::desktop {

class AttachmentTray;
class ChatDelegate;
class Composer;
class CourseSession;

// The chat panel's files (issue 15, part 3): the tray of files waiting for the next message
// (attach button, files dropped on the messages or the composer, images pasted), sending them
// with the message, and saving an attachment when its card is clicked. Kept out of ChatPanel so
// that the panel only forwards to it.
class ChatAttachments : public QObject
{
    Q_OBJECT
public:
    using ChooseFiles = std::function<QStringList()>;
    using ChooseSaveFile = std::function<QString(const QString &suggestedName)>;

    ChatAttachments(CourseSession *session, QListView *view, ChatDelegate *delegate, Composer *composer, AttachmentTray *tray,
                    QLabel *notice, QObject *parent = nullptr);

    // Sends `text` with the files in the tray (uploaded first); false if the tray is empty (the
    // panel then sends the text alone). A refusal puts the text back and says why.
    bool sendWithFiles(const QString &text, const client::ChatExtras &extras = {});
    // The file dialogs (tests put their own answers here).
    void setChooseFiles(ChooseFiles choose) { m_chooseFiles = std::move(choose); }
    void setChooseSaveFile(ChooseSaveFile choose) { m_chooseSaveFile = std::move(choose); }
    // A click at `pos` (viewport coordinates) on an attachment card: saves it; true if there was one.
    bool activateFileAt(const QPoint &pos);
    // Files dropped or pasted: added to the tray; true if the data held any.
    bool offer(const QMimeData *mime);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showNotice(const QString &message);

    CourseSession *m_session;
    QListView *m_view;
    ChatDelegate *m_delegate;
    Composer *m_composer;
    AttachmentTray *m_tray;
    QLabel *m_notice;
    ChooseFiles m_chooseFiles;
    ChooseSaveFile m_chooseSaveFile;
};

} // namespace collab::desktop
