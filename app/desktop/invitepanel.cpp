#include "invitepanel.h"

#include "courserequests.h"
#include "coursesession.h"

#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace collab::desktop {

InvitePanel::InvitePanel(CourseSession *session, const QString &serverAddress, QWidget *parent)
    : QDialog(parent), m_session(session), m_server(serverAddress), m_rotate(new QPushButton(tr("New join code"), this)),
      m_message(new QLabel(this))
{
    setWindowTitle(tr("Invite people to %1").arg(session->course()));
    auto *grid = new QGridLayout(this);
    grid->addWidget(new QLabel(tr("Classmates join with these (they choose their own name):"), this), 0, 0, 1, 3);
    addRow(QStringLiteral("server"), tr("Server address"), m_server);
    addRow(QStringLiteral("course"), tr("Course id"), session->course());
    addRow(QStringLiteral("joinCode"), tr("Join code"), QString());
    addRow(QStringLiteral("command"), tr("In a terminal"), QString());
    m_rotate->setObjectName(QStringLiteral("rotate"));
    m_rotate->setToolTip(tr("Make a new join code: the current one is refused from now on (e.g. after it leaked)"));
    m_rotate->setEnabled(session->isManager());
    m_message->setWordWrap(true);
    grid->addWidget(m_rotate, grid->rowCount(), 0);
    grid->addWidget(m_message, grid->rowCount(), 0, 1, 3);
    auto *close = new QPushButton(tr("Close"), this);
    grid->addWidget(close, grid->rowCount(), 2);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_rotate, &QPushButton::clicked, this, &InvitePanel::rotate);
    refresh();
}

void InvitePanel::addRow(const QString &name, const QString &label, const QString &value)
{
    auto *grid = static_cast<QGridLayout *>(layout());
    const int row = grid->rowCount();
    auto *edit = new QLineEdit(value, this);
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setMinimumWidth(name == QLatin1String("command") ? 520 : 280);
    auto *copy = new QPushButton(tr("Copy"), this);
    copy->setObjectName(name + QStringLiteral("Copy"));
    connect(copy, &QPushButton::clicked, this, [edit] { QApplication::clipboard()->setText(edit->text()); });
    auto *caption = new QLabel(label, this);
    caption->setBuddy(edit); // the field's accessible name
    // Four buttons all called "Copy": each says what it copies.
    QString what = label;
    what.remove(QLatin1Char('&'));
    if (what.endsWith(QLatin1Char(':')))
        what.chop(1);
    copy->setAccessibleName(tr("Copy %1").arg(what.toLower()));
    grid->addWidget(caption, row, 0);
    grid->addWidget(edit, row, 1);
    grid->addWidget(copy, row, 2);
}

QLineEdit *InvitePanel::field(const QString &name) const { return findChild<QLineEdit *>(name); }
QPushButton *InvitePanel::copyButton(const QString &name) const { return findChild<QPushButton *>(name + QStringLiteral("Copy")); }

void InvitePanel::refresh()
{
    const QString code = m_session->joinCode();
    field(QStringLiteral("joinCode"))->setText(code);
    field(QStringLiteral("command"))->setText(tr("collab-cli --server %1 --course %2 --join-code %3 --username YOUR.NAME --listen", "a command: translate only YOUR.NAME (letters, digits, . _ -)")
                                                  .arg(m_server, m_session->course(), code));
}

void InvitePanel::rotate()
{
    m_rotate->setEnabled(false);
    sendCourseRequest(m_session->client(), this, proto::JoinCodeRotate{m_session->course()}, [this](const QJsonObject &fields, const QString &error) {
        m_rotate->setEnabled(m_session->isManager());
        if (!error.isEmpty()) {
            m_message->setText(tr("Could not rotate the code: %1").arg(error));
            return;
        }
        m_session->setJoinCode(fields.value(QLatin1String("joinCode")).toString());
        m_message->setText(tr("New join code: the old one is refused from now on."));
        refresh();
    });
}

} // namespace collab::desktop
