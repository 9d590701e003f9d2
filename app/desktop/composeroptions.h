#pragma once

#include "client/outbox.h"

#include <QWidget>

class QBoxLayout;
class QCheckBox;

namespace collab::desktop {

class CourseSession;

// Under the message box: "Ask as a question" and "Anonymously". Which are offered follows the
// course's anonymity setting ("off": no Anonymously; "questions": only with a question; "all":
// always), so the app never offers what the server would refuse. Both are cleared once a message
// is sent: each post decides for itself.
class ComposerOptions : public QWidget
{
    Q_OBJECT
public:
    explicit ComposerOptions(CourseSession *session, QWidget *parent = nullptr);

    QCheckBox *questionBox() const { return m_question; }
    QCheckBox *anonymousBox() const { return m_anonymous; }
    // What the next message is posted as.
    client::ChatExtras extras() const;
    bool isAnonymous() const;
    void clear();
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // Anonymously was ticked or cleared: while it is on, nothing may announce who is typing.
    void anonymousChanged(bool anonymous);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void follow(); // the course setting and the question box decide what Anonymously may be

    CourseSession *m_session;
    QCheckBox *m_question;
    QCheckBox *m_anonymous;
    QBoxLayout *m_row; // side by side, or stacked in a narrow column
};

} // namespace collab::desktop
