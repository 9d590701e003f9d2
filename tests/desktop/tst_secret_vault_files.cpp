// Where no keychain service runs (no D-Bus session, as on a bare server or in a container), the
// desktop keeps name tokens and instructor secrets in 0600 files, and a later run reads them back.
// (With a keychain: tst_secret_vault.)
#include "secretvault.h"

#include "client/tokenstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using collab::desktop::SecretVault;
using collab::client::TokenStore;

class TestSecretVaultFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // No session bus to find, and none to start.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY");
        qunsetenv("WAYLAND_DISPLAY");
    }

    void withoutAKeychainTheFilesKeepThem()
    {
        QTemporaryDir dir;
        const QString tokens = dir.filePath(QStringLiteral("CourseCollab/desktop-tokens.json"));
        {
            SecretVault vault(tokens, QStringLiteral("CourseCollab-test-files"));
            vault.openAndWait();
            QCOMPARE(vault.backend(), SecretVault::Backend::File);
            QSignalSpy stored(&vault, &SecretVault::stored);
            QVERIFY(vault.tokenStore()->save(QStringLiteral("ws://h/ws"), QStringLiteral("CECS327"), QStringLiteral("angie.nguyen"),
                                             QStringLiteral("tok-1")));
            vault.saveInstructorSecret(QStringLiteral("ws://h/ws"), QStringLiteral("CECS327"), QStringLiteral("prof.lee"),
                                       QStringLiteral("s3cret"));
            QCOMPARE(stored.count(), 2); // written at once
            for (const QString &file : {tokens, vault.secretsFile()}) {
                QVERIFY2(QFile::exists(file), qPrintable(file));
                QCOMPARE(QFile::permissions(file) & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                                                     | QFileDevice::WriteOther),
                         QFileDevice::Permissions());
            }
            // The CLI reads the same token file.
            QCOMPARE(TokenStore(tokens).token(QStringLiteral("ws://h/ws"), QStringLiteral("CECS327"), QStringLiteral("angie.nguyen")),
                     QStringLiteral("tok-1"));
        }
        SecretVault again(tokens, QStringLiteral("CourseCollab-test-files"));
        again.openAndWait();
        QCOMPARE(again.backend(), SecretVault::Backend::File);
        QCOMPARE(again.tokenStore()->token(QStringLiteral("ws://h/ws"), QStringLiteral("CECS327"), QStringLiteral("angie.nguyen")),
                 QStringLiteral("tok-1"));
        QCOMPARE(again.instructorSecret(QStringLiteral("ws://h/ws"), QStringLiteral("CECS327"), QStringLiteral("prof.lee")),
                 QStringLiteral("s3cret"));
    }
};

QTEST_GUILESS_MAIN(TestSecretVaultFiles)
#include "tst_secret_vault_files.moc"
