// Rosters and invites (issue 11, part 3 and 8): an instructor imports a class roster exported from
// an LMS (a BOM, CRLF, quoted commas, a header); each row's invite admits that name once claimed,
// and only that name; a course can require invites; every bad file (a name twice, a bad name or
// role, a file that is not UTF-8, 50,000 rows, an open quote) is refused whole with the row named,
// and nothing of it is applied; the REST route takes text/csv up to 4 MiB.
#include "coursetesthelpers.h"
#include "rawhttpclient.h"

#include <QJsonArray>
#include <QTest>

using namespace coursetest;

namespace {
const QString kCourse = QStringLiteral("MATH101");
const QString kCode = QStringLiteral("sum-of-parts");
const QString kSecret = QStringLiteral("kim-secret-1"); // dr.kim, MATH101's instructor
} // namespace

class TestRoster : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QNetworkAccessManager m_nam;
    std::unique_ptr<WsTestClient> m_kim;

    QJsonObject import(const QByteArray &csv)
    {
        return m_kim->request(msg("roster.import", {{QStringLiteral("course"), kCourse}, {QStringLiteral("csv"), QString::fromUtf8(csv)}}));
    }

    int rosterImports()
    {
        const QJsonObject log = m_kim->request(msg("moderation.log", {{QStringLiteral("course"), kCourse}, {QStringLiteral("limit"), 1000}}));
        int n = 0;
        for (const QJsonValue &v : log.value(QLatin1String("entries")).toArray())
            n += v.toObject().value(QLatin1String("kind")).toString() == QLatin1String("roster.imported") ? 1 : 0;
        return n;
    }

    static QString inviteOf(const QJsonObject &ack, const QString &user)
    {
        for (const QJsonValue &v : ack.value(QLatin1String("invites")).toArray())
            if (v.toObject().value(QLatin1String("user")).toString() == user)
                return v.toObject().value(QLatin1String("invite")).toString();
        return {};
    }

    QJsonObject joinAs(const QString &user, const QString &code)
    {
        WsTestClient c;
        if (!c.open(m_server.wsUrl()))
            return {};
        hello(c, user);
        return join(c, kCourse, code);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server.setConfig(coursetest::config());
        m_server.setLimits(coursetest::limitsWithoutAuthBackoff());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_kim = member(m_server.wsUrl(), QStringLiteral("dr.kim"), kCourse, kCode, kSecret);
        QVERIFY(m_kim);
    }

    void anLmsExportBecomesInvites()
    {
        // As a spreadsheet saves it: a BOM, CRLF, a header, a quoted field with a comma and a quote.
        const QByteArray csv = "\xEF\xBB\xBFName,Email or ID,Role\r\n"
                               "angie.nguyen,\"Nguyen, Angie <angie@uni.edu>\",student\r\n"
                               "ben.ortiz,\"ID \"\"4411\"\"\",TA\r\n"
                               "\r\n"
                               "carla.diaz,carla@uni.edu,\r\n";
        auto watcher = member(m_server.wsUrl(), QStringLiteral("erin.fox"), kCourse, kCode);
        QVERIFY(watcher);
        const int from = watcher->receivedCount();
        const QJsonObject ack = import(csv);
        QVERIFY2(isAck(ack), QJsonDocument(ack).toJson().constData());
        QCOMPARE(ack.value(QLatin1String("count")).toInt(), 3);
        // Members see that a roster came, never its names' invites or their hashes.
        const QJsonObject event = eventOf(*watcher, QStringLiteral("roster.imported"), from);
        QCOMPARE(event.value(QLatin1String("data")).toObject().value(QLatin1String("count")).toInt(), 3);
        QVERIFY(!QJsonDocument(event).toJson().contains("inviteHash"));
        QVERIFY(!QJsonDocument(event).toJson().contains("angie"));
        const QJsonArray invites = ack.value(QLatin1String("invites")).toArray();
        QCOMPARE(invites.at(0).toObject().value(QLatin1String("contact")).toString(), QStringLiteral("Nguyen, Angie <angie@uni.edu>"));
        QCOMPARE(invites.at(1).toObject().value(QLatin1String("contact")).toString(), QStringLiteral("ID \"4411\""));
        QCOMPARE(invites.at(1).toObject().value(QLatin1String("role")).toString(), QStringLiteral("ta"));
        QCOMPARE(invites.at(2).toObject().value(QLatin1String("row")).toInt(), 5);
        const QString angie = inviteOf(ack, QStringLiteral("angie.nguyen"));
        const QString ben = inviteOf(ack, QStringLiteral("ben.ortiz"));
        QVERIFY(!angie.isEmpty() && angie != ben);

        // An invite admits its own name (the TA as a TA), no other.
        QCOMPARE(code(joinAs(QStringLiteral("dana.lee"), angie)), QStringLiteral("wrong_join_code"));
        const QJsonObject benJoined = joinAs(QStringLiteral("ben.ortiz"), ben);
        QCOMPARE(benJoined.value(QLatin1String("role")).toString(), QStringLiteral("ta"));
        QCOMPARE(type(joinAs(QStringLiteral("angie.nguyen"), angie)), QStringLiteral("joined"));
        // Used once, the name is claimed: the invite without the name's token no longer gets in.
        QCOMPARE(code(joinAs(QStringLiteral("angie.nguyen"), angie)), QStringLiteral("not_authenticated"));
    }

    void aCourseCanRequireInvites()
    {
        const QJsonObject ack = import("frank.moss,frank@uni.edu,student\n");
        QVERIFY(isAck(ack));
        QVERIFY(isAck(m_kim->request(msg("course.update", {{QStringLiteral("course"), kCourse}, {QStringLiteral("invitesRequired"), true}}))));
        const QJsonObject refused = joinAs(QStringLiteral("gina.park"), kCode);
        QCOMPARE(code(refused), QStringLiteral("wrong_join_code"));
        QVERIFY(refused.value(QLatin1String("message")).toString().contains(QLatin1String("invite")));
        QCOMPARE(type(joinAs(QStringLiteral("frank.moss"), inviteOf(ack, QStringLiteral("frank.moss")))), QStringLiteral("joined"));
        WsTestClient kim; // the instructor still joins with the code and the secret
        QVERIFY(kim.open(m_server.wsUrl()));
        hello(kim, QStringLiteral("dr.kim"));
        QCOMPARE(type(join(kim, kCourse, kCode, kSecret)), QStringLiteral("joined"));
        QVERIFY(isAck(m_kim->request(msg("course.update", {{QStringLiteral("course"), kCourse}, {QStringLiteral("invitesRequired"), false}}))));
        QCOMPARE(type(joinAs(QStringLiteral("gina.park"), kCode)), QStringLiteral("joined"));
    }

    void badFilesAreRefusedWholeNamingTheRow_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a name twice") << QByteArray("name,email\nhal.ng,a@x\nivy.wu,b@x\nHAL.NG,c@x\n") << QStringLiteral("row 4: HAL.NG is already on row 2");
        QTest::newRow("a duplicate row") << QByteArray("hal.ng,a@x,student\nhal.ng,a@x,student\n") << QStringLiteral("row 2");
        QTest::newRow("a name with a space") << QByteArray("hal.ng,a@x\nIvy Wu,b@x\n") << QStringLiteral("row 2: 'Ivy Wu' is not a user name");
        QTest::newRow("a role that is not one") << QByteArray("hal.ng,a@x,dean\n") << QStringLiteral("row 1: role must be student or ta");
        QTest::newRow("an instructor") << QByteArray("hal.ng,a@x\ndr.kim,k@x\n") << QStringLiteral("row 2: dr.kim is an instructor");
        QTest::newRow("an API key's name") << QByteArray("ops,a@x\n") << QStringLiteral("row 1: the name ops is reserved");
        QTest::newRow("not UTF-8") << QByteArray("hal.ng,a@x\nivy.wu,b\xE9@x\n") << QStringLiteral("row 2: not UTF-8");
        QTest::newRow("an open quote") << QByteArray("hal.ng,a@x\nivy.wu,\"b@x\n") << QStringLiteral("row 2: a quoted field is not closed");
        QTest::newRow("four columns") << QByteArray("hal.ng,a@x,student,extra\n") << QStringLiteral("row 1: 4 columns");
        QTest::newRow("only a header") << QByteArray("name,email,role\n") << QStringLiteral("no rows");
        QTest::newRow("NUL") << QByteArray("hal.ng,a@x\n\0ivy.wu,b@x\n", 23) << QStringLiteral("NUL");
        QByteArray big = "name,email,role\n";
        for (int i = 0; i < 50000; ++i)
            big += "s" + QByteArray::number(i) + ",s" + QByteArray::number(i) + "@uni.edu,student\n";
        QTest::newRow("50,000 rows") << big << QStringLiteral("50000 rows; a course holds at most 5000");
    }

    void badFilesAreRefusedWholeNamingTheRow()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, expected);
        const int before = rosterImports();
        // Over REST (text/csv, any size up to 4 MiB) with the administrator's key...
        const HttpResult r = http(m_nam, m_server, "POST", QStringLiteral("/api/v1/courses/%1/roster").arg(kCourse), csv, AdminKey, "text/csv");
        QCOMPARE(r.status, 400);
        const QString message = r.json.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
        QVERIFY2(message.contains(expected), qPrintable(message));
        // ... and over WebSocket where the file fits a frame (a non-UTF-8 file cannot be sent as text).
        if (csv.size() < 60 * 1024 && !expected.contains(QLatin1String("UTF-8")) && !csv.contains('\0')) {
            const QJsonObject reply = import(csv);
            QCOMPARE(code(reply), QStringLiteral("invalid_value"));
            QVERIFY2(reply.value(QLatin1String("message")).toString().contains(expected), QJsonDocument(reply).toJson().constData());
        }
        QCOMPARE(rosterImports(), before); // nothing half-applied
    }

    void restTakesALargeRosterAndRefusesAnOversizedOne()
    {
        QByteArray csv = "name,email,role\n";
        for (int i = 0; i < 4000; ++i)
            csv += "p" + QByteArray::number(i) + ",\"Person " + QByteArray::number(i) + ", Jr.\",student\n";
        QVERIFY(csv.size() > 64 * 1024);
        const HttpResult r = http(m_nam, m_server, "POST", QStringLiteral("/api/v1/courses/%1/roster").arg(kCourse), csv, AdminKey, "text/csv");
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json.value(QLatin1String("count")).toInt(), 4000);
        QCOMPARE(r.json.value(QLatin1String("invites")).toArray().at(3999).toObject().value(QLatin1String("contact")).toString(),
                 QStringLiteral("Person 3999, Jr."));
        const QString invite = r.json.value(QLatin1String("invites")).toArray().at(17).toObject().value(QLatin1String("invite")).toString();
        QCOMPARE(type(joinAs(QStringLiteral("p17"), invite)), QStringLiteral("joined"));

        const HttpResult wrongType = http(m_nam, m_server, "POST", QStringLiteral("/api/v1/courses/%1/roster").arg(kCourse), "a,b\n", AdminKey);
        QCOMPARE(wrongType.status, 400);
        const HttpResult integration = http(m_nam, m_server, "POST", QStringLiteral("/api/v1/courses/CECS327/roster"), "a.b,c\n",
                                            QByteArray(TestServer::ApiKey), "text/csv");
        QCOMPARE(integration.status, 403);
        // Over 4 MiB: refused from the head, before any of the body is read.
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server.port()));
        raw.socket.write("POST /api/v1/courses/MATH101/roster HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + AdminKey
                         + "\r\nContent-Type: text/csv\r\nContent-Length: " + QByteArray::number(4 * 1024 * 1024 + 1) + "\r\n\r\n");
        const QList<RawHttpAnswer> answers = raw.read(1);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.first().status, 413);
        QVERIFY(answers.first().body.contains("4 MiB"));
        // Other routes keep the 64 KiB limit.
        RawHttpClient other;
        QVERIFY(other.connectTo(m_server.port()));
        other.socket.write("POST /api/v1/courses/MATH101/channels HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + AdminKey
                           + "\r\nContent-Length: " + QByteArray::number(64 * 1024 + 1) + "\r\n\r\n");
        const QList<RawHttpAnswer> refused = other.read(1);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().status, 413);
    }
};

QTEST_MAIN(TestRoster)
#include "tst_roster.moc"
