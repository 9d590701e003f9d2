#include "cli/clioptions.h"

#include <QtTest>

using namespace collab::cli;

Q_DECLARE_METATYPE(collab::cli::CliAction)

namespace {
QStringList cmd(const QStringList &rest)
{
    return QStringList{QStringLiteral("collab-cli"), QStringLiteral("--course"), QStringLiteral("CECS327"),
                       QStringLiteral("--username"), QStringLiteral("angie.nguyen")}
           + rest;
}
} // namespace

class TestCliArgs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void tokenOptions();
    void serverUrlForms_data();
    void serverUrlForms();
    void caFileWithoutCertificateIsRefused();
    void helpAndVersion();
    void helpDocumentsExitCodes();
    void interactionFlags();
};

void TestCliArgs::valid_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("env");
    QTest::addColumn<CliAction>("action");
    QTest::addColumn<bool>("listen");
    QTest::addColumn<QString>("joinCode");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<int>("timeoutMs");

    const QString none;
    QTest::newRow("prototype chat")
        << QStringList{QStringLiteral("collab-cli"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:8080/ws"),
                       QStringLiteral("--course"), QStringLiteral("CECS327"), QStringLiteral("--username"),
                       QStringLiteral("angie.nguyen"), QStringLiteral("--join-code"), QStringLiteral("CODE"),
                       QStringLiteral("--chat"), QStringLiteral("hello class")}
        << none << CliAction::Chat << false << QStringLiteral("CODE") << QStringLiteral("general") << 10000;
    QTest::newRow("join code from env") << cmd({QStringLiteral("--chat"), QStringLiteral("x")})
                                        << QStringLiteral("ENVCODE") << CliAction::Chat << false
                                        << QStringLiteral("ENVCODE") << QStringLiteral("general") << 10000;
    QTest::newRow("option beats env") << cmd({QStringLiteral("--join-code=OPT"), QStringLiteral("--chat=x")})
                                      << QStringLiteral("ENVCODE") << CliAction::Chat << false << QStringLiteral("OPT")
                                      << QStringLiteral("general") << 10000;
    QTest::newRow("edit typing") << cmd({QStringLiteral("--edit"), QStringLiteral("typing")}) << none
                                 << CliAction::Edit << false << none << QStringLiteral("general") << 10000;
    QTest::newRow("edit insert_line") << cmd({QStringLiteral("--edit"), QStringLiteral("insert_line"),
                                              QStringLiteral("--text"), QStringLiteral("a line"),
                                              QStringLiteral("--line"), QStringLiteral("3"), QStringLiteral("--note"),
                                              QStringLiteral("week-1")})
                                      << none << CliAction::Edit << false << none << QStringLiteral("general") << 10000;
    QTest::newRow("history with channel") << cmd({QStringLiteral("--history"), QStringLiteral("20"),
                                                  QStringLiteral("--channel"), QStringLiteral("homework")})
                                          << none << CliAction::History << false << none
                                          << QStringLiteral("homework") << 10000;
    QTest::newRow("listen only") << cmd({QStringLiteral("--listen"), QStringLiteral("--json")}) << none
                                 << CliAction::None << true << none << QStringLiteral("general") << 10000;
    QTest::newRow("history then listen") << cmd({QStringLiteral("--history"), QStringLiteral("5"), QStringLiteral("--listen")})
                                         << none << CliAction::History << true << none << QStringLiteral("general")
                                         << 10000;
    QTest::newRow("fractional timeout") << cmd({QStringLiteral("--chat"), QStringLiteral("x"), QStringLiteral("--timeout"),
                                                QStringLiteral("1.5")})
                                        << none << CliAction::Chat << false << none << QStringLiteral("general") << 1500;
    QTest::newRow("wss") << cmd({QStringLiteral("--server"), QStringLiteral("wss://collab.example.edu/ws"),
                                 QStringLiteral("--chat"), QStringLiteral("x")})
                         << none << CliAction::Chat << false << none << QStringLiteral("general") << 10000;
}

