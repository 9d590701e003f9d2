#include "config/serverconfig.h"

#include <QJsonArray>

// Writing the configuration back as the JSON that ServerConfig::fromJson reads (the demo's
// demo-config.json, tests' configurations).

namespace collab::server {

QJsonObject ServerConfig::toJson() const
{
    QJsonArray courseList;
    for (const CourseConfig &c : courses) {
        QJsonArray instructors;
        for (const QString &user : c.instructors) {
            if (c.instructorSecrets.contains(user))
                instructors.append(QJsonObject{{QStringLiteral("user"), user}, {QStringLiteral("secret"), c.instructorSecrets.value(user)}});
            else if (c.instructorSecretHashes.contains(user))
                instructors.append(QJsonObject{{QStringLiteral("user"), user},
                                               {QStringLiteral("secretSha256"), QString::fromLatin1(c.instructorSecretHashes.value(user))}});
            else
                instructors.append(user);
        }
        courseList.append(QJsonObject{{QStringLiteral("id"), c.id},
                                      {QStringLiteral("title"), c.title},
                                      {QStringLiteral("joinCode"), c.joinCode},
                                      {QStringLiteral("instructors"), instructors},
                                      {QStringLiteral("channels"), QJsonArray::fromStringList(c.channels)},
                                      {QStringLiteral("notes"), QJsonArray::fromStringList(c.notes)},
                                      {QStringLiteral("announcements"), QJsonArray::fromStringList(c.announcements)},
                                      {QStringLiteral("maxMembers"), c.maxMembers}});
    }
    QJsonArray keys;
    for (const ApiKeyConfig &k : apiKeys) {
        QJsonObject key{{QStringLiteral("name"), k.name},
                        {QStringLiteral("key"), k.key},
                        {QStringLiteral("courses"), QJsonArray::fromStringList(k.courses)},
                        {QStringLiteral("authors"), QJsonArray::fromStringList(k.authors)}};
        if (k.role != ApiKeyConfig::Role::Integration)
            key.insert(QStringLiteral("role"), k.role == ApiKeyConfig::Role::Admin ? QStringLiteral("admin") : QStringLiteral("instructor"));
        keys.append(key);
    }
    const QJsonObject limitsJson{{QStringLiteral("chatPerSecond"), limits.chatPerSecond},
                                 {QStringLiteral("chatBurst"), limits.chatBurst},
                                 {QStringLiteral("requestsPerSecond"), limits.requestsPerSecond},
                                 {QStringLiteral("requestBurst"), limits.requestBurst},
                                 {QStringLiteral("restPerSecond"), limits.restPerSecond},
                                 {QStringLiteral("restBurst"), limits.restBurst},
                                 {QStringLiteral("maxConnectionsPerAddress"), limits.maxConnectionsPerAddress},
                                 {QStringLiteral("noteOpsPerSecond"), limits.noteOpsPerSecond},
                                 {QStringLiteral("noteOpsBurst"), limits.noteOpsBurst},
                                 {QStringLiteral("noteBytesPerSecond"), limits.noteBytesPerSecond},
                                 {QStringLiteral("noteBytesBurst"), limits.noteBytesBurst},
                                 {QStringLiteral("noteMaxUnits"), limits.noteMaxUnits},
                                 {QStringLiteral("notePendingPerMember"), limits.notePendingPerMember},
                                 {QStringLiteral("historyPageBytes"), limits.historyPageBytes},
                                 {QStringLiteral("httpConnectionsPerAddress"), limits.httpConnectionsPerAddress},
                                 {QStringLiteral("httpIdleTimeoutMs"), limits.httpIdleTimeoutMs},
                                 {QStringLiteral("httpRequestTimeoutMs"), limits.httpRequestTimeoutMs},
                                 {QStringLiteral("newNamesPerAddressPerMinute"), limits.newNamesPerAddressPerMinute},
                                 {QStringLiteral("newNamesPerCoursePerMinute"), limits.newNamesPerCoursePerMinute},
                                 {QStringLiteral("authFailuresPerAddress"), limits.authFailuresPerAddress},
                                 {QStringLiteral("authFailuresPerName"), limits.authFailuresPerName},
                                 {QStringLiteral("authBackoffMaxMs"), limits.authBackoffMaxMs}};
    QJsonObject out{{QStringLiteral("courses"), courseList}, {QStringLiteral("apiKeys"), keys}, {QStringLiteral("limits"), limitsJson}};
    if (demoMode)
        out.insert(QStringLiteral("demo"), true);
    if (tls.enabled())
        out.insert(QStringLiteral("tls"), QJsonObject{{QStringLiteral("certificate"), tls.certificateFile},
                                                      {QStringLiteral("key"), tls.keyFile}});
    if (!files.directory.isEmpty() || files.maxFileBytes != FilesConfig::DefaultMaxFileBytes
        || files.quotaBytes != FilesConfig::DefaultQuotaBytes || !files.courses.isEmpty()) {
        QJsonObject f{{QStringLiteral("maxFileBytes"), double(files.maxFileBytes)}, {QStringLiteral("quotaBytes"), double(files.quotaBytes)}};
        if (!files.directory.isEmpty())
            f.insert(QStringLiteral("directory"), files.directory);
        QJsonObject perCourse;
        for (auto it = files.courses.cbegin(); it != files.courses.cend(); ++it)
            perCourse.insert(it.key(), QJsonObject{{QStringLiteral("maxFileBytes"), double(it.value().first)},
                                                   {QStringLiteral("quotaBytes"), double(it.value().second)}});
        if (!perCourse.isEmpty())
            f.insert(QStringLiteral("courses"), perCourse);
        out.insert(QStringLiteral("files"), f);
    }
    if (!redis.url.isEmpty() || !redis.password.isEmpty() || redis.requireFsync || redis.minReplicas > 0
        || !redis.sentinelPassword.isEmpty()) {
        QJsonObject r{{QStringLiteral("url"), redis.url},
                      {QStringLiteral("password"), redis.password},
                      {QStringLiteral("requireFsync"), redis.requireFsync},
                      {QStringLiteral("minReplicas"), redis.minReplicas}};
        if (!redis.sentinelPassword.isEmpty())
            r.insert(QStringLiteral("sentinelPassword"), redis.sentinelPassword);
        out.insert(QStringLiteral("redis"), r);
    }
    return out;
}

} // namespace collab::server
