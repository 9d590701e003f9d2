#pragma once

#include "protocol/clientmessages.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace collab::desktop {

// "New course": an id, a title, channels (comma-separated; the ones marked with ! are
// announcement-only) and a first note. Checked as the server will (ids); spec() is the request.
class NewCourseDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewCourseDialog(QWidget *parent = nullptr);

    QLineEdit *idEdit() const { return m_id; }
    QLineEdit *titleEdit() const { return m_title; }
    QLineEdit *channelsEdit() const { return m_channels; }
    QLineEdit *noteEdit() const { return m_note; }
    QLabel *errorLabel() const { return m_error; }
    // The course.create this dialog describes, or an error in words (empty when valid).
    proto::CourseCreate spec(QString *error) const;
    void setError(const QString &error);

private:
    void tryAccept();

    QLineEdit *m_id;
    QLineEdit *m_title;
    QLineEdit *m_channels;
    QLineEdit *m_note;
    QLabel *m_error;
};

} // namespace collab::desktop
