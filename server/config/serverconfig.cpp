#include "config/serverconfig.h"

#include "identity/nameclaims.h"
#include "protocol/ids.h"
#include "protocol/jsonfields.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSet>

#include <cmath>
#include <limits>

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

QString randomToken(int bytes)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
    QString out;
    for (int i = 0; i < bytes; ++i)
        out += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]);
    return out;
}

bool constantTimeEquals(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    char16_t diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= a[i].unicode() ^ b[i].unicode();
    return diff == 0;
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

} // namespace

QByteArray secretHash(const QString &secret)
{
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex();
}

QString CourseConfig::instructorNamed(const QString &user) const
{
    const QString wanted = normalizedName(user);
    for (const QString &i : instructors)
        if (normalizedName(i) == wanted)
            return i;
    return {};
}

QStringList CourseConfig::instructorsWithoutSecret() const
{
    QStringList out;
    for (const QString &i : instructors)
        if (!instructorSecretHashes.contains(i))
            out << i;
    return out;
}

QString ApiKeyConfig::authorNamed(const QString &user) const
{
    const QString wanted = normalizedName(user);
    for (const QString &a : authors)
        if (normalizedName(a) == wanted)
            return a;
    return {};
}

QString ServerConfig::reservedNameReason(const QString &course, const QString &user) const
{
    const QString wanted = normalizedName(user);
    for (const ApiKeyConfig &k : apiKeys) {
        if (!k.allows(course))
            continue;
        if (normalizedName(k.name) == wanted)
            return QStringLiteral("the name %1 is reserved: an integration (API key) of %2 posts under it").arg(user, course);
        if (!k.authorNamed(user).isEmpty())
            return QStringLiteral("the name %1 is reserved: the API key %2 posts as it in %3").arg(user, k.name, course);
    }
    return {};
}

QString ServerConfig::unclaimedInstructorsError() const
{
    if (demoMode)
        return {};
    QStringList missing;
    for (const CourseConfig &c : courses)
        for (const QString &i : c.instructorsWithoutSecret())
            missing << c.id + QLatin1Char('/') + i;
    if (missing.isEmpty())
        return {};
    return QStringLiteral("instructor without a secret (%1): whoever joined first under that name would be the "
                          "instructor. Give each one {\"user\": NAME, \"secret\": ...} (or \"secretSha256\"), or run a "
                          "demonstration with --demo (\"demo\": true)").arg(missing.join(QLatin1String(", ")));
}

const CourseConfig *ServerConfig::course(const QString &id) const
{
    for (const CourseConfig &c : courses)
        if (c.id == id)
            return &c;
    return nullptr;
}

bool CourseConfig::isTa(const QString &user) const { return tas.contains(normalizedName(user)); }

bool CourseConfig::admits(const QString &user, const QString &code) const
{
    const QByteArray given = secretHash(code);
    const auto invite = inviteHashes.constFind(normalizedName(user));
    const bool invited = invite != inviteHashes.constEnd() && constantTimeEquals(given, invite.value());
    // A course built in code (the demo) may have only the code: its hash is taken here.
    const QByteArray codeHash = joinCodeHash.isEmpty() && !joinCode.isEmpty() ? secretHash(joinCode) : joinCodeHash;
    const bool shared = !codeHash.isEmpty() && constantTimeEquals(given, codeHash);
    return invited || (shared && (!invitesRequired || isInstructor(user)));
}

ProtocolError unknownCourseError(const QString &course)
{
    return ProtocolError::make(ErrorCode::UnknownCourse, QStringLiteral("no course '%1'").arg(course));
}

const ApiKeyConfig *ServerConfig::apiKeyFor(QStringView key) const
{
    const ApiKeyConfig *found = nullptr;
    for (const ApiKeyConfig &k : apiKeys)
        if (constantTimeEquals(k.key, key))
            found = &k;
    return found;
}

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
    if (json.contains(QLatin1String("limits"))) {
        Result<LimitsConfig> limits = limitsFromJson(json.value(QLatin1String("limits")).toObject());
        if (!limits)
            return limits.error();
        config.limits = limits.value();
    }
    if (json.contains(QLatin1String("tls"))) {
        Result<TlsConfig> tls = tlsFromJson(json.value(QLatin1String("tls")));
        if (!tls)
            return tls.error();
        config.tls = tls.value();
    }
    if (json.contains(QLatin1String("redis"))) {
        Result<RedisConfig> redis = redisFromJson(json.value(QLatin1String("redis")));
        if (!redis)
            return redis.error();
        config.redis = redis.value();
    }
    if (json.contains(QLatin1String("files"))) {
        Result<FilesConfig> files = filesFromJson(json.value(QLatin1String("files")));
        if (!files)
            return files.error();
        config.files = files.value();
    }
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

qint64 FilesConfig::largestMaxFileBytes() const
{
    qint64 largest = maxFileBytes;
    for (const QPair<qint64, qint64> &c : courses)
        largest = std::max(largest, c.first);
    return largest;
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

Result<ServerConfig> ServerConfig::demo(const QString &dataDir)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("demo-config.json"));
    ServerConfig config;
    bool changed = false;
    if (QFile::exists(path)) {
        Result<ServerConfig> loaded = load(path);
        if (!loaded)
            return loaded;
        config = loaded.value();
    } else {
        CourseConfig demoCourse;
        demoCourse.id = QStringLiteral("CECS327");
        demoCourse.title = QStringLiteral("Distributed Systems (demo)");
        demoCourse.joinCode = randomToken(4) + QLatin1Char('-') + randomToken(4);
        demoCourse.instructors = {QStringLiteral("prof.lee")};
        demoCourse.channels = {QStringLiteral("general"), QStringLiteral("homework"), QStringLiteral("announcements")};
        demoCourse.notes = {QStringLiteral("class-notes")};
        demoCourse.announcements = {QStringLiteral("announcements")};
        config.courses << demoCourse;
        config.apiKeys << ApiKeyConfig{QStringLiteral("demo-integration"), randomToken(24), {QStringLiteral("CECS327")},
                                       {QStringLiteral("demo-integration")}};
        changed = true;
    }
    config.demoMode = true;
    // No instructor name is left for whoever joins first, in a demo too: each gets a secret, made
    // once and kept in clear in the file (0600) so that the banner can print it at every start.
    // A demo-config.json of an older version (an instructor without one) gets one here.
    for (CourseConfig &c : config.courses)
        for (const QString &user : c.instructorsWithoutSecret()) {
            const QString secret = randomToken(16);
            c.instructorSecrets.insert(user, secret);
            c.instructorSecretHashes.insert(user, secretHash(secret));
            changed = true;
        }
    if (!changed)
        return config;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // the join code and the API key
    file.write(QJsonDocument(config.toJson()).toJson());
    if (!file.commit())
        return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return config;
}

} // namespace collab::server
