#pragma once

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QTableWidget;

namespace collab::desktop {

class CourseSession;

// "Moderation log" (instructors): who locked, removed, restored, deleted, appointed, rotated ...
// and when, newest last, as the server recorded it.
class ModerationLogDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ModerationLogDialog(CourseSession *session, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLabel *messageLabel() const { return m_message; }
    void reload();
    // A log entry's kind ("member.kicked") and data in the user's language; unknown kinds as sent.
    static QString kindInWords(const QString &kind, const QJsonObject &data);
    static QString detailsInWords(const QString &kind, const QJsonObject &data);

private:
    CourseSession *m_session;
    QTableWidget *m_table;
    QLabel *m_message;
};

} // namespace collab::desktop
