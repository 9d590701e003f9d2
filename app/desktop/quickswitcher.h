#pragma once

#include <QDialog>
#include <QPointer>

class QLineEdit;
class QListWidget;

namespace collab::desktop {

class CourseSession;

// Ctrl+K: type a few letters of a channel or note of any open course, Enter goes there (Up/Down
// pick, Esc closes); with several courses open each row names its course, and the letters may
// match it too ("327gen"). Channels show their unread count. Opened without blocking (open()), so
// that tests type into it.
class QuickSwitcher : public QDialog
{
    Q_OBJECT
public:
    enum class Kind { Channel, Note };
    // `sessions`: the open courses, the current one first.
    QuickSwitcher(const QList<CourseSession *> &sessions, QWidget *parent = nullptr);

    QLineEdit *filterEdit() const { return m_filter; }
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void chosen(collab::desktop::CourseSession *session, collab::desktop::QuickSwitcher::Kind kind, const QString &name);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();
    void choose();

    QList<QPointer<CourseSession>> m_sessions;
    QLineEdit *m_filter;
    QListWidget *m_list;
};

} // namespace collab::desktop
