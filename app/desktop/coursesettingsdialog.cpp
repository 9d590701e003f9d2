#include "coursesettingsdialog.h"

#include "courserequests.h"
#include "coursesession.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace collab::desktop {

CourseSettingsDialog::CourseSettingsDialog(CourseSession *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_title(new QLineEdit(session->title(), this)),
      m_studentNotes(new QCheckBox(tr("Students may create notes"), this)),
      m_invitesRequired(new QCheckBox(tr("Only roster invites admit students (not the join code)"), this)),
      m_archived(new QCheckBox(tr("Archived: read-only for everyone, still readable"), this)), m_message(new QLabel(this))
{
    setWindowTitle(tr("Settings of %1").arg(session->course()));
    m_studentNotes->setChecked(session->studentNotes());
    m_archived->setChecked(session->isArchived());
    m_invitesRequired->setChecked(session->invitesRequired());
    m_message->setWordWrap(true);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Title"), m_title);
    form->addRow(m_studentNotes);
    form->addRow(m_invitesRequired);
    form->addRow(m_archived);
    form->addRow(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &CourseSettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void CourseSettingsDialog::save()
{
    proto::CourseUpdate update;
    update.course = m_session->course();
    if (m_title->text().trimmed() != m_session->title() && !m_title->text().trimmed().isEmpty())
        update.title = m_title->text().trimmed();
    update.studentNotes = m_studentNotes->isChecked();
    update.invitesRequired = m_invitesRequired->isChecked();
    update.archived = m_archived->isChecked();
    sendCourseRequest(m_session->client(), this, update, [this](const QJsonObject &, const QString &error) {
        if (!error.isEmpty())
            return m_message->setText(tr("Not saved: %1").arg(error));
        accept();
    });
}

} // namespace collab::desktop
