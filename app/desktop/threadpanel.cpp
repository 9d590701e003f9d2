#include "threadpanel.h"

#include "authorlabel.h"

#include "chatmodel.h"
#include "courserequests.h"
#include "coursesession.h"
#include "usercolors.h"

#include "model/chatmessage.h"
#include "model/courseevent.h"
#include "protocol/ids.h"

#include <QCoreApplication>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

namespace collab::desktop {

namespace {

quint64 number(const QJsonObject &o, const char *key) { return quint64(o.value(QLatin1String(key)).toDouble()); }

// "angie.nguyen: text"; an anonymous post shows its pseudonym (and, to its author and to
// moderators, that it is anonymous and whose it is: authorlabel.h).
QString line(const ChatMessage &m, const QString &reader)
{
    return authorlabel::shown(m, reader) + QStringLiteral(": ")
           + (m.deleted ? QCoreApplication::translate("collab::desktop::ThreadPanel", "(deleted)") : m.text);
}

} // namespace

ThreadPanel::ThreadPanel(CourseSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_title(new QLabel(tr("Right-click a message: Reply in thread"), this)),
      m_state(new QLabel(this)), m_resolve(new QPushButton(this)), m_question(new QPushButton(this)),
      m_list(new QListWidget(this)), m_reply(new QLineEdit(this)), m_anonymous(new QCheckBox(tr("Anonymously"), this)),
      m_send(new QPushButton(tr("Reply"), this))
{
    m_title->setWordWrap(true);
    m_state->setWordWrap(true);
    m_state->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    m_reply->setPlaceholderText(tr("Reply in the thread"));
    m_reply->setAccessibleName(tr("Reply in the thread"));
    m_list->setAccessibleName(tr("Thread messages"));
    m_anonymous->setToolTip(tr("Classmates see a pseudonym; instructors and TAs see you"));
    m_list->setWordWrap(true);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    // The state on a line of its own and the buttons under it: the panel is no wider for them.
    auto *questionRow = new QHBoxLayout;
    questionRow->addWidget(m_resolve);
    questionRow->addWidget(m_question);
    questionRow->addStretch(1);
    // The reply field on a line of its own, its options and button under it: in one row the
    // three made the panel too wide for an 800 px window (which then grew past the screen).
    auto *row = new QHBoxLayout;
    row->addWidget(m_anonymous);
    row->addStretch(1);
    row->addWidget(m_send);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_state);
    layout->addLayout(questionRow);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_reply);
    layout->addLayout(row);
    m_send->setEnabled(false);
    updateButtons();
    connect(m_send, &QPushButton::clicked, this, &ThreadPanel::send);
    connect(m_reply, &QLineEdit::returnPressed, this, &ThreadPanel::send);
    connect(m_resolve, &QPushButton::clicked, this, [this] { updateQuestion(std::nullopt, !m_resolved); });
    connect(m_question, &QPushButton::clicked, this, [this] { updateQuestion(!m_isQuestion, std::nullopt); });
    connect(m_list, &QListWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (QMenu *menu = contextMenuAt(pos)) {
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(m_list->viewport()->mapToGlobal(pos));
        }
    });
    connect(m_session->client(), &client::CollabClient::eventReceived, this, &ThreadPanel::onEvent);
    connect(m_session, &CourseSession::roleChanged, this, &ThreadPanel::updateButtons);
}

void ThreadPanel::showThread(quint64 root, const QString &channel)
{
    if (root != m_root)
        m_newIds.clear();
    m_root = root;
    m_channel = channel;
    m_send->setEnabled(root != 0);
    reload();
}

void ThreadPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_root)
        reload(); // replies that came while the panel was closed: shown, and seen, now
}

void ThreadPanel::reload()
{
    if (!m_root)
        return;
    sendCourseRequest(m_session->client(), this, proto::Thread{m_session->course(), m_root, 0, 500},
                      [this, root = m_root](const QJsonObject &fields, const QString &error) {
        if (root != m_root)
            return;
        if (!error.isEmpty()) {
            m_list->clear();
            m_title->setText(error);
            return;
        }
        render(fields);
        Q_EMIT loaded();
    });
}

