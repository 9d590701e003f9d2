#pragma once

#include <QDeadlineTimer>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace collab::desktop {

// Who is typing where ("channel:general", "note:class-notes"). The server says when someone
// stops (and expires indicators after 5 s); a local deadline covers a lost "stop".
class TypingState : public QObject
{
    Q_OBJECT
public:
    explicit TypingState(QObject *parent = nullptr);

    static QString channelPlace(const QString &channel) { return QStringLiteral("channel:") + channel; }
    static QString notePlace(const QString &note) { return QStringLiteral("note:") + note; }

    void setTyping(const QString &place, const QString &user, bool active);
    void clear();
    QStringList typists(const QString &place) const;
    // "angie.nguyen is typing…", "a and b are typing…", "several people are typing…", or "".
    // Whole sentences per activity (translations cannot put a verb into a sentence).
    enum class Activity { Typing, Editing };
    QString describe(const QString &place, Activity activity = Activity::Typing) const;
    void setLocalExpiryMs(int ms) { m_expiryMs = ms; }

Q_SIGNALS:
    void changed(const QString &place);

private:
    void expire();

    QMap<QString, QMap<QString, QDeadlineTimer>> m_places;
    QTimer m_timer;
    int m_expiryMs = 7000;
};

} // namespace collab::desktop
