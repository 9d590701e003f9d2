#include "notes/notehistory.h"

#include "crdt/document.h"
#include "logging.h"
#include "store/eventlog.h"

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>

namespace collab::server {

NoteHistory::NoteHistory(const EventLog &log, const NoteHistoryProjection &history, QObject *parent)
    : QObject(parent), m_log(log), m_history(history),
      m_worker(QStringLiteral("collab-note-history"), history.databasePath())
{
}

quint64 NoteHistory::latest(const QString &course, const QString &note) const
{
    return m_history.lastChangeAtOrBefore(course, note, std::numeric_limits<qint64>::max());
}

Result<quint64> NoteHistory::resolve(const QString &course, const QString &note, const NotePoint &point) const
{
    if (!point.name.isEmpty()) {
        std::optional<NamedVersion> named = m_history.namedVersion(course, note, point.name);
        if (!named)
            return ProtocolError::make(ErrorCode::NotFound, QStringLiteral("%1 has no version named \"%2\"").arg(note, point.name.left(100)));
        return named->at;
    }
    if (point.timeMs) {
        const quint64 seq = m_history.lastChangeAtOrBeforeTime(course, note, *point.timeMs);
        if (seq == 0)
            return ProtocolError::make(ErrorCode::NotFound,
                                       QStringLiteral("%1 had no version yet at %2")
                                           .arg(note, QDateTime::fromMSecsSinceEpoch(*point.timeMs, Qt::UTC).toString(Qt::ISODate)));
        return seq;
    }
    const quint64 last = m_log.lastSeq(course);
    if (point.seq == 0)
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("a point of a note's history is a seq of 1 or more"));
    if (point.seq > last)
        return ProtocolError::make(ErrorCode::InvalidValue,
                                   QStringLiteral("seq %1 is in the future: %2 is at seq %3").arg(point.seq).arg(course).arg(last));
    if (!m_history.isVersion(course, note, point.seq))
        return ProtocolError::make(ErrorCode::NotFound,
                                   QStringLiteral("seq %1 is not a version of %2 (its versions: note.history, or GET "
                                                  ".../notes/%2/history)").arg(point.seq).arg(note));
    return point.seq;
}

QJsonObject NoteHistory::versions(const QString &course, const QString &note, quint64 before, int limit) const
{
    bool more = false;
    const QList<NoteVersionRow> rows = m_history.versions(course, note, before, limit, &more);
    const QList<NamedVersion> named = m_history.namedVersions(course, note);
    QJsonArray versions;
    for (const NoteVersionRow &row : rows) {
        QJsonObject v{{QStringLiteral("seq"), double(row.seq)},
                      {QStringLiteral("time"), double(row.timeMs)},
                      {QStringLiteral("authors"), QJsonArray{row.user}}};
        QJsonArray names;
        for (const NamedVersion &n : named)
            if (n.at == row.seq)
                names << n.name;
        if (!names.isEmpty())
            v.insert(QStringLiteral("names"), names);
        if (row.restored)
            v.insert(QStringLiteral("restored"), double(row.restored));
        versions << v;
    }
    QJsonArray namedJson;
    for (const NamedVersion &n : named)
        namedJson << QJsonObject{{QStringLiteral("name"), n.name},
                                 {QStringLiteral("at"), double(n.at)},
                                 {QStringLiteral("by"), n.by},
                                 {QStringLiteral("time"), double(n.timeMs)}};
    return {{QStringLiteral("course"), course},
            {QStringLiteral("note"), note},
            {QStringLiteral("versions"), versions},
            {QStringLiteral("named"), namedJson},
            {QStringLiteral("latest"), double(latest(course, note))},
            {QStringLiteral("more"), more}};
}

Result<NoteHistory::Replayed> NoteHistory::replay(const NoteReplayInput &input, bool wantIds)
{
    constexpr crdt::ReplicaId kReader = 1; // makes no operation: any id does
    crdt::Document doc(kReader);
    if (input.checkpoint) {
        crdt::Expected<crdt::Document> decoded = crdt::Document::decodeSnapshot(input.checkpoint->bytes, kReader);
        if (!decoded.ok())
            return ProtocolError::make(ErrorCode::Internal,
                                       QStringLiteral("the history checkpoint at seq %1 is unreadable").arg(input.checkpoint->seq));
        doc = std::move(decoded).value();
    }
    QVector<crdt::Operation> ops;
    for (const QByteArray &data : input.eventData) {
        crdt::Expected<QVector<crdt::Operation>> decoded =
            crdt::operationsFromJson(QJsonDocument::fromJson(data).object().value(QLatin1String("ops")).toArray());
        if (decoded.ok())
            ops += decoded.value();
    }
    if (!ops.isEmpty())
        doc.applyAll(ops, crdt::Document::Deltas::Skip);
    Replayed out{doc.text(), {}};
    if (wantIds)
        out.ids = doc.visibleIds();
    return out;
}