void TestCliArgs::valid()
{
    QFETCH(QStringList, args);
    QFETCH(QString, env);
    QFETCH(CliAction, action);
    QFETCH(bool, listen);
    QFETCH(QString, joinCode);
    QFETCH(QString, channel);
    QFETCH(int, timeoutMs);

    const ParseOutcome p = parseCommandLine(args, env);
    QVERIFY2(p.status == ParseOutcome::Status::Run, qPrintable(p.error));
    QCOMPARE(p.options.course, QStringLiteral("CECS327"));
    QCOMPARE(p.options.username, QStringLiteral("angie.nguyen"));
    QCOMPARE(p.options.action, action);
    QCOMPARE(p.options.listen, listen);
    QCOMPARE(p.options.joinCode, joinCode);
    QCOMPARE(p.options.channel, channel);
    QCOMPARE(p.options.timeoutMs, timeoutMs);
    QVERIFY(p.options.server.scheme().startsWith(QLatin1String("ws")));
}

void TestCliArgs::invalid_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("no course") << QStringList{QStringLiteral("collab-cli"), QStringLiteral("--username"),
                                              QStringLiteral("u"), QStringLiteral("--chat"), QStringLiteral("x")}
                               << QStringLiteral("--course");
    QTest::newRow("no username") << QStringList{QStringLiteral("collab-cli"), QStringLiteral("--course"),
                                                QStringLiteral("C"), QStringLiteral("--listen")}
                                 << QStringLiteral("--username");
    QTest::newRow("bad course id") << QStringList{QStringLiteral("collab-cli"), QStringLiteral("--course"),
                                                  QStringLiteral("CECS 327"), QStringLiteral("--username"),
                                                  QStringLiteral("u"), QStringLiteral("--listen")}
                                   << QStringLiteral("--course");
    QTest::newRow("nothing to do") << cmd({}) << QStringLiteral("nothing to do");
    QTest::newRow("two actions") << cmd({QStringLiteral("--chat"), QStringLiteral("x"), QStringLiteral("--history"),
                                         QStringLiteral("3")})
                                 << QStringLiteral("only one");
    QTest::newRow("blank chat") << cmd({QStringLiteral("--chat"), QStringLiteral("   ")}) << QStringLiteral("--chat");
    QTest::newRow("unknown edit action") << cmd({QStringLiteral("--edit"), QStringLiteral("rewrite")})
                                         << QStringLiteral("--edit");
    QTest::newRow("history zero") << cmd({QStringLiteral("--history"), QStringLiteral("0")}) << QStringLiteral("--history");
    QTest::newRow("history too many") << cmd({QStringLiteral("--history"), QStringLiteral("501")})
                                      << QStringLiteral("--history");
    QTest::newRow("history not a number") << cmd({QStringLiteral("--history"), QStringLiteral("ten")})
                                          << QStringLiteral("--history");
    QTest::newRow("negative line") << cmd({QStringLiteral("--edit"), QStringLiteral("insert_line"),
                                           QStringLiteral("--line"), QStringLiteral("-2")})
                                   << QStringLiteral("--line");
    QTest::newRow("word not a number") << cmd({QStringLiteral("--edit"), QStringLiteral("delete_word"),
                                               QStringLiteral("--word"), QStringLiteral("x")})
                                       << QStringLiteral("--word");
    QTest::newRow("note without edit") << cmd({QStringLiteral("--chat"), QStringLiteral("x"), QStringLiteral("--note"),
                                               QStringLiteral("n")})
                                       << QStringLiteral("--edit");
    QTest::newRow("ftp server url") << cmd({QStringLiteral("--server"), QStringLiteral("ftp://127.0.0.1:8080/ws"),
                                            QStringLiteral("--listen")})
                                    << QStringLiteral("--server");
    QTest::newRow("https url with another path") << cmd({QStringLiteral("--server"), QStringLiteral("https://host/api/v1"),
                                                         QStringLiteral("--listen")})
                                                 << QStringLiteral("--server");
    QTest::newRow("unreadable ca file") << cmd({QStringLiteral("--listen"), QStringLiteral("--ca-file"),
                                                QStringLiteral("/nonexistent/ca.pem")})
                                        << QStringLiteral("--ca-file: cannot read the CA file /nonexistent/ca.pem");
    QTest::newRow("server without host") << cmd({QStringLiteral("--server"), QStringLiteral("ws://"),
                                                 QStringLiteral("--listen")})
                                         << QStringLiteral("--server");
    QTest::newRow("zero timeout") << cmd({QStringLiteral("--listen"), QStringLiteral("--timeout"), QStringLiteral("0")})
                                  << QStringLiteral("--timeout");
    QTest::newRow("timeout not a number") << cmd({QStringLiteral("--listen"), QStringLiteral("--timeout"),
                                                  QStringLiteral("soon")})
                                          << QStringLiteral("--timeout");
    QTest::newRow("unknown option") << cmd({QStringLiteral("--listen"), QStringLiteral("--frobnicate")})
                                    << QStringLiteral("frobnicate");
    QTest::newRow("missing value") << cmd({QStringLiteral("--chat")}) << QStringLiteral("chat");
    QTest::newRow("stray argument") << cmd({QStringLiteral("--listen"), QStringLiteral("extra")})
                                    << QStringLiteral("extra");
    QTest::newRow("bad channel") << cmd({QStringLiteral("--listen"), QStringLiteral("--channel"), QStringLiteral("a/b")})
                                 << QStringLiteral("--channel");
}

