// The per-address caps, with the whole server over real sockets, plain and TLS. HTTP connections
// (limits.httpConnectionsPerAddress): the connection over the cap gets a 503 and is closed before
// its request is dispatched, the others keep working, a freed place is taken again, 0 turns the
// cap off, /metrics counts the refusals. Connections not classified yet (silent, or in their TLS
// handshake; capped by maxConnectionsPerAddress): the one over the cap is closed at once. Also
// the HTTP timeouts set from the config, and how AddressCounts counts IPv4-mapped IPv6 addresses.
#include "rawhttpclient.h"
#include "testcertificates.h"
#include "testserver.h"

#include "limits/addresscounts.h"
#include "rest/httpfrontend.h"

#include <QSslSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace collab::server;

namespace {

const QByteArray Refusal = R"({"error":{"code":"unavailable","message":"too many HTTP connections from your address"}})";

using Clients = std::vector<std::unique_ptr<RawHttpClient>>;

std::unique_ptr<RawHttpClient> makeClient(const TestCertificates *tls)
{
    if (!tls)
        return std::make_unique<RawHttpClient>();
    auto socket = std::make_unique<QSslSocket>();
    QSslConfiguration configuration = socket->sslConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromPath(tls->rootFile()));
    socket->setSslConfiguration(configuration);
    return std::make_unique<RawHttpClient>(std::move(socket));
}

// One GET /api/v1/health on `client`: its status, 0 if no whole answer came.
int health(RawHttpClient &client)
{
    client.socket.write(rawGet("/api/v1/health"));
    const QList<RawHttpAnswer> answers = client.read(1);
    return answers.isEmpty() ? 0 : answers[0].status;
}

// `count` connections, each answered once (so each is counted by the HTTP thread).
bool openServed(const TestServer &server, const TestCertificates *tls, int count, Clients &out)
{
    for (int i = 0; i < count; ++i) {
        out.push_back(makeClient(tls));
        if (!out.back()->connectTo(server.port()) || health(*out.back()) != 200) {
            qWarning("connection %d was not served", i);
            return false;
        }
    }
    return true;
}

double metric(RawHttpClient &client, const QByteArray &name)
{
    client.socket.write(rawGet("/metrics"));
    const QList<RawHttpAnswer> answers = client.read(1);
    if (answers.isEmpty())
        return -1;
    for (const QByteArray &line : answers[0].body.split('\n'))
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).toDouble();
    return -1;
}

} // namespace

class TestAddressCaps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectionOverTheCapGets503_data();
    void connectionOverTheCapGets503();
    void defaultCapAndZeroForNone_data();
    void defaultCapAndZeroForNone();
    void silentConnectionsOverTheCapAreClosed_data();
    void silentConnectionsOverTheCapAreClosed();
    void idleTimeoutComesFromTheConfig();
    void mappedIpv6CountsAsIpv4_data();
    void mappedIpv6CountsAsIpv4();
    void noLimitCountsNothing();

private:
    const TestCertificates *useTls(TestServer &server, bool tls) const;

    TestCertificates m_certs;
};

void TestAddressCaps::initTestCase()
{
    const QString error = m_certs.generate();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

// TLS on `server` from its next start() if `tls`: then the certificates its clients trust.
const TestCertificates *TestAddressCaps::useTls(TestServer &server, bool tls) const
{
    if (!tls)
        return nullptr;
    server.setTls(TlsConfig{m_certs.chainFile(), m_certs.keyFile()});
    return &m_certs;
}

void TestAddressCaps::connectionOverTheCapGets503_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("plain") << false;
    QTest::newRow("tls") << true; // the fd is a socketpair end: the TLS client's address counts
}

void TestAddressCaps::connectionOverTheCapGets503()
{
    QFETCH(bool, tls);
    TestServer server;
    LimitsConfig limits;
    limits.httpConnectionsPerAddress = 3;
    server.setLimits(limits);
    const TestCertificates *certs = useTls(server, tls);
    QVERIFY(server.start());
    Clients served;
    QVERIFY(openServed(server, certs, 3, served));

    std::unique_ptr<RawHttpClient> fourth = makeClient(certs);
    QVERIFY(fourth->connectTo(server.port()));
    fourth->socket.write(rawGet("/api/v1/no-such-route")); // a 404 if it were dispatched
    const QList<RawHttpAnswer> refused = fourth->read(1);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused[0].status, 503);
    QVERIFY2(refused[0].head.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), refused[0].head.constData());
    QCOMPARE(refused[0].header("retry-after"), QByteArray("1"));
    QCOMPARE(refused[0].header("connection"), QByteArray("close"));
    QCOMPARE(refused[0].header("content-type"), QByteArray("application/json"));
    QCOMPARE(refused[0].body, Refusal);
    QVERIFY(fourth->waitClosed());

    for (auto &client : served) // the first ones are untouched
        QCOMPARE(health(*client), 200);
    QCOMPARE(metric(*served[0], "collab_http_connections_refused_total"), 1.0);
    QCOMPARE(metric(*served[0], "collab_http_errors_total"), 0.0); // nothing reached the hub's routes

    served.front()->socket.disconnectFromHost(); // a place frees up (once the server sees it)
    QVERIFY(served.front()->waitClosed());
    QVERIFY(QTest::qWaitFor([&] { // a deadline in wall time: each try is a new connection
        std::unique_ptr<RawHttpClient> again = makeClient(certs);
        return again->connectTo(server.port()) && health(*again) == 200;
    }, 10000));
}

