#include "rest/httpfrontend.h"

#include "rest/threadmailbox.h"

namespace collab::server {

HttpFrontend::HttpFrontend(const HttpLimits &limits) : m_limits(limits), m_answers(new ThreadMailbox)
{
    m_thread.setObjectName(QStringLiteral("collab-http"));
}

HttpFrontend::~HttpFrontend()
{
    stop();
}

void HttpFrontend::start()
{
    Q_ASSERT_X(m_factory, "HttpFrontend::start", "no transport set the exchanges' factory");
    if (!m_dispatcher) // no REST routes: every request gets a plain 404
        m_dispatcher = [this](quint64 id, HttpRequest &&) {
            answer(id, HttpResponse{404, QByteArrayLiteral("text/plain"), QByteArrayLiteral("Not Found"), {}, {}});
        };
    m_exchanges = m_factory(m_limits, m_dispatcher, m_counters).release();
    m_exchanges->moveToThread(&m_thread);
    m_answers->moveToThread(&m_thread);
    m_thread.start();
    // Returns once the thread runs its event loop: its dispatcher (glib: an eventfd) exists from
    // here on, whatever happens to the descriptor limit later.
    QMetaObject::invokeMethod(m_answers.data(), [] {}, Qt::BlockingQueuedConnection);
}

void HttpFrontend::stop()
{
    if (!m_thread.isRunning()) {
        delete m_exchanges;
        delete m_answers.data();
        return;
    }
    // The connections and their sockets belong to the HTTP thread: end them there.
    QMetaObject::invokeMethod(
        m_answers.data(),
        [this] {
            m_answers->close();
            delete m_exchanges;
            m_exchanges = nullptr;
            m_answers->deleteLater(); // when the thread ends: answerer() then delivers nothing
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool HttpFrontend::post(std::function<void(HttpExchanges &)> task)
{
    HttpExchanges *exchanges = m_exchanges;
    if (!exchanges) // not started
        return false;
    QMetaObject::invokeMethod(exchanges, [exchanges, task = std::move(task)] { task(*exchanges); });
    return true;
}

void HttpFrontend::answer(quint64 id, HttpResponse response)
{
    if (m_answers)
        m_answers->post([this, id, response = std::move(response)] { m_exchanges->answer(id, response); });
}

std::function<void(quint64, HttpResponse)> HttpFrontend::answerer() const
{
    return [frontend = const_cast<HttpFrontend *>(this), mailbox = m_answers](quint64 id, HttpResponse response) {
        if (mailbox) // deleted by stop(), in the hub thread's view only after the HTTP thread ended
            frontend->answer(id, std::move(response));
    };
}

std::pair<size_t, size_t> HttpFrontend::openExchanges() const
{
    std::pair<size_t, size_t> counts;
    QMetaObject::invokeMethod(
        m_answers.data(), [this, &counts] { counts = {m_exchanges->openRequests(), m_exchanges->connections()}; },
        Qt::BlockingQueuedConnection);
    return counts;
}

} // namespace collab::server
