// Name tokens and instructor secrets in a real keychain (issue 12, part 9): a private D-Bus session
// bus with gnome-keyring's Secret Service, unlocked with a test password, as a desktop session has
// it. The files earlier versions wrote move into the keychain and disappear; a name claimed through
// the app is joined again after a restart with the token from the keychain. (Without any keychain
// service: tst_secret_vault_files.)
#include "desktopfixture.h"
#include "secretvault.h"

#include "client/tokenstore.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using collab::desktop::SecretVault;
using collab::client::TokenStore;

class TestSecretVault : public QObject, protected DesktopFixture
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QProcess m_bus;
    QProcess m_keyring;
    QString m_service = QStringLiteral("CourseCollab-test-%1").arg(QCoreApplication::applicationPid());

    QString path(const QString &name) const { return m_home.filePath(name); }

    static bool waitStored(SecretVault &vault)
    {
        QSignalSpy stored(&vault, &SecretVault::stored);
        return stored.wait(10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
        // The keyring lives in this test's home, never the user's.
        QDir(m_home.path()).mkpath(QStringLiteral("run"));
        QFile::setPermissions(path(QStringLiteral("run")), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), path(QStringLiteral("run")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("share")));
        env.remove(QStringLiteral("DISPLAY"));
        const QString address = QStringLiteral("unix:path=%1").arg(path(QStringLiteral("run/bus")));
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);

        m_bus.setProcessEnvironment(env);
        m_bus.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--session"), QStringLiteral("--nofork"),
                                                    QStringLiteral("--address=") + address});
        QVERIFY2(m_bus.waitForStarted(10000), "dbus-daemon (scripts/install-deps.sh installs it)");
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path(QStringLiteral("run/bus"))), 10000);

        m_keyring.setProcessEnvironment(env);
        m_keyring.start(QStringLiteral("gnome-keyring-daemon"),
                        {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
        QVERIFY2(m_keyring.waitForStarted(10000), "gnome-keyring-daemon (scripts/install-deps.sh installs it)");
        m_keyring.write("test-password");
        m_keyring.closeWriteChannel();

        // This process talks to that bus from now on (Qt and libsecret read it at first use).
        qputenv("DBUS_SESSION_BUS_ADDRESS", address.toLocal8Bit());
        qunsetenv("DISPLAY");
        QTRY_VERIFY_WITH_TIMEOUT(QDBusConnection::sessionBus().interface()
                                     && QDBusConnection::sessionBus().interface()->isServiceRegistered(QStringLiteral("org.freedesktop.secrets")),
                                 10000);
    }

    void cleanupTestCase()
    {
        for (QProcess *p : {&m_keyring, &m_bus}) {
            p->terminate();
            if (!p->waitForFinished(5000))
                p->kill();
        }
    }

    // What the file-only versions left behind moves into the keychain; the files go.
    void filesMoveIntoTheKeychain()
    {
        const QString tokens = path(QStringLiteral("data/desktop-tokens.json"));
        QVERIFY(TokenStore::writeFile(tokens, {{TokenStore::key(QStringLiteral("ws://h/ws"), QStringLiteral("CECS327"),
                                                                QStringLiteral("angie.nguyen")),
                                                QStringLiteral("tok-1")}}));
        SecretVault probe(tokens, m_service);
        QVERIFY(TokenStore::writeFile(probe.secretsFile(), {{TokenStore::key(QStringLiteral("ws://h/ws"), QStringLiteral("CECS327"),
                                                                             QStringLiteral("prof.lee")),
                                                             QStringLiteral("s3cret")}}));

        SecretVault vault(tokens, m_service);
        QSignalSpy stored(&vault, &SecretVault::stored);
        vault.openAndWait();
        QCOMPARE(vault.backend(), SecretVault::Backend::Keychain);
        QCOMPARE(vault.tokenStore()->token(QStringLiteral("ws://h/ws"), QStringLiteral("CECS327"), QStringLiteral("Angie.Nguyen")),
                 QStringLiteral("tok-1"));
        QCOMPARE(vault.instructorSecret(QStringLiteral("ws://h/ws"), QStringLiteral("CECS327"), QStringLiteral("prof.lee")),
                 QStringLiteral("s3cret"));
        QVERIFY(stored.wait(10000));
        QVERIFY(!QFile::exists(tokens));
        QVERIFY(!QFile::exists(vault.secretsFile()));

        // Another run reads them from the keychain alone.
        SecretVault again(tokens, m_service);
        again.openAndWait();
        QCOMPARE(again.backend(), SecretVault::Backend::Keychain);
        QCOMPARE(again.tokenStore()->token(QStringLiteral("ws://h/ws"), QStringLiteral("CECS327"), QStringLiteral("angie.nguyen")),
                 QStringLiteral("tok-1"));
        QCOMPARE(again.instructorSecret(QStringLiteral("ws://h/ws"), QStringLiteral("CECS327"), QStringLiteral("prof.lee")),
                 QStringLiteral("s3cret"));
        QVERIFY(!QFile::exists(tokens));
    }

    // A name claimed in a window is joined again after a restart with the token in the keychain;
    // without it the server refuses the name (it is taken).
    void aClaimedNameSurvivesARestart()
    {
        QVERIFY(startDesktops());
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady(), 10000);
        const QString tokens = path(QStringLiteral("e2e/desktop-tokens.json"));
        collab::desktop::SessionParams params = paramsFor(QStringLiteral("carla.nunez"));
        {
            SecretVault vault(tokens, m_service + QStringLiteral("-e2e"));
            vault.openAndWait();
            QCOMPARE(vault.backend(), SecretVault::Backend::Keychain);
            params.tokenStore = vault.tokenStore();
            QSignalSpy stored(&vault, &SecretVault::stored);
            auto carla = openWindow(params);
            QTRY_VERIFY_WITH_TIMEOUT(carla->session->isReady(), 10000);
            QVERIFY(stored.wait(10000) || stored.count() > 0);
            QVERIFY(!QFile::exists(tokens)); // in the keychain, not in a file
        }
        {
            // Without the token: refused.
            params.tokenStore = std::make_shared<TokenStore>();
            auto impostor = openWindow(params);
            QSignalSpy failed(impostor->session.get(), &collab::desktop::CourseSession::joinFailed);
            QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        }
        SecretVault restarted(tokens, m_service + QStringLiteral("-e2e"));
        restarted.openAndWait();
        params.tokenStore = restarted.tokenStore();
        auto carla = openWindow(params);
        QTRY_VERIFY_WITH_TIMEOUT(carla->session->isReady(), 10000);
        QCOMPARE(carla->session->user(), QStringLiteral("carla.nunez"));
        carla.reset();
        stopDesktops();
    }
};

QTEST_MAIN(TestSecretVault)
#include "tst_secret_vault.moc"