void TestAddressCaps::defaultCapAndZeroForNone_data()
{
    QTest::addColumn<int>("cap");        // -1: the default
    QTest::addColumn<int>("connections");
    QTest::addColumn<bool>("lastRefused");
    QTest::newRow("default 64: the 65th is refused") << -1 << 65 << true;
    QTest::newRow("0: no limit") << 0 << 80 << false;
}

void TestAddressCaps::defaultCapAndZeroForNone()
{
    QFETCH(int, cap);
    QFETCH(int, connections);
    QFETCH(bool, lastRefused);
    TestServer server;
    LimitsConfig limits;
    QCOMPARE(limits.httpConnectionsPerAddress, 64);
    if (cap >= 0)
        limits.httpConnectionsPerAddress = cap;
    server.setLimits(limits);
    QVERIFY(server.start());
    Clients served;
    QVERIFY(openServed(server, nullptr, connections - 1, served));
    RawHttpClient last;
    QVERIFY(last.connectTo(server.port()));
    QCOMPARE(health(last), lastRefused ? 503 : 200);
}

void TestAddressCaps::silentConnectionsOverTheCapAreClosed_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("plain: no first request") << false;
    QTest::newRow("tls: no handshake") << true;
}

void TestAddressCaps::silentConnectionsOverTheCapAreClosed()
{
    QFETCH(bool, tls);
    TestServer server;
    LimitsConfig limits;
    limits.maxConnectionsPerAddress = 3; // also the cap on connections not classified yet
    server.setLimits(limits);
    WsLimits transport;
    transport.handshakeTimeoutMs = 60000; // a close within the test comes from the cap
    server.setTransportLimits(transport);
    const TestCertificates *certs = useTls(server, tls);
    QVERIFY(server.start());
    Clients silent; // connected, sending nothing (with TLS: not even a ClientHello)
    for (int i = 0; i < 3; ++i) {
        silent.push_back(makeClient(certs));
        silent.back()->socket.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(silent.back()->socket.waitForConnected(5000));
    }
    std::unique_ptr<RawHttpClient> fourth = makeClient(certs);
    fourth->socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(fourth->socket.waitForConnected(5000));
    QVERIFY(fourth->waitClosed()); // accepted after the three, closed at once

    silent.front()->socket.abort(); // a place frees up (once the server sees it)
    QVERIFY(QTest::qWaitFor([&] { // a deadline in wall time: each try is a new connection
        std::unique_ptr<RawHttpClient> again = makeClient(certs);
        return again->connectTo(server.port()) && health(*again) == 200;
    }, 10000));
    for (size_t i = 1; i < silent.size(); ++i) { // the two others were kept: they speak now
        RawHttpClient &client = *silent[i];
        if (auto *socket = qobject_cast<QSslSocket *>(&client.socket)) {
            socket->startClientEncryption();
            QVERIFY(QTest::qWaitFor([socket] { return socket->isEncrypted(); }, 5000));
        }
        QCOMPARE(health(client), 200);
    }
    // The fourth, and any try above made before the server saw the abort.
    QVERIFY(metric(*silent[1], "collab_pending_refused_total") >= 1);
    QCOMPARE(metric(*silent[1], "collab_http_connections_refused_total"), 0.0);
}

void TestAddressCaps::idleTimeoutComesFromTheConfig()
{
    TestServer server;
    LimitsConfig limits;
    limits.httpIdleTimeoutMs = 1000; // the smallest allowed (the default is 60 s)
    server.setLimits(limits);
    QVERIFY(server.start());
    RawHttpClient client;
    QVERIFY(client.connectTo(server.port()));
    QCOMPARE(health(client), 200);
    QTRY_COMPARE_WITH_TIMEOUT(client.socket.state(), QAbstractSocket::UnconnectedState, 10000);
}

void TestAddressCaps::mappedIpv6CountsAsIpv4_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("same");
    QTest::newRow("mapped and plain IPv4") << "::ffff:10.1.2.3" << "10.1.2.3" << true;
    QTest::newRow("two IPv4") << "10.1.2.3" << "10.1.2.4" << false;
    QTest::newRow("IPv6 loopback is not 127.0.0.1") << "::1" << "127.0.0.1" << false;
    QTest::newRow("IPv6 written two ways") << "2001:db8::1" << "2001:0db8:0:0:0:0:0:1" << true;
}

void TestAddressCaps::noLimitCountsNothing()
{
    AddressCounts counts(0);
    for (int i = 0; i < 1000; ++i)
        QVERIFY(counts.tryAcquire(QHostAddress::LocalHost));
    QCOMPARE(counts.addresses(), 0);
    counts.release(QHostAddress::LocalHost); // nothing to release: no effect
    QCOMPARE(counts.count(QHostAddress::LocalHost), 0);
}

void TestAddressCaps::mappedIpv6CountsAsIpv4()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, same);
    AddressCounts counts(1);
    QVERIFY(counts.tryAcquire(QHostAddress(first)));
    QCOMPARE(counts.tryAcquire(QHostAddress(second)), !same);
    QCOMPARE(counts.addresses(), same ? 1 : 2);
    counts.release(QHostAddress(first));
    QCOMPARE(counts.count(QHostAddress(first)), 0);
    QVERIFY(counts.tryAcquire(QHostAddress(second)) == same); // freed only if it was the same
}

QTEST_MAIN(TestAddressCaps)
#include "tst_address_caps.moc"
