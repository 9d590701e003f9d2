#include "transport/transport.h"

#include "portable/portabletransport.h"
#ifndef COLLAB_PORTABLE
#include "transport/enginetransport.h"
#endif

namespace collab::server {

std::optional<TransportKind> transportKindFromName(const QString &name)
{
    if (name == QLatin1String("engine"))
        return TransportKind::Engine;
    if (name == QLatin1String("portable"))
        return TransportKind::Portable;
    return std::nullopt;
}

QString transportKindName(TransportKind kind)
{
    return kind == TransportKind::Engine ? QStringLiteral("engine") : QStringLiteral("portable");
}

bool engineTransportAvailable()
{
#ifdef COLLAB_PORTABLE
    return false;
#else
    return true;
#endif
}

TransportKind defaultTransportKind()
{
    return engineTransportAvailable() ? TransportKind::Engine : TransportKind::Portable;
}

std::unique_ptr<Transport> makeTransport(TransportKind kind, HttpFrontend &http, const WsLimits &limits, QString *error)
{
    if (kind == TransportKind::Portable)
        return std::make_unique<PortableTransport>(http, limits);
#ifndef COLLAB_PORTABLE
    Q_UNUSED(error)
    return std::make_unique<EngineTransport>(http, limits);
#else
    *error = QStringLiteral("this build has no Linux engine (COLLAB_PORTABLE): use the portable transport");
    return nullptr;
#endif
}

} // namespace collab::server
