#pragma once

#include "hub/interactions.h"
#include "store/queueprojection.h"

namespace collab::server {

// The office-hours queue (issue 14, part 7): a moderator makes a channel a queue; students join
// with a one-line topic and see their position and an estimate; a TA takes the next student (or
// a chosen one), which every member's client sees (the student's tells them), then marks them
// done or requeues them (back to their place); students leave when they like. All of it is course
// events, so the queue survives a restart and is the same on every node.
class QueueCommands
{
public:
    using Reply = Callback<QJsonObject>;
    static constexpr qint64 DefaultHelpMs = 5 * 60 * 1000; // the estimate's guess before anyone was served

    explicit QueueCommands(InteractionContext context) : m_context(context) {}

    void open(const Actor &actor, const proto::QueueOpen &m, Reply done);
    void join(const Actor &actor, const proto::QueueJoin &m, Reply done);
    void act(const Actor &actor, const proto::QueueAction &m, Reply done);
    Result<QJsonObject> get(const Actor &actor, const proto::QueueGet &m) const;

private:
    // The reader's place (1 = next) among those waiting, 0: not waiting; and the estimate.
    QJsonObject positionOf(const QString &course, const QString &channel, const QString &user) const;

    InteractionContext m_context;
};

} // namespace collab::server
