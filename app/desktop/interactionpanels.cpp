#include "interactionpanels.h"

#include "courserequests.h"
#include "coursesession.h"
#include "polldialog.h"

#include "model/courseevent.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QLocale>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace collab::desktop {

namespace {

quint64 number(const QJsonObject &o, const char *key) { return quint64(o.value(QLatin1String(key)).toDouble()); }

} // namespace

PollPanel::PollPanel(CourseSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_question(new QLabel(tr("Right-click a poll: Open poll"), this)),
      m_optionBox(new QWidget(this)), m_vote(new QPushButton(tr("Vote"), this)),
      m_close(new QPushButton(tr("Close poll"), this)), m_status(new QLabel(this)),
      m_new(new QPushButton(tr("New poll…"), this))
{
    m_question->setWordWrap(true);
    new QVBoxLayout(m_optionBox);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_vote);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addWidget(m_optionBox);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_new, 0, Qt::AlignLeft);
    // Moderators start polls (the server's rule); nobody else is offered the button.
    m_new->setToolTip(tr("Start a poll in the current channel"));
    m_new->setVisible(m_session->isModerator());
    connect(m_session, &CourseSession::roleChanged, m_new, [this] { m_new->setVisible(m_session->isModerator()); });
    connect(m_new, &QPushButton::clicked, this, &PollPanel::newPoll);
    m_vote->setEnabled(false);
    m_close->setVisible(false);
    connect(m_vote, &QPushButton::clicked, this, &PollPanel::vote);
    connect(m_close, &QPushButton::clicked, this, [this] {
        sendCourseRequest(m_session->client(), this, proto::PollClose{m_session->course(), m_poll},
                          [this](const QJsonObject &, const QString &error) { error.isEmpty() ? reload() : m_status->setText(error); });
    });
    // A timed poll closes by the server's clock with no event: when its time is up the panel asks
    // again, and the server's answer (closed, the final counts) is what it shows.
    m_closing.setSingleShot(true);
    connect(&m_closing, &QTimer::timeout, this, &PollPanel::reload);
    connect(m_session->client(), &client::CollabClient::eventReceived, this, [this](const CourseEvent &e) {
        if (m_poll && (e.kind == EventKind::PollVoted || e.kind == EventKind::PollClosed) && number(e.data, "poll") == m_poll)
            reload();
    });
}

PollDialog *PollPanel::newPoll()
{
    auto *dialog = new PollDialog(m_session, m_session->currentChannel(), window());
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &PollDialog::pollCreated, this, &PollPanel::showPoll);
    dialog->open();
    return dialog;
}

void PollPanel::showPoll(quint64 poll)
{
    m_poll = poll;
    reload();
}

void PollPanel::reload()
{
    sendCourseRequest(m_session->client(), this, proto::PollGet{m_session->course(), m_poll, false},
                      [this, poll = m_poll](const QJsonObject &fields, const QString &error) {
        if (poll != m_poll)
            return;
        if (!error.isEmpty())
            return m_status->setText(error);
        rebuild(fields.value(QLatin1String("poll")).toObject());
        Q_EMIT loaded();
    });
}

void PollPanel::rebuild(const QJsonObject &poll)
{
    const bool multiple = poll.value(QLatin1String("multiple")).toBool();
    m_closed = poll.value(QLatin1String("closed")).toBool();
    const QString question = poll.value(QLatin1String("question")).toString();
    m_question->setText(m_closed ? tr("%1 (closed)").arg(question) : question);
    QList<int> chosen;
    for (const QJsonValue &v : poll.value(QLatin1String("mine")).toArray())
        chosen << v.toInt();
    qDeleteAll(m_options);
    m_options.clear();
    m_counts.clear();
    auto *group = new QButtonGroup(m_optionBox);
    group->setExclusive(!multiple);
    const QJsonArray options = poll.value(QLatin1String("options")).toArray();
    const QJsonArray counts = poll.value(QLatin1String("counts")).toArray();
    for (qsizetype i = 0; i < options.size(); ++i) {
        const QString text = QStringLiteral("%1 — %2").arg(options.at(i).toString()).arg(counts.at(i).toInt());
        QAbstractButton *b = multiple ? static_cast<QAbstractButton *>(new QCheckBox(text, m_optionBox))
                                      : static_cast<QAbstractButton *>(new QRadioButton(text, m_optionBox));
        b->setChecked(chosen.contains(int(i)));
        b->setEnabled(!m_closed);
        group->addButton(b, int(i));
        m_optionBox->layout()->addWidget(b);
        m_options << b;
        m_counts << counts.at(i).toInt();
    }
    const bool anonymous = poll.value(QLatin1String("anonymous")).toBool();
    const bool voted = poll.value(QLatin1String("voted")).toBool();
    m_vote->setEnabled(!m_closed && !(anonymous && voted)); // anonymous votes are final
    m_close->setVisible(m_session->isModerator() && !m_closed);
    QString status = tr("%n voter(s)", nullptr, poll.value(QLatin1String("voters")).toInt());
    if (anonymous)
        status = tr("%1 · anonymous", "poll status").arg(status);
    if (voted)
        status = tr("%1 · you voted", "poll status").arg(status);
    // closesIn is by the server's clock: the local time it closes is now + closesIn here.
    const qint64 closesIn = qint64(poll.value(QLatin1String("closesIn")).toDouble());
    m_closing.stop();
    if (!m_closed && closesIn > 0) {
        const QTime at = QDateTime::currentDateTime().addMSecs(closesIn).time();
        status = tr("%1 · closes at %2", "poll status").arg(status, QLocale().toString(at, QLocale::ShortFormat));
        m_closing.start(int(std::min<qint64>(closesIn + ClosingSlackMs, std::numeric_limits<int>::max())));
    }
    m_status->setText(status);
}

