#include "config/serverconfig.h"

#include "protocol/ids.h"
#include "protocol/jsonfields.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>
#include <limits>
#include <optional>

// Reading the configuration file (ServerConfig::fromJson, ServerConfig::load): each section is
// checked on its own, and the first thing wrong is the error, naming the field and what it takes.

namespace collab::server {

namespace {

QStringList readIds(FieldReader &r, const QJsonObject &json, const char *key, bool required)
{
    if (!required && !json.contains(QLatin1String(key)))
        return {};
    QStringList out;
    for (const QJsonValue &v : r.array(key)) {
        if (!v.isString() || !isValidId(v.toString())) {
            r.fail(ErrorCode::InvalidValue,
                   QStringLiteral("'%1' must be a list of ids ([A-Za-z0-9._-]{1,64})").arg(QLatin1String(key)));
            return {};
        }
        if (!out.contains(v.toString()))
            out << v.toString();
    }
    return out;
}

// "instructors": ["prof.lee", {"user": "dr.kim", "secret": "..."} | {"user", "secretSha256": "hex"}]
void readInstructors(FieldReader &r, const QJsonObject &json, CourseConfig *c)
{
    if (!json.contains(QLatin1String("instructors")))
        return;
    auto add = [&](const QString &user) {
        if (c->isInstructor(user)) {
            r.fail(ErrorCode::InvalidValue, QStringLiteral("course %1: instructor %2 is listed twice (names ignore case)").arg(c->id, user));
            return false;
        }
        c->instructors << user;
        return true;
    };
    for (const QJsonValue &v : r.array("instructors")) {
        if (v.isString()) {
            if (!isValidUserName(v.toString())) {
                r.fail(ErrorCode::InvalidValue, QStringLiteral("course %1: instructor '%2' is not a user name (a letter, then "
                                                               "letters, digits, '.', '_' or '-')").arg(c->id, v.toString().left(64)));
                return;
            }
            if (!add(v.toString()))
                return;
            continue;
        }
        FieldReader entry(v.toObject());
        const QString user = entry.userName("user");
        const auto secret = entry.optionalString("secret", 256);
        const auto hash = entry.optionalString("secretSha256", 64);
        if (secret && secret->startsWith(QLatin1String("CHANGE-ME"))) { // the packaged example's placeholder
            r.fail(ErrorCode::InvalidValue, QStringLiteral("course %1: the secret of %2 is still the placeholder %3: put a "
                                                           "secret of your own there").arg(c->id, user, *secret));
            return;
        }
        if (!v.isObject() || !entry.ok() || (!secret && !hash) || (secret && secret->isEmpty())) {
            r.fail(ErrorCode::InvalidValue, QStringLiteral("course %1: an instructor is a user name or {\"user\", \"secret\"}").arg(c->id));
            return;
        }
        if (!add(user))
            return;
        c->instructorSecretHashes.insert(user, secret ? secretHash(*secret) : hash->toLatin1().toLower());
        if (secret)
            c->instructorSecrets.insert(user, *secret);
    }
}

Result<CourseConfig> courseFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    CourseConfig c;
    c.id = r.id("id");
    c.title = r.optionalString("title", 200).value_or(c.id);
    c.joinCode = r.string("joinCode", 128);
    readInstructors(r, json, &c);
    c.channels = readIds(r, json, "channels", false);
    c.notes = readIds(r, json, "notes", false);
    c.announcements = readIds(r, json, "announcements", false);
    c.maxMembers = int(r.optionalUnsignedInt("maxMembers").value_or(quint64(c.maxMembers)));
    for (const QString &a : std::as_const(c.announcements))
        if (r.ok() && !c.channels.contains(a) && json.contains(QLatin1String("channels")))
            r.fail(ErrorCode::InvalidValue, QStringLiteral("course %1: announcement channel %2 is not in channels").arg(c.id, a));
    if (r.ok() && c.joinCode.isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("course %1: joinCode must not be empty").arg(c.id));
    if (!r.ok())
        return r.error();
    if (c.channels.isEmpty())
        c.channels << QStringLiteral("general");
    for (const QString &a : std::as_const(c.announcements))
        if (!c.channels.contains(a))
            c.channels << a;
    if (c.notes.isEmpty())
        c.notes << QStringLiteral("class-notes");
    c.joinCodeHash = secretHash(c.joinCode);
    return c;
}

Result<ApiKeyConfig> apiKeyFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    ApiKeyConfig k;
    k.name = r.id("name");
    k.key = r.string("key", 256);
    const QString role = r.optionalString("role", 32).value_or(QStringLiteral("integration"));
    if (role == QLatin1String("admin"))
        k.role = ApiKeyConfig::Role::Admin;
    else if (role == QLatin1String("instructor"))
        k.role = ApiKeyConfig::Role::Instructor;
    else if (r.ok() && role != QLatin1String("integration"))
        r.fail(ErrorCode::InvalidValue, QStringLiteral("api key %1: role must be admin, instructor or integration").arg(k.name));
    k.courses = readIds(r, json, "courses", k.role != ApiKeyConfig::Role::Admin);
    if (json.contains(QLatin1String("authors"))) {
        for (const QJsonValue &v : r.array("authors")) {
            if (!v.isString() || !isValidUserName(v.toString())) {
                r.fail(ErrorCode::InvalidValue, QStringLiteral("api key %1: authors must be a list of user names").arg(k.name));
                break;
            }
            if (k.authorNamed(v.toString()).isEmpty())
                k.authors << v.toString();
        }
    } else {
        k.authors << k.name;
    }
    if (r.ok() && k.key.size() < 8)
        r.fail(ErrorCode::InvalidValue, QStringLiteral("api key %1: key must have at least 8 characters").arg(k.name));
    if (!r.ok())
        return r.error();
    return k;
}

