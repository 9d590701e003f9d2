#pragma once

#include "hub/interactions.h"
#include "store/pollsprojection.h"

#include <QDateTime>

#include <functional>

namespace collab::server {

// Polls (issue 14, part 5): a moderator creates one in a channel (it is also a message there, so
// history shows it), members vote until it closes (at its time or by hand), named voters may
// change their vote. An anonymous poll never stores who chose what: each voter's vote carries a
// ballot, an HMAC-SHA256 of their name under the poll's random key (which never leaves the
// server), so the server can tell that they voted and refuse a second vote, and the counts are
// all there is of their choice. Anonymous votes are therefore final.
class PollCommands
{
public:
    using Reply = Callback<QJsonObject>;

    explicit PollCommands(InteractionContext context) : m_context(context) {}

    // The clock polls close by (tests move it forward; default: the system's).
    void setClock(std::function<qint64()> nowMs) { m_nowMs = std::move(nowMs); }

    void create(const Actor &actor, const proto::PollCreate &m, Reply done);
    void vote(const Actor &actor, const proto::PollVote &m, Reply done);
    void close(const Actor &actor, const proto::PollClose &m, Reply done);
    // {poll: {...}, csv?}: csv for those who may create polls.
    Result<QJsonObject> get(const Actor &actor, const proto::PollGet &m) const;

    static QJsonObject pollJson(const PollRecord &poll, qint64 nowMs);
    static QString ballot(const QString &ballotKey, const QString &user);
    QString resultsCsv(const QString &course, const PollRecord &poll) const;

private:
    Result<PollRecord> find(const QString &course, quint64 id) const;

    InteractionContext m_context;
    std::function<qint64()> m_nowMs = [] { return QDateTime::currentMSecsSinceEpoch(); };
};

} // namespace collab::server
