#pragma once

#include <QDialog>

class QLineEdit;
class QListWidget;

namespace collab::desktop {

class CourseSession;

// Ctrl+K: type a few letters of a channel or note, Enter goes there (Up/Down pick, Esc closes).
// Channels show their unread count. Opened without blocking (open()), so that tests type into it.
class QuickSwitcher : public QDialog
{
    Q_OBJECT
public:
    enum class Kind { Channel, Note };
    QuickSwitcher(CourseSession *session, QWidget *parent = nullptr);

    QLineEdit *filterEdit() const { return m_filter; }
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void chosen(collab::desktop::QuickSwitcher::Kind kind, const QString &name);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();
    void choose();

    CourseSession *m_session;
    QLineEdit *m_filter;
    QListWidget *m_list;
};

} // namespace collab::desktop
