#pragma once

#include "hub/actor.h"
#include "hub/coursejournal.h"
#include "model/courseevent.h"
#include "protocol/limits.h"

#include <QHash>

#include <optional>

namespace collab::server {

class CourseAdmin;
class CourseRules;

// Removing a member from a course and restoring them: a moderator's member.kicked event (for a
// while, or until restored) and member.restored event, and the removals they leave, which refuse
// the name's joins on every node (the events reach each one) and after a restart (the Hub loads
// them from the kicks projection).
class MemberRemovals
{
public:
    static constexpr qint64 DefaultMs = 10 * 60 * 1000;
    static constexpr qint64 UntilRestored = limits::RemovedUntilRestoredMs; // 9999-12-31: "until restored"

    MemberRemovals(const CourseRules &rules, const CourseAdmin &admin, CourseJournal &journal)
        : m_rules(rules), m_admin(admin), m_journal(journal)
    {
    }

    // `minutes`: absent, DefaultMs; 0, until restored. `done` runs once the event is stored.
    void kick(const Actor &who, const QString &course, const QString &user, std::optional<qint64> minutes, Callback<bool> done);
    void restore(const Actor &who, const QString &course, const QString &user, Callback<CourseEvent> done);

    // Refuses `user` in `course` until `until` (ms since the epoch); a later removal wins.
    void remove(const QString &course, const QString &user, qint64 until);
    // A member.kicked or member.restored event, from this node or another.
    void apply(const CourseEvent &event);
    // Forbidden while `user` is removed from `course`.
    std::optional<ProtocolError> check(const QString &course, const QString &user) const;

private:
    const CourseRules &m_rules;
    const CourseAdmin &m_admin;
    CourseJournal &m_journal;
    QHash<QString, qint64> m_until; // CourseRules::nameKey() → until (ms since the epoch)
};

} // namespace collab::server
