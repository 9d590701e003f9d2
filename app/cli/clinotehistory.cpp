#include "cli/clinotehistory.h"

#include <QDateTime>
#include <QJsonArray>

namespace collab::cli {

NoteHistoryFlags::NoteHistoryFlags()
    : m_noteHistory(QStringLiteral("note-history")),
      m_at(QStringLiteral("at"), QString(), QStringLiteral("time|version")),
      m_nameVersion(QStringLiteral("name-version"), QString(), QStringLiteral("name")),
      m_restoreVersion(QStringLiteral("restore-version"), QString(), QStringLiteral("version"))
{
}

QList<QCommandLineOption> NoteHistoryFlags::options() const { return {m_noteHistory, m_at, m_nameVersion, m_restoreVersion}; }

int NoteHistoryFlags::actionCount(const QCommandLineParser &p) const
{
    return int(p.isSet(m_noteHistory)) + int(p.isSet(m_nameVersion)) + int(p.isSet(m_restoreVersion));
}

bool NoteHistoryFlags::pointFromText(const QString &text, proto::NoteAt *at, QString *error)
{
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        *error = QStringLiteral("--at needs a seq, an ISO 8601 date-time or a version's name");
        return false;
    }
    if (std::all_of(t.cbegin(), t.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; })) {
        bool ok = false;
        at->at = t.toULongLong(&ok);
        if (!ok || at->at == 0 || at->at > (quint64(1) << 53)) {
            *error = QStringLiteral("--at: %1 is not a seq (1 to 2^53)").arg(t.left(40));
            return false;
        }
        return true;
    }
    // A date-time: 2026-10-03T14:00:00Z, or local time without a zone; a date alone is its midnight.
    QDateTime when = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!when.isValid() && t.size() == 10)
        when = QDateTime(QDate::fromString(t, Qt::ISODate), QTime(0, 0));
    if (when.isValid() && t.size() >= 10 && t[4] == u'-' && t[7] == u'-') {
        at->time = when.toMSecsSinceEpoch();
        return true;
    }
    if (std::optional<ProtocolError> bad = proto::history::checkVersionName(t)) {
        *error = QStringLiteral("--at: %1").arg(bad->message);
        return false;
    }
    at->version = t;
    return true;
}

std::optional<proto::ClientPayload> NoteHistoryFlags::request(const QCommandLineParser &p, bool printNote, const QString &course,
                                                              const QString &note, QString *error) const
{
    const bool wantsAt = printNote || p.isSet(m_nameVersion);
    if (p.isSet(m_at) && !wantsAt) {
        *error = QStringLiteral("--at goes with --print-note or --name-version");
        return std::nullopt;
    }
    if (p.isSet(m_noteHistory))
        return proto::NoteHistoryGet{course, note, 0, proto::history::DefaultVersions};
    if (p.isSet(m_restoreVersion)) {
        proto::NoteAt point;
        if (!pointFromText(p.value(m_restoreVersion), &point, error))
            return std::nullopt;
        if (point.time != 0) {
            *error = QStringLiteral("--restore-version takes a seq or a version's name (find it with --note-history)");
            return std::nullopt;
        }
        return proto::NoteRestore{course, note, point.at, point.version};
    }
    if (p.isSet(m_nameVersion)) {
        proto::NoteNameVersion name{course, note, p.value(m_nameVersion), 0};
        if (std::optional<ProtocolError> bad = proto::history::checkVersionName(name.name)) {
            *error = QStringLiteral("--name-version: %1").arg(bad->message);
            return std::nullopt;
        }
        if (p.isSet(m_at)) {
            proto::NoteAt point;
            if (!pointFromText(p.value(m_at), &point, error))
                return std::nullopt;
            if (point.at == 0) {
                *error = QStringLiteral("--name-version --at takes a seq (find it with --note-history)");
                return std::nullopt;
            }
            name.at = point.at;
        }
        return name;
    }
    if (printNote && p.isSet(m_at)) {
        proto::NoteAt point;
        point.course = course;
        point.note = note;
        if (!pointFromText(p.value(m_at), &point, error))
            return std::nullopt;
        return point;
    }
    return std::nullopt;
}

namespace {
QString timeText(const QJsonValue &ms)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(ms.toDouble())).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
} // namespace

QStringList formatNoteHistoryAck(const proto::ClientPayload &request, const QJsonObject &f)
{
    QStringList out;
    if (std::holds_alternative<proto::NoteHistoryGet>(request)) {
        for (const QJsonValue &v : f.value(QLatin1String("versions")).toArray()) {
            const QJsonObject version = v.toObject();
            QStringList authors;
            for (const QJsonValue &a : version.value(QLatin1String("authors")).toArray())
                authors << a.toString();
            QString line = QStringLiteral("#%1 %2 %3").arg(qint64(version.value(QLatin1String("seq")).toDouble()))
                               .arg(timeText(version.value(QLatin1String("time"))), authors.join(QStringLiteral(", ")));
            for (const QJsonValue &n : version.value(QLatin1String("names")).toArray())
                line += QStringLiteral(" [%1]").arg(n.toString());
            if (version.contains(QLatin1String("restored")))
                line += QStringLiteral(" (restored #%1)").arg(qint64(version.value(QLatin1String("restored")).toDouble()));
            out << line;
        }
        if (out.isEmpty())
            out << QStringLiteral("no versions yet");
        else if (f.value(QLatin1String("more")).toBool())
            out << QStringLiteral("(older versions: GET .../notes/NOTE/history?before=SEQ)");
        return out;
    }
    if (std::holds_alternative<proto::NoteAt>(request)) {
        const QString text = f.value(QLatin1String("text")).toString();
        out << (text.endsWith(QLatin1Char('\n')) ? text.chopped(1) : text);
        return out;
    }
    if (const auto *name = std::get_if<proto::NoteNameVersion>(&request)) {
        out << QStringLiteral("named #%1 \"%2\" (event %3)")
                   .arg(qint64(f.value(QLatin1String("at")).toDouble()))
                   .arg(name->name)
                   .arg(qint64(f.value(QLatin1String("seq")).toDouble()));
        return out;
    }
    if (const auto *restore = std::get_if<proto::NoteRestore>(&request)) {
        const qint64 seq = qint64(f.value(QLatin1String("seq")).toDouble());
        const qint64 restored = qint64(f.value(QLatin1String("restored")).toDouble());
        out << (seq == 0 ? QStringLiteral("%1 already has the text of #%2: nothing to restore").arg(restore->note).arg(restored)
                         : QStringLiteral("restored %1 to #%2 as a new version (#%3)").arg(restore->note).arg(restored).arg(seq));
    }
    return out;
}

} // namespace collab::cli
