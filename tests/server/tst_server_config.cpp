// The config file's "limits" object: the HTTP fields (httpConnectionsPerAddress,
// httpIdleTimeoutMs, httpRequestTimeoutMs) are read, checked (an error names the field) and
// written back by toJson(); the same for the "redis" object (url, password, sentinelPassword,
// requireFsync, minReplicas).
// ServerCommandLine merges collab-server's flags, the environment and the configuration file:
// one row per setting and source shows which one wins (flag > environment > file > default).
#include "config/servercommandline.h"
#include "config/serverconfig.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace collab;
using namespace collab::server;

namespace {

QJsonObject configWith(const QByteArray &key, const QByteArray &value)
{
    const QByteArray json = R"({"courses": [{"id": "C1", "joinCode": "code-1"}], ")" + key + "\": " + value + "}";
    return QJsonDocument::fromJson(json).object();
}

QJsonObject configWithLimits(const QByteArray &limits) { return configWith("limits", limits); }

QStringList args(std::initializer_list<const char *> words)
{
    QStringList out;
    for (const char *w : words)
        out << QString::fromUtf8(w);
    return out;
}

// One setting of the merged options as text, so that the precedence rows share one column.
QString setting(const ServerOptions &options, const QString &name)
{
    if (name == QLatin1String("listen"))
        return options.address.toString() + QLatin1Char(':') + QString::number(options.port);
    if (name == QLatin1String("data"))
        return options.dataDir;
    if (name == QLatin1String("fullSync"))
        return options.fullSync ? QStringLiteral("on") : QStringLiteral("off");
    if (name == QLatin1String("courses"))
        return options.config ? options.config->courses.first().id : QStringLiteral("demo");
    if (name == QLatin1String("tls"))
        return options.tls.certificateFile + QLatin1Char(' ') + options.tls.keyFile;
    if (name == QLatin1String("redisUrl"))
        return options.redisUrl;
    if (name == QLatin1String("redisPassword"))
        return QString::fromUtf8(options.redisPassword);
    if (name == QLatin1String("redisRequireFsync"))
        return options.redisRequireFsync ? QStringLiteral("on") : QStringLiteral("off");
    if (name == QLatin1String("redisMinReplicas"))
        return QString::number(options.redisMinReplicas);
    if (name == QLatin1String("redisSentinelPassword"))
        return QString::fromUtf8(options.redisSentinelPassword);
    if (name == QLatin1String("presenceTtl"))
        return QString::number(options.presenceTtlMs);
    if (name == QLatin1String("demo"))
        return options.config && options.config->demoMode ? QStringLiteral("on") : QStringLiteral("off");
    qFatal("no setting %s", qPrintable(name));
}

// collab-server ARGUMENTS, with --config FILE first when FILE (extra top-level keys of a config
// file with course C1) is given; "DIR" in ARGUMENTS stands for the file's directory.
Result<ServerOptions> resolveCommandLine(const QTemporaryDir &dir, QStringList arguments, const QByteArray &file,
                                         const QStringList &environment)
{
    if (!file.isNull()) {
        const QString path = dir.filePath(QStringLiteral("server.json"));
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        QByteArray json(R"({"courses": [{"id": "C1", "joinCode": "code-1"}])");
        if (!file.isEmpty())
            json += ", " + file;
        out.write(json + "}");
        out.close();
        arguments.prepend(path);
        arguments.prepend(QStringLiteral("--config"));
    }
    arguments.replaceInStrings(QStringLiteral("DIR"), dir.path());
    arguments.prepend(QStringLiteral("collab-server"));
    ServerCommandLine commandLine;
    if (!commandLine.parse(arguments))
        return ProtocolError::make(ErrorCode::InvalidValue, commandLine.errorText());
    QProcessEnvironment env; // empty: none of the machine's variables
    for (const QString &pair : environment)
        env.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    return commandLine.resolve(env);
}

} // namespace

class TestConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void httpDefaults();
    void httpFieldsAreRead();
    void badHttpFieldNamesIt_data();
    void badHttpFieldNamesIt();
    void httpFieldsRoundTrip();
    void identityFieldsAreReadAndRoundTrip();
    void badIdentityFieldNamesIt_data();
    void badIdentityFieldNamesIt();
    void instructorWithoutSecretOnlyInDemo();
    void loadReportsTheFileAndTheField();
    void redisFieldsAreReadAndRoundTrip();
    void badRedisFieldNamesIt_data();
    void badRedisFieldNamesIt();
    void commandLinePrecedence_data();
    void commandLinePrecedence();
    void badCommandLineNamesIt_data();
    void badCommandLineNamesIt();
};

void TestConfig::httpDefaults()
{
    const Result<ServerConfig> config = ServerConfig::fromJson(configWithLimits("{}"));
    QVERIFY(config);
    QCOMPARE(config.value().limits.httpConnectionsPerAddress, 64);
    QCOMPARE(config.value().limits.httpIdleTimeoutMs, 60000);
    QCOMPARE(config.value().limits.httpRequestTimeoutMs, 10000);
    QCOMPARE(config.value().limits.maxConnectionsPerAddress, 500); // the WebSocket cap is separate
}

void TestConfig::httpFieldsAreRead()
{
    const Result<ServerConfig> config = ServerConfig::fromJson(configWithLimits(
        R"({"httpConnectionsPerAddress": 0, "httpIdleTimeoutMs": 1000, "httpRequestTimeoutMs": 2147483647})"));
    QVERIFY2(config, config ? "" : qPrintable(config.error().message));
    QCOMPARE(config.value().limits.httpConnectionsPerAddress, 0);
    QCOMPARE(config.value().limits.httpIdleTimeoutMs, 1000);
    QCOMPARE(config.value().limits.httpRequestTimeoutMs, 2147483647);
}

void TestConfig::badHttpFieldNamesIt_data()
{
    QTest::addColumn<QByteArray>("limits");
    QTest::addColumn<QString>("message");
    const QString idle = QStringLiteral("limits.httpIdleTimeoutMs must be a whole number >= 1000");
    const QString request = QStringLiteral("limits.httpRequestTimeoutMs must be a whole number >= 1000");
    const QString cap = QStringLiteral("limits.httpConnectionsPerAddress must be a whole number >= 0");
    QTest::newRow("idle under 1000") << QByteArray(R"({"httpIdleTimeoutMs": 999})") << idle;
    QTest::newRow("idle fractional") << QByteArray(R"({"httpIdleTimeoutMs": 1500.5})") << idle;
    QTest::newRow("idle a string") << QByteArray(R"({"httpIdleTimeoutMs": "60000"})") << idle;
    QTest::newRow("idle over an int") << QByteArray(R"({"httpIdleTimeoutMs": 2147483648})") << idle;
    QTest::newRow("request 0") << QByteArray(R"({"httpRequestTimeoutMs": 0})") << request;
    QTest::newRow("request null") << QByteArray(R"({"httpRequestTimeoutMs": null})") << request;
    QTest::newRow("cap negative") << QByteArray(R"({"httpConnectionsPerAddress": -1})") << cap;
    QTest::newRow("cap fractional") << QByteArray(R"({"httpConnectionsPerAddress": 2.5})") << cap;
    QTest::newRow("cap a bool") << QByteArray(R"({"httpConnectionsPerAddress": true})") << cap;
}

void TestConfig::badHttpFieldNamesIt()
{
    QFETCH(QByteArray, limits);
    QFETCH(QString, message);
    const Result<ServerConfig> config = ServerConfig::fromJson(configWithLimits(limits));
    QVERIFY(!config);
    QCOMPARE(config.error().message, message);
}

