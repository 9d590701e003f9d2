#include "composeroptions.h"

#include "coursesession.h"

#include <QCheckBox>
#include <QHBoxLayout>

namespace collab::desktop {

ComposerOptions::ComposerOptions(CourseSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_question(new QCheckBox(tr("Ask as a question"), this)),
      m_anonymous(new QCheckBox(tr("Anonymously"), this))
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(8, 0, 8, 0);
    row->addWidget(m_question);
    row->addWidget(m_anonymous);
    row->addStretch(1);
    m_question->setToolTip(tr("Classmates can answer in its thread; instructors and TAs endorse an answer and mark it resolved"));
    connect(m_question, &QCheckBox::toggled, this, &ComposerOptions::follow);
    connect(m_anonymous, &QCheckBox::toggled, this, &ComposerOptions::anonymousChanged);
    connect(m_session, &CourseSession::accessChanged, this, &ComposerOptions::follow);
    follow();
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
