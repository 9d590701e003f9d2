#include "client/moderationtext.h"

#include "protocol/limits.h"

#include <QDateTime>
#include <QJsonDocument>

namespace collab::client {

bool isUntilRestored(qint64 untilMs) { return untilMs >= limits::RemovedUntilRestoredMs; }

QString removalEndText(qint64 untilMs, bool utc)
{
    if (isUntilRestored(untilMs))
        return QStringLiteral("until restored");
    if (utc)
        return QStringLiteral("until ") + QDateTime::fromMSecsSinceEpoch(untilMs, Qt::UTC).toString(Qt::ISODate);
    const QDateTime until = QDateTime::fromMSecsSinceEpoch(untilMs);
    // The time alone when it is today; with the day otherwise (a removal for a day ends tomorrow).
    const bool today = until.date() == QDate::currentDate();
    return QStringLiteral("until ") + until.toString(today ? QStringLiteral("HH:mm") : QStringLiteral("d MMM HH:mm"));
}

QString moderationDetails(const QString &kind, const QJsonObject &data, bool utc)
{
    const QString user = data.value(QLatin1String("user")).toString();
    if (kind == QLatin1String("member.kicked"))
        return QStringLiteral("%1 %2").arg(user, removalEndText(qint64(data.value(QLatin1String("until")).toDouble()), utc));
    if (kind == QLatin1String("member.restored"))
        return user;
    if (kind == QLatin1String("member.role"))
        return QStringLiteral("%1 \u2192 %2").arg(user, data.value(QLatin1String("role")).toString());
    QJsonObject rest = data;
    rest.remove(QStringLiteral("by"));
    return QString::fromUtf8(QJsonDocument(rest).toJson(QJsonDocument::Compact));
}

} // namespace collab::client