void TestConfig::identityFieldsAreReadAndRoundTrip()
{
    const QByteArray json = R"({"courses": [{"id": "C1", "joinCode": "code-1",
        "instructors": [{"user": "Prof.Lee", "secret": "s3cret-1"}, {"user": "dr.kim", "secretSha256": "AB"}]}],
      "apiKeys": [{"name": "lms", "key": "key-0123456789", "courses": ["C1"]},
                  {"name": "grader", "key": "key-9876543210", "courses": ["C1"], "authors": ["grader-bot", "GRADER-BOT", "tutor"]}],
      "limits": {"newNamesPerAddressPerMinute": 7, "newNamesPerCoursePerMinute": 0, "authFailuresPerAddress": 3,
                 "authFailuresPerName": 2, "authBackoffMaxMs": 5000}})";
    const Result<ServerConfig> config = ServerConfig::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY2(config, config ? "" : qPrintable(config.error().message));
    const ServerConfig &c = config.value();
    QCOMPARE(c.limits.newNamesPerAddressPerMinute, 7);
    QCOMPARE(c.limits.newNamesPerCoursePerMinute, 0);
    QCOMPARE(c.limits.authFailuresPerAddress, 3);
    QCOMPARE(c.limits.authFailuresPerName, 2);
    QCOMPARE(c.limits.authBackoffMaxMs, 5000);
    QCOMPARE(c.apiKeys[0].authors, QStringList{QStringLiteral("lms")}); // default: its own name
    QCOMPARE(c.apiKeys[1].authors, (QStringList{QStringLiteral("grader-bot"), QStringLiteral("tutor")})); // one per name
    QCOMPARE(c.apiKeys[1].authorNamed(QStringLiteral("Tutor")), QStringLiteral("tutor"));
    QCOMPARE(c.courses[0].instructorNamed(QStringLiteral("prof.lee")), QStringLiteral("Prof.Lee"));
    QCOMPARE(c.courses[0].instructorSecrets.value(QStringLiteral("Prof.Lee")), QStringLiteral("s3cret-1"));
    QVERIFY(c.reservedNameReason(QStringLiteral("C1"), QStringLiteral("LMS")).contains(QLatin1String("reserved")));
    QVERIFY(c.reservedNameReason(QStringLiteral("C1"), QStringLiteral("Grader-Bot")).contains(QLatin1String("reserved")));
    QVERIFY(c.reservedNameReason(QStringLiteral("C1"), QStringLiteral("angie")).isEmpty());
    QVERIFY(c.unclaimedInstructorsError().isEmpty());

    const Result<ServerConfig> again = ServerConfig::fromJson(c.toJson());
    QVERIFY(again);
    QCOMPARE(again.value().limits.newNamesPerAddressPerMinute, 7);
    QCOMPARE(again.value().limits.authBackoffMaxMs, 5000);
    QCOMPARE(again.value().apiKeys[1].authors, c.apiKeys[1].authors);
    QCOMPARE(again.value().courses[0].instructorSecretHashes, c.courses[0].instructorSecretHashes);
}

void TestConfig::badIdentityFieldNamesIt_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("instructor not a user name") << QByteArray(R"({"courses": [{"id": "C1", "joinCode": "x", "instructors": ["-_-"]}]})")
                                                << "course C1: instructor '-_-' is not a user name (a letter, then letters, digits, '.', '_' or '-')";
    QTest::newRow("instructor twice, in two cases")
        << QByteArray(R"({"courses": [{"id": "C1", "joinCode": "x", "instructors": ["prof.lee", "Prof.Lee"]}]})")
        << "course C1: instructor Prof.Lee is listed twice (names ignore case)";
    QTest::newRow("author not a user name")
        << QByteArray(R"({"courses": [{"id": "C1", "joinCode": "x"}], "apiKeys": [{"name": "k", "key": "key-0123456789", "courses": ["C1"], "authors": ["9lives"]}]})")
        << "api key k: authors must be a list of user names";
    QTest::newRow("backoff under a second")
        << QByteArray(R"({"courses": [{"id": "C1", "joinCode": "x"}], "limits": {"authBackoffMaxMs": 10}})")
        << "limits.authBackoffMaxMs must be a whole number >= 1000";
    QTest::newRow("negative new names")
        << QByteArray(R"({"courses": [{"id": "C1", "joinCode": "x"}], "limits": {"newNamesPerCoursePerMinute": -1}})")
        << "limits.newNamesPerCoursePerMinute must be a whole number >= 0";
}

