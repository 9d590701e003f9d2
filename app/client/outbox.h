#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace collab::client {

// chat.send's interaction fields: a reply in a thread, a question, anonymous to classmates.
struct ChatExtras
{
    quint64 replyTo = 0;
    bool question = false;
    bool anonymous = false;
    QStringList files; // ids of files already uploaded to the course (issue 15)
    friend bool operator==(const ChatExtras &a, const ChatExtras &b)
    {
        return a.replyTo == b.replyTo && a.question == b.question && a.anonymous == b.anonymous && a.files == b.files;
    }
};

// A chat message the server has not acknowledged yet.
struct OutboxMessage
{
    QString clientMsgId;
    QString course;
    QString channel;
    QString text;
    qint64 queuedMs = 0; // when the user sent it (local clock)
    ChatExtras extras;

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &json, OutboxMessage *out);
    friend bool operator==(const OutboxMessage &a, const OutboxMessage &b)
    {
        return a.clientMsgId == b.clientMsgId && a.course == b.course && a.channel == b.channel && a.text == b.text
               && a.queuedMs == b.queuedMs && a.extras == b.extras;
    }
};

// The unacknowledged messages, oldest first. With a path every change is written to a JSON file
// (atomically, through QSaveFile) so an app that restarts loses nothing.
class Outbox : public QObject
{
    Q_OBJECT
public:
    explicit Outbox(const QString &path = QString(), QObject *parent = nullptr);

    // Reads the file. A missing file is an empty outbox; an unreadable one is moved aside to
    // <path>.corrupt (never overwritten) and false is returned with the reason in lastError().
    bool load();
    QString lastError() const { return m_lastError; }
    QString path() const { return m_path; }

    void add(const OutboxMessage &message);
    bool remove(const QString &clientMsgId);
    bool contains(const QString &clientMsgId) const;
    const OutboxMessage *find(const QString &clientMsgId) const;
    QList<OutboxMessage> messages() const { return m_messages; }
    QList<OutboxMessage> messagesFor(const QString &course) const;
    int size() const { return int(m_messages.size()); }
    bool isEmpty() const { return m_messages.isEmpty(); }

Q_SIGNALS:
    void sizeChanged(int size);

private:
    bool save();

    QString m_path;
    QString m_lastError;
    QList<OutboxMessage> m_messages;
};

} // namespace collab::client
