#pragma once

#include "coursestate.h"

#include "protocol/ids.h"

#include "client/collabclient.h"

#include <QMap>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

namespace collab::client {
class SharedNote;
}

namespace collab::client {
class FileTransfer;
}

namespace collab::desktop {

class ThumbnailCache;

class ChannelModel;
class ChatModel;
class MemberModel;
class TypingState;

struct SessionParams
{
    QUrl url;
    QString user;
    QString course;
    QString joinCode;
    QString outboxPath; // empty: the chat outbox lives in memory only
    QString secret;     // an instructor's secret, if the course requires one
    QString adminSecret; // the server administrator's (the hosting app's own): may create courses
    QString tokenPath;  // where the tokens of claimed names are kept (empty: in memory only)
    std::shared_ptr<client::TokenStore> tokenStore; // or this store of them (SecretVault's)
    QString notesDir;   // where each note's text and unsent edits are kept (empty: in memory only)
    QList<QSslCertificate> caCertificates; // wss: trusted besides the system's CAs
};

// The view model of one course: owns the CollabClient, feeds the models the widgets show
// (channels, messages, members, typing, shared notes) and turns user actions into requests.
// Widgets talk to this and to the models, never to the connection.
class CourseSession : public QObject
{
    Q_OBJECT
public:
    enum class Status { Offline, Connecting, Reconnecting, Connected, Removed /* kicked by an instructor, for a while */ };
    Q_ENUM(Status)

    explicit CourseSession(const SessionParams &params, QObject *parent = nullptr);
    ~CourseSession() override;

    void start();
    void stop();

    const SessionParams &params() const { return m_params; }
    QString user() const { return m_params.user; }
    QString course() const { return m_params.course; }
    QString title() const { return m_state.title(); }
    client::CollabClient *client() const { return m_client; }

    bool isJoined() const;
    // Joined, every channel's history shown and every note synced once (what a screenshot waits for).
    bool isReady() const { return m_ready; }
    bool isInstructor() const;
    // This user's role here as the server says (student | ta | instructor | admin), kept current
    // as roles change (member.role), and what it allows (the server decides; the UI follows).
    QString role() const { return m_role; }
    bool isModerator() const { return m_role == QLatin1String("ta") || isManager(); }
    bool isManager() const { return m_role == QLatin1String("instructor") || m_role == QLatin1String("admin"); }
    bool canModify(const QString &author) const { return sameName(author, user()) || isModerator(); }
    // The course as last joined and changed since: its announcement channels, archived state.
    QStringList announcements() const { return m_state.announcements(); }
    bool isArchived() const { return m_state.isArchived(); }
    bool studentNotes() const { return m_state.studentNotes(); }
    bool invitesRequired() const { return m_state.invitesRequired(); }
    // Who may post anonymously to classmates here: "off", "questions" (questions and their
    // replies) or "all" (the course setting, anonymity.set).
    QString anonymity() const { return m_state.anonymity(); }
    // The name shown for a channel or note: renamed (channel.update / note.update title), or its id.
    QString channelTitle(const QString &channel) const { return m_state.channelTitle(channel); }
    QString noteTitle(const QString &note) const { return m_state.noteTitle(note); }
    // The join code this session joined with (what an invite shows; changed by a rotation here).
    QString joinCode() const { return m_params.joinCode; }
    void setJoinCode(const QString &code) { m_params.joinCode = code; }
    Status status() const;
    QString statusText() const;

    // What this user may do here now, and why not (the server decides; the UI says so before it
    // refuses): "" when they may post in `channel` / edit `note`, else the reason, shown where the
    // composer or the editor is (removed, an announcement channel, archived, locked by NAME).
    QString postBlockedReason(const QString &channel) const;
    QString noteReadOnlyReason(const QString &note) const;
    bool isNoteLocked(const QString &note) const { return m_state.isNoteLocked(note); }
    QString noteLockedBy(const QString &note) const { return m_state.noteLockedBy(note); }

    ChannelModel *channels() const { return m_channels; }
    MemberModel *members() const { return m_members; }
    TypingState *typing() const { return m_typing; }
    ChatModel *chat(const QString &channel);
    QStringList noteNames() const { return m_notes.keys(); }
    client::SharedNote *note(const QString &name) const { return m_notes.value(name); }

