#include "logindialog.h"

#include "desktopsettings.h"
#include "usercolors.h"

#include "client/servertrust.h"
#include "protocol/ids.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace collab::desktop {

LoginDialog::LoginDialog(DesktopSettings *settings, QWidget *parent, Purpose purpose)
    : QDialog(parent),
      m_settings(settings),
      m_server(new QComboBox(this)),
      m_name(new QComboBox(this)),
      m_course(new QLineEdit(this)),
      m_code(new QLineEdit(this)),
      m_secret(new QLineEdit(this)),
      m_error(new QLabel(this))
{
    setWindowTitle(tr("Join a course")); // the platform adds " — CourseCollab"
    setWindowIcon(appIcon());
    m_server->setObjectName(QStringLiteral("server"));
    m_name->setObjectName(QStringLiteral("name"));
    m_course->setObjectName(QStringLiteral("course"));
    m_code->setObjectName(QStringLiteral("joinCode"));
    m_secret->setObjectName(QStringLiteral("secret"));
    m_error->setObjectName(QStringLiteral("error"));
    m_server->setEditable(true);
    m_server->addItems(settings->recentServers());
    if (m_server->count() == 0)
        m_server->addItem(QStringLiteral("ws://127.0.0.1:8080/ws"));
    m_name->setEditable(true);
    m_name->addItems(settings->recentNames());
    m_name->lineEdit()->setPlaceholderText(tr("e.g. angie.nguyen"));
    m_course->setText(settings->lastCourse());
    m_course->setPlaceholderText(tr("e.g. CECS327"));
    m_code->setText(settings->joinCode(m_course->text()));
    m_code->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("instructors only, if the course has one"));
    connect(m_course, &QLineEdit::textEdited, this,
            [this](const QString &c) { m_code->setText(m_settings->joinCode(c)); });

    auto *form = new QFormLayout;
    form->addRow(tr("&Server"), m_server);
    form->addRow(tr("Display &name"), m_name);
    form->addRow(tr("&Course"), m_course);
    form->addRow(tr("&Join code"), m_code);
    form->addRow(tr("Instructor &secret"), m_secret);
    m_error->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *join = buttons->addButton(tr("Join"), QDialogButtonBox::AcceptRole);
    QPushButton *host = buttons->addButton(tr("Host a session on this computer"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    join->setDefault(true);
    host->setToolTip(tr("Start a server inside this app with a demo course and share its address and join code"));
    if (purpose == Purpose::JoinAnother) { // a course beside the ones open: a server elsewhere
        setWindowTitle(tr("Join another course"));
        host->hide();
    }
    connect(join, &QPushButton::clicked, this, &LoginDialog::tryJoin);
    connect(host, &QPushButton::clicked, this, &LoginDialog::tryHost);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(460, sizeHint().height());
}

QString LoginDialog::server() const { return m_server->currentText().trimmed(); }
QString LoginDialog::name() const { return m_name->currentText().trimmed(); }
QString LoginDialog::course() const { return m_course->text().trimmed(); }
QString LoginDialog::joinCode() const { return m_code->text().trimmed(); }
QString LoginDialog::secret() const { return m_secret->text(); }

void LoginDialog::prefill(const QString &server, const QString &name)
{
    if (!server.isEmpty())
        m_server->setEditText(server);
    if (!name.isEmpty())
        m_name->setEditText(name);
    m_course->clear();
    m_code->clear();
    m_course->setFocus();
}

void LoginDialog::setError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

bool LoginDialog::validate(bool needServer)
{
    if (!isValidId(name())) {
        setError(tr("A display name is 1–64 letters, digits, dots, dashes or underscores."));
        return false;
    }
    if (!needServer)
        return true;
    if (!client::webSocketUrl(QUrl(server())).isValid()) {
        setError(tr("The server address looks like ws://HOST:PORT/ws or https://HOST:PORT."));
        return false;
    }
    if (!isValidId(course())) {
        setError(tr("Enter the course id, e.g. CECS327."));
        return false;
    }
    if (joinCode().isEmpty()) {
        setError(tr("Enter the course's join code (ask your instructor)."));
        return false;
    }
    return true;
}

void LoginDialog::tryJoin()
{
    if (!validate(true))
        return;
    m_host = false;
    m_settings->remember(server(), name(), course(), joinCode());
    accept();
}

void LoginDialog::tryHost()
{
    if (!validate(false))
        return;
    m_host = true;
    m_settings->remember(QString(), name(), QString(), QString());
    accept();
}

} // namespace collab::desktop
