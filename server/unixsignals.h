#pragma once

#include <QObject>

class QSocketNotifier;

namespace collab::server {

// Turns SIGINT and SIGTERM (and SIGHUP) into Qt signals through a self-pipe, so shutdown runs in
// the event loop (flushing the store) instead of inside a signal handler.
class UnixSignals : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);
    void reloadRequested(); // SIGHUP: reload what can change without a restart (the TLS files)

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace collab::server
