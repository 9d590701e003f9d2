#include "hub/pollcommands.h"

#include "config/serverconfig.h"
#include "hub/permissions.h"
#include "protocol/ids.h"
#include "store/projections.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include <algorithm>

namespace collab::server {

namespace {

ProtocolError error(ErrorCode code, const QString &text) { return ProtocolError::make(code, text); }

bool isClosed(const PollRecord &p, qint64 nowMs) { return p.closed || (p.closesAt > 0 && nowMs >= p.closesAt); }

// One CSV field: quoted when needed, and a leading = + - @ defused (spreadsheets run formulas).
QString csvField(QString text)
{
    if (!text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front()))
        text.prepend(QLatin1Char('\''));
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\'')))
        return QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return text;
}

} // namespace

QString PollCommands::ballot(const QString &ballotKey, const QString &user)
{
    return QString::fromLatin1(QMessageAuthenticationCode::hash(normalizedName(user).toUtf8(), ballotKey.toLatin1(),
                                                                QCryptographicHash::Sha256)
                                   .toHex());
}

Result<PollRecord> PollCommands::find(const QString &course, quint64 id) const
{
    if (!m_context.config.course(course))
        return unknownCourseError(course);
    std::optional<PollRecord> p = m_context.projections.polls().poll(course, id);
    if (!p)
        return error(ErrorCode::NotFound, QStringLiteral("no poll %1 in %2").arg(id).arg(course));
    return *p;
}

void PollCommands::create(const Actor &actor, const proto::PollCreate &m, Reply done)
{
    if (std::optional<ProtocolError> e = m_context.checkWritable(m.course, m.channel))
        return done(*e);
    if (!allows(actor.role, Permission::PostAnnouncement))
        return done(error(ErrorCode::Forbidden, QStringLiteral("only %1 may create polls").arg(rolesAllowed(Permission::PostAnnouncement))));
    if (m_context.projections.polls().openPolls(m.course, m.channel, m_nowMs()) >= limits::MaxOpenPollsPerChannel)
        return done(error(ErrorCode::Conflict, QStringLiteral("#%1 has %2 open polls: close one first").arg(m.channel).arg(limits::MaxOpenPollsPerChannel)));
    QStringList options;
    for (const QString &o : m.options)
        options << o.trimmed();
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    const QJsonObject data{{QStringLiteral("channel"), m.channel},
                           {QStringLiteral("question"), m.question.trimmed()},
                           {QStringLiteral("options"), QJsonArray::fromStringList(options)},
                           {QStringLiteral("multiple"), m.multiple},
                           {QStringLiteral("anonymous"), m.anonymous},
                           {QStringLiteral("closesAt"), m.minutes > 0 ? double(m_nowMs() + m.minutes * 60000) : 0.0},
                           {QStringLiteral("ballotKey"), QString::fromLatin1(key.toHex())},
                           {QStringLiteral("by"), actor.user}};
    m_context.journal.append(m.course, EventKind::PollCreated, data, [done = std::move(done)](Result<CourseEvent> r) {
        if (!r)
            return done(r.error());
        done(QJsonObject{{QStringLiteral("poll"), double(r.value().seq)}, {QStringLiteral("seq"), double(r.value().seq)}});
    });
}

void PollCommands::vote(const Actor &actor, const proto::PollVote &m, Reply done)
{
    Result<PollRecord> found = find(m.course, m.poll);
    if (!found)
        return done(found.error());
    const PollRecord &p = found.value();
    if (std::optional<ProtocolError> e = m_context.checkWritable(m.course, p.channel))
        return done(*e);
    if (isClosed(p, m_nowMs()))
        return done(error(ErrorCode::Conflict, QStringLiteral("poll %1 is closed").arg(m.poll)));
    for (int o : m.options)
        if (o >= p.options.size())
            return done(error(ErrorCode::InvalidValue, QStringLiteral("poll %1 has options 0 to %2").arg(m.poll).arg(p.options.size() - 1)));
    if (!p.multiple && m.options.size() != 1)
        return done(error(ErrorCode::InvalidValue, QStringLiteral("poll %1 takes one option").arg(m.poll)));
    QList<int> chosen = m.options;
    std::sort(chosen.begin(), chosen.end());
    QJsonArray options;
    for (int o : chosen)
        options.append(o);
    QJsonObject data{{QStringLiteral("poll"), double(m.poll)}, {QStringLiteral("channel"), p.channel}, {QStringLiteral("options"), options}};
    const QJsonObject answer{{QStringLiteral("poll"), double(m.poll)}};
    if (p.anonymous) {
        const QString voterBallot = ballot(p.ballotKey, actor.user);
        if (m_context.projections.polls().vote(m.course, m.poll, voterBallot))
            return done(error(ErrorCode::Conflict, QStringLiteral("you voted in poll %1 already (anonymous votes are final)").arg(m.poll)));
        data.insert(QStringLiteral("ballot"), voterBallot);
    } else {
        const std::optional<QList<int>> previous = m_context.projections.polls().vote(m.course, m.poll, actor.user);
        if (previous && *previous == chosen) { // the same vote again: nothing to store
            QJsonObject same = answer;
            same.insert(QStringLiteral("seq"), 0);
            return done(same);
        }
        data.insert(QStringLiteral("user"), actor.user);
    }
    m_context.store(m.course, EventKind::PollVoted, data, answer, std::move(done));
}

