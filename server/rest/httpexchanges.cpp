#include "rest/httpexchanges.h"

#include "rest/httpwire.h"

#include <QJsonDocument>

namespace collab::server {

quint64 HttpExchanges::open(QHttpServerResponder &&responder)
{
    const quint64 id = m_nextId++;
    QTcpSocket *socket = responder.socket();
    if (socket) {
        auto [at, isNew] = m_lines.try_emplace(socket);
        Line &line = at->second;
        if (isNew) // one connection per socket, not per request: the idle line stays until it goes
            line.gone = QObject::connect(socket, &QObject::destroyed, [this, socket] { dropLine(socket); });
        if (line.head == 0)
            line.head = id;
        else
            m_open.find(line.tail)->second.next = id;
        line.tail = id;
    }
    m_open.emplace(id, Exchange{std::move(responder), socket, socket, 0, std::nullopt});
    return id;
}

void HttpExchanges::answer(quint64 id, const HttpResponse &response)
{
    auto it = m_open.find(id);
    if (it == m_open.end())
        return;
    Exchange &e = it->second;
    if (!e.line) { // its socket is gone: nothing to write, nothing waits behind it
        m_open.erase(it);
        return;
    }
    Line &line = m_lines.find(e.line)->second;
    if (line.head != id) {
        e.early = response;
        return;
    }
    write(e, response);
    // Then the answers that were waiting for this one, up to the first request not answered yet.
    for (;;) {
        const quint64 next = it->second.next;
        m_open.erase(it);
        line.head = next;
        if (next == 0) {
            line.tail = 0;
            return;
        }
        it = m_open.find(next);
        if (!it->second.early)
            return;
        write(it->second, *it->second.early);
    }
}

void HttpExchanges::write(Exchange &e, const HttpResponse &response)
{
    if (!e.socket || e.socket->state() != QAbstractSocket::ConnectedState)
        return;
    const QByteArray body = response.encodeBody ? response.encodeBody() : response.body;
    if (const QByteArray wire = httpwire::encode(response, body); !wire.isEmpty()) {
        httpwire::write(*e.socket, wire);
        return;
    }
    QHttpServerResponder &r = e.responder;
    r.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    r.writeHeader(QByteArrayLiteral("Content-Type"), response.contentType);
    r.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    for (const auto &[name, value] : response.headers)
        r.writeHeader(name, value);
    r.writeBody(body);
}

void HttpExchanges::dropLine(QTcpSocket *socket)
{
    auto at = m_lines.find(socket);
    if (at == m_lines.end())
        return;
    for (quint64 id = at->second.head; id != 0;) {
        auto it = m_open.find(id);
        id = it->second.next;
        if (it->second.early)
            m_open.erase(it); // answered, waiting for an earlier answer that now has nowhere to go
        else
            it->second.line = nullptr; // its answer is still to come: answer() drops it then
    }
    m_lines.erase(at);
}

void HttpExchanges::clear()
{
    for (auto &[socket, line] : m_lines)
        QObject::disconnect(line.gone);
    m_lines.clear();
    m_open.clear();
}

} // namespace collab::server