void TestConfig::badIdentityFieldNamesIt()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const Result<ServerConfig> config = ServerConfig::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!config);
    QCOMPARE(config.error().message, message);
}

void TestConfig::instructorWithoutSecretOnlyInDemo()
{
    Result<ServerConfig> config = ServerConfig::fromJson(QJsonDocument::fromJson(
        R"({"courses": [{"id": "C1", "joinCode": "x", "instructors": ["prof.lee", {"user": "dr.kim", "secret": "k"}]}]})").object());
    QVERIFY(config);
    QVERIFY(config.value().unclaimedInstructorsError().contains(QLatin1String("C1/prof.lee")));
    QVERIFY(!config.value().unclaimedInstructorsError().contains(QLatin1String("dr.kim")));
    config.value().demoMode = true;
    QVERIFY(config.value().unclaimedInstructorsError().isEmpty());

    // The built-in demo course: prof.lee gets a secret, kept across starts, and an older
    // demo-config.json without one gets one too.
    QTemporaryDir dir;
    const Result<ServerConfig> first = ServerConfig::demo(dir.path());
    QVERIFY(first);
    const QString secret = first.value().courses[0].instructorSecrets.value(QStringLiteral("prof.lee"));
    QVERIFY(secret.size() >= 16);
    QVERIFY(first.value().demoMode);
    QCOMPARE(ServerConfig::demo(dir.path()).value().courses[0].instructorSecrets.value(QStringLiteral("prof.lee")), secret);
    QFile old(dir.filePath(QStringLiteral("demo-config.json")));
    QVERIFY(old.open(QIODevice::WriteOnly | QIODevice::Truncate));
    old.write(R"({"courses": [{"id": "CECS327", "joinCode": "a-b", "instructors": ["prof.lee"]}]})");
    old.close();
    const Result<ServerConfig> upgraded = ServerConfig::demo(dir.path());
    QVERIFY(upgraded);
    QVERIFY(upgraded.value().courses[0].instructorsWithoutSecret().isEmpty());
    QVERIFY(ServerConfig::load(dir.filePath(QStringLiteral("demo-config.json"))).value().courses[0].instructorsWithoutSecret().isEmpty());
}

void TestConfig::httpFieldsRoundTrip()
{
    ServerConfig config = ServerConfig::fromJson(configWithLimits("{}")).value();
    config.limits.httpConnectionsPerAddress = 7;
    config.limits.httpIdleTimeoutMs = 5000;
    config.limits.httpRequestTimeoutMs = 3000;
    const Result<ServerConfig> again = ServerConfig::fromJson(config.toJson());
    QVERIFY(again);
    QCOMPARE(again.value().limits.httpConnectionsPerAddress, 7);
    QCOMPARE(again.value().limits.httpIdleTimeoutMs, 5000);
    QCOMPARE(again.value().limits.httpRequestTimeoutMs, 3000);
}

void TestConfig::loadReportsTheFileAndTheField()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(configWithLimits(R"({"httpRequestTimeoutMs": 10})")).toJson());
    file.close();
    const Result<ServerConfig> config = ServerConfig::load(path);
    QVERIFY(!config);
    QCOMPARE(config.error().message, path + QStringLiteral(": limits.httpRequestTimeoutMs must be a whole number >= 1000"));
}

