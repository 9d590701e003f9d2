#pragma once

#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace collab::server {

struct PollRecord
{
    quint64 id = 0; // the seq of its poll.created (and the id of its message in the channel)
    QString channel;
    QString question;
    QStringList options;
    bool multiple = false;
    bool anonymous = false;
    qint64 closesAt = 0; // ms since the epoch; 0: closed by hand only
    bool closed = false; // closed by hand (poll.closed)
    QString ballotKey;   // anonymous polls: what ballots are derived from; never leaves the server
    QString by;
    QList<int> counts;   // per option
    int voters = 0;
};

// Polls (poll.created, poll.voted, poll.closed): each poll, its counts per option and who voted.
// A named poll keeps each voter's choice (they may change it); an anonymous one keeps only the
// counts and, per voter, a ballot (an HMAC of the name under the poll's key) marking that they
// voted: never a name next to a choice.
class PollsProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("polls"); }
    int version() const override { return 1; }
    QStringList tables() const override { return {QStringLiteral("polls"), QStringLiteral("poll_votes")}; }
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    std::optional<PollRecord> poll(const QString &course, quint64 id) const;
    // A named poll: the voter's choice; an anonymous poll: an empty list when the ballot voted.
    std::optional<QList<int>> vote(const QString &course, quint64 poll, const QString &voter) const;
    // A named poll's votes: voter → options, in the order they last voted.
    QList<std::pair<QString, QList<int>>> votes(const QString &course, quint64 poll) const;
    int openPolls(const QString &course, const QString &channel, qint64 nowMs) const;

private:
    QSqlDatabase m_db;
    SqliteStatement m_create;
    SqliteStatement m_counts;
    SqliteStatement m_vote;
    SqliteStatement m_close;
};

QList<int> optionsFromJson(const QJsonValue &value);

} // namespace collab::server
