#include "cli/clisearch.h"

#include <QDateTime>
#include <QJsonArray>

namespace collab::cli {

SearchOutput searchOutputFrom(const QJsonObject &ackFields, QString *error)
{
    SearchOutput out;
    out.more = ackFields.value(QLatin1String("more")).toBool();
    for (const QJsonValue &v : ackFields.value(QLatin1String("results")).toArray()) {
        Result<proto::SearchHit> hit = proto::SearchHit::fromJson(v.toObject());
        if (!hit) {
            *error = QStringLiteral("the server sent an unreadable search result: %1").arg(hit.error().message);
            return {};
        }
        out.hits << std::move(hit).value();
    }
    return out;
}

QString formatSearchHit(const proto::SearchHit &hit)
{
    QString snippet;
    int from = 0;
    for (const proto::SearchHighlight &h : hit.highlights) {
        if (h.start < from || h.start + h.length > hit.snippet.size())
            continue; // out of order or out of range: shown plain
        snippet += hit.snippet.mid(from, h.start - from) + QLatin1String("**") + hit.snippet.mid(h.start, h.length)
            + QLatin1String("**");
        from = h.start + h.length;
    }
    snippet += hit.snippet.mid(from);
    snippet.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QString who = hit.author.isEmpty() ? QStringLiteral("(anonymous)")
                                             : hit.author + (hit.anonymous ? QStringLiteral(" (anonymous to students)") : QString());
    const QString when = QDateTime::fromMSecsSinceEpoch(hit.createdMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return QStringLiteral("[%1] #%2 %3 %4: %5").arg(hit.channel).arg(hit.id).arg(who, when, snippet);
}

} // namespace collab::cli
