// TLS on the server's one port: https (REST) and wss (/ws) with a certificate chain made at test
// time; the client library and collab-cli verify it against the test root CA and refuse it without.
#include "client/collabclient.h"
#include "client/servertrust.h"

#include "clienteventspy.h"
#include "rawhttpclient.h"
#include "serverprocess.h"
#include "testcertificates.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtTest>

#include <csignal>

using namespace collab;
using namespace collab::client;
using namespace collab::server;

namespace {

constexpr int HandshakeTimeoutMs = 1000;
const QString Messages = QStringLiteral("/api/v1/courses/CECS327/channels/general/messages");

struct HttpResult
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QJsonObject json;
};

struct ProcessResult
{
    int exitCode = -1;
    QString err;
};

ProcessResult runProcess(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    ProcessResult result;
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000)) {
        p.kill();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    result.err = QString::fromUtf8(p.readAllStandardError());
    return result;
}

// Connects `s` to `port` with TLS and returns the certificate it was shown (null if the handshake
// fails). The client trusts both test roots, so either chain verifies.
QSslCertificate servedCertificate(QSslSocket &s, quint16 port, const QList<QSslCertificate> &roots)
{
    QSslConfiguration configuration = s.sslConfiguration();
    configuration.setCaCertificates(roots);
    s.setSslConfiguration(configuration);
    s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    if (!QTest::qWaitFor([&] { return s.isEncrypted() || s.state() == QAbstractSocket::UnconnectedState; }, 10000))
        return QSslCertificate();
    return s.isEncrypted() ? s.peerCertificate() : QSslCertificate();
}

QSslCertificate firstCertificate(const QString &pemFile)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(pemFile);
    return certificates.isEmpty() ? QSslCertificate() : certificates.first();
}

bool copyOver(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void welcomeUrlsSayHttpsAndWss();
    void wssChatBetweenTwoClientsTrustingTheCa();
    void bulkTrafficCrossesTheBridgesIntact();
    void restOverHttpsWithTheCa();
    void oversizedBodyOverHttpsGets413();
    void clientWithoutTheCaIsRefusedAndPostsNothing();
    void stalledHandshakesAreDroppedWhileOthersWork();
    void plainHttpToTheTlsPortFailsCleanly();
    void cliWithCaFilePostsAndExitsZero();
    void cliWithoutCaFileExitsNonZero();
    void configFileTlsPathsAreRelativeToTheFile();
    void badCertificateOrKeyRefusesToStart_data();
    void badCertificateOrKeyRefusesToStart();
    void serverBinaryRefusesAMismatchedKeyInOneLine();
    void stoppingTheServerClosesTlsConnections();
    void sighupReloadsARenewedCertificate();

private:
    ClientOptions clientOptions(const QString &user, bool trustCa) const;
    static bool joinAll(const QList<CollabClient *> &clients);
    HttpResult call(const QByteArray &verb, const QString &path, const QByteArray &body, bool trustCa);
    QStringList postedOverRest();

    TestCertificates m_certs;
    TestServer m_server;
    QNetworkAccessManager m_http;
    QTemporaryDir m_tokens;
};

void TestTls::initTestCase()
{
    const QString error = m_certs.generate();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_server.setTls(TlsConfig{m_certs.chainFile(), m_certs.keyFile()});
    WsLimits limits;
    limits.handshakeTimeoutMs = HandshakeTimeoutMs;
    m_server.setTransportLimits(limits);
    m_server.setLimits(TestServer::unlimited()); // the bulk test sends faster than a person
    QVERIFY(m_server.start());
    QVERIFY(m_server.instance()->isTls());
}

ClientOptions TestTls::clientOptions(const QString &user, bool trustCa) const
{
    ClientOptions o;
    o.url = m_server.wsUrl();
    o.user = user;
    o.pingIntervalMs = 0;
    o.autoReconnect = false;
    o.tokenPath = m_tokens.filePath(QStringLiteral("tokens.json"));
    if (trustCa) {
        QString error;
        o.caCertificates = loadCaFile(m_certs.rootFile(), &error);
    }
    return o;
}

