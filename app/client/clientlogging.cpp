#include "client/clientlogging.h"

Q_LOGGING_CATEGORY(lcClient, "collab.client", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientWs, "collab.client.ws", QtInfoMsg)
