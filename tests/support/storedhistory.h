#pragma once

#include <QJsonArray>
#include <QString>
#include <QStringList>

// What a server has stored, read back over REST with the test API key, and the exactly-once check
// the fault tests end with.

// Every message of CECS327/general on the server at httpBase ("http://127.0.0.1:PORT"), oldest
// first, page by page; empty on any failure.
QJsonArray storedMessages(const QString &httpBase);

// One counter of GET /metrics (e.g. "collab_ws_errors_total"); -1 if it cannot be read.
qint64 metricValue(const QString &httpBase, const QString &name);

// Empty if every acknowledged clientMsgId is stored exactly once, no clientMsgId is stored twice,
// and of the messages whose clientMsgId starts with one of `runs` (+ ".") at most `unacked` were
// never acknowledged; otherwise what is wrong, for the failure message.
QString exactlyOnceViolations(const QJsonArray &stored, const QStringList &acked, const QStringList &runs, qint64 unacked);
