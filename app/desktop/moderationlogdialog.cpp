#include "moderationlogdialog.h"

#include "courserequests.h"
#include "coursesession.h"

#include "client/moderationtext.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHash>
#include <QLocale>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace collab::desktop {

QString ModerationLogDialog::kindInWords(const QString &kind, const QJsonObject &data)
{
    if (kind == QLatin1String("note.locked"))
        return data.value(QLatin1String("locked")).toBool() ? tr("note locked") : tr("note unlocked");
    static const QHash<QString, const char *> words = {
        {QStringLiteral("chat.deleted"), QT_TR_NOOP("message deleted")},
        {QStringLiteral("member.kicked"), QT_TR_NOOP("member removed")},
        {QStringLiteral("member.purged"), QT_TR_NOOP("member's data erased")},
        {QStringLiteral("member.restored"), QT_TR_NOOP("member restored")},
        {QStringLiteral("member.role"), QT_TR_NOOP("role changed")},
        {QStringLiteral("course.updated"), QT_TR_NOOP("course settings changed")},
        {QStringLiteral("channel.added"), QT_TR_NOOP("channel added")},
        {QStringLiteral("channel.updated"), QT_TR_NOOP("channel changed")},
        {QStringLiteral("note.created"), QT_TR_NOOP("note created")},
        {QStringLiteral("note.updated"), QT_TR_NOOP("note changed")},
        {QStringLiteral("joincode.rotated"), QT_TR_NOOP("new join code")},
        {QStringLiteral("roster.imported"), QT_TR_NOOP("roster imported")},
    };
    const char *text = words.value(kind);
    return text ? tr(text) : kind;
}

QString ModerationLogDialog::detailsInWords(const QString &kind, const QJsonObject &data)
{
    const QString user = data.value(QLatin1String("user")).toString();
    if (kind == QLatin1String("member.kicked")) {
        const qint64 until = qint64(data.value(QLatin1String("until")).toDouble());
        if (client::isUntilRestored(until))
            return tr("%1 until restored").arg(user);
        return tr("%1 until %2").arg(user, QLocale().toString(QDateTime::fromMSecsSinceEpoch(until), QLocale::ShortFormat));
    }
    return client::moderationDetails(kind, data, false); // names and ids, as the server sent them
}

ModerationLogDialog::ModerationLogDialog(CourseSession *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_table(new QTableWidget(0, 4, this)), m_message(new QLabel(this))
{
    setWindowTitle(tr("Moderation log of %1").arg(session->course()));
    auto *layout = new QVBoxLayout(this);
    m_table->setHorizontalHeaderLabels({tr("When"), tr("What"), tr("By"), tr("Details")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAccessibleName(tr("Moderation log: when, what, by whom, details"));
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    auto *refresh = new QPushButton(tr("Refresh"), this);
    auto *close = new QPushButton(tr("Close"), this);
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
    m_message->setText(tr("Loading…"));
    sendCourseRequest(m_session->client(), this, proto::ModerationLog{m_session->course(), 500}, [this](const QJsonObject &fields, const QString &error) {
        if (!error.isEmpty())
            return m_message->setText(tr("Cannot read the log: %1").arg(error));
        const QJsonArray entries = fields.value(QLatin1String("entries")).toArray();
        m_table->setRowCount(int(entries.size()));
        for (int r = 0; r < entries.size(); ++r) {
            const QJsonObject e = entries.at(r).toObject();
            const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(e.value(QLatin1String("ts")).toDouble())), QLocale::ShortFormat);
            m_table->setItem(r, 0, new QTableWidgetItem(when));
            const QString kind = e.value(QLatin1String("kind")).toString();
            m_table->setItem(r, 1, new QTableWidgetItem(kindInWords(kind, e.value(QLatin1String("data")).toObject())));
            m_table->item(r, 1)->setToolTip(kind); // the event's name, as collab-cli and the docs call it
            m_table->setItem(r, 2, new QTableWidgetItem(e.value(QLatin1String("by")).toString()));
            m_table->setItem(r, 3, new QTableWidgetItem(detailsInWords(kind, e.value(QLatin1String("data")).toObject())));
        }
        m_message->setText(entries.isEmpty() ? tr("Nothing yet.") : tr("%n entry(s).", nullptr, int(entries.size())));
    });
}

} // namespace collab::desktop
