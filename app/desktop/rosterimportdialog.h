#pragma once

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace collab::desktop {

class CourseSession;

// "Import roster": a CSV exported from the LMS (name, email or student id, role) becomes one
// invite per row, shown once in a table to copy or save; all rows or none, the server naming the
// row of any problem.
class RosterImportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RosterImportDialog(CourseSession *session, QWidget *parent = nullptr);

    QLineEdit *fileEdit() const { return m_file; }
    QPushButton *importButton() const { return m_import; }
    QTableWidget *table() const { return m_table; }
    QLabel *messageLabel() const { return m_message; }
    // The invites as CSV (name, contact, role, invite), for the clipboard or a file.
    QString invitesCsv() const;

private:
    void import();
    void showResult(const QJsonObject &fields, const QString &error);

    CourseSession *m_session;
    QLineEdit *m_file;
    QPushButton *m_import;
    QTableWidget *m_table;
    QLabel *m_message;
};

} // namespace collab::desktop