void TestCliArgs::invalid()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const ParseOutcome p = parseCommandLine(args, QString());
    QCOMPARE(p.status, ParseOutcome::Status::Error);
    QVERIFY2(p.error.contains(mentions), qPrintable(p.error));
    QVERIFY(!p.error.contains(QLatin1Char('\n'))); // one line on stderr
}

void TestCliArgs::serverUrlForms_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("used");
    QTest::newRow("ws") << QStringLiteral("ws://h:8080/ws") << QStringLiteral("ws://h:8080/ws");
    QTest::newRow("wss") << QStringLiteral("wss://h/ws") << QStringLiteral("wss://h/ws");
    QTest::newRow("https") << QStringLiteral("https://h:8443") << QStringLiteral("wss://h:8443/ws");
    QTest::newRow("https slash") << QStringLiteral("https://h:8443/") << QStringLiteral("wss://h:8443/ws");
    QTest::newRow("http /ws") << QStringLiteral("http://127.0.0.1:8080/ws") << QStringLiteral("ws://127.0.0.1:8080/ws");
}

void TestCliArgs::serverUrlForms()
{
    QFETCH(QString, given);
    QFETCH(QString, used);
    const ParseOutcome p = parseCommandLine(cmd({QStringLiteral("--server"), given, QStringLiteral("--listen")}));
    QVERIFY2(p.status == ParseOutcome::Status::Run, qPrintable(p.error));
    QCOMPARE(p.options.server.toString(), used);
}

void TestCliArgs::caFileWithoutCertificateIsRefused()
{
    QTemporaryFile notPem;
    QVERIFY(notPem.open());
    notPem.write("not a certificate\n");
    notPem.close();
    const ParseOutcome p = parseCommandLine(cmd({QStringLiteral("--listen"), QStringLiteral("--ca-file"), notPem.fileName()}));
    QCOMPARE(p.status, ParseOutcome::Status::Error);
    QVERIFY2(p.error.contains(QLatin1String("no PEM certificate in the CA file")), qPrintable(p.error));
}

void TestCliArgs::tokenOptions()
{
    const ParseOutcome given = parseCommandLine(cmd({QStringLiteral("--listen"), QStringLiteral("--token-file"),
                                                     QStringLiteral("/tmp/t.json"), QStringLiteral("--token"),
                                                     QStringLiteral("s3cret")}));
    QCOMPARE(given.status, ParseOutcome::Status::Run);
    QCOMPARE(given.options.tokenFile, QStringLiteral("/tmp/t.json"));
    QCOMPARE(given.options.token, QStringLiteral("s3cret"));

    const ParseOutcome defaults = parseCommandLine(cmd({QStringLiteral("--listen")}));
    QCOMPARE(defaults.options.tokenFile, defaultTokenFile()); // never empty: names stay claimed across runs
    QVERIFY(!defaults.options.tokenFile.isEmpty());
}

void TestCliArgs::helpAndVersion()
{
    QCOMPARE(parseCommandLine({QStringLiteral("collab-cli"), QStringLiteral("--help")}).status, ParseOutcome::Status::Help);
    QCOMPARE(parseCommandLine({QStringLiteral("collab-cli"), QStringLiteral("-h")}).status, ParseOutcome::Status::Help);
    QCOMPARE(parseCommandLine({QStringLiteral("collab-cli"), QStringLiteral("--version")}).status,
             ParseOutcome::Status::Version);
}

void TestCliArgs::helpDocumentsExitCodes()
{
    const QString help = helpText();
    for (const char *code : {"  0 ", "  2 ", "  3 ", "  4 ", "  5 "})
        QVERIFY2(help.contains(QLatin1String(code)), code);
    for (const char *option : {"--server", "--course", "--username", "--join-code", "--chat", "--edit", "--listen",
                               "--history", "--timeout", "--json", "COLLAB_JOIN_CODE"})
        QVERIFY2(help.contains(QLatin1String(option)), option);
    const QString actions = help.split(QLatin1Char('\n')).filter(QLatin1String("Actions")).value(0);
    QVERIFY2(actions.contains(QLatin1String("--print-note")), qPrintable(actions));
}

