#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace collab::desktop {

class CourseSession;

// "Course settings" (instructors): the title, whether students may create notes, whether only
// roster invites admit students, and archiving (read-only for everyone, still readable).
class CourseSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CourseSettingsDialog(CourseSession *session, QWidget *parent = nullptr);

    QLineEdit *titleEdit() const { return m_title; }
    QCheckBox *studentNotesBox() const { return m_studentNotes; }
    QCheckBox *invitesRequiredBox() const { return m_invitesRequired; }
    QCheckBox *archivedBox() const { return m_archived; }
    QLabel *messageLabel() const { return m_message; }
    void save();

private:
    CourseSession *m_session;
    QLineEdit *m_title;
    QCheckBox *m_studentNotes;
    QCheckBox *m_invitesRequired;
    QCheckBox *m_archived;
    QLabel *m_message;
};

} // namespace collab::desktop