void ThreadPanel::render(const QJsonObject &fields)
{
    m_list->clear();
    const Result<ChatMessage> first = ChatMessage::fromJson(fields.value(QLatin1String("root")).toObject());
    if (!first) {
        m_title->setText(tr("This thread could not be read."));
        return;
    }
    const ChatMessage &root = first.value();
    m_isQuestion = root.question;
    m_resolved = root.resolved;
    m_rootMine = root.mine || sameName(root.author, m_session->user());

    // New to this user: the replies by others that came since they last saw the thread (the
    // newest ones). They stay marked while the thread is shown; the channel's row stops counting
    // them once the panel is on screen.
    ChatModel *chat = m_session->chat(m_channel);
    const int rootRow = chat->rowOf(m_root);
    int unread = rootRow >= 0 ? chat->index(rootRow).data(ChatModel::ThreadUnreadRole).toInt() : 0;
    if (isVisible())
        chat->markThreadRead(m_root);

    const QJsonArray replies = fields.value(QLatin1String("replies")).toArray();
    for (qsizetype i = replies.size() - 1; i >= 0 && unread > 0; --i) {
        const Result<ChatMessage> m = ChatMessage::fromJson(replies.at(i).toObject());
        if (!m || m.value().mine || sameName(m.value().author, m_session->user()))
            continue;
        m_newIds.insert(m.value().id);
        --unread;
    }
    m_newReplies = 0;
    for (const QJsonValue &v : replies)
        m_newReplies += m_newIds.contains(number(v.toObject(), "id")) ? 1 : 0;
    QString title = tr("Thread in #%1 · %n reply(s)", nullptr, root.replies).arg(m_session->channelTitle(root.channel));
    if (m_newReplies > 0)
        title = tr("%1 · %n new", "replies", m_newReplies).arg(title);
    m_title->setText(title);

    const auto add = [this](const ChatMessage &m, Kind kind, const QString &text) {
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(IdRole, m.id);
        item->setData(KindRole, int(kind));
        item->setData(EndorsedRole, m.endorsed);
        item->setData(MineRole, m.mine || sameName(m.author, m_session->user()));
        return item;
    };
    add(root, Kind::Root, line(root, m_session->user()));
    // The endorsed answers first, highlighted for everyone: a green wash that keeps the text readable.
    const QColor base = m_list->palette().color(QPalette::Base);
    const QColor wash = readableWash(base, QColor(46, 160, 67), base.lightnessF() < 0.5 ? 0.40 : 0.25,
                                     m_list->palette().color(QPalette::Text));
    QList<quint64> answers;
    for (const QJsonValue &v : fields.value(QLatin1String("answers")).toArray()) {
        const Result<ChatMessage> m = ChatMessage::fromJson(v.toObject());
        if (!m)
            continue;
        answers << m.value().id;
        QListWidgetItem *item = add(m.value(), Kind::Answer, tr("✔ Answer · %1").arg(line(m.value(), m_session->user())));
        item->setBackground(wash);
        item->setForeground(m_list->palette().color(QPalette::Text));
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        item->setToolTip(tr("Endorsed by an instructor or TA as the answer"));
    }
    // The replies in order, the endorsed ones already above; the new ones marked.
    for (const QJsonValue &v : replies) {
        const Result<ChatMessage> m = ChatMessage::fromJson(v.toObject());
        if (!m || answers.contains(m.value().id))
            continue;
        const bool fresh = m_newIds.contains(m.value().id);
        QListWidgetItem *item = add(m.value(), Kind::Reply, fresh ? tr("● new ↳ %1").arg(line(m.value(), m_session->user())) : QStringLiteral("  ↳ ") + line(m.value(), m_session->user()));
        item->setData(NewRole, fresh);
        if (fresh)
            item->setToolTip(tr("New since you last read this thread"));
    }
    updateButtons();
}

bool ThreadPanel::mayChangeQuestion() const { return m_root && (m_rootMine || m_session->isModerator()); }

void ThreadPanel::updateButtons()
{
    const bool may = mayChangeQuestion();
    m_resolve->setText(m_resolved ? tr("Reopen") : tr("Mark resolved"));
    m_resolve->setToolTip(m_resolved ? tr("The question is open again: it is back in the unresolved list")
                                     : tr("The question is answered: it leaves the unresolved list"));
    m_resolve->setVisible(may && m_isQuestion);
    m_question->setText(m_isQuestion ? tr("Not a question") : tr("Mark as a question"));
    m_question->setVisible(may);
    m_state->setVisible(m_root && m_isQuestion);
    if (!m_root || !m_isQuestion)
        m_state->clear();
    else
        m_state->setText(m_resolved ? tr("✔ Resolved question") : tr("? Open question"));
}

