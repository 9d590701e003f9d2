#pragma once

#include <QLoggingCategory>

// The client library never prints: it logs through these categories (off by default for debug).
Q_DECLARE_LOGGING_CATEGORY(lcClient)     // collab.client: session, joins, resume
Q_DECLARE_LOGGING_CATEGORY(lcClientWs)   // collab.client.ws: the socket and reconnects