void PollPanel::vote()
{
    QList<int> chosen;
    for (int i = 0; i < m_options.size(); ++i)
        if (m_options.at(i)->isChecked())
            chosen << i;
    if (chosen.isEmpty())
        return m_status->setText(tr("Choose an option first"));
    sendCourseRequest(m_session->client(), this, proto::PollVote{m_session->course(), m_poll, chosen},
                      [this](const QJsonObject &, const QString &error) { error.isEmpty() ? reload() : m_status->setText(error); });
}

QueuePanel::QueuePanel(CourseSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_entries(new QListWidget(this)), m_topic(new QLineEdit(this)),
      m_join(new QPushButton(tr("Join queue"), this)), m_leave(new QPushButton(tr("Leave"), this)),
      m_open(new QPushButton(tr("Make this channel a queue"), this)), m_takeNext(new QPushButton(tr("Take next"), this)),
      m_done(new QPushButton(tr("Done"), this)), m_requeue(new QPushButton(tr("Requeue"), this)), m_status(new QLabel(this))
{
    m_topic->setPlaceholderText(tr("Your question, in one line"));
    m_topic->setAccessibleName(tr("Your question for the queue"));
    m_entries->setAccessibleName(tr("Office-hours queue"));
    m_status->setWordWrap(true);
    // The question on a line of its own, the buttons under it: the panel stays narrow enough for
    // an 800 px window (in Spanish too).
    auto *student = new QHBoxLayout;
    student->addWidget(m_join);
    student->addWidget(m_leave);
    student->addStretch(1);
    auto *ta = new QHBoxLayout; // Take next above Done and Requeue: three in a row were too wide in Spanish
    ta->addWidget(m_done);
    ta->addWidget(m_requeue);
    ta->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_entries, 1);
    layout->addWidget(m_topic);
    layout->addLayout(student);
    layout->addWidget(m_takeNext, 0, Qt::AlignLeft);
    layout->addLayout(ta);
    layout->addWidget(m_open);
    connect(m_join, &QPushButton::clicked, this, [this] {
        if (m_topic->text().trimmed().isEmpty())
            return m_status->setText(tr("Say in one line what you need help with"));
        sendCourseRequest(m_session->client(), this, proto::QueueJoin{m_session->course(), m_channel, m_topic->text()},
                          [this](const QJsonObject &, const QString &error) { error.isEmpty() ? reload() : m_status->setText(error); });
        m_topic->clear();
    });
    connect(m_leave, &QPushButton::clicked, this, [this] { act(QStringLiteral("leave")); });
    connect(m_takeNext, &QPushButton::clicked, this, [this] { act(QStringLiteral("take")); });
    connect(m_done, &QPushButton::clicked, this, [this] { act(QStringLiteral("done"), helpedByMe()); });
    connect(m_requeue, &QPushButton::clicked, this, [this] { act(QStringLiteral("requeue"), helpedByMe()); });
    connect(m_open, &QPushButton::clicked, this, [this] {
        sendCourseRequest(m_session->client(), this, proto::QueueOpen{m_session->course(), m_channel, true},
                          [this](const QJsonObject &, const QString &error) { error.isEmpty() ? reload() : m_status->setText(error); });
    });
    connect(m_session->client(), &client::CollabClient::eventReceived, this, &QueuePanel::onEvent);
}

void QueuePanel::setChannel(const QString &channel)
{
    m_channel = channel;
    reload();
}

void QueuePanel::act(const QString &action, const QString &user)
{
    sendCourseRequest(m_session->client(), this, proto::QueueAction{m_session->course(), m_channel, action, user},
                      [this](const QJsonObject &, const QString &error) { error.isEmpty() ? reload() : m_status->setText(error); });
}

