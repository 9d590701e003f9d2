#include "noteversionactions.h"

#include "coursesession.h"
#include "courserequests.h"
#include "notehistorymodel.h"

#include "protocol/historymessages.h"

#include <QLabel>
#include <QPushButton>

namespace collab::desktop {

NoteVersionActions::NoteVersionActions(CourseSession *session, const QString &note, NoteVersionModel *versions, QWidget *parent)
    : QObject(parent),
      m_session(session),
      m_note(note),
      m_versions(versions),
      m_parent(parent),
      m_nameButton(new QPushButton(tr("&Name this version…"), parent)),
      m_restoreButton(new QPushButton(tr("&Restore this version…"), parent)),
      m_permission(new QLabel(parent))
{
    m_permission->setWordWrap(true);
    m_permission->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    m_permission->setForegroundRole(QPalette::PlaceholderText);
    connect(m_nameButton, &QPushButton::clicked, this, &NoteVersionActions::askName);
    connect(m_restoreButton, &QPushButton::clicked, this, &NoteVersionActions::askRestore);
    connect(m_session, &CourseSession::roleChanged, this, &NoteVersionActions::update);
    connect(m_session, &CourseSession::accessChanged, this, &NoteVersionActions::update);
    connect(m_session, &CourseSession::statusChanged, this, &NoteVersionActions::update);
    update();
}

void NoteVersionActions::setVersion(quint64 seq)
{
    m_seq = seq;
    update();
}

void NoteVersionActions::update()
{
    const bool connected = m_session->status() == CourseSession::Status::Connected;
    const bool moderator = m_session->isModerator();
    const bool onVersion = m_versions->rowOfSeq(m_seq) >= 0;
    const QString readOnly = m_session->noteReadOnlyReason(m_note);
    QString nameWhy;
    QString restoreWhy;
    if (!moderator) {
        nameWhy = tr("Only instructors and TAs name versions.");
        restoreWhy = tr("Only instructors and TAs restore versions.");
    } else if (!connected) {
        nameWhy = restoreWhy = tr("Offline: naming and restoring wait for the connection.");
    } else if (!readOnly.isEmpty()) {
        nameWhy = restoreWhy = readOnly;
    } else if (!onVersion) {
        nameWhy = restoreWhy = tr("No version is chosen on the slider.");
    } else if (m_session->isNoteLocked(m_note)) {
        restoreWhy = tr("Locked by %1: unlock the note before restoring a version.").arg(m_session->noteLockedBy(m_note));
    } else if (m_seq == m_versions->newestSeq()) {
        restoreWhy = tr("This is the note's current text.");
    }
    m_nameButton->setEnabled(nameWhy.isEmpty());
    m_nameButton->setToolTip(nameWhy.isEmpty() ? tr("Give version #%1 a name everyone sees (“Before midterm”)").arg(m_seq) : nameWhy);
    m_restoreButton->setEnabled(restoreWhy.isEmpty());
    m_restoreButton->setToolTip(restoreWhy.isEmpty()
                                    ? tr("Make the note's text what it was at version #%1, as a new edit of yours").arg(m_seq)
                                    : restoreWhy);
    // A student is told once, under the buttons, rather than only in a tooltip.
    m_permission->setText(moderator ? QString() : tr("Only instructors and TAs name and restore versions; you can browse them."));
    m_permission->setVisible(!moderator);
}

void NoteVersionActions::askName()
{
    if (m_nameDialog)
        return m_nameDialog->raise();
    const quint64 seq = m_seq;
    auto *dialog = new QInputDialog(m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Name this version"));
    dialog->setLabelText(tr("A name for version #%1 (up to %2 characters), e.g. “Before midterm”:")
                             .arg(seq)
                             .arg(proto::history::MaxVersionNameChars));
    dialog->setTextValue(QString());
    dialog->setWindowModality(Qt::WindowModal);
    m_nameDialog = dialog;
    connect(dialog, &QInputDialog::textValueSelected, this, [this, seq](const QString &text) {
        const QString name = text.trimmed();
        if (std::optional<ProtocolError> bad = proto::history::checkVersionName(name))
            return Q_EMIT status(tr("Not named: %1").arg(bad->message), true);
        Q_EMIT status(tr("Naming version #%1…").arg(seq), false);
        proto::NoteNameVersion request{m_session->course(), m_note, name, seq};
        sendCourseRequest(m_session->client(), this, request, [this, seq, name](const QJsonObject &, const QString &error) {
            if (!error.isEmpty())
                return Q_EMIT status(tr("Version #%1 was not named “%2”: %3").arg(seq).arg(name, error), true);
            Q_EMIT status(tr("Version #%1 is named “%2”.").arg(seq).arg(name), false);
        });
    });
    dialog->open();
}

void NoteVersionActions::askRestore()
{
    if (m_restoreQuestion)
        return m_restoreQuestion->raise();
    const quint64 seq = m_seq;
    const QString title = m_session->noteTitle(m_note);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Restore this version"),
                                tr("Make %1 what it was at version #%2?").arg(title).arg(seq), QMessageBox::NoButton, m_parent);
    box->setInformativeText(tr("The text becomes that version's, as a new edit of yours that everyone sees at "
                               "once. Nothing of the history is lost: the text as it is now stays a version you "
                               "can go back to."));
    QPushButton *restore = box->addButton(tr("Restore"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    m_restoreQuestion = box;
    connect(box, &QMessageBox::buttonClicked, this, [this, seq, restore](QAbstractButton *clicked) {
        if (clicked != restore)
            return;
        Q_EMIT status(tr("Restoring version #%1…").arg(seq), false);
        proto::NoteRestore request;
        request.course = m_session->course();
        request.note = m_note;
        request.at = seq;
        sendCourseRequest(m_session->client(), this, request, [this, seq](const QJsonObject &fields, const QString &error) {
            if (!error.isEmpty())
                return Q_EMIT status(tr("Version #%1 was not restored: %2").arg(seq).arg(error), true);
            const quint64 made = quint64(fields.value(QLatin1String("seq")).toDouble());
            Q_EMIT status(made == 0 ? tr("The note's text already is version #%1's: nothing to restore.").arg(seq)
                                 : tr("Version #%1 is restored: the note's text is now version #%2.").arg(seq).arg(made), false);
        });
    });
    box->open();
}

} // namespace collab::desktop
