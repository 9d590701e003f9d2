#include "moderationlogdialog.h"

#include "courserequests.h"
#include "coursesession.h"

#include "client/moderationtext.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace collab::desktop {

ModerationLogDialog::ModerationLogDialog(CourseSession *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_table(new QTableWidget(0, 4, this)), m_message(new QLabel(this))
{
    setWindowTitle(QStringLiteral("Moderation log of %1").arg(session->course()));
    auto *layout = new QVBoxLayout(this);
    m_table->setHorizontalHeaderLabels({QStringLiteral("When"), QStringLiteral("What"), QStringLiteral("By"), QStringLiteral("Details")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAccessibleName(QStringLiteral("Moderation log: when, what, by whom, details"));
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    auto *refresh = new QPushButton(QStringLiteral("Refresh"), this);
    auto *close = new QPushButton(QStringLiteral("Close"), this);
    buttons->addWidget(refresh);
    buttons->addStretch(1);
    buttons->addWidget(close);
    layout->addLayout(buttons);
    resize(760, 420);
    connect(refresh, &QPushButton::clicked, this, &ModerationLogDialog::reload);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    reload();
}

void ModerationLogDialog::reload()
{
    m_message->setText(QStringLiteral("Loading\u2026"));
    sendCourseRequest(m_session->client(), this, proto::ModerationLog{m_session->course(), 500}, [this](const QJsonObject &fields, const QString &error) {
        if (!error.isEmpty())
            return m_message->setText(QStringLiteral("Cannot read the log: %1").arg(error));
        const QJsonArray entries = fields.value(QLatin1String("entries")).toArray();
        m_table->setRowCount(int(entries.size()));
        for (int r = 0; r < entries.size(); ++r) {
            const QJsonObject e = entries.at(r).toObject();
            const QString when = QDateTime::fromMSecsSinceEpoch(qint64(e.value(QLatin1String("ts")).toDouble())).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
            m_table->setItem(r, 0, new QTableWidgetItem(when));
            m_table->setItem(r, 1, new QTableWidgetItem(e.value(QLatin1String("kind")).toString()));
            m_table->setItem(r, 2, new QTableWidgetItem(e.value(QLatin1String("by")).toString()));
            const QString kind = e.value(QLatin1String("kind")).toString();
            m_table->setItem(r, 3, new QTableWidgetItem(client::moderationDetails(kind, e.value(QLatin1String("data")).toObject(), false)));
        }
        m_message->setText(entries.isEmpty() ? QStringLiteral("Nothing yet.") : QStringLiteral("%1 entries.").arg(entries.size()));
    });
}

} // namespace collab::desktop
