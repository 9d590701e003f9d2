#include "rest/httpexchanges.h"

#include "rest/httpwire.h"

#include <QJsonDocument>

namespace collab::server {

quint64 HttpExchanges::open(QHttpServerResponder &&responder)
{
    const quint64 id = m_nextId++;
    QTcpSocket *socket = responder.socket();
    m_open.emplace(id, Exchange{std::move(responder), socket});
    return id;
}

void HttpExchanges::answer(quint64 id, const HttpResponse &response)
{
    auto it = m_open.find(id);
    if (it == m_open.end())
        return;
    Exchange &e = it->second;
    if (e.socket && e.socket->state() == QAbstractSocket::ConnectedState) {
        const QByteArray body = !response.json ? response.body : QJsonDocument(response.json()).toJson(QJsonDocument::Compact);
        if (const QByteArray wire = httpwire::encode(response, body); !wire.isEmpty()) {
            httpwire::write(*e.socket, wire);
            m_open.erase(it);
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
    m_open.erase(it);
}

} // namespace collab::server
