#include "client/coursecursor.h"

#include <QtTest>

using collab::client::CourseCursor;

class TestCourseCursor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unknownCourseAcceptsNothing();
    void acceptsOnlyIncreasingSeqs_data();
    void acceptsOnlyIncreasingSeqs();
    void resetMayGoBackwards();
    void coursesAreIndependent();
    void checkTellsGapsApart_data();
    void checkTellsGapsApart();
};

void TestCourseCursor::unknownCourseAcceptsNothing()
{
    CourseCursor c;
    QVERIFY(!c.since(QStringLiteral("C")));
    QVERIFY(!c.accept(QStringLiteral("C"), 1));
}

void TestCourseCursor::acceptsOnlyIncreasingSeqs_data()
{
    QTest::addColumn<QList<int>>("delivered");
    QTest::addColumn<QList<int>>("accepted");
    QTest::newRow("in order") << QList<int>{11, 12, 13} << QList<int>{11, 12, 13};
    QTest::newRow("duplicates") << QList<int>{11, 11, 12, 12} << QList<int>{11, 12};
    QTest::newRow("old replay") << QList<int>{3, 10, 11} << QList<int>{11};
    QTest::newRow("late one after newer") << QList<int>{12, 11, 13} << QList<int>{12, 13};
}

void TestCourseCursor::acceptsOnlyIncreasingSeqs()
{
    QFETCH(QList<int>, delivered);
    QFETCH(QList<int>, accepted);
    CourseCursor c;
    c.reset(QStringLiteral("C"), 10);
    QList<int> got;
    for (int seq : delivered)
        if (c.accept(QStringLiteral("C"), quint64(seq)))
            got << seq;
    QCOMPARE(got, accepted);
    QCOMPARE(*c.since(QStringLiteral("C")), quint64(accepted.last()));
}

void TestCourseCursor::resetMayGoBackwards()
{
    CourseCursor c;
    c.reset(QStringLiteral("C"), 50);
    c.reset(QStringLiteral("C"), 5); // the server lost data: its seq is the truth
    QVERIFY(c.accept(QStringLiteral("C"), 6));
    c.forget(QStringLiteral("C"));
    QVERIFY(!c.since(QStringLiteral("C")));
}

void TestCourseCursor::coursesAreIndependent()
{
    CourseCursor c;
    c.reset(QStringLiteral("A"), 5);
    c.reset(QStringLiteral("B"), 100);
    QVERIFY(c.accept(QStringLiteral("A"), 6));
    QVERIFY(!c.accept(QStringLiteral("B"), 6));
    QCOMPARE(*c.since(QStringLiteral("A")), quint64(6));
    QCOMPARE(*c.since(QStringLiteral("B")), quint64(100));
}

void TestCourseCursor::checkTellsGapsApart_data()
{
    QTest::addColumn<QList<int>>("delivered");
    QTest::addColumn<QString>("verdicts");
    // N: new, S: seen, G: gap. The cursor starts at 10.
    QTest::newRow("in order") << QList<int>{11, 12, 13} << QStringLiteral("NNN");
    QTest::newRow("repeat") << QList<int>{11, 11, 10} << QStringLiteral("NSS");
    QTest::newRow("gap is not recorded") << QList<int>{11, 13, 12, 13} << QStringLiteral("NGNN");
}

void TestCourseCursor::checkTellsGapsApart()
{
    QFETCH(QList<int>, delivered);
    QFETCH(QString, verdicts);
    CourseCursor c;
    c.reset(QStringLiteral("C"), 10);
    QString got;
    for (int seq : delivered) {
        switch (c.check(QStringLiteral("C"), quint64(seq))) {
        case CourseCursor::Verdict::New: got += QLatin1Char('N'); break;
        case CourseCursor::Verdict::Seen: got += QLatin1Char('S'); break;
        case CourseCursor::Verdict::Gap: got += QLatin1Char('G'); break;
        }
    }
    QCOMPARE(got, verdicts);
    QCOMPARE(c.check(QStringLiteral("OTHER"), 1), CourseCursor::Verdict::Seen);
}

QTEST_GUILESS_MAIN(TestCourseCursor)
#include "tst_coursecursor.moc"
