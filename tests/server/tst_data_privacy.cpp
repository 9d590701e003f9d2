// What a collab-server process leaves for other local users to read: its data directory and
// databases under umask 022 (fresh, and made by hand 0755), and its start banner, which shows join
// codes only on a terminal or in demo mode — never in a service's journal (a pipe here).
#include "testserver.h"

#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

mode_t modeOf(const QString &path)
{
    struct stat st{};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_mode & 07777;
}

QString octal(mode_t mode)
{
    return QStringLiteral("%1").arg(uint(mode), 4, 8, QLatin1Char('0'));
}

// Every file directly in `dir` with its mode, for a readable failure.
QString listing(const QString &dir)
{
    QStringList out;
    for (const QString &name : QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System))
        out << name + QLatin1Char('=') + octal(modeOf(QDir(dir).filePath(name)));
    return out.join(QLatin1Char(' '));
}

// The process umask for one scope (the children started in it inherit it).
class UmaskScope
{
public:
    explicit UmaskScope(mode_t mask) : m_old(::umask(mask)) {}
    ~UmaskScope() { ::umask(m_old); }

private:
    mode_t m_old;
};

} // namespace

class TestDataPrivacy : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_configPath;

    QStringList arguments(const QString &dataDir, bool withConfig) const
    {
        QStringList args{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"), dataDir};
        if (withConfig)
            args << QStringLiteral("--config") << m_configPath;
        return args;
    }

    // Starts collab-server with stdout on a pipe and waits for its banner (up to the course
    // lines); returns what it printed, empty if it did not start.
    QByteArray start(QProcess &process, const QString &dataDir, bool withConfig)
    {
        process.setProgram(QStringLiteral(COLLAB_SERVER_BIN));
        process.setArguments(arguments(dataDir, withConfig));
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start();
        if (!process.waitForStarted(5000))
            return {};
        QByteArray printed;
        [[maybe_unused]] const bool whole = QTest::qWaitFor([&] {
            printed += process.readAllStandardOutput();
            return printed.contains("course CECS327") || process.state() == QProcess::NotRunning;
        }, 10000);
        return printed.contains("listening on http://127.0.0.1:") ? printed : QByteArray();
    }

    // Every file the server created in `dataDir` is 0600, the directory 0700.
    static void verifyPrivate(const QString &dataDir, const QStringList &expected)
    {
        QCOMPARE(octal(modeOf(dataDir)), QStringLiteral("0700"));
        const QStringList files = QDir(dataDir).entryList(QDir::Files | QDir::Hidden | QDir::System);
        for (const QString &name : expected)
            QVERIFY2(files.contains(name), qPrintable(name + QStringLiteral(" missing: ") + listing(dataDir)));
        for (const QString &name : files)
            QVERIFY2(modeOf(QDir(dataDir).filePath(name)) == 0600, qPrintable(listing(dataDir)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_configPath = m_dir.filePath(QStringLiteral("config.json"));
        QFile config(m_configPath);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QJsonDocument(TestServer::testConfig().toJson()).toJson());
    }

    void freshDataDirectoryIsPrivateUnderUmask022()
    {
        const UmaskScope umask(022);
        const QString dataDir = m_dir.filePath(QStringLiteral("fresh/data"));
        QProcess server;
        QVERIFY(!start(server, dataDir, true).isEmpty());
        verifyPrivate(dataDir, {QStringLiteral("collab.db"), QStringLiteral("identity.db")});
        // What the databases write later (WAL, shared memory) takes their mode too.
        const QStringList files = QDir(dataDir).entryList(QDir::Files);
        QVERIFY2(files.contains(QStringLiteral("collab.db-wal")), qPrintable(listing(dataDir)));
        server.kill();
        server.waitForFinished();
    }

    void handMadeDataDirectoryIsTightened()
    {
        const UmaskScope umask(022);
        const QString dataDir = m_dir.filePath(QStringLiteral("by-hand"));
        QVERIFY(QDir().mkpath(dataDir)); // as `mkdir` under umask 022 makes it
        QCOMPARE(octal(modeOf(dataDir)), QStringLiteral("0755"));
        QFile old(QDir(dataDir).filePath(QStringLiteral("collab.db"))); // left by an older version
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.close();
        QCOMPARE(octal(modeOf(old.fileName())), QStringLiteral("0644"));

        QProcess server;
        QVERIFY(!start(server, dataDir, true).isEmpty());
        verifyPrivate(dataDir, {QStringLiteral("collab.db"), QStringLiteral("identity.db")});
        QByteArray log;
        QVERIFY2(QTest::qWaitFor([&] {
            log += server.readAllStandardError();
            return log.contains("was open to other users (mode 0755): now 0700");
        }, 5000), log.constData());
        server.kill();
        server.waitForFinished();
    }

    void demoSecretsArePrivate()
    {
        const UmaskScope umask(022);
        const QString dataDir = m_dir.filePath(QStringLiteral("demo"));
        QProcess server;
        const QByteArray printed = start(server, dataDir, false);
        QVERIFY(!printed.isEmpty());
        verifyPrivate(dataDir, {QStringLiteral("demo-config.json"), QStringLiteral("collab.db")});
        // The demo prints its join code and API key, even into a pipe: whoever runs it needs them.
        QVERIFY2(printed.contains("join code: "), printed.constData());
        QVERIFY2(printed.contains("API key (demo-integration): "), printed.constData());
        server.kill();
        server.waitForFinished();
    }

    void bannerKeepsJoinCodesOutOfAJournal()
    {
        QProcess server;
        const QByteArray printed = start(server, m_dir.filePath(QStringLiteral("journal")), true);
        QVERIFY(!printed.isEmpty());
        QVERIFY2(printed.contains("course CECS327"), printed.constData());
        QVERIFY2(!printed.contains(TestServer::JoinCode), printed.constData());
        QVERIFY2(!printed.contains("join code:"), printed.constData());
        QVERIFY2(printed.contains("join codes are in the configuration file"), printed.constData());
        server.kill();
        server.waitForFinished();
    }

    void bannerShowsJoinCodesOnATerminal()
    {
        // stdout on a pseudo-terminal, as when someone runs the server by hand.
        const int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        QVERIFY(master >= 0);
        QVERIFY(::grantpt(master) == 0 && ::unlockpt(master) == 0);
        const QByteArray slavePath = ::ptsname(master);
        const int slave = ::open(slavePath.constData(), O_RDWR | O_NOCTTY);
        QVERIFY(slave >= 0);
        ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);

        QProcess server;
        server.setProgram(QStringLiteral(COLLAB_SERVER_BIN));
        server.setArguments(arguments(m_dir.filePath(QStringLiteral("terminal")), true));
        server.setChildProcessModifier([slave] { ::dup2(slave, STDOUT_FILENO); });
        server.start();
        QVERIFY(server.waitForStarted(5000));
        ::close(slave);
        QByteArray printed;
        const bool complete = QTest::qWaitFor([&] {
            char chunk[4096];
            ssize_t n;
            while ((n = ::read(master, chunk, sizeof chunk)) > 0)
                printed.append(chunk, n);
            return printed.contains("join code:") || server.state() == QProcess::NotRunning;
        }, 10000);
        server.kill();
        server.waitForFinished();
        ::close(master);
        QVERIFY2(complete, printed.constData());
        QVERIFY2(printed.contains(QByteArray(QByteArray("join code: ") + TestServer::JoinCode)), printed.constData());
    }
};

QTEST_GUILESS_MAIN(TestDataPrivacy)
#include "tst_data_privacy.moc"
