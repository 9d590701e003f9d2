#pragma once

// The slow-reader scenario, shared by tst_slow_reader (which asserts what happens: the stalled
// member is cut off with 4008 after its droppable frames went, the others lose nothing and keep
// the order) and collab-bench-resilience (which prints the others' delivery latency with and
// without the stalled member: a measurement, not a test).
//
// 50 members read a busy course: one chat message (~8 KiB) and one typing change per tick. Then a
// member joins over a raw socket and stops reading, with the same traffic, until the server cuts
// it off. The caller drives the phases and waits (QTRY_* in the test, qWaitFor in the bench).
#include "rawwsclient.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <map>
#include <memory>
#include <vector>

class SlowReaderScenario : public QObject
{
    Q_OBJECT
public:
    static constexpr int Readers = 50;
    static constexpr int CalmTicks = 100;      // phase 1: everybody reads
    static constexpr int MaxStalledTicks = 2000;
    static constexpr int TickMs = 10;          // one chat message and one typing change per tick

    SlowReaderScenario();
    ~SlowReaderScenario() override;

    // Starts the server (no rate limits) and joins the readers; false if any of it failed.
    bool start();
    TestServer &server() { return m_server; }

    void startTicking() { m_ticker.start(); }
    void stopTicking() { m_ticker.stop(); }
    int sent() const { return m_next; } // chat messages sent so far, numbered from 0

    // Every reader received `count` messages.
    bool everyoneHas(int count) const;
    // Per reader: the numbers of the chat messages received, in arrival order.
    const std::vector<QList<int>> &order() const { return m_order; }

    // Phase 2: a member joins over a raw socket, then stops reading (Qt buffers at most 4 KiB more,
    // the kernel a small receive window, everything else piles up on the server). From here on the
    // latencies count for phase 2.
    bool stallOne();
    int firstStalled() const { return m_firstStalled; }
    // The others saw the stalled member go offline: the server disconnected it.
    bool stalledWasCutOff() const;
    // Reads everything the server managed to hand to the stalled member's kernel, up to the
    // connection's end: the numbers of the chat messages it got, in arrival order.
    QList<int> drainStalled();
    bool stalledReachedEnd() const { return m_stalledEof; }

    // Median delivery latency (send → a reader's receipt, over all readers) in phase 1 (calm) or
    // 2 (with the stalled member), in ns; 0 without samples.
    double medianLatencyNs(int phase) const;
    // A counter of /metrics, -1 if unreadable.
    qint64 metric(const QByteArray &name);

private:
    void tick();

    TestServer m_server;
    std::vector<std::unique_ptr<WsTestClient>> m_readers;
    std::vector<QList<int>> m_order;
    std::map<int, qint64> m_sentAt;     // message number → send time (ns)
    std::vector<qint64> m_latency[2];   // per phase: delivery latencies (ns) over all readers
    QElapsedTimer m_clock;
    QTimer m_ticker;
    int m_next = 0;
    int m_phase = 0;
    int m_firstStalled = -1;
    int m_presenceFrom = 0;
    RawWsClient m_stalled;
    bool m_stalledEof = false;
};