    QString currentChannel() const { return m_currentChannel; }
    void setCurrentChannel(const QString &channel);
    // Whether this course is the one the window shows (several courses share one window): while
    // it is not, messages in its current channel count as unread too; shown again, they are read.
    bool isShown() const { return m_shown; }
    void setShown(bool shown);
    // Leaves the course on the server (`leave`: presence ends, nothing is deleted there), then
    // closes the connection; `done` runs once the server answered or could not be reached.
    void leave(std::function<void()> done);

    // Chat in the current channel. sendMessage returns the clientMsgId ("" if nothing to send).
    // `extras`: posted as a question, anonymously to classmates, with `files` (ids of files already
    // uploaded to the course: with files the text may be empty). No reply: that is sendReply.
    QString sendMessage(const QString &text, const client::ChatExtras &extras = {});
    // Course files over REST as this member (issue 15), and the thumbnails of image attachments.
    client::FileTransfer *files() const { return m_files; }
    ThumbnailCache *thumbnails() const { return m_thumbnails; }
    // A reply in the thread of `root` (in `channel`), anonymously to classmates if asked (no typing
    // indicator is sent for it: it would name the author).
    QString sendReply(const QString &channel, quint64 root, const QString &text, bool anonymous);
    void editMessage(quint64 id, const QString &text);
    // Asks for the page of messages before the oldest one shown (at most one request at a time).
    // False if there is nothing older or a request is already out.
    bool loadOlder(const QString &channel);
    bool hasOlder(const QString &channel) const { return m_hasOlder.value(channel, false); }
    void deleteMessage(quint64 id);
    // A message that was not sent (the row says why): sent again as a new message at the end of
    // its channel, or dropped. False if there is no such failed row.
    bool retryMessage(const QString &channel, const QString &clientMsgId);
    bool discardMessage(const QString &channel, const QString &clientMsgId);
    // The local user is typing in the composer (true) or stopped / sent (false).
    void setComposing(bool active);
    // The local user edited a note: shows them as typing there until they pause.
    void noteEdited(const QString &note);

Q_SIGNALS:
    void joinedCourse();
    void roleChanged(const QString &role);
    void courseChanged(); // title, channels, notes, settings changed while joined
    void readyChanged(bool ready);
    void statusChanged();
    void notesChanged();
    void currentChannelChanged(const QString &channel);
    void mentioned(const QString &author, const QString &channel, const QString &text);
    void joinFailed(const QString &why);
    void problem(const QString &message); // a request failed: shown in the status bar
    // A chat request of this user was refused (an edit, a delete): shown above the composer.
    void chatProblem(const QString &channel, const QString &message);
    // Something that decides postBlockedReason() or noteReadOnlyReason() changed.
    void accessChanged();

private:
    void onJoined(const proto::Joined &joined);
    void onHistory(const proto::HistoryPage &page);
    void onEvent(const CourseEvent &event);
    void onTyping(const proto::TypingNotice &notice);
    void onCourseEvent(const CourseEvent &event);
    void updateReady();
    bool addNote(const QString &name);
    QString noteStatePrefix() const;
    bool mentionsMe(const QString &text) const;

    SessionParams m_params;
    client::CollabClient *m_client;
    client::FileTransfer *m_files;
    ThumbnailCache *m_thumbnails;
    ChannelModel *m_channels;
    MemberModel *m_members;
    TypingState *m_typing;
    QMap<QString, ChatModel *> m_chats;
    QMap<QString, client::SharedNote *> m_notes;
    QSet<QString> m_historyLoaded;
    QMap<QString, quint64> m_lastSeen; // channel -> the last message shown before the user left it
    QMap<QString, bool> m_hasOlder;
    QSet<QString> m_loadingOlder;
    QString m_currentChannel;
    CourseState m_state; // title, settings, archived, locked, renamed: as the server last said
    QString m_role;
    QString m_removedBy; // the instructor of the last kick
    bool m_everConnected = false;
    bool m_everJoined = false;
    bool m_ready = false;
    bool m_composing = false;
    bool m_shown = true;
    QTimer m_noteIdle;
    QString m_noteTypingIn;
};

} // namespace collab::desktop