void PollCommands::close(const Actor &actor, const proto::PollClose &m, Reply done)
{
    Result<PollRecord> found = find(m.course, m.poll);
    if (!found)
        return done(found.error());
    if (!allows(actor.role, Permission::PostAnnouncement))
        return done(error(ErrorCode::Forbidden, QStringLiteral("only %1 may close polls").arg(rolesAllowed(Permission::PostAnnouncement))));
    const QJsonObject answer{{QStringLiteral("poll"), double(m.poll)}};
    if (found.value().closed) {
        QJsonObject same = answer;
        same.insert(QStringLiteral("seq"), 0);
        return done(same);
    }
    const QJsonObject data{{QStringLiteral("poll"), double(m.poll)}, {QStringLiteral("channel"), found.value().channel},
                           {QStringLiteral("by"), actor.user}};
    m_context.store(m.course, EventKind::PollClosed, data, answer, std::move(done));
}

QJsonObject PollCommands::pollJson(const PollRecord &p, qint64 nowMs)
{
    QJsonArray counts;
    for (int c : p.counts)
        counts.append(c);
    return QJsonObject{{QStringLiteral("id"), double(p.id)},
                       {QStringLiteral("channel"), p.channel},
                       {QStringLiteral("question"), p.question},
                       {QStringLiteral("options"), QJsonArray::fromStringList(p.options)},
                       {QStringLiteral("counts"), counts},
                       {QStringLiteral("voters"), p.voters},
                       {QStringLiteral("multiple"), p.multiple},
                       {QStringLiteral("anonymous"), p.anonymous},
                       {QStringLiteral("closesAt"), double(p.closesAt)},
                       {QStringLiteral("closed"), isClosed(p, nowMs)},
                       // Time left by the server's clock: a client counts down and asks again
                       // then, whatever its own clock says. 0: closed, or closed by hand only.
                       {QStringLiteral("closesIn"), isClosed(p, nowMs) || p.closesAt == 0 ? 0.0 : double(p.closesAt - nowMs)},
                       {QStringLiteral("by"), p.by}};
}

Result<QJsonObject> PollCommands::get(const Actor &actor, const proto::PollGet &m) const
{
    Result<PollRecord> found = find(m.course, m.poll);
    if (!found)
        return found.error();
    const PollRecord &p = found.value();
    QJsonObject poll = pollJson(p, m_nowMs());
    // The reader's own vote: named polls say what it was; anonymous ones only that there is one.
    const std::optional<QList<int>> mine = m_context.projections.polls().vote(m.course, m.poll, p.anonymous ? ballot(p.ballotKey, actor.user) : actor.user);
    poll.insert(QStringLiteral("voted"), mine.has_value());
    if (mine && !p.anonymous) {
        QJsonArray chosen;
        for (int o : *mine)
            chosen.append(o);
        poll.insert(QStringLiteral("mine"), chosen);
    }
    QJsonObject out{{QStringLiteral("poll"), poll}};
    if (m.csv) {
        if (!allows(actor.role, Permission::PostAnnouncement))
            return error(ErrorCode::Forbidden, QStringLiteral("only %1 may export poll results").arg(rolesAllowed(Permission::PostAnnouncement)));
        out.insert(QStringLiteral("csv"), resultsCsv(m.course, p));
    }
    return out;
}

QString PollCommands::resultsCsv(const QString &course, const PollRecord &p) const
{
    QString csv = QStringLiteral("option,votes\r\n");
    for (int i = 0; i < p.options.size(); ++i)
        csv += csvField(p.options.at(i)) + QLatin1Char(',') + QString::number(p.counts.value(i)) + QStringLiteral("\r\n");
    if (p.anonymous) // counts are all there is
        return csv;
    csv += QStringLiteral("\r\nvoter,choices\r\n");
    for (const auto &[voter, options] : m_context.projections.polls().votes(course, p.id)) {
        QStringList names;
        for (int o : options)
            names << p.options.value(o);
        csv += csvField(voter) + QLatin1Char(',') + csvField(names.join(QLatin1String("; "))) + QStringLiteral("\r\n");
    }
    return csv;
}

} // namespace collab::server
