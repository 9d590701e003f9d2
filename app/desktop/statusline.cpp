#include "statusline.h"

#include "announcer.h"
#include "coursesession.h"
#include "elidedlabel.h"
#include "usercolors.h"

#include <QCoreApplication>
#include <QLabel>
#include <QStatusBar>

#include <algorithm>

namespace collab::desktop {

// The sentences here were the main window's: they keep its translation context (and their
// Spanish), hence QCoreApplication::translate with that context rather than tr().
StatusLine::StatusLine(QStatusBar *bar)
    : QObject(bar), m_bar(bar), m_dot(new QLabel(bar)), m_state(new ElidedLabel(bar)), m_host(new QLabel(bar))
{
    m_dot->setTextFormat(Qt::RichText);
    bar->addWidget(m_dot);
    bar->addWidget(m_state, 1);
    m_dot->setAccessibleName(QCoreApplication::translate("collab::desktop::MainWindow", "Connection state")); // a coloured dot: the words are beside it
    m_state->setAccessibleDescription(QCoreApplication::translate("collab::desktop::MainWindow", "Connection state"));
    m_host->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_host, &QLabel::linkActivated, this, &StatusLine::inviteRequested);
    bar->addPermanentWidget(m_host);
    m_host->hide();
}

void StatusLine::showState(const CourseSession *session, bool announce)
{
    QString color;
    switch (session->status()) {
    case CourseSession::Status::Connected:
        color = QStringLiteral("#15803d");
        break;
    case CourseSession::Status::Connecting:
    case CourseSession::Status::Reconnecting:
        color = QStringLiteral("#b45309");
        break;
    case CourseSession::Status::Offline:
    case CourseSession::Status::Removed:
        color = QStringLiteral("#b91c1c");
        break;
    }
    // The dot says it in colour (readable on this palette), the words say it for everyone.
    color = readableOn(QColor(color), m_bar->palette().color(QPalette::Window), 3.0).name();
    m_dot->setText(QStringLiteral("<span style='color:%1'>\u25cf</span>").arg(color));
    m_state->setText(session->statusText());
    m_state->setToolTip(session->statusText());
    // Lost, reconnecting, back, removed: said when the state changes (not for each outbox count).
    if (!announce)
        m_announcedStatus = -1;
    if (int(session->status()) != m_announcedStatus) {
        const bool first = m_announcedStatus < 0;
        m_announcedStatus = int(session->status());
        if (!first)
            Announcer::instance()->announce(m_state, m_state->text(), true);
    }
    fit();
}

void StatusLine::setHostInfo(const QString &shareUrl, const QString &joinCode)
{
    // The code is not to be half-selected out of the status bar: "Invite people…" shows each
    // part with a Copy button. Longest first: the one that fits is shown (fit()).
    const QString url = shareUrl.toHtmlEscaped(), code = joinCode.toHtmlEscaped();
    m_hostTexts = {QCoreApplication::translate("collab::desktop::MainWindow",
                                               "Hosting at <b>%1</b> · join code <b>%2</b> · <a href=\"invite\">Invite people…</a>")
                       .arg(url, code),
                   QCoreApplication::translate("collab::desktop::MainWindow",
                                               "Hosting · join code <b>%1</b> · <a href=\"invite\">Invite people…</a>")
                       .arg(code),
                   QCoreApplication::translate("collab::desktop::MainWindow", "Hosting · <a href=\"invite\">Invite people…</a>")};
    m_host->setToolTip(QCoreApplication::translate("collab::desktop::MainWindow",
                                                   "Hosting at %1, join code %2: share them with your classmates (Invite people…)")
                           .arg(shareUrl, joinCode));
    m_host->show();
    fit();
}

void StatusLine::fit()
{
    if (m_hostTexts.isEmpty())
        return;
    // What the permanent widgets other than the host text need (the role), and the connection
    // state (up to 160 px: beyond that it is elided, whole in its tooltip, before the join code
    // leaves the status bar): the host text takes the longest form that leaves them their room.
    int others = m_dot->sizeHint().width() + std::min(m_state->fullWidth(), 160) + 40;
    for (QWidget *w : m_bar->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly))
        if (w != m_host && w != m_state && w != m_dot && w->isVisible() && qobject_cast<QLabel *>(w))
            others += w->sizeHint().width();
    const int room = m_bar->width() - others;
    QLabel probe;
    probe.setFont(m_host->font());
    QString chosen = m_hostTexts.last();
    for (const QString &text : std::as_const(m_hostTexts)) {
        probe.setText(text);
        if (probe.sizeHint().width() <= room) {
            chosen = text;
            break;
        }
    }
    if (m_host->text() != chosen)
        m_host->setText(chosen);
}

} // namespace collab::desktop
