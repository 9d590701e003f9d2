#include "transport/wslogging.h"

Q_LOGGING_CATEGORY(lcWs, "collab.server.ws", QtInfoMsg)