Result<LimitsConfig> limitsFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    LimitsConfig l;
    auto number = [&](const char *key, double fallback) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined())
            return fallback;
        if (!v.isDouble() || v.toDouble() < 0) {
            r.fail(ErrorCode::InvalidValue, QStringLiteral("limits.%1 must be a number >= 0").arg(QLatin1String(key)));
            return fallback;
        }
        return v.toDouble();
    };
    l.chatPerSecond = number("chatPerSecond", l.chatPerSecond);
    l.chatBurst = number("chatBurst", l.chatBurst);
    l.requestsPerSecond = number("requestsPerSecond", l.requestsPerSecond);
    l.requestBurst = number("requestBurst", l.requestBurst);
    l.restPerSecond = number("restPerSecond", l.restPerSecond);
    l.restBurst = number("restBurst", l.restBurst);
    l.maxConnectionsPerAddress = int(number("maxConnectionsPerAddress", l.maxConnectionsPerAddress));
    l.noteOpsPerSecond = number("noteOpsPerSecond", l.noteOpsPerSecond);
    l.noteOpsBurst = number("noteOpsBurst", l.noteOpsBurst);
    l.noteBytesPerSecond = number("noteBytesPerSecond", l.noteBytesPerSecond);
    l.noteBytesBurst = number("noteBytesBurst", l.noteBytesBurst);
    l.fileUploadsPerMinute = number("fileUploadsPerMinute", l.fileUploadsPerMinute);
    l.fileUploadBurst = number("fileUploadBurst", l.fileUploadBurst);
    // Counts and milliseconds: whole numbers that fit an int.
    auto whole = [&](const char *key, int fallback, int minimum) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined())
            return fallback;
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < minimum || d > std::numeric_limits<int>::max() || d != std::floor(d)) {
            r.fail(ErrorCode::InvalidValue, QStringLiteral("limits.%1 must be a whole number >= %2")
                                                .arg(QLatin1String(key)).arg(minimum));
            return fallback;
        }
        return int(d);
    };
    l.httpConnectionsPerAddress = whole("httpConnectionsPerAddress", l.httpConnectionsPerAddress, 0);
    l.httpIdleTimeoutMs = whole("httpIdleTimeoutMs", l.httpIdleTimeoutMs, 1000);
    l.httpRequestTimeoutMs = whole("httpRequestTimeoutMs", l.httpRequestTimeoutMs, 1000);
    l.newNamesPerAddressPerMinute = whole("newNamesPerAddressPerMinute", l.newNamesPerAddressPerMinute, 0);
    l.newNamesPerCoursePerMinute = whole("newNamesPerCoursePerMinute", l.newNamesPerCoursePerMinute, 0);
    l.authFailuresPerAddress = whole("authFailuresPerAddress", l.authFailuresPerAddress, 0);
    l.authFailuresPerName = whole("authFailuresPerName", l.authFailuresPerName, 0);
    l.authBackoffMaxMs = whole("authBackoffMaxMs", l.authBackoffMaxMs, 1000);
    l.noteMaxUnits = whole("noteMaxUnits", l.noteMaxUnits, 0);
    l.notePendingPerMember = whole("notePendingPerMember", l.notePendingPerMember, 1);
    l.historyPageBytes = whole("historyPageBytes", l.historyPageBytes, 16 * 1024);
    if (!r.ok())
        return r.error();
    return l;
}

