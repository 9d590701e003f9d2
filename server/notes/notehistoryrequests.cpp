#include "notes/notehistoryrequests.h"

#include "hub/hub.h"

namespace collab::server {

Result<quint64> NoteHistoryRequests::point(const QString &course, const QString &note, std::optional<NotePoint> p)
{
    if (std::optional<ProtocolError> e = m_hub.checkNoteReadable(course, note))
        return *e;
    if (!p)
        return m_hub.noteHistory().latest(course, note);
    return m_hub.noteHistory().resolve(course, note, *p);
}

void NoteHistoryRequests::versions(const QString &course, const QString &note, quint64 before, int limit,
                                   Callback<QJsonObject> done)
{
    if (std::optional<ProtocolError> e = m_hub.checkNoteReadable(course, note))
        return done(*e);
    done(m_hub.noteHistory().versions(course, note, before, limit));
}

void NoteHistoryRequests::textAt(const QString &course, const QString &note, const NotePoint &p, Callback<QJsonObject> done)
{
    Result<quint64> at = point(course, note, p);
    if (!at)
        return done(at.error());
    m_hub.noteHistory().textAt(course, note, at.value(), [course, note, done = std::move(done)](Result<NoteHistory::Text> r) {
        if (!r)
            return done(r.error());
        done(QJsonObject{{QStringLiteral("course"), course},
                         {QStringLiteral("note"), note},
                         {QStringLiteral("at"), double(r.value().at)},
                         {QStringLiteral("text"), r.value().text},
                         {QStringLiteral("length"), int(r.value().text.size())}});
    });
}

void NoteHistoryRequests::diff(const QString &course, const QString &note, const NotePoint &fromPoint,
                               std::optional<NotePoint> toPoint, Callback<QJsonObject> done)
{
    Result<quint64> from = point(course, note, fromPoint);
    if (!from)
        return done(from.error());
    Result<quint64> to = point(course, note, toPoint);
    if (!to)
        return done(to.error());
    m_hub.noteHistory().diff(course, note, from.value(), to.value(),
                             [course, note, f = from.value(), t = to.value(), done = std::move(done)](Result<QJsonArray> r) {
                                 if (!r)
                                     return done(r.error());
                                 done(QJsonObject{{QStringLiteral("course"), course},
                                                  {QStringLiteral("note"), note},
                                                  {QStringLiteral("from"), double(f)},
                                                  {QStringLiteral("to"), double(t)},
                                                  {QStringLiteral("hunks"), r.value()}});
                             });
}

void NoteHistoryRequests::authors(const QString &course, const QString &note, std::optional<NotePoint> p,
                                  Callback<QJsonObject> done)
{
    Result<quint64> at = point(course, note, p);
    if (!at)
        return done(at.error());
    m_hub.noteHistory().authorsAt(course, note, at.value(),
                                  [course, note, a = at.value(), done = std::move(done)](Result<QJsonArray> r) {
                                      if (!r)
                                          return done(r.error());
                                      done(QJsonObject{{QStringLiteral("course"), course},
                                                       {QStringLiteral("note"), note},
                                                       {QStringLiteral("at"), double(a)},
                                                       {QStringLiteral("spans"), r.value()}});
                                  });
}

void NoteHistoryRequests::name(const Actor &actor, const proto::NoteNameVersion &m, Callback<QJsonObject> done)
{
    m_hub.nameNoteVersion(actor, m, [done = std::move(done)](Result<CourseEvent> r) {
        if (!r)
            return done(r.error());
        done(QJsonObject{{QStringLiteral("seq"), double(r.value().seq)},
                         {QStringLiteral("name"), r.value().data.value(QLatin1String("name"))},
                         {QStringLiteral("at"), r.value().data.value(QLatin1String("at"))}});
    });
}

void NoteHistoryRequests::restore(const Actor &actor, const QString &course, const QString &note, const NotePoint &p,
                                  Callback<QJsonObject> done)
{
    Result<quint64> at = point(course, note, p);
    if (!at)
        return done(at.error());
    m_hub.restoreNote(actor, course, note, at.value(), [a = at.value(), done = std::move(done)](Result<NoteOutcome> r) {
        if (!r)
            return done(r.error());
        done(QJsonObject{{QStringLiteral("seq"), double(r.value().seq)},
                         {QStringLiteral("length"), r.value().length},
                         {QStringLiteral("version"), r.value().version},
                         {QStringLiteral("restored"), double(a)}});
    });
}

} // namespace collab::server
