#pragma once

#include <QObject>
#include <QString>

namespace collab::desktop {

class CourseSession;

// Brings a message of a channel into the channel's model, so that the chat can show it in
// context (a search hit, say): the channel becomes the current one and, while the message is older
// than what is loaded, older pages are asked for (the same pages scrolling up loads, so no gap is
// left between it and the newest messages), up to MaxPages of them.
class MessageLocator : public QObject
{
    Q_OBJECT
public:
    static constexpr int PageSize = 500;
    static constexpr int MaxPages = 40; // 20,000 messages back

    explicit MessageLocator(CourseSession *session, QObject *parent = nullptr);

    void reveal(const QString &channel, quint64 id);

Q_SIGNALS:
    // The message is in chat(channel) now; the chat scrolls to it.
    void revealed(const QString &channel, quint64 id);
    void failed(const QString &why);

private:
    void step(const QString &channel, quint64 id, int pagesLeft, quint64 generation);

    CourseSession *m_session;
    quint64 m_generation = 0; // a newer reveal() abandons the pages of an older one
};

} // namespace collab::desktop
