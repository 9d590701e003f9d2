#pragma once

#include <QLoggingCategory>

// Every logging category of the server, one per subsystem. Enable with e.g.
// QT_LOGGING_RULES="collab.server.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcServer)  // collab.server
Q_DECLARE_LOGGING_CATEGORY(lcHub)     // collab.server.hub
Q_DECLARE_LOGGING_CATEGORY(lcStore)   // collab.server.store
Q_DECLARE_LOGGING_CATEGORY(lcRest)    // collab.server.rest
Q_DECLARE_LOGGING_CATEGORY(lcGateway) // collab.server.gateway
Q_DECLARE_LOGGING_CATEGORY(lcRedis)   // collab.server.redis
