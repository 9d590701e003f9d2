#pragma once

#include "shutdownsignals.h"

class QSocketNotifier;

namespace collab::server {

// Turns SIGINT and SIGTERM (and SIGHUP) into Qt signals through a self-pipe, so shutdown runs in
// the event loop (flushing the store) instead of inside a signal handler.
// Linux (pipe2): the engine build's ShutdownSignals.
class UnixSignals final : public ShutdownSignals
{
    Q_OBJECT

public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace collab::server
