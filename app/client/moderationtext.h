#pragma once

#include <QJsonObject>
#include <QString>

namespace collab::client {

// How a removal's end and a moderation log entry read to people, the same in collab-cli and the
// desktop app. A removal "until restored" is stored with the end of year 9999 as its end
// (limits::RemovedUntilRestoredMs): never show that as a time of day.
bool isUntilRestored(qint64 untilMs);
// "until restored", or "until 2026-11-24T06:10:00Z" (utc) / "until 24 Nov 07:10" (local time).
QString removalEndText(qint64 untilMs, bool utc);
// A moderation log entry's data in words for its kind: "angie.nguyen until restored",
// "class-notes locked", ...; anything not known as compact JSON (without `by`).
QString moderationDetails(const QString &kind, const QJsonObject &data, bool utc);

} // namespace collab::client
