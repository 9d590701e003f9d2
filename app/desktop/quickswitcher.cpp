#include "quickswitcher.h"

#include "coursesession.h"
#include "listmodels.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace collab::desktop {

namespace {
constexpr int KindRole = Qt::UserRole + 1;
constexpr int NameRole = Qt::UserRole + 2;
constexpr int SessionRole = Qt::UserRole + 3; // the row's course (its index in m_sessions)

// "gnrl" finds "general": the letters in order, not necessarily together.
bool matches(const QString &name, const QString &filter)
{
    int at = 0;
    for (const QChar c : filter) {
        at = int(name.indexOf(c, at, Qt::CaseInsensitive));
        if (at < 0)
            return false;
        ++at;
    }
    return true;
}
} // namespace

QuickSwitcher::QuickSwitcher(const QList<CourseSession *> &sessions, QWidget *parent)
    : QDialog(parent), m_filter(new QLineEdit(this)), m_list(new QListWidget(this))
{
    for (CourseSession *session : sessions)
        m_sessions.append(session);
    setWindowTitle(tr("Go to channel or note"));
    setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(this);
    m_filter->setPlaceholderText(tr("Channel or note — Enter to go, Esc to close"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Channel or note to go to"));
    m_list->setAccessibleName(tr("Matching channels and notes"));
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, &QuickSwitcher::refill);
    connect(m_filter, &QLineEdit::returnPressed, this, &QuickSwitcher::choose);
    connect(m_list, &QListWidget::itemActivated, this, &QuickSwitcher::choose);
    resize(380, 320);
    refill();
}

void QuickSwitcher::refill()
{
    const QString filter = m_filter->text().trimmed();
    m_list->clear();
    const bool several = m_sessions.size() > 1;
    for (int s = 0; s < m_sessions.size(); ++s) {
        const CourseSession *session = m_sessions.at(s);
        if (!session)
            continue;
        // "# general — CECS327": the course is said only when there is more than one.
        const QString course = several ? tr(" — %1").arg(session->course()) : QString();
        const auto match = [&](const QString &name) { return matches(name, filter) || (several && matches(session->course() + name, filter)); };
        const ChannelModel *channels = session->channels();
        for (const QString &channel : channels->channels()) {
            if (!match(channel))
                continue;
            const int unread = channels->unread(channel);
            auto *item = new QListWidgetItem(unread > 0 ? tr("# %1  (%n unread)", nullptr, unread).arg(channel) + course
                                                        : QStringLiteral("# %1").arg(channel) + course,
                                             m_list);
            item->setData(KindRole, int(Kind::Channel));
            item->setData(NameRole, channel);
            item->setData(SessionRole, s);
        }
        for (const QString &note : session->noteNames()) {
            if (!match(note))
                continue;
            auto *item = new QListWidgetItem(tr("✎ %1  (note)").arg(note) + course, m_list);
            item->setData(KindRole, int(Kind::Note));
            item->setData(NameRole, note);
            item->setData(SessionRole, s);
        }
    }
    m_list->setCurrentRow(m_list->count() > 0 ? 0 : -1);
}

void QuickSwitcher::choose()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const auto kind = Kind(item->data(KindRole).toInt());
    const QString name = item->data(NameRole).toString();
    const QPointer<CourseSession> session = m_sessions.value(item->data(SessionRole).toInt());
    accept();
    if (session)
        Q_EMIT chosen(session, kind, name);
}

bool QuickSwitcher::eventFilter(QObject *watched, QEvent *event)
{
    // Up and Down move in the list while the typing stays in the filter.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Down || key == Qt::Key_Up) && m_list->count() > 0) {
            const int row = std::clamp(m_list->currentRow() + (key == Qt::Key_Down ? 1 : -1), 0, m_list->count() - 1);
            m_list->setCurrentRow(row);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace collab::desktop
