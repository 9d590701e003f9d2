#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace collab::desktop {

class DesktopSettings;

// Where to connect: server address, display name, course and join code, prefilled from the
// settings. "Host a session on this computer" instead starts a server inside the app. The same
// form joins another course from the main window (Purpose::JoinAnother: no hosting there).
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Purpose { StartUp, JoinAnother };
    explicit LoginDialog(DesktopSettings *settings, QWidget *parent = nullptr, Purpose purpose = Purpose::StartUp);

    bool hostRequested() const { return m_host; }
    QString server() const;
    QString name() const;
    QString course() const;
    QString joinCode() const;
    QString secret() const; // optional: an instructor's secret
    void setError(const QString &message);
    // Starts the form at `server` as `name` (Join course…: most courses are joined where one is).
    void prefill(const QString &server, const QString &name);

    // Accepts if the fields are valid, else says why (also for tests).
    void tryJoin();
    void tryHost();

private:
    bool validate(bool needServer);

    DesktopSettings *m_settings;
    QComboBox *m_server;
    QComboBox *m_name;
    QLineEdit *m_course;
    QLineEdit *m_code;
    QLineEdit *m_secret;
    QLabel *m_error;
    bool m_host = false;
};

} // namespace collab::desktop
