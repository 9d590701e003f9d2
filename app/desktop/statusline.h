#pragma once

#include <QObject>
#include <QStringList>

class QLabel;
class QStatusBar;

namespace collab::desktop {

class CourseSession;
class ElidedLabel;

// The window's status bar: the shown course's connection state (a coloured dot and words, said
// to a screen reader when the state changes) and, while this app hosts, the address and join code
// to share, in the longest form that leaves the other texts their room.
class StatusLine : public QObject
{
    Q_OBJECT
public:
    explicit StatusLine(QStatusBar *bar);

    ElidedLabel *stateLabel() const { return m_state; } // the connection's state, in words
    QLabel *hostLabel() const { return m_host; }        // "Hosting at … · join code … · Invite people…"

    // `session`'s state now; `announce`: a change of that course's state (another course shown
    // is not one).
    void showState(const CourseSession *session, bool announce);
    void setHostInfo(const QString &shareUrl, const QString &joinCode);
    // The host text again, for the bar's width now.
    void fit();

Q_SIGNALS:
    void inviteRequested(); // the host text's "Invite people…" link

private:
    QStatusBar *m_bar;
    QLabel *m_dot;
    ElidedLabel *m_state;
    int m_announcedStatus = -1; // the CourseSession::Status last announced to assistive technology
    QLabel *m_host;
    QStringList m_hostTexts; // the host text, longest to shortest
};

} // namespace collab::desktop