Result<TlsConfig> tlsFromJson(const QJsonValue &value)
{
    const QJsonObject json = value.toObject();
    TlsConfig tls;
    tls.certificateFile = json.value(QLatin1String("certificate")).toString();
    tls.keyFile = json.value(QLatin1String("key")).toString();
    if (!value.isObject() || tls.certificateFile.isEmpty() || tls.keyFile.isEmpty())
        return ProtocolError::make(ErrorCode::InvalidValue,
                                   QStringLiteral("tls must be {\"certificate\": FILE, \"key\": FILE}"));
    return tls;
}

// A size in bytes: a whole number from 1 to FilesConfig::MaxFileBytesLimit (a quota: to 2^53).
Result<qint64> byteCountFrom(const QJsonObject &json, const char *key, qint64 fallback, qint64 max, const QString &where)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined())
        return fallback;
    const double n = v.toDouble(-1);
    if (!v.isDouble() || n != std::floor(n) || n < 1 || n > double(max))
        return ProtocolError::make(ErrorCode::InvalidValue,
                                   QStringLiteral("%1%2 must be a whole number of bytes from 1 to %3").arg(where, QLatin1String(key)).arg(max));
    return qint64(n);
}

Result<FilesConfig> filesFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("files must be an object"));
    const QJsonObject json = value.toObject();
    FilesConfig files;
    const QJsonValue directory = json.value(QLatin1String("directory"));
    if (!directory.isUndefined() && !directory.isString())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("files.directory must be a string"));
    files.directory = directory.toString();
    constexpr qint64 maxQuota = qint64(1) << 53;
    Result<qint64> maxFile = byteCountFrom(json, "maxFileBytes", files.maxFileBytes, FilesConfig::MaxFileBytesLimit, QStringLiteral("files."));
    if (!maxFile)
        return maxFile.error();
    Result<qint64> quota = byteCountFrom(json, "quotaBytes", files.quotaBytes, maxQuota, QStringLiteral("files."));
    if (!quota)
        return quota.error();
    files.maxFileBytes = maxFile.value();
    files.quotaBytes = quota.value();
    const QJsonValue courses = json.value(QLatin1String("courses"));
    if (!courses.isUndefined() && !courses.isObject())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("files.courses must be an object of course ids"));
    const QJsonObject perCourse = courses.toObject();
    for (auto it = perCourse.begin(); it != perCourse.end(); ++it) {
        const QString where = QStringLiteral("files.courses.%1.").arg(it.key());
        if (!isValidId(it.key()) || !it.value().isObject())
            return ProtocolError::make(ErrorCode::InvalidValue, where + QStringLiteral(" must be a course id with an object"));
        Result<qint64> m = byteCountFrom(it.value().toObject(), "maxFileBytes", files.maxFileBytes, FilesConfig::MaxFileBytesLimit, where);
        if (!m)
            return m.error();
        Result<qint64> q = byteCountFrom(it.value().toObject(), "quotaBytes", files.quotaBytes, maxQuota, where);
        if (!q)
            return q.error();
        files.courses.insert(it.key(), {m.value(), q.value()});
    }
    return files;
}