// Course interactions (issue 14): the contract's --reply-to, --question, --anonymous, --react ID EMOJI.
void TestCliArgs::interactionFlags()
{
    ParseOutcome p = parseCommandLine(cmd({QStringLiteral("--chat"), QStringLiteral("me too"), QStringLiteral("--reply-to"), QStringLiteral("42"),
                                           QStringLiteral("--question"), QStringLiteral("--anonymous")}));
    QCOMPARE(p.status, ParseOutcome::Status::Run);
    QCOMPARE(p.options.action, CliAction::Chat);
    QCOMPARE(p.options.replyTo, quint64(42));
    QVERIFY(p.options.question && p.options.anonymous);

    p = parseCommandLine(cmd({QStringLiteral("--react"), QStringLiteral("42"), QStringLiteral("👍")}));
    QCOMPARE(p.status, ParseOutcome::Status::Run);
    QCOMPARE(p.options.action, CliAction::Interact);
    const auto *react = std::get_if<collab::proto::React>(&*p.options.interact);
    QVERIFY(react);
    QCOMPARE(react->id, quint64(42));
    QCOMPARE(react->emoji, QStringLiteral("👍"));
    QVERIFY(react->active);

    p = parseCommandLine(cmd({QStringLiteral("--poll"), QStringLiteral("When?"), QStringLiteral("--choice"), QStringLiteral("Tue"),
                              QStringLiteral("--choice"), QStringLiteral("Thu"), QStringLiteral("--anonymous"), QStringLiteral("--poll-minutes"), QStringLiteral("2")}));
    QCOMPARE(p.status, ParseOutcome::Status::Run);
    const auto *poll = std::get_if<collab::proto::PollCreate>(&*p.options.interact);
    QVERIFY(poll);
    QCOMPARE(poll->options, (QStringList{QStringLiteral("Tue"), QStringLiteral("Thu")}));
    QVERIFY(poll->anonymous);
    QCOMPARE(poll->minutes, qint64(2));

    p = parseCommandLine(cmd({QStringLiteral("--vote"), QStringLiteral("7"), QStringLiteral("--choice"), QStringLiteral("1")}));
    QCOMPARE(std::get<collab::proto::PollVote>(*p.options.interact).options, QList<int>{1});

    const QList<std::pair<QStringList, QString>> refused{
        {cmd({QStringLiteral("--react"), QStringLiteral("42"), QStringLiteral("lol")}), QStringLiteral("not an emoji")},
        {cmd({QStringLiteral("--react"), QStringLiteral("42")}), QStringLiteral("EMOJI")},
        {cmd({QStringLiteral("--react"), QStringLiteral("x"), QStringLiteral("👍")}), QStringLiteral("--react")},
        {cmd({QStringLiteral("--reply-to"), QStringLiteral("42"), QStringLiteral("--listen")}), QStringLiteral("--chat")},
        {cmd({QStringLiteral("--chat"), QStringLiteral("x"), QStringLiteral("--reply-to"), QStringLiteral("zero")}), QStringLiteral("--reply-to")},
        {cmd({QStringLiteral("--poll"), QStringLiteral("q"), QStringLiteral("--choice"), QStringLiteral("only")}), QStringLiteral("--choice")},
        {cmd({QStringLiteral("--chat"), QStringLiteral("x"), QStringLiteral("--pin"), QStringLiteral("3")}), QStringLiteral("one action")},
        {cmd({QStringLiteral("--choice"), QStringLiteral("1"), QStringLiteral("--listen")}), QStringLiteral("--choice")},
        {cmd({QStringLiteral("--anonymity"), QStringLiteral("sometimes")}), QStringLiteral("--anonymity")},
    };
    for (const auto &[args, mentions] : refused) {
        const ParseOutcome r = parseCommandLine(args);
        QVERIFY2(r.status == ParseOutcome::Status::Error && r.error.contains(mentions), qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(" → ") + r.error));
    }
    for (const char *option : {"--reply-to", "--question", "--anonymous", "--react"})
        QVERIFY2(helpText().contains(QLatin1String(option)), option);
}

QTEST_GUILESS_MAIN(TestCliArgs)
#include "tst_cliargs.moc"
