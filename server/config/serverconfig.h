#pragma once

#include "protocol/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace collab::server {

struct CourseConfig
{
    QString id;
    QString title;
    QString joinCode;
    QStringList instructors;
    QStringList channels;
    QStringList notes;

    bool isInstructor(const QString &user) const { return instructors.contains(user); }
};

struct ApiKeyConfig
{
    QString name;
    QString key;
    QStringList courses; // the courses this key may read and write

    bool allows(const QString &course) const { return courses.contains(course); }
};

// The server's configuration file (JSON; see docs/operations.md for every field).
struct ServerConfig
{
    QList<CourseConfig> courses;
    QList<ApiKeyConfig> apiKeys;

    const CourseConfig *course(const QString &id) const;
    const ApiKeyConfig *apiKeyFor(QStringView key) const; // constant-time compare of each key

    static Result<ServerConfig> fromJson(const QJsonObject &json);
    static Result<ServerConfig> load(const QString &path);
    QJsonObject toJson() const;

    // The demo setup used when no --config is given: course CECS327 with channels general and
    // homework and the note class-notes. Its join code and API key are made once, at random, and
    // kept in DIR/demo-config.json so that they survive restarts.
    static Result<ServerConfig> demo(const QString &dataDir);
};

} // namespace collab::server
