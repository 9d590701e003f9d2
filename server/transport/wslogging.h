#pragma once

#include <QtCore/QLoggingCategory>

// The transport's logging category ("collab.server.ws"). A central logging header may re-declare it
// later; the definition lives in wslogging.cpp.
Q_DECLARE_LOGGING_CATEGORY(lcWs)
