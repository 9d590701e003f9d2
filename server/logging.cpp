#include "logging.h"

Q_LOGGING_CATEGORY(lcServer, "collab.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHub, "collab.server.hub", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "collab.server.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRest, "collab.server.rest", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGateway, "collab.server.gateway", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRedis, "collab.server.redis", QtInfoMsg)