QMenu *ThreadPanel::contextMenuAt(const QPoint &pos)
{
    QListWidgetItem *item = m_list->itemAt(pos);
    if (!item)
        return nullptr;
    auto *menu = new QMenu(this);
    menu->setToolTipsVisible(true);
    const quint64 id = item->data(IdRole).toULongLong();
    const Kind kind = Kind(item->data(KindRole).toInt());
    const QString text = item->text();
    if (kind == Kind::Root) {
        if (m_isQuestion) {
            QAction *resolve = menu->addAction(m_resolved ? tr("Reopen the question") : tr("Mark resolved"));
            resolve->setEnabled(mayChangeQuestion());
            if (!resolve->isEnabled())
                resolve->setToolTip(tr("Only the question's author, instructors and TAs resolve it"));
            connect(resolve, &QAction::triggered, this, [this] { updateQuestion(std::nullopt, !m_resolved); });
        }
        QAction *question = menu->addAction(m_isQuestion ? tr("Not a question") : tr("Mark as a question"));
        question->setEnabled(mayChangeQuestion());
        if (!question->isEnabled())
            question->setToolTip(tr("Only the author, instructors and TAs change this"));
        connect(question, &QAction::triggered, this, [this] { updateQuestion(!m_isQuestion, std::nullopt); });
    } else {
        const bool endorsed = item->data(EndorsedRole).toBool();
        QAction *endorse = menu->addAction(endorsed ? tr("Take back the endorsement")
                                                    : tr("Endorse as the answer"));
        const QString why = !m_session->isModerator() ? tr("Only instructors and TAs endorse answers")
                            : !m_isQuestion           ? tr("Only replies to a question are endorsed: mark the thread a question first")
                                                      : QString();
        endorse->setEnabled(why.isEmpty());
        endorse->setToolTip(why);
        connect(endorse, &QAction::triggered, this, [this, id, endorsed] { this->endorse(id, !endorsed); });
    }
    menu->addSeparator();
    QAction *copy = menu->addAction(tr("Copy text"));
    connect(copy, &QAction::triggered, this, [text] { QApplication::clipboard()->setText(text); });
    return menu;
}

void ThreadPanel::endorse(quint64 id, bool endorsed)
{
    sendCourseRequest(m_session->client(), this, proto::Endorse{m_session->course(), id, endorsed},
                      [this](const QJsonObject &, const QString &error) {
        if (!error.isEmpty())
            showProblem(tr("Not changed: %1").arg(error));
        // Success: the answer.endorsed event reloads the thread, here and in every window.
    });
}

void ThreadPanel::updateQuestion(std::optional<bool> question, std::optional<bool> resolved)
{
    if (!m_root)
        return;
    proto::QuestionUpdate request;
    request.course = m_session->course();
    request.id = m_root;
    request.question = question;
    request.resolved = resolved;
    sendCourseRequest(m_session->client(), this, request, [this](const QJsonObject &, const QString &error) {
        if (!error.isEmpty())
            showProblem(tr("Not changed: %1").arg(error));
    });
}

void ThreadPanel::showProblem(const QString &text)
{
    m_state->setText(QStringLiteral("\u26a0 ") + text);
    m_state->setVisible(true);
}

void ThreadPanel::send()
{
    const QString text = m_reply->text();
    if (text.trimmed().isEmpty() || !m_root)
        return;
    m_session->sendReply(m_channel, m_root, text, m_anonymous->isChecked());
    m_reply->clear();
}

void ThreadPanel::onEvent(const CourseEvent &event)
{
    if (!m_root || event.course != m_session->course())
        return;
    const QJsonObject &d = event.data;
    const bool inThread = number(d, "replyTo") == m_root || number(d, "question") == m_root || number(d, "id") == m_root;
    if (inThread || event.kind == EventKind::ChatEdited || event.kind == EventKind::ChatDeleted)
        reload();
}

} // namespace collab::desktop