QString QueuePanel::helpedByMe() const
{
    for (const QJsonValue &v : m_last.value(QLatin1String("entries")).toArray())
        if (v.toObject().value(QLatin1String("by")).toString() == m_session->user())
            return v.toObject().value(QLatin1String("user")).toString();
    return {};
}

void QueuePanel::reload()
{
    if (m_channel.isEmpty())
        return;
    sendCourseRequest(m_session->client(), this, proto::QueueGet{m_session->course(), m_channel},
                      [this, channel = m_channel](const QJsonObject &fields, const QString &error) {
        if (channel != m_channel)
            return;
        if (!error.isEmpty())
            return m_status->setText(error);
        m_last = fields;
        const bool open = fields.value(QLatin1String("open")).toBool();
        const bool moderator = m_session->isModerator();
        m_entries->clear();
        bool waiting = false;
        for (const QJsonValue &v : fields.value(QLatin1String("entries")).toArray()) {
            const QJsonObject e = v.toObject();
            const bool taken = e.value(QLatin1String("state")).toString() == QLatin1String("taken");
            const QString user = e.value(QLatin1String("user")).toString(), topic = e.value(QLatin1String("topic")).toString();
            m_entries->addItem(taken ? tr("%1 — %2 (with %3)").arg(user, topic, e.value(QLatin1String("by")).toString())
                                     : QStringLiteral("%1 \u2014 %2").arg(user, topic));
            waiting = waiting || e.value(QLatin1String("user")).toString() == m_session->user();
        }
        m_position = fields.value(QLatin1String("position")).toInt();
        if (!open)
            m_status->setText(tr("#%1 is not an office-hours queue").arg(m_channel));
        else if (m_position > 0)
            m_status->setText(tr("You are #%1 in the queue (about %2 min)").arg(m_position)
                                  .arg(qint64(fields.value(QLatin1String("estimateMs")).toDouble() / 60000)));
        else
            m_status->setText(tr("Office hours: %1 served, mean wait %2 min").arg(fields.value(QLatin1String("served")).toInt())
                                  .arg(qint64(fields.value(QLatin1String("meanWaitMs")).toDouble() / 60000)));
        m_join->setEnabled(open && !waiting);
        m_topic->setEnabled(open && !waiting);
        m_leave->setEnabled(waiting);
        m_open->setVisible(moderator && !open);
        for (QPushButton *b : {m_takeNext, m_done, m_requeue})
            b->setVisible(moderator && open);
        Q_EMIT loaded();
    });
}

void QueuePanel::onEvent(const CourseEvent &event)
{
    if (event.course != m_session->course() || event.data.value(QLatin1String("channel")).toString() != m_channel)
        return;
    if (event.kind != EventKind::QueueOpened && event.kind != EventKind::QueueJoined && event.kind != EventKind::QueueChanged)
        return;
    if (event.kind == EventKind::QueueChanged && event.data.value(QLatin1String("action")).toString() == QLatin1String("take")
        && event.data.value(QLatin1String("user")).toString() == m_session->user())
        Q_EMIT takenForHelp(event.data.value(QLatin1String("by")).toString()); // the window tells them
    reload();
}

InteractionsPanel::InteractionsPanel(CourseSession *session, QWidget *parent)
    : QTabWidget(parent), m_thread(new ThreadPanel(session, this)), m_poll(new PollPanel(session, this)), m_queue(new QueuePanel(session, this))
{
    addTab(m_thread, tr("Thread"));
    addTab(m_poll, tr("Poll"));
    addTab(m_queue, tr("Queue"));
    // Only the tab shown sets the panel's least width (a QTabWidget takes the widest of its pages
    // otherwise: in Spanish the queue's buttons widened the window past 800 px while a thread was
    // shown).
    const auto fitCurrent = [this](int current) {
        for (int i = 0; i < count(); ++i)
            widget(i)->setSizePolicy(i == current ? QSizePolicy::Preferred : QSizePolicy::Ignored, QSizePolicy::Preferred);
    };
    connect(this, &QTabWidget::currentChanged, this, fitCurrent);
    fitCurrent(currentIndex());
    connect(session, &CourseSession::currentChannelChanged, m_queue, &QueuePanel::setChannel);
    connect(session, &CourseSession::joinedCourse, m_queue, [this, session] { m_queue->setChannel(session->currentChannel()); });
}

void InteractionsPanel::openThread(quint64 root, const QString &channel)
{
    m_thread->showThread(root, channel);
    setCurrentWidget(m_thread);
}

void InteractionsPanel::openPoll(quint64 poll)
{
    m_poll->showPoll(poll);
    setCurrentWidget(m_poll);
}

} // namespace collab::desktop
