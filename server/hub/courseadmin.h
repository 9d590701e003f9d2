#pragma once

#include "config/serverconfig.h"
#include "hub/actor.h"
#include "hub/coursejournal.h"
#include "hub/permissions.h"
#include "protocol/clientmessages.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <optional>

namespace collab::server {

class CourseCatalog;
class EventLog;
class Projections;

// The commands that run a course (issue 11): create and delete courses, change their title,
// archive and settings, add and change channels and notes, rotate the join code, appoint TAs,
// import a roster with invites, read the moderation log. Each checks the rule table
// (permissions.h) for the actor as it is now, validates, stores one event through the journal and
// answers with the fields of its reply (the same for the WebSocket ack and the REST body), once
// the event is durable. The catalogue itself changes when the event comes back from the bus
// (CourseCatalog::apply, on every node). Removals and restores live in the Hub, beside the bans.
class CourseAdmin
{
public:
    CourseAdmin(const ServerConfig &config, const CourseCatalog &catalog, const EventLog &log, const Projections &projections,
                CourseJournal &journal)
        : m_config(config), m_catalog(catalog), m_log(log), m_projections(projections), m_journal(journal)
    {
    }

    using Reply = Callback<QJsonObject>;

    void createCourse(const Actor &actor, const proto::CourseCreate &m, Reply done);
    void deleteCourse(const Actor &actor, const QString &course, Reply done);
    void updateCourse(const Actor &actor, const proto::CourseUpdate &m, Reply done);
    void addChannel(const Actor &actor, const proto::ChannelAdd &m, Reply done);
    void updateChannel(const Actor &actor, const proto::ChannelUpdate &m, Reply done);
    void createNote(const Actor &actor, const proto::NoteCreate &m, Reply done);
    void updateNote(const Actor &actor, const proto::NoteUpdate &m, Reply done);
    void rotateJoinCode(const Actor &actor, const QString &course, Reply done);
    void setRole(const Actor &actor, const proto::MemberRoleSet &m, Reply done);
    // `csv` as the instructor's file (bytes: its encoding is checked here).
    void importRoster(const Actor &actor, const QString &course, const QByteArray &csv, Reply done);
    Result<QJsonArray> moderationLog(const Actor &actor, const QString &course, int limit) const;

    // The course exists and the actor's role may do `permission` there; the error otherwise.
    std::optional<ProtocolError> check(const Actor &actor, const QString &course, Permission permission) const;
    // A new random secret of `groups` groups of four characters (a-z without l/o, 2-9), e.g.
    // "k3fq-8wzn-pa2d": join codes (3 groups), invites (4), instructor secrets (6).
    static QString newSecret(int groups);

private:
    std::optional<ProtocolError> checkWritable(const CourseConfig &c) const;
    // A new shown name for channel/note `id` among `ids` (shown as `titles` say): not another's.
    std::optional<ProtocolError> checkNewTitle(const CourseConfig &c, const QHash<QString, QString> &titles, const QString &id,
                                               const QString &title, const QStringList &ids) const;
    void store(const QString &course, EventKind kind, QJsonObject data, QJsonObject answer, Reply done);

    const ServerConfig &m_config;
    const CourseCatalog &m_catalog;
    const EventLog &m_log;
    const Projections &m_projections;
    CourseJournal &m_journal;
    QSet<QString> m_creating; // course ids whose course.created is being stored
};

} // namespace collab::server
