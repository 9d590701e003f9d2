#pragma once

#include <QObject>

class QSocketNotifier;

namespace collab::cli {

// Turns SIGINT and SIGTERM into a Qt signal (self-pipe): the handler only writes one byte, the
// rest runs in the event loop where closing sockets is safe. One instance per process.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isValid() const { return m_notifier != nullptr || m_polling; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr; // POSIX: the self-pipe
    bool m_polling = false;                // elsewhere: std::signal and a timer
};

} // namespace collab::cli
