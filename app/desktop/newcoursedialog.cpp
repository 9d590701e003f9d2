#include "newcoursedialog.h"

#include "protocol/ids.h"
#include "protocol/limits.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace collab::desktop {

NewCourseDialog::NewCourseDialog(QWidget *parent)
    : QDialog(parent), m_id(new QLineEdit(this)), m_title(new QLineEdit(this)), m_channels(new QLineEdit(this)),
      m_note(new QLineEdit(this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("New course"));
    m_id->setObjectName(QStringLiteral("courseId"));
    m_id->setPlaceholderText(QStringLiteral("CECS327"));
    m_title->setObjectName(QStringLiteral("courseTitle"));
    m_title->setPlaceholderText(tr("Distributed Systems"));
    m_channels->setObjectName(QStringLiteral("courseChannels"));
    m_channels->setText(tr("general, homework, !announcements", "default channel ids: letters, digits, . _ - only"));
    m_channels->setToolTip(tr("Comma-separated; a ! before a name makes it announcement-only (only you and TAs post)"));
    m_note->setObjectName(QStringLiteral("courseNote"));
    m_note->setText(QStringLiteral("class-notes"));
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *form = new QFormLayout(this);
    form->addRow(tr("Course id"), m_id);
    form->addRow(tr("Title"), m_title);
    form->addRow(tr("Channels"), m_channels);
    // What the tooltip says, where a first-time host sees it.
    auto *channelsHint = new QLabel(tr("Comma-separated. A ! before a name makes it announcement-only: only "
                                       "instructors and TAs post there."),
                                    this);
    channelsHint->setWordWrap(true);
    channelsHint->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), channelsHint);
    form->addRow(tr("First note"), m_note);
    form->addRow(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewCourseDialog::tryAccept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Wide enough for the default channel list and a course title without scrolling inside them.
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
}

proto::CourseCreate NewCourseDialog::spec(QString *error) const
{
    proto::CourseCreate c;
    c.course = m_id->text().trimmed();
    c.title = m_title->text().trimmed();
    if (!isValidId(c.course)) {
        *error = tr("The course id must be 1-64 letters, digits, '.', '_' or '-' (e.g. CECS327).");
        return c;
    }
    if (c.course.startsWith(QLatin1Char('_'))) {
        *error = tr("Course ids may not start with '_'.");
        return c;
    }
    if (c.title.toUtf8().size() > limits::MaxTitleBytes) {
        *error = tr("The title is too long (at most %1 bytes).").arg(limits::MaxTitleBytes);
        return c;
    }
    for (QString name : m_channels->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        name = name.trimmed();
        const bool announcement = name.startsWith(QLatin1Char('!'));
        if (announcement)
            name = name.mid(1).trimmed();
        if (!isValidId(name)) {
            *error = tr("'%1' is not a channel name (letters, digits, '.', '_' or '-').").arg(name);
            return c;
        }
        if (c.channels.contains(name)) {
            *error = tr("#%1 is listed twice.").arg(name);
            return c;
        }
        c.channels << name;
        if (announcement)
            c.announcements << name;
    }
    const QString note = m_note->text().trimmed();
    if (!note.isEmpty()) {
        if (!isValidId(note)) {
            *error = tr("'%1' is not a note name (letters, digits, '.', '_' or '-').").arg(note);
            return c;
        }
        c.notes << note;
    }
    error->clear();
    return c;
}

void NewCourseDialog::setError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

void NewCourseDialog::tryAccept()
{
    QString error;
    spec(&error);
    setError(error);
    if (error.isEmpty())
        accept();
}

} // namespace collab::desktop
