#pragma once

#include "protocol/result.h"
#include "rest/httplimits.h"

#include <QHash>
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
    QStringList announcements; // channels only instructors (and integrations) may write to
    // Instructor (as configured) → SHA-256 of their secret (hex). An instructor listed here must
    // present the secret to join. One listed without a secret is allowed only in demo mode
    // (ServerConfig::demoMode), where they claim the name like a student does.
    QHash<QString, QByteArray> instructorSecretHashes;
    // Instructor → the secret itself, when the configuration gave it in clear ("secret"): what the
    // demo setup prints. Never logged.
    QHash<QString, QString> instructorSecrets;
    int maxMembers = 5000;

    // What running the course changed (the catalogue's events, CourseCatalog::apply; the
    // configuration is the initial state). The join code is checked against its hash: a code made
    // at run time is shown once and kept only hashed (`joinCode` is then empty).
    QByteArray joinCodeHash;
    bool archived = false;        // read-only for everyone, still readable
    bool studentNotes = false;    // students may create notes
    bool invitesRequired = false; // only a roster invite admits a student (not the join code)
    int retentionDays = 0;        // messages older than this many days are deleted for good (0: kept)
    QStringList archivedChannels; // read-only, still listed
    QStringList archivedNotes;
    // Channels and notes renamed at run time: id → the name shown (the id stays in every path and
    // command, so links, scripts and history keep working).
    QHash<QString, QString> channelTitles;
    QHash<QString, QString> noteTitles;
    QHash<QString, QString> tas;               // normalizedName → the name as appointed
    QHash<QString, QByteArray> inviteHashes;   // normalizedName → SHA-256 (hex) of the name's invite
    QHash<QString, QString> invitedNames;      // normalizedName → the name as on the roster

    // The instructor `user` names, as configured (names compare by normalizedName), or "".
    QString instructorNamed(const QString &user) const;
    bool isInstructor(const QString &user) const { return !instructorNamed(user).isEmpty(); }
    bool isAnnouncementChannel(const QString &channel) const { return announcements.contains(channel); }
    bool isTa(const QString &user) const;
    // The code admits `user`: the course's join code (unless invites are required and `user` is
    // not an instructor), or the invite the roster gave that name. Constant time per comparison.
    bool admits(const QString &user, const QString &code) const;
    QStringList instructorsWithoutSecret() const;
};

// Rate and size limits (docs/security.md lists the defaults and why).
struct LimitsConfig
{
    double chatPerSecond = 20;      // chat.send, chat.edit, chat.delete per connection (0: no limit)
    double chatBurst = 40;
    double requestsPerSecond = 100; // every other request per connection, typing included
    double requestBurst = 200;
    double restPerSecond = 200;     // REST requests per API key
    double restBurst = 400;
    int maxConnectionsPerAddress = 500; // WebSocket connections from one IP address (0: no limit)
    // Shared notes, per member (course + user, all their connections together; 0: no limit).
    double noteOpsPerSecond = 200;       // CRDT operations (a typist makes ~10/s; a reconnect resends a backlog)
    double noteOpsBurst = 2000;
    double noteBytesPerSecond = 64 * 1024; // UTF-8 bytes of inserted text
    double noteBytesBurst = 256 * 1024;
    // File uploads per member (or API key) and course (issue 15): a token bucket of this many a
    // minute, up to the burst at once (0: no limit). Downloads count as REST requests.
    double fileUploadsPerMinute = 60;
    double fileUploadBurst = 20;
    // One note: UTF-16 units ever inserted, deleted ones (tombstones) included (0: no limit).
    int noteMaxUnits = 1 << 20;
    int notePendingPerMember = 100; // a member's operations waiting for others' operations, per note
    int historyPageBytes = 256 * 1024; // a history page stops before this much message text
    // The HTTP side (REST), passed to HttpLimits; the defaults are HttpLimits' own.
    int httpConnectionsPerAddress = HttpLimits{}.connectionsPerAddress; // 0: no limit
    int httpIdleTimeoutMs = HttpLimits{}.idleTimeoutMs;       // whole milliseconds >= 1000
    int httpRequestTimeoutMs = HttpLimits{}.requestTimeoutMs; // whole milliseconds >= 1000
    // Names claimed for the first time (0: no limit), so that one address, or a crowd, cannot
    // take a course's member slots in seconds. Token buckets: up to the number at once, then at
    // that rate per minute. A classroom behind one NAT address joins in a burst: keep it above
    // the size of one section.
    int newNamesPerAddressPerMinute = 60;
    int newNamesPerCoursePerMinute = 600;
    // Failed join codes, instructor secrets, name tokens and API keys (AuthThrottle): this many
    // failures are free, each further one doubles a wait (1 s, 2 s, 4 s, ... up to
    // authBackoffMaxMs) during which that address (or name) is answered rate_limited unchecked.
    int authFailuresPerAddress = 20; // 0: no backoff per address
    int authFailuresPerName = 5;     // 0: no backoff per name
    int authBackoffMaxMs = 60'000;
};

struct ApiKeyConfig
{
    // "role": "admin" (any course, may create courses), "instructor" (runs its `courses`), or the
    // default "integration" (posts, reads; docs/security.md "Who may do what").
    enum class Role { Integration, Instructor, Admin };

