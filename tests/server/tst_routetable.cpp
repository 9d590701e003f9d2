// RouteTable: the REST paths matched by hand, with the rules QHttpServer's "<arg>" had; a path
// matched with another method tells the methods it has (405 and its Allow header).
#include "rest/routetable.h"

#include <QTest>

using collab::server::RouteTable;
using Method = collab::server::HttpMethod;

class TestRouteTable : public QObject
{
    Q_OBJECT

private:
    RouteTable m_table;

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_table.add(Method::Get, QStringLiteral("/api/v1/health")), 0);
        QCOMPARE(m_table.add(Method::Get, QStringLiteral("/api/v1/courses/{course}/channels/{channel}/messages")), 1);
        QCOMPARE(m_table.add(Method::Post, QStringLiteral("/api/v1/courses/{course}/channels/{channel}/messages")), 2);
        QCOMPARE(m_table.add(Method::Delete, QStringLiteral("/api/v1/courses/{course}/messages/{id}")), 3);
        QCOMPARE(m_table.add(Method::Get, QStringLiteral("/api/v1/courses/{course}/presence")), 4);
    }

    void match_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("index");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("allow"); // when no route matched: the path's methods (405)
        const QString messages = QStringLiteral("/api/v1/courses/CECS327/channels/general/messages");
        const QStringList courseChannel{QStringLiteral("CECS327"), QStringLiteral("general")};
        QTest::newRow("no argument") << int(Method::Get) << QStringLiteral("/api/v1/health") << 0 << QStringList() << QByteArray();
        QTest::newRow("GET by method") << int(Method::Get) << messages << 1 << courseChannel << QByteArray();
        QTest::newRow("POST by method") << int(Method::Post) << messages << 2 << courseChannel << QByteArray();
        QTest::newRow("HEAD is GET") << int(Method::Head) << messages << 1 << courseChannel << QByteArray();
        QTest::newRow("HEAD is not DELETE") << int(Method::Head) << QStringLiteral("/api/v1/courses/CECS327/messages/7") << -1
                                            << QStringList() << QByteArray("DELETE");
        QTest::newRow("other method") << int(Method::Patch) << messages << -1 << QStringList() << QByteArray("GET, HEAD, POST");
        QTest::newRow("trailing slash") << int(Method::Get) << (messages + QLatin1Char('/')) << -1 << QStringList() << QByteArray();
        QTest::newRow("empty argument") << int(Method::Get) << QStringLiteral("/api/v1/courses//presence") << -1 << QStringList() << QByteArray();
        QTest::newRow("extra segment") << int(Method::Get) << QStringLiteral("/api/v1/courses/A/presence/x") << -1 << QStringList() << QByteArray();
        QTest::newRow("literal differs") << int(Method::Get) << QStringLiteral("/api/v2/courses/A/presence") << -1 << QStringList() << QByteArray();
        QTest::newRow("no leading slash") << int(Method::Get) << QStringLiteral("api/v1/health") << -1 << QStringList() << QByteArray();
        QTest::newRow("empty path") << int(Method::Get) << QString() << -1 << QStringList() << QByteArray();
        QTest::newRow("root") << int(Method::Get) << QStringLiteral("/") << -1 << QStringList() << QByteArray();
        QTest::newRow("non-ASCII argument") << int(Method::Delete) << QStringLiteral("/api/v1/courses/Ünï/messages/42") << 3
                                            << QStringList{QStringLiteral("Ünï"), QStringLiteral("42")}
                                            << QByteArray();
        QTest::newRow("unknown method, known path") << int(Method::Unknown) << QStringLiteral("/api/v1/health") << -1
                                                    << QStringList() << QByteArray("GET, HEAD");
        QTest::newRow("PUT on a message") << int(Method::Put) << QStringLiteral("/api/v1/courses/A/messages/1") << -1
                                          << QStringList() << QByteArray("DELETE");
    }
    void match()
    {
        QFETCH(int, method);
        QFETCH(QString, path);
        QFETCH(int, index);
        QFETCH(QStringList, args);
        QFETCH(QByteArray, allow);
        const RouteTable::Match m = m_table.match(Method(method), path);
        QCOMPARE(m.index, index);
        if (index >= 0)
            QCOMPARE(m.args, args);
        else
            QVERIFY(m.args.isEmpty());
        QCOMPARE(RouteTable::allowHeader(m.allowed), allow);
    }
};

QTEST_GUILESS_MAIN(TestRouteTable)
#include "tst_routetable.moc"
