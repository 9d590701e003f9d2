#include "rosterimportdialog.h"

#include "courserequests.h"

#include "client/rosterupload.h"
#include "protocol/limits.h"
#include "coursesession.h"
#include "protocol/utf8check.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QPointer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace collab::desktop {

RosterImportDialog::RosterImportDialog(CourseSession *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_file(new QLineEdit(this)), m_import(new QPushButton(tr("Import"), this)),
      m_table(new QTableWidget(0, 4, this)), m_message(new QLabel(this))
{
    setWindowTitle(tr("Import a roster into %1").arg(session->course()));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("A CSV file from your LMS: name, email or student id, role (student or ta)."), this));
    auto *row = new QHBoxLayout;
    m_file->setObjectName(QStringLiteral("file"));
    m_file->setPlaceholderText(tr("roster.csv", "a file name"));
    m_file->setAccessibleName(tr("Roster file (CSV)"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    row->addWidget(m_file, 1);
    row->addWidget(browse);
    m_import->setObjectName(QStringLiteral("import"));
    row->addWidget(m_import);
    layout->addLayout(row);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Email or id"), tr("Role"), tr("Invite")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAccessibleName(tr("Roster: name, email or id, role, invite"));
    layout->addWidget(m_table, 1);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    auto *copy = new QPushButton(tr("Copy invites"), this);
    copy->setObjectName(QStringLiteral("copyInvites"));
    auto *close = new QPushButton(tr("Close"), this);
    buttons->addWidget(copy);
    buttons->addStretch(1);
    buttons->addWidget(close);
    layout->addLayout(buttons);
    resize(720, 420);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Roster"), QString(), tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            m_file->setText(path);
    });
    connect(m_import, &QPushButton::clicked, this, &RosterImportDialog::import);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(invitesCsv()); });
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
}

QString RosterImportDialog::invitesCsv() const
{
    QStringList lines{QStringLiteral("name,contact,role,invite")};
    for (int r = 0; r < m_table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < 4; ++c) {
            QString v = m_table->item(r, c) ? m_table->item(r, c)->text() : QString();
            if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')))
                v = QLatin1Char('"') + v.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
            cells << v;
        }
        lines << cells.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void RosterImportDialog::import()
{
    QFile file(m_file->text());
    if (!file.open(QIODevice::ReadOnly))
        return m_message->setText(tr("Cannot read %1: %2").arg(m_file->text(), file.errorString()));
    if (file.size() > limits::MaxRosterBytes)
        return m_message->setText(tr("%1 is %2 KiB; a roster may be at most %3 MiB (about 80,000 rows).")
                                      .arg(m_file->text())
                                      .arg(file.size() / 1024)
                                      .arg(limits::MaxRosterBytes / (1024 * 1024)));
    const QByteArray bytes = file.readAll();
    if (const qsizetype bad = firstInvalidUtf8(bytes); bad >= 0)
        return m_message->setText(tr("Row %1 of %2 is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8\".")
                                      .arg(bytes.first(bad).count('\n') + 1)
                                      .arg(m_file->text()));
    const QString text = QString::fromUtf8(bytes);
    m_import->setEnabled(false);
    m_message->setText(tr("Importing…"));
    // In parts when it is larger than one frame (a class of 2,000 is ~100 KiB): client::uploadRoster.
    client::uploadRoster(m_session->client(), m_session->course(), text, [guard = QPointer<RosterImportDialog>(this)](const client::RequestResult &r) {
        if (guard)
            guard->showResult(r.ack() ? r.ack()->fields : QJsonObject(), describeFailure(r));
    });
}

void RosterImportDialog::showResult(const QJsonObject &fields, const QString &error)
{
    {
        m_import->setEnabled(true);
        if (!error.isEmpty())
            return m_message->setText(tr("Nothing was imported: %1").arg(error));
        const QJsonArray invites = fields.value(QLatin1String("invites")).toArray();
        m_table->setRowCount(int(invites.size()));
        for (int r = 0; r < invites.size(); ++r) {
            const QJsonObject i = invites.at(r).toObject();
            int c = 0;
            for (const char *key : {"user", "contact", "role", "invite"})
                m_table->setItem(r, c++, new QTableWidgetItem(i.value(QLatin1String(key)).toString()));
        }
        m_message->setText(tr("%n invite(s): each admits its name, in place of the join code. They are shown only now: "
                              "copy them (Copy invites) before closing.", nullptr, int(invites.size())));
    }
}

} // namespace collab::desktop