    QString name;
    QString key;
    QStringList courses; // the courses this key may read and write
    // The names its posts may carry as author ("authors"; default: the key's own name). Every post
    // also carries the key's name as `via`, which the poster cannot choose.
    QStringList authors;
    Role role = Role::Integration;

    bool allows(const QString &course) const { return role == Role::Admin || courses.contains(course); }
    // The allowed author `user` names, as configured (names compare by normalizedName), or "".
    QString authorNamed(const QString &user) const;
};

// TLS for the whole port (https + wss): the certificate chain and its private key, PEM files.
struct TlsConfig
{
    QString certificateFile; // the server's certificate first, then any intermediates
    QString keyFile;

    bool enabled() const { return !certificateFile.isEmpty(); }
};

// "redis": the settings of several nodes sharing courses through Redis, the same for every node
// (so they live in the shared configuration file). The command line wins: --redis,
// --redis-require-fsync, --redis-min-replicas, and REDIS_PASSWORD / REDIS_SENTINEL_PASSWORD in the
// environment.
struct RedisConfig
{
    QString url;               // redis://HOST:PORT[/DB] or redis-sentinel://HOST:PORT,.../MASTERNAME[/DB]; empty: one node, SQLite
    QString password;
    QString sentinelPassword;  // the sentinels' requirepass, if they have one
    bool requireFsync = false; // refuse to start unless Redis has appendonly yes, appendfsync always
    int minReplicas = 0;       // acknowledge an event only once this many replicas have it (WAIT)

    static constexpr int MaxMinReplicas = 16;
};

// "files": attachments (issue 15, part 3; docs/operations.md, "Files"). Sizes in bytes.
struct FilesConfig
{
    static constexpr qint64 DefaultMaxFileBytes = 25 * 1000 * 1000; // "25 MB a file"
    static constexpr qint64 DefaultQuotaBytes = qint64(2) * 1000 * 1000 * 1000;
    // The largest file any course may take: the HTTP layer refuses a longer body from its head.
    static constexpr qint64 MaxFileBytesLimit = qint64(1) << 30;

    // Where the bytes live. Empty: DATA/files. With several nodes, a directory every node mounts
    // (the same path on each: NFS or another shared file system).
    QString directory;
    qint64 maxFileBytes = DefaultMaxFileBytes; // one file
    qint64 quotaBytes = DefaultQuotaBytes;     // all of a course's files (each distinct content once)
    // Per course: {"CS200": {"maxFileBytes": ..., "quotaBytes": ...}}, overriding the two above.
    QHash<QString, QPair<qint64, qint64>> courses;

    qint64 maxFileBytesFor(const QString &course) const { return courses.contains(course) ? courses.value(course).first : maxFileBytes; }
    qint64 quotaBytesFor(const QString &course) const { return courses.contains(course) ? courses.value(course).second : quotaBytes; }
    // The largest maxFileBytes of any course (a course without its own uses the default).
    qint64 largestMaxFileBytes() const;
};

// The server's configuration file (JSON; see docs/operations.md for every field).
struct ServerConfig
{
    QList<CourseConfig> courses;
    QList<ApiKeyConfig> apiKeys;
    LimitsConfig limits;
    RedisConfig redis;
    FilesConfig files;
    TlsConfig tls; // "tls": {"certificate": FILE, "key": FILE}; relative to the file's directory
    // "demo": true (or --demo): a demonstration, where an instructor listed without a secret is
    // allowed (whoever joins first under that name claims it). Without it the server refuses to
    // start with such an instructor (unclaimedInstructorsError).
    bool demoMode = false;
    // SHA-256 (hex) of the server administrator's secret ("adminSecret" in the file, or
    // COLLAB_ADMIN_SECRET, or the one collab-server makes in DATA/admin-secret): a hello carrying
    // it makes that session an administrator. Never empty once a ServerInstance runs.
    QByteArray adminSecretHash;

    const CourseConfig *course(const QString &id) const;
    const ApiKeyConfig *apiKeyFor(QStringView key) const; // constant-time compare of each key
    // Why no member may claim `user` in `course` (an API key's name, or a name a key posts as), or
    // "" if a member may. Instructors' names are theirs by their secret (NameClaims).
    QString reservedNameReason(const QString &course, const QString &user) const;
    // Outside demo mode: the error naming every instructor without a secret, or "" if none.
    QString unclaimedInstructorsError() const;

    static Result<ServerConfig> fromJson(const QJsonObject &json);
    static Result<ServerConfig> load(const QString &path);
    QJsonObject toJson() const;

    // The demo setup used when no --config is given: course CECS327 with channels general and
    // homework and the note class-notes. Its join code and API key are made once, at random, and
    // kept in DIR/demo-config.json so that they survive restarts.
    static Result<ServerConfig> demo(const QString &dataDir);
};

// The answer to a request naming a course that is not configured.
ProtocolError unknownCourseError(const QString &course);

// SHA-256 of a secret, lower-case hex: how instructor secrets and user tokens are kept.
QByteArray secretHash(const QString &secret);

} // namespace collab::server
