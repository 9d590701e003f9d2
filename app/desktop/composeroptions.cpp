#include "composeroptions.h"

#include "coursesession.h"

#include <QCheckBox>
#include <QBoxLayout>

#include <algorithm>

namespace collab::desktop {

ComposerOptions::ComposerOptions(CourseSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_question(new QCheckBox(tr("Ask as a question"), this)),
      m_anonymous(new QCheckBox(tr("Anonymously"), this)), m_row(new QBoxLayout(QBoxLayout::LeftToRight, this))
{
    m_row->setContentsMargins(8, 0, 8, 0);
    m_row->addWidget(m_question);
    m_row->addWidget(m_anonymous);
    m_row->addStretch(1);
    m_question->setToolTip(tr("Classmates can answer in its thread; instructors and TAs endorse an answer and mark it resolved"));
    connect(m_question, &QCheckBox::toggled, this, &ComposerOptions::follow);
    connect(m_anonymous, &QCheckBox::toggled, this, &ComposerOptions::anonymousChanged);
    connect(m_session, &CourseSession::accessChanged, this, &ComposerOptions::follow);
    follow();
}

void ComposerOptions::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The two boxes side by side where they fit, one above the other in a narrow chat column
    // (800 px with the threads panel open): the row never sets the column's least width.
    const int beside = m_question->sizeHint().width() + m_anonymous->sizeHint().width() + m_row->spacing() + 16;
    const auto direction = width() >= beside ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_row->direction() != direction)
        m_row->setDirection(direction);
}

QSize ComposerOptions::minimumSizeHint() const
{
    // As narrow as the wider box: resizeEvent stacks them when the column is narrower than both.
    return QSize(std::max(m_question->minimumSizeHint().width(), m_anonymous->minimumSizeHint().width()) + 16,
                 QWidget::minimumSizeHint().height());
}

void ComposerOptions::follow()
{
    const QString mode = m_session->anonymity();
    m_anonymous->setVisible(mode != QLatin1String("off"));
    const bool allowed = mode == QLatin1String("all") || (mode == QLatin1String("questions") && m_question->isChecked());
    m_anonymous->setEnabled(allowed);
    m_anonymous->setToolTip(allowed || mode == QLatin1String("off")
                                ? tr("Classmates see a pseudonym; instructors and TAs see you")
                                : tr("This course allows anonymous posts for questions only: tick Ask as a question first"));
    if (!allowed)
        m_anonymous->setChecked(false);
}

client::ChatExtras ComposerOptions::extras() const
{
    client::ChatExtras extras;
    extras.question = m_question->isChecked();
    extras.anonymous = isAnonymous();
    return extras;
}

bool ComposerOptions::isAnonymous() const { return !m_anonymous->isHidden() && m_anonymous->isEnabled() && m_anonymous->isChecked(); }

void ComposerOptions::clear()
{
    m_question->setChecked(false);
    m_anonymous->setChecked(false);
}

} // namespace collab::desktop
