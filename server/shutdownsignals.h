#pragma once

#include <QObject>

#include <memory>

namespace collab::server {

// The operating system asking collab-server to stop (SIGINT, SIGTERM; Ctrl+C on Windows) or to
// reload what can change without a restart (SIGHUP where there is one), as Qt signals in the
// event loop. create() gives the Linux UnixSignals (a self-pipe, pipe2) in the engine build and
// PolledSignals (std::signal and an atomic flag the event loop polls: standard C++, so it builds
// wherever Qt does) in a COLLAB_PORTABLE build.
class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    static std::unique_ptr<ShutdownSignals> create();

Q_SIGNALS:
    void terminationRequested(int signalNumber);
    void reloadRequested();
};

// The portable implementation: the handler only stores the signal's number (a lock-free
// std::atomic, which a signal handler may write); a 100 ms timer reads it in the event loop.
class PolledSignals final : public ShutdownSignals
{
    Q_OBJECT
public:
    explicit PolledSignals(QObject *parent = nullptr);
    ~PolledSignals() override;

private:
    void poll();
};

} // namespace collab::server