Result<QString> NoteHistory::replayText(const QSqlDatabase &db, const QString &course, const QString &note, quint64 at)
{
    Result<Replayed> r = replay(NoteHistoryProjection::replayInput(db, course, note, at), false);
    if (!r)
        return r.error();
    return std::move(r).value().text;
}

void NoteHistory::textAt(const QString &course, const QString &note, quint64 at, Callback<Text> done)
{
    m_worker.run<Text>(
        [course, note, at](const QSqlDatabase &db) -> Result<Text> {
            Result<Replayed> r = replay(NoteHistoryProjection::replayInput(db, course, note, at), false);
            if (!r)
                return r.error();
            return Text{at, r.value().text};
        },
        std::move(done));
}

void NoteHistory::authorsAt(const QString &course, const QString &note, quint64 at, Callback<QJsonArray> done)
{
    AuthorIndex authors = m_history.authors(course, note); // a row per replica and change of author: small
    m_worker.run<QJsonArray>(
        [course, note, at, authors = std::move(authors)](const QSqlDatabase &db) -> Result<QJsonArray> {
            Result<Replayed> r = replay(NoteHistoryProjection::replayInput(db, course, note, at), true);
            if (!r)
                return r.error();
            // The author of (replica, counter): the replica's last row at or before the counter.
            const auto authorOf = [&](crdt::ReplicaId replica, quint32 counter, quint32 *runEnd) -> QString {
                const QVector<QPair<quint32, QString>> rows = authors.value(replica);
                auto it = std::upper_bound(rows.cbegin(), rows.cend(), counter,
                                           [](quint32 c, const QPair<quint32, QString> &row) { return c < row.first; });
                *runEnd = it == rows.cend() ? std::numeric_limits<quint32>::max() : it->first;
                return it == rows.cbegin() ? QString() : std::prev(it)->second;
            };
            QJsonArray spans;
            QString lastUser;
            int start = 0;
            int position = 0;
            int length = 0;
            const auto flush = [&] {
                if (length > 0)
                    spans << QJsonObject{{QStringLiteral("start"), start}, {QStringLiteral("length"), length},
                                         {QStringLiteral("user"), lastUser}};
            };
            for (const crdt::IdRange &range : r.value().ids) {
                quint32 counter = range.counter;
                quint32 left = range.length;
                while (left > 0) {
                    quint32 runEnd = 0;
                    const QString user = authorOf(range.replica, counter, &runEnd);
                    const quint32 take = std::min<quint64>(left, quint64(runEnd) - counter);
                    if (user != lastUser || length == 0) {
                        flush();
                        lastUser = user;
                        start = position;
                        length = 0;
                    }
                    length += int(take);
                    position += int(take);
                    counter += take;
                    left -= take;
                }
            }
            flush();
            return spans;
        },
        std::move(done));
}

QJsonArray NoteHistory::hunksToJson(const QVector<DiffHunk> &hunks)
{
    QJsonArray out;
    for (const DiffHunk &h : hunks)
        out << QJsonObject{{QStringLiteral("fromLine"), h.fromLine},
                           {QStringLiteral("removed"), QJsonArray::fromStringList(h.removed)},
                           {QStringLiteral("toLine"), h.toLine},
                           {QStringLiteral("added"), QJsonArray::fromStringList(h.added)}};
    return out;
}

void NoteHistory::diff(const QString &course, const QString &note, quint64 from, quint64 to, Callback<QJsonArray> done)
{
    m_worker.run<QJsonArray>(
        [course, note, from, to](const QSqlDatabase &db) -> Result<QJsonArray> {
            Result<Replayed> ra = replay(NoteHistoryProjection::replayInput(db, course, note, from), false);
            if (!ra)
                return ra.error();
            Result<Replayed> rb = replay(NoteHistoryProjection::replayInput(db, course, note, to), false);
            if (!rb)
                return rb.error();
            return hunksToJson(TextDiff::lines(ra.value().text, rb.value().text));
        },
        std::move(done));
}

void NoteHistory::restoreEdits(const QString &course, const QString &note, quint64 at, const QString &current,
                               Callback<QVector<TextEdit>> done)
{
    m_worker.run<QVector<TextEdit>>(
        [course, note, at, current](const QSqlDatabase &db) -> Result<QVector<TextEdit>> {
            Result<Replayed> r = replay(NoteHistoryProjection::replayInput(db, course, note, at), false);
            if (!r)
                return r.error();
            return TextDiff::edits(current, r.value().text);
        },
        std::move(done));
}

} // namespace collab::server
