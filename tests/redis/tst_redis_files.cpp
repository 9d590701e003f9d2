// Files with several nodes (issue 15, part 3): the nodes share one files directory (the shared
// mount of docs/operations.md, "Files", here a temporary directory both nodes are given) and one
// Redis. A file uploaded through node A is served by node B (its file.uploaded event reaches B's
// projection through Redis; its bytes are in the shared directory before A answers 201); a
// message posted on B with it shows its card on A; the same bytes uploaded through both nodes are
// stored once.

#include "filerequests.h"
#include "files/filestore.h"
#include "hub/hub.h"
#include "rawhttpclient.h"
#include "redisnodes.h"
#include "serverinstance.h"
#include "store/projections.h"
#include "wstestclient.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace collab;
using namespace collab::server;

namespace {

const QString kCourse = QString::fromLatin1(TestServer::Course);

} // namespace

class TestRedisFiles : public QObject
{
    Q_OBJECT

private:
    TestRedis m_redis;
    QTemporaryDir m_shared; // the "NFS mount" every node has at the same path
    TestServer m_a;
    TestServer m_b;

    bool startNode(TestServer &node)
    {
        ServerConfig config = TestServer::testConfig();
        config.files.directory = m_shared.path();
        node.setConfig(config);
        node.setLimits(TestServer::unlimited());
        node.setRedis(m_redis.url());
        return node.start();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_shared.isValid());
        QVERIFY2(m_redis.start(), "redis-server did not start");
        QVERIFY2(startNode(m_a), qPrintable(m_a.error()));
        QVERIFY2(startNode(m_b), qPrintable(m_b.error()));
    }

    void uploadOnOneNodeDownloadOnTheOther()
    {
        WsTestClient ana;
        QVERIFY(ana.open(m_a.wsUrl()));
        const QJsonObject joined = ana.helloAndJoin(QStringLiteral("ana.lopez"), kCourse, QString::fromLatin1(TestServer::JoinCode));
        QVERIFY(!joined.isEmpty());
        const QString token = joined.value(QLatin1String("token")).toString();
        QVERIFY(!token.isEmpty());
        const QByteArray auth = basicAuthorization(QStringLiteral("ana.lopez"), token);
        const FileRequests onA(m_a.port(), kCourse, auth), onB(m_b.port(), kCourse, auth);

        QByteArray pdf = "%PDF-1.7\n";
        for (int i = 0; i < 20000; ++i)
            pdf += QByteArray::number(i) + ' ';
        const RawHttpAnswer up = onA.upload(pdf, "lab2.pdf");
        QCOMPARE(up.status, 201);
        const QJsonObject file = QJsonDocument::fromJson(up.body).object();
        const QString id = file.value(QLatin1String("id")).toString();
        QCOMPARE(file.value(QLatin1String("type")).toString(), QStringLiteral("application/pdf"));
        const QByteArray sha = QCryptographicHash::hash(pdf, QCryptographicHash::Sha256).toHex();
        QVERIFY(QFile::exists(FileStore(m_shared.path()).pathOf(kCourse, sha)));

        // Node B learns of it through Redis and serves the bytes from the shared directory; ana's
        // token (claimed on A) is known on B through the shared claims.
        QTRY_VERIFY_WITH_TIMEOUT(m_b.instance()->hub().files().file(kCourse, id).has_value(), 10000);
        const RawHttpAnswer down = onB.download(id);
        QCOMPARE(down.status, 200);
        QCOMPARE(down.body, pdf);
        const RawHttpAnswer part = onB.download(id, "Range: bytes=0-8\r\n");
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, QByteArray("%PDF-1.7\n"));

        // A message on B with the file: A's members see its card.
        WsTestClient bob;
        QVERIFY(bob.open(m_b.wsUrl()));
        QVERIFY(!bob.helloAndJoin(QStringLiteral("bob.chen"), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        const int from = ana.receivedCount();
        const QJsonObject ack = bob.request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                                             {QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("text"), QStringLiteral("ana's lab 2")},
                                             {QStringLiteral("clientMsgId"), QStringLiteral("bob-1")}, {QStringLiteral("files"), QJsonArray{id}}});
        QCOMPARE(ack.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        const QJsonObject posted = ana.waitFor([](const QJsonObject &o) {
            return o.value(QLatin1String("kind")).toString() == QLatin1String("chat.posted");
        }, 10000, from);
        const QJsonArray cards = posted.value(QLatin1String("data")).toObject().value(QLatin1String("files")).toArray();
        QCOMPARE(cards.size(), 1);
        QCOMPARE(cards.first().toObject().value(QLatin1String("id")).toString(), id);
        QCOMPARE(cards.first().toObject().value(QLatin1String("name")).toString(), QStringLiteral("lab2.pdf"));

        // The same bytes through B: a second file, the same single copy in the shared directory.
        const RawHttpAnswer again = onB.upload(pdf, "lab2-copy.pdf");
        QCOMPARE(again.status, 201);
        QCOMPARE(QJsonDocument::fromJson(again.body).object().value(QLatin1String("sha256")).toString().toLatin1(), sha);
        QCOMPARE(FileStore(m_shared.path()).list(kCourse).count(sha), 1);
        const QString second = QJsonDocument::fromJson(again.body).object().value(QLatin1String("id")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(m_a.instance()->hub().files().file(kCourse, second).has_value(), 10000);
        QCOMPARE(onA.download(second).body, pdf);
    }
};

QTEST_MAIN(TestRedisFiles)
#include "tst_redis_files.moc"
