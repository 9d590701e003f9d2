#include "polldialog.h"

#include "courserequests.h"
#include "coursesession.h"

#include "protocol/interactionlimits.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace collab::desktop {

PollDialog::PollDialog(CourseSession *session, const QString &channel, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_channel(channel),
      m_question(new QLineEdit(this)),
      m_optionRows(new QVBoxLayout),
      m_addOption(new QPushButton(tr("&Add option"), this)),
      m_minutes(new QSpinBox(this)),
      m_multiple(new QCheckBox(tr("Voters may choose &several options"), this)),
      m_anonymous(new QCheckBox(tr("A&nonymous: nobody sees who voted, instructors included"), this)),
      m_hint(new QLabel(this)),
      m_start(new QPushButton(tr("&Start poll"), this))
{
    setWindowTitle(tr("New poll in #%1").arg(session->channelTitle(channel)));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *form = new QFormLayout;
    m_question->setPlaceholderText(tr("Which consensus protocol is easier to implement?"));
    form->addRow(tr("&Question:"), m_question);
    auto *options = new QVBoxLayout;
    options->addLayout(m_optionRows);
    options->addWidget(m_addOption, 0, Qt::AlignLeft);
    form->addRow(tr("Options:"), options);
    m_minutes->setRange(0, int(limits::MaxPollMinutes));
    m_minutes->setValue(2);
    m_minutes->setSuffix(tr(" min"));
    m_minutes->setSpecialValueText(tr("until closed by hand"));
    m_minutes->setAccelerated(true);
    m_minutes->setToolTip(tr("The poll closes by itself this many minutes after it starts (0: when you close it)"));
    form->addRow(tr("&Open for:"), m_minutes);
    form->addRow(QString(), m_multiple);
    m_anonymous->setToolTip(tr("Only the counts are kept: no one, instructors and TAs included, can see a voter's "
                               "choice, and a vote cannot be changed"));
    form->addRow(QString(), m_anonymous);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_start->setDefault(true);
    m_addOption->setAutoDefault(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);

    addOption();
    addOption();
    connect(m_question, &QLineEdit::textChanged, this, &PollDialog::updateState);
    connect(m_addOption, &QPushButton::clicked, this, [this] { addOption()->setFocus(); });
    connect(buttons, &QDialogButtonBox::accepted, this, &PollDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
    m_question->setFocus();
}

QLineEdit *PollDialog::addOption(const QString &text)
{
    auto *row = new QHBoxLayout;
    auto *edit = new QLineEdit(text, this);
    edit->setPlaceholderText(tr("Option %1").arg(m_options.size() + 1));
    edit->setAccessibleName(edit->placeholderText()); // the placeholder goes once typed in: the name stays
    edit->setMaxLength(limits::MaxPollOptionBytes); // bytes are checked too; this stops a paste early
    auto *remove = new QToolButton(this);
    remove->setText(QStringLiteral("\u2715"));
    remove->setToolTip(tr("Take this option out"));
    remove->setAccessibleName(tr("Remove option"));
    row->addWidget(edit, 1);
    row->addWidget(remove);
    m_optionRows->addLayout(row);
    if (isVisible()) { // shown now, not at the layout's next pass: Add option puts the keys in it
        edit->show();
        remove->show();
    }
    m_options << edit;
    m_removers << remove;
    connect(edit, &QLineEdit::textChanged, this, &PollDialog::updateState);
    connect(remove, &QToolButton::clicked, this, [this, edit] { removeOption(edit); });
    updateState();
    updateTabOrder();
    return edit;
}

void PollDialog::removeOption(QLineEdit *edit)
{
    const int i = int(m_options.indexOf(edit));
    if (i < 0 || m_options.size() <= limits::MinPollOptions)
        return;
    QLayoutItem *row = m_optionRows->takeAt(i);
    delete m_options.takeAt(i);
    delete m_removers.takeAt(i);
    delete row;
    for (int n = 0; n < m_options.size(); ++n) {
        m_options.at(n)->setPlaceholderText(tr("Option %1").arg(n + 1));
        m_options.at(n)->setAccessibleName(m_options.at(n)->placeholderText());
    }
    updateState();
    updateTabOrder();
}

QString PollDialog::problem() const
{
    const QString question = m_question->text().trimmed();
    if (question.isEmpty())
        return tr("Type the question.");
    if (question.toUtf8().size() > limits::MaxPollQuestionBytes)
        return tr("The question is too long (at most %1 bytes).").arg(limits::MaxPollQuestionBytes);
    QStringList seen;
    for (QLineEdit *edit : m_options) {
        const QString option = edit->text().trimmed();
        if (option.isEmpty())
            return tr("Fill in every option, or take the empty ones out (✕).");
        if (option.toUtf8().size() > limits::MaxPollOptionBytes)
            return tr("An option is too long (at most %1 bytes).").arg(limits::MaxPollOptionBytes);
        if (seen.contains(option))
            return tr("“%1” is there twice.").arg(option.left(64));
        seen << option;
    }
    return {};
}

void PollDialog::updateState()
{
    m_addOption->setEnabled(m_options.size() < limits::MaxPollOptions);
    m_addOption->setToolTip(m_addOption->isEnabled() ? tr("Another option (up to %1)").arg(limits::MaxPollOptions)
                                                     : tr("A poll has at most %1 options").arg(limits::MaxPollOptions));
    for (QToolButton *remove : m_removers)
        remove->setEnabled(m_options.size() > limits::MinPollOptions);
    const QString why = problem();
    m_start->setEnabled(why.isEmpty() && !m_sending);
    m_hint->setText(m_sending ? tr("Starting the poll…") : why);
}

void PollDialog::updateTabOrder()
{
    QWidget *previous = m_question;
    for (int i = 0; i < m_options.size(); ++i) {
        setTabOrder(previous, m_options.at(i));
        setTabOrder(m_options.at(i), m_removers.at(i));
        previous = m_removers.at(i);
    }
    for (QWidget *next : std::initializer_list<QWidget *>{m_addOption, m_minutes, m_multiple, m_anonymous, m_start}) {
        setTabOrder(previous, next);
        previous = next;
    }
}

void PollDialog::start()
{
    if (!problem().isEmpty() || m_sending)
        return;
    proto::PollCreate request;
    request.course = m_session->course();
    request.channel = m_channel;
    request.question = m_question->text().trimmed();
    for (QLineEdit *edit : m_options)
        request.options << edit->text().trimmed();
    request.multiple = m_multiple->isChecked();
    request.anonymous = m_anonymous->isChecked();
    request.minutes = m_minutes->value();
    m_sending = true;
    updateState();
    sendCourseRequest(m_session->client(), this, request, [this](const QJsonObject &fields, const QString &error) {
        m_sending = false;
        if (!error.isEmpty()) { // everything typed stays, to fix and try again
            updateState();
            m_hint->setText(tr("⚠ The poll was not started: %1").arg(error));
            return;
        }
        Q_EMIT pollCreated(quint64(fields.value(QLatin1String("poll")).toDouble()));
        accept();
    });
}

} // namespace collab::desktop
