// Running a course from collab-cli alone (issue 11), each command a real collab-cli process against
// a real server: the administrator creates a course, its instructor adds channels and notes,
// rotates the join code, locks a note, appoints a TA, removes and restores a member, imports a
// roster and reads the moderation log; a student trying each gets exit 4 and `forbidden`. And the
// prototype's exact commands (part 7): --edit insert_line without --text, --edit delete_word on
// an empty note.
#include "coursetesthelpers.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace coursetest;

namespace {
struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};
} // namespace

class TestCliCourseAdmin : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QTemporaryDir m_dir;
    QString m_joinCode;
    QString m_secret;

    CliResult cli(const QString &user, const QStringList &args, const QProcessEnvironment &extra = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("COLLAB_TOKEN_FILE"), m_dir.filePath(user + QStringLiteral(".json")));
        env.remove(QStringLiteral("COLLAB_ADMIN_SECRET"));
        for (const QString &key : extra.keys())
            env.insert(key, extra.value(key));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(COLLAB_CLI_BIN), QStringList{QStringLiteral("--server"), m_server.wsUrl().toString(), QStringLiteral("--username"), user} + args);
        CliResult r;
        if (!p.waitForStarted(10000) || !QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 30000))
            return r;
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    // As the instructor of CS500, joined with the code and the secret.
    CliResult instructor(const QStringList &args)
    {
        return cli(QStringLiteral("prof.kim"), QStringList{QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--join-code"), m_joinCode,
                                                           QStringLiteral("--token"), m_secret} + args);
    }
    CliResult student(const QString &user, const QStringList &args)
    {
        return cli(user, QStringList{QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--join-code"), m_joinCode} + args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server.setConfig(coursetest::config());
        m_server.setLimits(TestServer::unlimited());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
    }

    void theAdministratorCreatesACourse()
    {
        // Without the secret: refused, exit 4.
        const CliResult refused = cli(QStringLiteral("prof.kim"), {QStringLiteral("--create-course"), QStringLiteral("CS500"), QStringLiteral("--title"), QStringLiteral("Consensus")});
        QCOMPARE(refused.exitCode, 4);
        QVERIFY2(refused.err.contains(QLatin1String("forbidden")), qPrintable(refused.err));
        // The secret from a file, as collab-server keeps it in DATA/admin-secret.
        QFile secretFile(m_dir.filePath(QStringLiteral("admin-secret")));
        QVERIFY(secretFile.open(QIODevice::WriteOnly));
        secretFile.write(AdminSecret.toUtf8() + '\n');
        secretFile.close();
        const CliResult created = cli(QStringLiteral("prof.kim"), {QStringLiteral("--admin-secret-file"), secretFile.fileName(), QStringLiteral("--create-course"),
                                                                   QStringLiteral("CS500"), QStringLiteral("--title"), QStringLiteral("Consensus"), QStringLiteral("--json")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QJsonObject ack = QJsonDocument::fromJson(created.out.toUtf8()).object();
        m_joinCode = ack.value(QLatin1String("joinCode")).toString();
        m_secret = ack.value(QLatin1String("secrets")).toObject().value(QLatin1String("prof.kim")).toString();
        QVERIFY(!m_joinCode.isEmpty() && !m_secret.isEmpty());
        // In words, with the command to paste.
        const CliResult words = cli(QStringLiteral("prof.kim"), {QStringLiteral("--create-course"), QStringLiteral("CS501")},
                                    [] { QProcessEnvironment e; e.insert(QStringLiteral("COLLAB_ADMIN_SECRET"), AdminSecret); return e; }());
        QCOMPARE(words.exitCode, 0);
        QVERIFY2(words.out.contains(QLatin1String("join code: ")) && words.out.contains(QLatin1String("--token ")), qPrintable(words.out));
    }

    void theInstructorRunsTheCourseAndAStudentCannot()
    {
        // A student first: every instructor action refused with exit 4, forbidden.
        QVERIFY(student(QStringLiteral("angie.nguyen"), {QStringLiteral("--chat"), QStringLiteral("hello")}).exitCode == 0);
        const QList<QStringList> actions{
            {QStringLiteral("--add-channel"), QStringLiteral("week5"), QStringLiteral("--announcement")},
            {QStringLiteral("--create-note"), QStringLiteral("week5-consensus")},
            {QStringLiteral("--rotate-join-code")},
            {QStringLiteral("--lock-note"), QStringLiteral("week5-consensus")},
            {QStringLiteral("--appoint-ta"), QStringLiteral("ben.ortiz")},
            {QStringLiteral("--kick"), QStringLiteral("ben.ortiz"), QStringLiteral("--minutes"), QStringLiteral("60")},
            {QStringLiteral("--restore"), QStringLiteral("ben.ortiz")},
            {QStringLiteral("--import-roster"), m_dir.filePath(QStringLiteral("roster.csv"))},
            {QStringLiteral("--moderation-log")},
            {QStringLiteral("--archive-course")},
        };
        QFile roster(m_dir.filePath(QStringLiteral("roster.csv")));
        QVERIFY(roster.open(QIODevice::WriteOnly));
        roster.write("name,email,role\r\ncarla.diaz,\"Diaz, Carla\",student\r\ndana.lee,dana@uni.edu,ta\r\n");
        roster.close();
        for (const QStringList &action : actions) {
            const CliResult r = student(QStringLiteral("angie.nguyen"), action);
            QVERIFY2(r.exitCode == 4 && r.err.contains(QLatin1String("forbidden")), qPrintable(action.join(QLatin1Char(' ')) + QLatin1Char(' ') + r.err));
        }

        // The instructor: each one works and says what it did.
        CliResult r = instructor({QStringLiteral("--add-channel"), QStringLiteral("week5"), QStringLiteral("--announcement")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("added #week5")), qPrintable(r.out + r.err));
        QCOMPARE(student(QStringLiteral("angie.nguyen"), {QStringLiteral("--channel"), QStringLiteral("week5"), QStringLiteral("--chat"), QStringLiteral("x")}).exitCode, 4);
        r = instructor({QStringLiteral("--create-note"), QStringLiteral("week5-consensus")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = instructor({QStringLiteral("--lock-note"), QStringLiteral("week5-consensus")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("locked")), qPrintable(r.out + r.err));
        r = student(QStringLiteral("angie.nguyen"), {QStringLiteral("--edit"), QStringLiteral("insert_line"), QStringLiteral("--note"), QStringLiteral("week5-consensus"),
                                                     QStringLiteral("--text"), QStringLiteral("mine")});
        QCOMPARE(r.exitCode, 4);
        r = instructor({QStringLiteral("--appoint-ta"), QStringLiteral("ben.ortiz")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("ben.ortiz is now a TA")), qPrintable(r.out + r.err));
        // The TA removes a member for an hour and restores them; the TA cannot rotate the code.
        QVERIFY(student(QStringLiteral("ben.ortiz"), {QStringLiteral("--history"), QStringLiteral("1")}).exitCode == 0);
        r = student(QStringLiteral("ben.ortiz"), {QStringLiteral("--kick"), QStringLiteral("angie.nguyen"), QStringLiteral("--minutes"), QStringLiteral("60")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("for 60 minutes")), qPrintable(r.out + r.err));
        r = student(QStringLiteral("angie.nguyen"), {QStringLiteral("--history"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 4 && r.err.contains(QLatin1String("removed you")), qPrintable(r.err));
        QCOMPARE(student(QStringLiteral("ben.ortiz"), {QStringLiteral("--rotate-join-code")}).exitCode, 4);
        r = student(QStringLiteral("ben.ortiz"), {QStringLiteral("--restore"), QStringLiteral("angie.nguyen")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(student(QStringLiteral("angie.nguyen"), {QStringLiteral("--history"), QStringLiteral("1")}).exitCode, 0);

        r = instructor({QStringLiteral("--import-roster"), roster.fileName()});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("imported 2 people")), qPrintable(r.out + r.err));
        const QString carlaLine = r.out.split(QLatin1Char('\n')).filter(QStringLiteral("carla.diaz,")).value(0);
        const QString invite = carlaLine.section(QLatin1Char(','), -1).trimmed();
        QVERIFY2(!invite.isEmpty(), qPrintable(r.out));
        QCOMPARE(cli(QStringLiteral("carla.diaz"), {QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--join-code"), invite,
                                                   QStringLiteral("--history"), QStringLiteral("1")}).exitCode,
                 0);

        r = instructor({QStringLiteral("--rotate-join-code")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("new join code")), qPrintable(r.out + r.err));
        const QString newCode = r.out.section(QStringLiteral(": "), 1).section(QLatin1Char(' '), 0, 0).trimmed();
        r = student(QStringLiteral("erin.fox"), {QStringLiteral("--history"), QStringLiteral("1")}); // the old code
        QVERIFY2(r.exitCode == 4 && r.err.contains(QLatin1String("wrong_join_code")), qPrintable(r.err));
        m_joinCode = newCode;
        QCOMPARE(student(QStringLiteral("erin.fox"), {QStringLiteral("--history"), QStringLiteral("1")}).exitCode, 0);

        r = instructor({QStringLiteral("--moderation-log")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char *kind : {"channel.added", "note.created", "note.locked", "member.role", "member.kicked", "member.restored", "roster.imported",
                                 "joincode.rotated"})
            QVERIFY2(r.out.contains(QLatin1String(kind)), kind);
        QVERIFY(r.out.contains(QLatin1String("by ben.ortiz")));
    }

    void renamesInstructorsRemovalsAndLargeRostersFromTheCli()
    {
        // Renames: the instructor may, a student may not; the id keeps working.
        CliResult r = instructor({QStringLiteral("--rename-channel"), QStringLiteral("general"), QStringLiteral("--title"), QStringLiteral("Lobby")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("#general is now shown as \"Lobby\"")), qPrintable(r.out + r.err));
        r = instructor({QStringLiteral("--rename-note"), QStringLiteral("week5-consensus"), QStringLiteral("--title"), QStringLiteral("Week 5 - Consensus")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("shown as")), qPrintable(r.out + r.err));
        r = student(QStringLiteral("angie.nguyen"), {QStringLiteral("--rename-channel"), QStringLiteral("general"), QStringLiteral("--title"), QStringLiteral("Mine")});
        QVERIFY2(r.exitCode == 4 && r.err.contains(QLatin1String("forbidden")), qPrintable(r.err));
        QCOMPARE(cli(QStringLiteral("prof.kim"), {QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--rename-channel"), QStringLiteral("general")}).exitCode, 2);

        // Another instructor, named by the administrator (not by an instructor): their secret once.
        r = instructor({QStringLiteral("--add-instructor"), QStringLiteral("dr.cho")});
        QVERIFY2(r.exitCode == 4 && r.err.contains(QLatin1String("forbidden")), qPrintable(r.err));
        QProcessEnvironment admin;
        admin.insert(QStringLiteral("COLLAB_ADMIN_SECRET"), AdminSecret);
        r = cli(QStringLiteral("root.admin"), {QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--add-instructor"), QStringLiteral("dr.cho")}, admin);
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("dr.cho is now an instructor of CS500")), qPrintable(r.out + r.err));
        const QString secret = r.out.section(QStringLiteral("secret: "), 1).section(QLatin1Char(' '), 0, 0).trimmed();
        QVERIFY2(secret.size() >= 24, qPrintable(r.out));
        r = cli(QStringLiteral("dr.cho"), {QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--join-code"), m_joinCode, QStringLiteral("--token"), secret,
                                          QStringLiteral("--appoint-ta"), QStringLiteral("frank.moss")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("frank.moss is now a TA")), qPrintable(r.out + r.err));
        r = cli(QStringLiteral("root.admin"), {QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--remove-instructor"), QStringLiteral("dr.cho")}, admin);
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("dr.cho is now a student")), qPrintable(r.out + r.err));

        // A deletion by a moderator shows in history as such.
        r = student(QStringLiteral("angie.nguyen"), {QStringLiteral("--chat"), QStringLiteral("to be removed")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const double id = r.out.section(QLatin1Char('#'), 1).section(QLatin1Char(' '), 0, 0).toDouble();
        QVERIFY(id > 0);
        auto prof = member(m_server.wsUrl(), QStringLiteral("prof.kim"), QStringLiteral("CS500"), m_joinCode, m_secret);
        QVERIFY(prof);
        QVERIFY(isAck(prof->request(msg("chat.delete", {{QStringLiteral("course"), QStringLiteral("CS500")}, {QStringLiteral("id"), id}}))));
        r = student(QStringLiteral("angie.nguyen"), {QStringLiteral("--history"), QStringLiteral("5")});
        QVERIFY2(r.out.contains(QStringLiteral("#%1 angie.nguyen (deleted by prof.kim)").arg(qint64(id))), qPrintable(r.out));

        // A removal until restored says so (not 9999-12-31), to the member and in the log.
        r = instructor({QStringLiteral("--kick"), QStringLiteral("angie.nguyen"), QStringLiteral("--minutes"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("until restored")), qPrintable(r.out + r.err));
        r = student(QStringLiteral("angie.nguyen"), {QStringLiteral("--history"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 4);
        r = instructor({QStringLiteral("--moderation-log")});
        QVERIFY2(r.out.contains(QLatin1String("member.kicked by prof.kim angie.nguyen until restored")), qPrintable(r.out));
        QVERIFY(!r.out.contains(QLatin1String("9999")));
        QCOMPARE(instructor({QStringLiteral("--restore"), QStringLiteral("angie.nguyen")}).exitCode, 0);

        // A roster of 2,000 students (~110 KiB, more than a frame): sent in parts, all imported.
        QFile roster(m_dir.filePath(QStringLiteral("class-of-2000.csv")));
        QVERIFY(roster.open(QIODevice::WriteOnly));
        roster.write("name,email,role\r\n");
        for (int i = 1; i <= 2000; ++i)
            roster.write(QStringLiteral("learner%1,\"Learner %1, CS500\",student\r\n").arg(i, 4, 10, QLatin1Char('0')).toUtf8());
        roster.close();
        QVERIFY(roster.size() > 64 * 1024);
        r = instructor({QStringLiteral("--import-roster"), roster.fileName()});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("imported 2000 people")), qPrintable(r.out.left(300) + r.err));
        QCOMPARE(r.out.split(QLatin1Char('\n')).filter(QStringLiteral(",student,")).size(), 2000);
        const QString last = r.out.split(QLatin1Char('\n')).filter(QStringLiteral("learner2000,")).value(0);
        QCOMPARE(cli(QStringLiteral("learner2000"), {QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--join-code"),
                                                    last.section(QLatin1Char(','), -1).trimmed(), QStringLiteral("--history"), QStringLiteral("1")}).exitCode,
                 0);
    }

    void badFlagsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("two actions") << QStringList{QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--rotate-join-code"), QStringLiteral("--create-note"), QStringLiteral("n")}
                                     << QStringLiteral("one action at a time");
        QTest::newRow("minutes without kick") << QStringList{QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--create-note"), QStringLiteral("n"), QStringLiteral("--minutes"), QStringLiteral("3")}
                                              << QStringLiteral("--minutes goes with --kick");
        QTest::newRow("a bad channel") << QStringList{QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--add-channel"), QStringLiteral("../x")}
                                       << QStringLiteral("--add-channel must match");
        QTest::newRow("negative minutes") << QStringList{QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--kick"), QStringLiteral("a.b"), QStringLiteral("--minutes"), QStringLiteral("-1")}
                                          << QStringLiteral("--minutes must be 0");
        QTest::newRow("a course id of 200 characters") << QStringList{QStringLiteral("--create-course"), QString(200, QLatin1Char('c'))} << QStringLiteral("--course must match");
        QTest::newRow("a missing roster") << QStringList{QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--import-roster"), QStringLiteral("/nonexistent/roster.csv")}
                                          << QStringLiteral("cannot read");
        QTest::newRow("a setting that is not on or off") << QStringList{QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--invites-required"), QStringLiteral("maybe")}
                                                         << QStringLiteral("must be on or off");
    }

    void badFlagsAreUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const CliResult r = cli(QStringLiteral("prof.kim"), args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }

    void aRosterFileThatIsNotUtf8IsRefusedByRow()
    {
        QFile roster(m_dir.filePath(QStringLiteral("latin1.csv")));
        QVERIFY(roster.open(QIODevice::WriteOnly));
        roster.write("name,email\nfrank.moss,frank@uni.edu\ngina.park,gin\xE4@uni.edu\n");
        roster.close();
        const CliResult r = cli(QStringLiteral("prof.kim"), {QStringLiteral("--course"), QStringLiteral("CS500"), QStringLiteral("--import-roster"), roster.fileName()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("row 3")) && r.err.contains(QLatin1String("not UTF-8")), qPrintable(r.err));
    }

    void thePrototypesExactCommands()
    {
        // "collab-cli --course CECS327 --username angie.nguyen --edit insert_line", no --text: an empty line.
        QVERIFY(isAck(member(m_server.wsUrl(), QStringLiteral("root"), QStringLiteral("CECS327"), QString::fromLatin1(TestServer::JoinCode), {}, AdminSecret)
                          ->request(msg("note.create", {{QStringLiteral("course"), QStringLiteral("CECS327")}, {QStringLiteral("note"), QStringLiteral("empty-note")}}))));
        const QStringList base{QStringLiteral("--course"), QStringLiteral("CECS327"), QStringLiteral("--join-code"), QString::fromLatin1(TestServer::JoinCode)};
        CliResult r = cli(QStringLiteral("angie.nguyen"), base + QStringList{QStringLiteral("--edit"), QStringLiteral("delete_word"), QStringLiteral("--note"), QStringLiteral("empty-note")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains(QLatin1String("has no words to delete")), qPrintable(r.err));
        QVERIFY(!r.err.contains(QLatin1String("-1")));
        r = cli(QStringLiteral("angie.nguyen"), base + QStringList{QStringLiteral("--edit"), QStringLiteral("insert_line"), QStringLiteral("--note"), QStringLiteral("empty-note")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli(QStringLiteral("angie.nguyen"), base + QStringList{QStringLiteral("--print-note"), QStringLiteral("--note"), QStringLiteral("empty-note"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("text")).toString(), QStringLiteral("\n"));
        r = cli(QStringLiteral("angie.nguyen"), base + QStringList{QStringLiteral("--edit"), QStringLiteral("insert_line")}); // class-notes
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli(QStringLiteral("angie.nguyen"), base + QStringList{QStringLiteral("--edit"), QStringLiteral("insert_line"), QStringLiteral("--note"), QStringLiteral("empty-note"),
                                                                   QStringLiteral("--text"), QStringLiteral("two words")});
        QCOMPARE(r.exitCode, 0);
        r = cli(QStringLiteral("angie.nguyen"), base + QStringList{QStringLiteral("--edit"), QStringLiteral("delete_word"), QStringLiteral("--note"), QStringLiteral("empty-note"),
                                                                   QStringLiteral("--word"), QStringLiteral("5")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains(QLatin1String("has 2 words (0 to 1); there is no word 5")), qPrintable(r.err));
    }
};

QTEST_MAIN(TestCliCourseAdmin)
#include "tst_cli_course_admin.moc"
