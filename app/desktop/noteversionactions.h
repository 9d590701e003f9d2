#pragma once

#include <QInputDialog>
#include <QMessageBox>
#include <QObject>
#include <QPointer>

class QLabel;
class QPushButton;
class QWidget;

namespace collab::desktop {

class CourseSession;
class NoteVersionModel;

// What a moderator does with the version at the history slider: "Name this version…" (a name
// everyone sees, note.name) and "Restore this version…" (asked first; the server makes the old text
// a new edit of theirs, note.restore). The buttons are enabled only when the server would accept
// (a moderator, connected, the note writable, not locked for a restore, not the current text) and
// say why not in their tooltips; students get a line saying they can only browse.
class NoteVersionActions : public QObject
{
    Q_OBJECT
public:
    NoteVersionActions(CourseSession *session, const QString &note, NoteVersionModel *versions, QWidget *parent);

    QPushButton *nameButton() const { return m_nameButton; }
    QPushButton *restoreButton() const { return m_restoreButton; }
    QLabel *permissionLine() const { return m_permission; }
    // The dialogs the buttons open (window-modal, not blocking), while they are open.
    QInputDialog *nameDialog() const { return m_nameDialog; }
    QMessageBox *restoreQuestion() const { return m_restoreQuestion; }

    // The version the slider is on (0: none).
    void setVersion(quint64 seq);
    void update();

Q_SIGNALS:
    void status(const QString &text, bool problem);

private:
    void askName();
    void askRestore();

    CourseSession *m_session;
    QString m_note;
    NoteVersionModel *m_versions;
    QWidget *m_parent;
    QPushButton *m_nameButton;
    QPushButton *m_restoreButton;
    QLabel *m_permission;
    QPointer<QInputDialog> m_nameDialog;
    QPointer<QMessageBox> m_restoreQuestion;
    quint64 m_seq = 0;
};

} // namespace collab::desktop