bool TestTls::joinAll(const QList<CollabClient *> &clients)
{
    QList<std::shared_ptr<QSignalSpy>> spies;
    for (CollabClient *c : clients) {
        spies << std::make_shared<QSignalSpy>(c, &CollabClient::joined);
        c->join(QStringLiteral("CECS327"), QLatin1String(TestServer::JoinCode));
        c->open();
    }
    return QTest::qWaitFor([&] { return std::all_of(spies.begin(), spies.end(), [](const auto &s) { return !s->isEmpty(); }); },
                           10000);
}

HttpResult TestTls::call(const QByteArray &verb, const QString &path, const QByteArray &body, bool trustCa)
{
    m_http.clearConnectionCache(); // every call makes its own handshake with its own trust
    QNetworkRequest request(m_server.httpUrl(path));
    QString error;
    request.setSslConfiguration(sslConfigurationTrusting(trustCa ? loadCaFile(m_certs.rootFile(), &error)
                                                                 : QList<QSslCertificate>()));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", QByteArray("Bearer ") + TestServer::ApiKey);
    QNetworkReply *reply = m_http.sendCustomRequest(request, verb, body);
    HttpResult result;
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000)) {
        reply->abort();
        result.error = QNetworkReply::TimeoutError;
    } else {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        result.json = QJsonDocument::fromJson(reply->readAll()).object();
    }
    reply->deleteLater();
    return result;
}

QStringList TestTls::postedOverRest()
{
    const HttpResult r = call("GET", Messages + QStringLiteral("?limit=500"), {}, true);
    QStringList texts;
    for (const QJsonValue &m : r.json.value(QLatin1String("messages")).toArray())
        texts << m.toObject().value(QLatin1String("text")).toString();
    return texts;
}

void TestTls::welcomeUrlsSayHttpsAndWss()
{
    const QString port = QString::number(m_server.port());
    QCOMPARE(m_server.instance()->httpUrl(), QStringLiteral("https://127.0.0.1:") + port);
    QCOMPARE(m_server.instance()->webSocketUrl(), QStringLiteral("wss://127.0.0.1:%1/ws").arg(port));
}

void TestTls::wssChatBetweenTwoClientsTrustingTheCa()
{
    CollabClient angie(clientOptions(QStringLiteral("angie.nguyen"), true));
    CollabClient bob(clientOptions(QStringLiteral("bob.tran"), true));
    QSignalSpy bobEvents(&bob, &CollabClient::eventReceived);
    QSignalSpy acked(&angie, &CollabClient::messageAcked);
    QVERIFY(joinAll({&angie, &bob}));
    angie.sendChat(QStringLiteral("CECS327"), QStringLiteral("general"), QStringLiteral("over wss"));
    QTRY_COMPARE(acked.size(), 1);
    QTRY_VERIFY(postedTexts(bobEvents).contains(QStringLiteral("over wss")));
}

void TestTls::bulkTrafficCrossesTheBridgesIntact()
{
    // ~400 KiB each way through two bridges: more than their buffers, so back-pressure is used.
    CollabClient sender(clientOptions(QStringLiteral("bulk.sender"), true));
    CollabClient receiver(clientOptions(QStringLiteral("bulk.receiver"), true));
    QSignalSpy events(&receiver, &CollabClient::eventReceived);
    QSignalSpy acked(&sender, &CollabClient::messageAcked);
    QVERIFY(joinAll({&sender, &receiver}));
    QStringList sent;
    for (int i = 0; i < 200; ++i) {
        sent << QStringLiteral("%1 ").arg(i, 4, 10, QLatin1Char('0')) + QString(2000, QLatin1Char('a' + i % 26));
        sender.sendChat(QStringLiteral("CECS327"), QStringLiteral("general"), sent.last());
    }
    QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 200, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(postedTexts(events), sent, 30000);
}

