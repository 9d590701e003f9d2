#pragma once

#include <QtCore/QString>

// Client side of collab-bench-transport, run in a child process so that client and server each
// get their own core and their own fd limit.
namespace benchclients {

// Opens `count` raw WebSocket connections (epoll, at most `inFlight` handshakes at a time), prints
// "connected <count> <ms>", then keeps them idle until stdin closes.
int runRawConnect(quint16 port, int count, int inFlight);

// Opens `count` QWebSocket clients, prints "ready", counts text messages until each client has
// seen "end", then prints "done <messages> <p50_us> <p99_us> <max_us>" (latency of messages that
// start with a CLOCK_MONOTONIC timestamp "t<ns>|").
int runWsClients(quint16 port, int count);

// One QWebSocket sender: sends `messages` time-stamped messages keeping `window` of them unacked
// (the server answers each with one text frame), then prints "done <ms>" and quits.
int runSender(quint16 port, int messages, int window);

qint64 monotonicNs();

} // namespace benchclients
