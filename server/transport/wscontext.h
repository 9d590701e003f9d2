#pragma once

#include "transport/flushscheduler.h"
#include "transport/reactor.h"
#include "transport/wslimits.h"

#include <QtCore/QByteArray>

namespace collab::server {

// What every connection of one listener shares. Owned by the WsListener, which outlives its
// connections (they are its children).
struct WsContext
{
    WsLimits limits;
    Reactor *reactor = nullptr;
    FlushScheduler *scheduler = nullptr;
    QByteArray readBuffer; // one receive buffer for all connections: idle ones hold none
};

} // namespace collab::server
