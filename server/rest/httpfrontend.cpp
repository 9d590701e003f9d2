#include "rest/httpfrontend.h"

#include "rest/threadmailbox.h"
#include "rest/httpintake.h"

#include <QHttpServer>

namespace collab::server {

namespace {

QtMessageHandler g_previousHandler = nullptr;

void dropNotListeningWarning(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && message.contains(QLatin1String("is not listening")))
        return;
    g_previousHandler(type, context, message);
}

// QHttpServer 6.4 warns once that the server it is bound to is not listening: the intake never
// does, by design (the WsListener accepts). Keep that line out of the operators' logs.
void bindQuietly(QHttpServer &server, QTcpServer *intake)
{
    g_previousHandler = qInstallMessageHandler(dropNotListeningWarning);
    server.bind(intake);
    qInstallMessageHandler(g_previousHandler);
}

} // namespace

HttpFrontend::HttpFrontend() : m_server(std::make_unique<QHttpServer>()), m_answers(new ThreadMailbox)
{
    m_thread.setObjectName(QStringLiteral("collab-http"));
    m_intake = new HttpIntake;
    bindQuietly(*m_server, m_intake); // reparents it to the server
}

HttpFrontend::~HttpFrontend()
{
    stop();
}

void HttpFrontend::start()
{
    m_server->moveToThread(&m_thread);
    m_answers->moveToThread(&m_thread);
    m_thread.start();
}

void HttpFrontend::stop()
{
    if (!m_thread.isRunning()) {
        m_exchanges.clear();
        m_server.reset();
        delete m_answers.data();
        return;
    }
    // Responders, sockets and the server belong to the HTTP thread: end them there.
    QMetaObject::invokeMethod(
        m_answers.data(),
        [this] {
            m_answers->close();
            m_exchanges.clear();
            m_server.reset();
            m_answers->deleteLater(); // when the thread ends: answerer() then delivers nothing
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void HttpFrontend::handOff(int fd)
{
    HttpIntake *intake = m_intake;
    QMetaObject::invokeMethod(intake, [intake, fd] { intake->take(fd); });
}

void HttpFrontend::answer(quint64 id, HttpResponse response)
{
    if (m_answers)
        m_answers->post([this, id, response = std::move(response)] { m_exchanges.answer(id, response); });
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
        m_answers.data(), [this, &counts] { counts = {m_exchanges.size(), m_exchanges.connections()}; },
        Qt::BlockingQueuedConnection);
    return counts;
}

} // namespace collab::server
