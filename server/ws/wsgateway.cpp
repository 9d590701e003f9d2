#include "ws/wsgateway.h"

#include "hub/hub.h"
#include "metrics.h"
#include "protocol/servermessages.h"
#include "transport/transport.h"
#include "transport/transportconnection.h"
#include "transport/wslimits.h"
#include "ws/clientsession.h"

namespace collab::server {

WsGateway::WsGateway(Hub &hub, Transport &transport, ServerMetrics &metrics, QObject *parent)
    : QObject(parent), m_hub(hub), m_transport(transport), m_metrics(metrics), m_fanoutOwner(transport.createFanout()),
      m_fanout(*m_fanoutOwner), m_connectionsPerAddress(hub.config().limits.maxConnectionsPerAddress)
{
    connect(&transport, &Transport::newConnection, this, &WsGateway::onNewConnection);
    connect(&hub, &Hub::eventReady, this, [this](const CourseEvent &event) {
        // Encoded once for every receiver, and not at all for a course nobody watches (REST posts).
        if (m_fanout.subscriberCount(event.course) == 0)
            return;
        const CourseEvent shown = AnonymityFilter::forEveryone(CourseCatalog::forMembers(event));
        if (!AnonymityFilter::dependsOnReader(shown))
            return m_fanout.broadcast(event.course, proto::encode(proto::EventMessage{shown}), Delivery::Reliable);
        // An anonymous post: moderators, its author and classmates each get their own frame.
        QHash<int, QByteArray> frames;
        for (ClientSession *session : findChildren<ClientSession *>(Qt::FindDirectChildrenOnly))
            session->sendReaderEvent(shown, frames);
    });
    // A deleted course: its members are shown out, as by a removal that never ends.
    connect(&hub, &Hub::courseDeleted, this, [this](const QString &course) {
        for (ClientSession *session : findChildren<ClientSession *>(Qt::FindDirectChildrenOnly))
            session->removeFrom(course, QString(), QStringLiteral("the administrator"), Hub::UntilRestored);
    });
    connect(&hub, &Hub::memberKicked, this,
            [this](const QString &course, const QString &user, const QString &by, qint64 until) {
        for (ClientSession *session : findChildren<ClientSession *>(Qt::FindDirectChildrenOnly))
            session->removeFrom(course, user, by, until);
    });
    connect(&hub, &Hub::ephemeralReady, this, [this](const QString &course, const QByteArray &frame) {
        m_fanout.broadcast(course, frame, Delivery::Droppable);
    });
}

// Sessions unsubscribe from m_fanout as they go: delete them while it still exists.
WsGateway::~WsGateway() { qDeleteAll(findChildren<ClientSession *>(Qt::FindDirectChildrenOnly)); }

int WsGateway::connectionCount() const { return m_transport.connectionCount(); }

void WsGateway::onNewConnection(TransportConnection *connection)
{
    ++m_metrics.wsConnectionsAccepted;
    // One address may not take the server's connections for itself.
    const QHostAddress address = connection->peerAddress();
    const bool counted = m_connectionsPerAddress.tryAcquire(address);
    connect(connection, &TransportConnection::closed, this, [this, address, connection, counted] {
        m_metrics.wsFramesDropped += connection->droppedFrames();
        if (connection->closeCode() == CloseCode::SlowConsumer)
            ++m_metrics.wsSlowConsumerCloses;
        if (counted)
            m_connectionsPerAddress.release(address);
    });
    if (!counted) {
        connection->close(CloseCode::PolicyViolation, QStringLiteral("too many connections from your address"));
        return;
    }
    new ClientSession(connection, m_hub, m_fanout, m_metrics, QString::number(connection->id(), 36), this);
}

} // namespace collab::server