void TestConfig::redisFieldsAreReadAndRoundTrip()
{
    const Result<ServerConfig> none = ServerConfig::fromJson(configWithLimits("{}"));
    QVERIFY(none);
    QVERIFY(none.value().redis.url.isEmpty());
    QVERIFY(!none.value().redis.requireFsync);
    QVERIFY(!none.value().toJson().contains(QLatin1String("redis"))); // one node: nothing written

    const Result<ServerConfig> config = ServerConfig::fromJson(
        configWith("redis", R"({"url": "redis://10.0.0.5:6379/2", "password": "s3cret", "requireFsync": true})"));
    QVERIFY2(config, config ? "" : qPrintable(config.error().message));
    QCOMPARE(config.value().redis.url, QStringLiteral("redis://10.0.0.5:6379/2"));
    QCOMPARE(config.value().redis.password, QStringLiteral("s3cret"));
    QVERIFY(config.value().redis.requireFsync);
    const Result<ServerConfig> again = ServerConfig::fromJson(config.value().toJson());
    QVERIFY(again);
    QCOMPARE(again.value().redis.url, config.value().redis.url);
    QCOMPARE(again.value().redis.password, config.value().redis.password);
    QVERIFY(again.value().redis.requireFsync);

    const Result<ServerConfig> passwordOnly = ServerConfig::fromJson(configWith("redis", R"({"password": "p"})"));
    QVERIFY(passwordOnly);
    QVERIFY(passwordOnly.value().redis.url.isEmpty()); // --redis on the command line names the server
    QVERIFY(!passwordOnly.value().redis.requireFsync);
    QCOMPARE(passwordOnly.value().redis.minReplicas, 0);

    // Behind Sentinel: the sentinels' own password, and acks that wait for replicas.
    const Result<ServerConfig> sentinel = ServerConfig::fromJson(configWith(
        "redis", R"({"url": "redis-sentinel://h1:26379,h2:26379/mymaster", "minReplicas": 1, "sentinelPassword": "sp"})"));
    QVERIFY2(sentinel, sentinel ? "" : qPrintable(sentinel.error().message));
    QCOMPARE(sentinel.value().redis.minReplicas, 1);
    QCOMPARE(sentinel.value().redis.sentinelPassword, QStringLiteral("sp"));
    const Result<ServerConfig> sentinelAgain = ServerConfig::fromJson(sentinel.value().toJson());
    QVERIFY(sentinelAgain);
    QCOMPARE(sentinelAgain.value().redis.url, sentinel.value().redis.url);
    QCOMPARE(sentinelAgain.value().redis.minReplicas, 1);
    QCOMPARE(sentinelAgain.value().redis.sentinelPassword, QStringLiteral("sp"));
}

void TestConfig::badRedisFieldNamesIt_data()
{
    QTest::addColumn<QByteArray>("redis");
    QTest::addColumn<QString>("message");
    QTest::newRow("not an object") << QByteArray(R"("redis://h:6379")") << QStringLiteral("redis must be an object");
    QTest::newRow("url a number") << QByteArray(R"({"url": 6379})") << QStringLiteral("redis.url must be a string");
    QTest::newRow("password null") << QByteArray(R"({"password": null})") << QStringLiteral("redis.password must be a string");
    QTest::newRow("requireFsync a string") << QByteArray(R"({"requireFsync": "yes"})")
                                           << QStringLiteral("redis.requireFsync must be true or false");
    const QString minReplicas = QStringLiteral("redis.minReplicas must be a whole number from 0 to 16");
    QTest::newRow("minReplicas negative") << QByteArray(R"({"minReplicas": -1})") << minReplicas;
    QTest::newRow("minReplicas fraction") << QByteArray(R"({"minReplicas": 1.5})") << minReplicas;
    QTest::newRow("minReplicas a string") << QByteArray(R"({"minReplicas": "1"})") << minReplicas;
    QTest::newRow("minReplicas too many") << QByteArray(R"({"minReplicas": 17})") << minReplicas;
    QTest::newRow("sentinelPassword a number") << QByteArray(R"({"sentinelPassword": 5})")
                                               << QStringLiteral("redis.sentinelPassword must be a string");
}

void TestConfig::badRedisFieldNamesIt()
{
    QFETCH(QByteArray, redis);
    QFETCH(QString, message);
    const Result<ServerConfig> config = ServerConfig::fromJson(configWith("redis", redis));
    QVERIFY(!config);
    QCOMPARE(config.error().message, message);
}

void TestConfig::commandLinePrecedence_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("file"); // null: no --config
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("expected");
    const QByteArray noFile;
    const QByteArray emptyFile("");
    const QStringList none;
    const QStringList redisFlag = args({"--redis", "redis://flag:2"});
    const QByteArray redisFile(R"("redis": {"url": "redis://file:1", "password": "from-file", "requireFsync": false})");
    const QByteArray redisFsyncFile(R"("redis": {"url": "redis://file:1", "requireFsync": true})");
    const QByteArray tlsFile(R"("tls": {"certificate": "file.crt", "key": "file.key"})");
    const QStringList envPassword = args({"REDIS_PASSWORD=from-env"});
    const QStringList emptyPassword = args({"REDIS_PASSWORD="});

    QTest::newRow("listen: default") << none << noFile << none << "listen" << "127.0.0.1:8080";
    QTest::newRow("listen: flag") << args({"--listen", "[::1]:0"}) << noFile << none << "listen" << "::1:0";
    QTest::newRow("listen: flag *") << args({"--listen", "*:9000"}) << noFile << none << "listen" << "0.0.0.0:9000";
    QTest::newRow("data: flag") << args({"--data", "/srv/collab"}) << noFile << none << "data" << "/srv/collab";
    QTest::newRow("full sync: default") << none << noFile << none << "fullSync" << "off";
    QTest::newRow("full sync: flag") << args({"--full-sync"}) << noFile << none << "fullSync" << "on";
    QTest::newRow("courses: default (demo)") << none << noFile << none << "courses" << "demo";
    QTest::newRow("courses: file") << none << emptyFile << none << "courses" << "C1";

    QTest::newRow("tls: default (none)") << none << emptyFile << none << "tls" << " ";
    QTest::newRow("tls: file, next to it") << none << tlsFile << none << "tls" << "DIR/file.crt DIR/file.key";
    QTest::newRow("tls: flag over file") << args({"--tls-cert", "/etc/a.crt", "--tls-key", "/etc/a.key"}) << tlsFile
                                         << none << "tls" << "/etc/a.crt /etc/a.key";

    QTest::newRow("redis url: default (one node)") << none << emptyFile << none << "redisUrl" << "";
    QTest::newRow("redis url: file") << none << redisFile << none << "redisUrl" << "redis://file:1";
    QTest::newRow("redis url: flag over file") << redisFlag << redisFile << none << "redisUrl" << "redis://flag:2";
    QTest::newRow("redis password: default") << redisFlag << noFile << none << "redisPassword" << "";
    QTest::newRow("redis password: file") << none << redisFile << none << "redisPassword" << "from-file";
    QTest::newRow("redis password: environment over file") << none << redisFile << envPassword << "redisPassword"
                                                           << "from-env";
    QTest::newRow("redis password: environment, no file") << redisFlag << noFile << envPassword << "redisPassword"
                                                          << "from-env";
    QTest::newRow("redis password: empty environment, file") << none << redisFile << emptyPassword << "redisPassword"
                                                             << "from-file";
    QTest::newRow("redis password: unused without Redis") << none << noFile << envPassword << "redisPassword" << "";
    QTest::newRow("require fsync: default") << redisFlag << noFile << none << "redisRequireFsync" << "off";
    QTest::newRow("require fsync: file") << none << redisFsyncFile << none << "redisRequireFsync" << "on";
    QTest::newRow("require fsync: flag over file") << args({"--redis-require-fsync"}) << redisFile << none
                                                   << "redisRequireFsync" << "on";
    const QByteArray sentinelFile(R"("redis": {"url": "redis-sentinel://s1:26379,s2:26379/mymaster", "minReplicas": 1, "sentinelPassword": "sp-file"})");
    const QStringList sentinelFlag = args({"--redis", "redis-sentinel://s1:26379/mymaster"});
    QTest::newRow("redis url: sentinel, file") << none << sentinelFile << none << "redisUrl"
                                               << "redis-sentinel://s1:26379,s2:26379/mymaster";
    QTest::newRow("min replicas: default") << sentinelFlag << noFile << none << "redisMinReplicas" << "0";
    QTest::newRow("min replicas: file") << none << sentinelFile << none << "redisMinReplicas" << "1";
    QTest::newRow("min replicas: flag") << (sentinelFlag + args({"--redis-min-replicas", "2"})) << noFile << none
                                        << "redisMinReplicas" << "2";
    QTest::newRow("min replicas: flag over file") << args({"--redis-min-replicas", "0"}) << sentinelFile << none
                                                  << "redisMinReplicas" << "0";
    QTest::newRow("sentinel password: file") << none << sentinelFile << none << "redisSentinelPassword" << "sp-file";
    QTest::newRow("sentinel password: environment over file") << none << sentinelFile
                                                              << args({"REDIS_SENTINEL_PASSWORD=sp-env"})
                                                              << "redisSentinelPassword" << "sp-env";
    QTest::newRow("presence ttl: default") << redisFlag << noFile << none << "presenceTtl" << "10000";
    QTest::newRow("presence ttl: flag") << (redisFlag + args({"--presence-ttl", "2500"})) << noFile << none
                                        << "presenceTtl" << "2500";
    QTest::newRow("demo: default") << none << emptyFile << none << "demo" << "off";
    QTest::newRow("demo: file") << none << QByteArray(R"("demo": true)") << none << "demo" << "on";
    QTest::newRow("demo: flag") << args({"--demo"}) << emptyFile << none << "demo" << "on";
    QTest::newRow("demo: flag over the file's false") << args({"--demo"}) << QByteArray(R"("demo": false)") << none
                                                           << "demo" << "on";
}

void TestConfig::commandLinePrecedence()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, file);
    QFETCH(QStringList, environment);
    QFETCH(QString, setting);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result<ServerOptions> options = resolveCommandLine(dir, arguments, file, environment);
    QVERIFY2(options, options ? "" : qPrintable(options.error().message));
    QCOMPARE(::setting(options.value(), setting), QString(expected).replace(QStringLiteral("DIR"), dir.path()));
}

void TestConfig::badCommandLineNamesIt_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("message"); // "DIR": the config file's directory
    const QByteArray noFile;
    QTest::newRow("unknown flag") << args({"--redis-pasword", "x"}) << noFile << "Unknown option 'redis-pasword'.";
    QTest::newRow("listen without port") << args({"--listen", "localhost"}) << noFile
                                         << "--listen wants HOST:PORT, e.g. 127.0.0.1:8080";
    QTest::newRow("listen port too big") << args({"--listen", "127.0.0.1:65536"}) << noFile
                                         << "--listen wants HOST:PORT, e.g. 127.0.0.1:8080";
    QTest::newRow("tls cert without key") << args({"--tls-cert", "a.crt"}) << noFile
                                          << "--tls-cert and --tls-key go together";
    QTest::newRow("presence ttl too small") << args({"--presence-ttl", "999"}) << noFile
                                            << "--presence-ttl wants milliseconds, 1000 or more (got '999')";
    QTest::newRow("presence ttl not a number") << args({"--presence-ttl", "10s"}) << noFile
                                               << "--presence-ttl wants milliseconds, 1000 or more (got '10s')";
    QTest::newRow("min replicas negative") << args({"--redis", "redis://h:1", "--redis-min-replicas", "-1"}) << noFile
                                           << "--redis-min-replicas wants a number from 0 to 16 (got '-1')";
    QTest::newRow("min replicas not a number") << args({"--redis", "redis://h:1", "--redis-min-replicas", "one"}) << noFile
                                               << "--redis-min-replicas wants a number from 0 to 16 (got 'one')";
    QTest::newRow("config file missing") << args({"--config", "DIR/missing.json"}) << noFile
                                         << "cannot read DIR/missing.json: No such file or directory";
    QTest::newRow("config file field") << QStringList() << QByteArray(R"("redis": {"url": 6379})")
                                       << "DIR/server.json: redis.url must be a string";
    QTest::newRow("demo not a boolean") << QStringList() << QByteArray(R"("demo": "yes")")
                                        << "DIR/server.json: demo must be true or false";
}

void TestConfig::badCommandLineNamesIt()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, file);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result<ServerOptions> options = resolveCommandLine(dir, arguments, file, {});
    QVERIFY(!options);
    QCOMPARE(options.error().message, message.replace(QStringLiteral("DIR"), dir.path()));
}

QTEST_MAIN(TestConfig)
#include "tst_server_config.moc"
