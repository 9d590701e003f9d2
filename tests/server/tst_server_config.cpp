// The config file's "limits" object: the HTTP fields (httpConnectionsPerAddress,
// httpIdleTimeoutMs, httpRequestTimeoutMs) are read, checked (an error names the field) and
// written back by toJson(); the same for the "redis" object (url, password, requireFsync).
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

} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void httpDefaults();
    void httpFieldsAreRead();
    void badHttpFieldNamesIt_data();
    void badHttpFieldNamesIt();
    void httpFieldsRoundTrip();
    void loadReportsTheFileAndTheField();
    void redisFieldsAreReadAndRoundTrip();
    void badRedisFieldNamesIt_data();
    void badRedisFieldNamesIt();
};

void TestServerConfig::httpDefaults()
{
    const Result<ServerConfig> config = ServerConfig::fromJson(configWithLimits("{}"));
    QVERIFY(config);
    QCOMPARE(config.value().limits.httpConnectionsPerAddress, 64);
    QCOMPARE(config.value().limits.httpIdleTimeoutMs, 60000);
    QCOMPARE(config.value().limits.httpRequestTimeoutMs, 10000);
    QCOMPARE(config.value().limits.maxConnectionsPerAddress, 500); // the WebSocket cap is separate
}

void TestServerConfig::httpFieldsAreRead()
{
    const Result<ServerConfig> config = ServerConfig::fromJson(configWithLimits(
        R"({"httpConnectionsPerAddress": 0, "httpIdleTimeoutMs": 1000, "httpRequestTimeoutMs": 2147483647})"));
    QVERIFY2(config, config ? "" : qPrintable(config.error().message));
    QCOMPARE(config.value().limits.httpConnectionsPerAddress, 0);
    QCOMPARE(config.value().limits.httpIdleTimeoutMs, 1000);
    QCOMPARE(config.value().limits.httpRequestTimeoutMs, 2147483647);
}

void TestServerConfig::badHttpFieldNamesIt_data()
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

void TestServerConfig::badHttpFieldNamesIt()
{
    QFETCH(QByteArray, limits);
    QFETCH(QString, message);
    const Result<ServerConfig> config = ServerConfig::fromJson(configWithLimits(limits));
    QVERIFY(!config);
    QCOMPARE(config.error().message, message);
}

void TestServerConfig::httpFieldsRoundTrip()
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

void TestServerConfig::loadReportsTheFileAndTheField()
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

void TestServerConfig::redisFieldsAreReadAndRoundTrip()
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
}

void TestServerConfig::badRedisFieldNamesIt_data()
{
    QTest::addColumn<QByteArray>("redis");
    QTest::addColumn<QString>("message");
    QTest::newRow("not an object") << QByteArray(R"("redis://h:6379")") << QStringLiteral("redis must be an object");
    QTest::newRow("url a number") << QByteArray(R"({"url": 6379})") << QStringLiteral("redis.url must be a string");
    QTest::newRow("password null") << QByteArray(R"({"password": null})") << QStringLiteral("redis.password must be a string");
    QTest::newRow("requireFsync a string") << QByteArray(R"({"requireFsync": "yes"})")
                                           << QStringLiteral("redis.requireFsync must be true or false");
}

void TestServerConfig::badRedisFieldNamesIt()
{
    QFETCH(QByteArray, redis);
    QFETCH(QString, message);
    const Result<ServerConfig> config = ServerConfig::fromJson(configWith("redis", redis));
    QVERIFY(!config);
    QCOMPARE(config.error().message, message);
}

QTEST_MAIN(TestServerConfig)
#include "tst_server_config.moc"