Result<RedisConfig> redisFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("redis must be an object"));
    const QJsonObject json = value.toObject();
    RedisConfig redis;
    for (const auto &[key, target] : {std::pair{"url", &redis.url}, std::pair{"password", &redis.password},
                                      std::pair{"sentinelPassword", &redis.sentinelPassword}}) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isString())
            return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("redis.%1 must be a string").arg(QLatin1String(key)));
        *target = v.toString();
    }
    const QJsonValue requireFsync = json.value(QLatin1String("requireFsync"));
    if (!requireFsync.isUndefined() && !requireFsync.isBool())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("redis.requireFsync must be true or false"));
    redis.requireFsync = requireFsync.toBool();
    const QJsonValue minReplicas = json.value(QLatin1String("minReplicas"));
    if (!minReplicas.isUndefined()) {
        const double n = minReplicas.toDouble(-1);
        if (!minReplicas.isDouble() || n != std::floor(n) || n < 0 || n > RedisConfig::MaxMinReplicas)
            return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("redis.minReplicas must be a whole number from 0 to %1")
                                                                    .arg(RedisConfig::MaxMinReplicas));
        redis.minReplicas = int(n);
    }
    return redis;
}

// The optional section `key`, read by `read` into `into`; its error if it is wrong.
template <typename Section, typename Reader>
std::optional<ProtocolError> readSection(const QJsonObject &json, const char *key, Reader read, Section *into)
{
    if (!json.contains(QLatin1String(key)))
        return std::nullopt;
    Result<Section> section = read(json.value(QLatin1String(key)));
    if (!section)
        return section.error();
    *into = section.value();
    return std::nullopt;
}

} // namespace

Result<ServerConfig> ServerConfig::fromJson(const QJsonObject &json)
{
    ServerConfig config;
    FieldReader r(json);
    const QJsonArray courseList = r.array("courses");
    if (!r.ok())
        return r.error();
    QSet<QString> seen;
    for (const QJsonValue &v : courseList) {
        Result<CourseConfig> c = courseFromJson(v.toObject());
        if (!c)
            return c.error();
        if (seen.contains(c.value().id))
            return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("course %1 is listed twice").arg(c.value().id));
        seen.insert(c.value().id);
        config.courses << c.value();
    }
    if (auto e = readSection(json, "limits", [](const QJsonValue &v) { return limitsFromJson(v.toObject()); }, &config.limits))
        return *e;
    if (auto e = readSection(json, "tls", tlsFromJson, &config.tls))
        return *e;
    if (auto e = readSection(json, "redis", redisFromJson, &config.redis))
        return *e;
    if (auto e = readSection(json, "files", filesFromJson, &config.files))
        return *e;
    if (json.contains(QLatin1String("demo"))) {
        if (!json.value(QLatin1String("demo")).isBool())
            return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("demo must be true or false"));
        config.demoMode = json.value(QLatin1String("demo")).toBool();
    }
    if (json.contains(QLatin1String("adminSecret"))) {
        const QJsonValue secret = json.value(QLatin1String("adminSecret"));
        if (!secret.isString() || secret.toString().size() < 16 || secret.toString().size() > 256)
            return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("adminSecret must be a string of 16 to 256 characters"));
        config.adminSecretHash = secretHash(secret.toString());
    }
    for (const QJsonValue &v : json.value(QLatin1String("apiKeys")).toArray()) {
        Result<ApiKeyConfig> k = apiKeyFromJson(v.toObject());
        if (!k)
            return k.error();
        config.apiKeys << k.value();
    }
    return config;
}

Result<ServerConfig> ServerConfig::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ProtocolError::make(ErrorCode::NotFound, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return ProtocolError::make(ErrorCode::BadJson,
                                   QStringLiteral("%1: not a JSON object (%2 at offset %3)")
                                       .arg(path, error.errorString())
                                       .arg(error.offset));
    Result<ServerConfig> config = fromJson(doc.object());
    if (!config)
        return ProtocolError::make(config.error().code, path + QStringLiteral(": ") + config.error().message);
    if (!config.value().files.directory.isEmpty()) // relative to the configuration file too
        config.value().files.directory = QFileInfo(path).absoluteDir().filePath(config.value().files.directory);
    if (config.value().tls.enabled()) { // relative to the configuration file, not the working directory
        const QDir dir = QFileInfo(path).absoluteDir();
        config.value().tls.certificateFile = dir.filePath(config.value().tls.certificateFile);
        config.value().tls.keyFile = dir.filePath(config.value().tls.keyFile);
    }
    return config;
}

} // namespace collab::server
