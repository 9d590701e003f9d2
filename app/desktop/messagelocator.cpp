#include "messagelocator.h"

#include "chatmodel.h"
#include "coursesession.h"

namespace collab::desktop {

MessageLocator::MessageLocator(CourseSession *session, QObject *parent) : QObject(parent), m_session(session) {}

void MessageLocator::reveal(const QString &channel, quint64 id)
{
    m_session->setCurrentChannel(channel);
    step(channel, id, MaxPages, ++m_generation);
}

void MessageLocator::step(const QString &channel, quint64 id, int pagesLeft, quint64 generation)
{
    if (generation != m_generation)
        return;
    ChatModel *model = m_session->chat(channel);
    if (model->rowOf(id) >= 0)
        return Q_EMIT revealed(channel, id);
    const ChatMessage *oldest = model->storedCount() > 0 ? model->messageAt(0) : nullptr;
    if (oldest && oldest->id < id)
        return Q_EMIT failed(tr("That message is no longer in #%1 (deleted?)").arg(channel));
    if (pagesLeft == 0)
        return Q_EMIT failed(tr("That message is more than %n messages back in #%1", nullptr, MaxPages * PageSize).arg(channel));
    // Through the client like loadOlder(): CourseSession::onHistory merges the page into the
    // model before this handler runs.
    m_session->client()->requestHistory(
        m_session->course(), channel, oldest ? oldest->id : 0, PageSize,
        [this, channel, id, pagesLeft, generation](const client::RequestResult &r) {
            if (!r.ok())
                return Q_EMIT failed(tr("Could not load #%1: %2").arg(channel, r.error.message));
            const auto *page = r.replyAs<proto::HistoryPage>();
            if (page && page->messages.isEmpty() && m_session->chat(channel)->rowOf(id) < 0)
                return Q_EMIT failed(tr("That message is no longer in #%1").arg(channel));
            step(channel, id, pagesLeft - 1, generation);
        });
}

} // namespace collab::desktop