void TestTls::restOverHttpsWithTheCa()
{
    const HttpResult posted = call("POST", Messages, R"({"author":"canvas-bot","text":"over https"})", true);
    QCOMPARE(posted.error, QNetworkReply::NoError);
    QCOMPARE(posted.status, 201);
    QVERIFY(postedOverRest().contains(QStringLiteral("over https")));
    const HttpResult health = call("GET", QStringLiteral("/api/v1/health"), {}, true);
    QCOMPARE(health.status, 200);
}

void TestTls::oversizedBodyOverHttpsGets413()
{
    const QByteArray text(70 * 1024, 'x');
    const HttpResult r = call("POST", Messages, R"({"author":"bot","text":")" + text + R"("})", true);
    QCOMPARE(r.status, 413);
    QVERIFY(!postedOverRest().contains(QString::fromLatin1(text)));
}

void TestTls::clientWithoutTheCaIsRefusedAndPostsNothing()
{
    CollabClient mallory(clientOptions(QStringLiteral("no.ca"), false));
    mallory.join(QStringLiteral("CECS327"), QLatin1String(TestServer::JoinCode));
    mallory.open();
    mallory.sendChat(QStringLiteral("CECS327"), QStringLiteral("general"), QStringLiteral("untrusted wss"));
    QTRY_VERIFY_WITH_TIMEOUT(mallory.lastError().startsWith(QLatin1String("TLS certificate not trusted: ")), 10000);
    QCOMPARE(mallory.state(), CollabClient::ConnectionState::Disconnected);

    const HttpResult refused = call("POST", Messages, R"({"author":"bot","text":"untrusted https"})", false);
    QCOMPARE(refused.error, QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(refused.status, 0);

    const QStringList texts = postedOverRest();
    QVERIFY(!texts.contains(QStringLiteral("untrusted wss")));
    QVERIFY(!texts.contains(QStringLiteral("untrusted https")));
}

void TestTls::stalledHandshakesAreDroppedWhileOthersWork()
{
    QTcpSocket silent;   // opens TCP, never says a word
    QTcpSocket halfway;  // starts a ClientHello and stops
    for (QTcpSocket *s : {&silent, &halfway}) {
        s->connectToHost(QHostAddress::LocalHost, m_server.port());
        QVERIFY(s->waitForConnected(5000));
    }
    halfway.write(QByteArray::fromHex("160301"));
    QSignalSpy silentGone(&silent, &QTcpSocket::disconnected);
    QSignalSpy halfwayGone(&halfway, &QTcpSocket::disconnected);

    // Meanwhile the port serves everybody else, with no delay from the stalled two.
    QCOMPARE(call("GET", QStringLiteral("/api/v1/health"), {}, true).status, 200);

    QTRY_COMPARE_WITH_TIMEOUT(silentGone.size(), 1, HandshakeTimeoutMs * 5);
    QTRY_COMPARE_WITH_TIMEOUT(halfwayGone.size(), 1, HandshakeTimeoutMs * 5);
}

void TestTls::plainHttpToTheTlsPortFailsCleanly()
{
    RawHttpClient plain;
    QVERIFY(plain.connectTo(m_server.port()));
    plain.socket.write("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const QList<RawHttpAnswer> answers = plain.read(1, 5000);
    QVERIFY(plain.waitClosed());
    QCOMPARE(answers.size(), 1);
    QVERIFY2(answers[0].head.startsWith("HTTP/1.1 400 Bad Request\r\n"), answers[0].head.constData());
    QVERIFY(answers[0].body.contains("use https:// or wss://"));

    // What a client library sees: an answer, not a hang.
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/health").arg(m_server.port())));
    QNetworkReply *reply = m_http.get(request);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    reply->deleteLater();
}

void TestTls::cliWithCaFilePostsAndExitsZero()
{
    const QStringList args{QStringLiteral("--server"), QStringLiteral("https://127.0.0.1:%1").arg(m_server.port()),
                           QStringLiteral("--ca-file"), m_certs.rootFile(),
                           QStringLiteral("--course"), QStringLiteral("CECS327"),
                           QStringLiteral("--username"), QStringLiteral("cli.user"),
                           QStringLiteral("--join-code"), QLatin1String(TestServer::JoinCode),
                           QStringLiteral("--token-file"), m_tokens.filePath(QStringLiteral("cli.json")),
                           QStringLiteral("--chat"), QStringLiteral("from the cli over wss")};
    const ProcessResult r = runProcess(QStringLiteral(COLLAB_CLI_BIN), args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(postedOverRest().contains(QStringLiteral("from the cli over wss")));
}

void TestTls::cliWithoutCaFileExitsNonZero()
{
    const QStringList args{QStringLiteral("--server"), m_server.wsUrl().toString(),
                           QStringLiteral("--course"), QStringLiteral("CECS327"),
                           QStringLiteral("--username"), QStringLiteral("cli.user"),
                           QStringLiteral("--join-code"), QLatin1String(TestServer::JoinCode),
                           QStringLiteral("--token-file"), m_tokens.filePath(QStringLiteral("cli.json")),
                           QStringLiteral("--chat"), QStringLiteral("cli without the ca")};
    const ProcessResult r = runProcess(QStringLiteral(COLLAB_CLI_BIN), args);
    QCOMPARE(r.exitCode, 3); // cannot connect
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY2(r.err.contains(QLatin1String("TLS certificate not trusted")), qPrintable(r.err));
    QVERIFY(!postedOverRest().contains(QStringLiteral("cli without the ca")));

    const ProcessResult missing = runProcess(QStringLiteral(COLLAB_CLI_BIN),
                                             args + QStringList{QStringLiteral("--ca-file"), QStringLiteral("/nonexistent.pem")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QLatin1String("cannot read the CA file /nonexistent.pem")), qPrintable(missing.err));
}

void TestTls::configFileTlsPathsAreRelativeToTheFile()
{
    QJsonObject json = TestServer::testConfig().toJson();
    json.insert(QStringLiteral("tls"), QJsonObject{{QStringLiteral("certificate"), QStringLiteral("chain.pem")},
                                                   {QStringLiteral("key"), QStringLiteral("server.key")}});
    QFile file(m_certs.dir() + QStringLiteral("/server.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(json).toJson());
    file.close();
    const Result<ServerConfig> config = ServerConfig::load(file.fileName());
    QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
    QCOMPARE(config.value().tls.certificateFile, m_certs.chainFile());
    QCOMPARE(config.value().tls.keyFile, m_certs.keyFile());

    json.insert(QStringLiteral("tls"), QJsonObject{{QStringLiteral("certificate"), QStringLiteral("chain.pem")}});
    const Result<ServerConfig> halfTls = ServerConfig::fromJson(json);
    QVERIFY(!halfTls.ok());
    QVERIFY(halfTls.error().message.contains(QLatin1String("tls must be")));
}

void TestTls::badCertificateOrKeyRefusesToStart_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::newRow("mismatched key") << m_certs.chainFile() << m_certs.otherKeyFile() << QStringLiteral("does not fit the certificate");
    QTest::newRow("unreadable certificate") << QStringLiteral("/nonexistent/chain.pem") << m_certs.keyFile()
                                            << QStringLiteral("cannot read the TLS certificate /nonexistent/chain.pem");
    QTest::newRow("key is no key") << m_certs.chainFile() << m_certs.rootFile() << QStringLiteral("no unencrypted PEM private key");
    QTest::newRow("certificate is no certificate") << m_certs.keyFile() << m_certs.keyFile() << QStringLiteral("no PEM certificate");
}

void TestTls::badCertificateOrKeyRefusesToStart()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QTemporaryDir data;
    ServerInstance server;
    ServerInstance::Options options;
    options.port = 0;
    options.dataDir = data.path();
    options.config = TestServer::testConfig();
    options.tls = TlsConfig{certificate, key};
    const QString error = server.start(options);
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QCOMPARE(server.port(), quint16(0));
}

void TestTls::serverBinaryRefusesAMismatchedKeyInOneLine()
{
    QTemporaryDir data;
    const ProcessResult r = runProcess(QStringLiteral(COLLAB_SERVER_BIN),
                                       {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                        QStringLiteral("--data"), data.path(),
                                        QStringLiteral("--tls-cert"), m_certs.chainFile(),
                                        QStringLiteral("--tls-key"), m_certs.otherKeyFile()});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY2(r.err.startsWith(QLatin1String("collab-server: the TLS key ")), qPrintable(r.err));
}

void TestTls::stoppingTheServerClosesTlsConnections()
{
    CollabClient member(clientOptions(QStringLiteral("stop.member"), true));
    QVERIFY(joinAll({&member}));
    QTcpSocket handshaking;
    handshaking.connectToHost(QHostAddress::LocalHost, m_server.port());
    QVERIFY(handshaking.waitForConnected(5000));
    handshaking.write(QByteArray::fromHex("160301"));
    QSignalSpy handshakingGone(&handshaking, &QTcpSocket::disconnected);

    m_server.stop(); // bridges in every state are destroyed with the listener
    QTRY_COMPARE(member.state(), CollabClient::ConnectionState::Disconnected);
    QTRY_COMPARE(handshakingGone.size(), 1);

    QVERIFY(m_server.start()); // same port, TLS again
    CollabClient again(clientOptions(QStringLiteral("stop.member"), true));
    QVERIFY(joinAll({&again}));
}

// A renewed certificate (here: another chain and key) written over the files and SIGHUP: new
// connections get it, an open connection keeps working, and a broken key on a later SIGHUP changes
// nothing (the previous certificate stays, the server says why on one line).
void TestTls::sighupReloadsARenewedCertificate()
{
    TestCertificates renewed;
    QString error = renewed.generate();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<QSslCertificate> roots = QSslCertificate::fromPath(m_certs.rootFile()) + QSslCertificate::fromPath(renewed.rootFile());
    QTemporaryDir live;
    const QString chain = live.filePath(QStringLiteral("chain.pem"));
    const QString key = live.filePath(QStringLiteral("server.key"));
    QVERIFY(copyOver(m_certs.chainFile(), chain) && copyOver(m_certs.keyFile(), key));

    QProcess server;
    server.setProgram(QStringLiteral(COLLAB_SERVER_BIN));
    server.setArguments({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                         live.filePath(QStringLiteral("data")), QStringLiteral("--tls-cert"), chain,
                         QStringLiteral("--tls-key"), key});
    const quint16 port = startServerProcess(server);
    QVERIFY(port != 0);
    QByteArray log;
    const auto logSays = [&](const char *text) {
        return QTest::qWaitFor([&] { return (log += server.readAllStandardError()).contains(text); }, 10000);
    };

    QSslSocket held;
    QCOMPARE(servedCertificate(held, port, roots), firstCertificate(m_certs.chainFile()));

    QVERIFY(copyOver(renewed.chainFile(), chain) && copyOver(renewed.keyFile(), key));
    ::kill(pid_t(server.processId()), SIGHUP);
    QVERIFY2(logSays("TLS certificate and key reloaded"), log.constData());
    QSslSocket afterReload;
    QCOMPARE(servedCertificate(afterReload, port, roots), firstCertificate(renewed.chainFile()));

    held.write("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n"); // opened before the reload
    QVERIFY(QTest::qWaitFor([&] { return held.bytesAvailable() > 0; }, 10000));
    QVERIFY(held.readAll().startsWith("HTTP/1.1 200 OK"));

    QVERIFY(copyOver(m_certs.otherKeyFile(), key)); // a key of no certificate: does not fit the chain
    ::kill(pid_t(server.processId()), SIGHUP);
    QVERIFY2(logSays("TLS reload failed, still serving the previous certificate"), log.constData());
    QSslSocket afterFailedReload;
    QCOMPARE(servedCertificate(afterFailedReload, port, roots), firstCertificate(renewed.chainFile()));
    QCOMPARE(server.state(), QProcess::Running);
    server.terminate();
    QVERIFY(server.waitForFinished(10000));
}

QTEST_MAIN(TestTls)
#include "tst_tls.moc"
