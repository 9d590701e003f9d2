#pragma once

#include "client/tokenstore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace QKeychain {
class Job;
}

namespace collab::desktop {

// Where the desktop keeps what proves who its user is: the name tokens servers issued and the
// instructor secrets typed once. In the system keychain (Secret Service or KWallet on Linux, the
// macOS Keychain, the Windows Credential Manager; through QtKeychain) as one entry, or, where no
// keychain service answers within kKeychainTimeoutMs, in 0600 files: the token file the CLI also
// reads, and a secrets file beside it. Files found while the keychain works are moved into it and
// then removed (migration from the file-only versions).
class SecretVault : public QObject
{
    Q_OBJECT
public:
    enum class Backend { Closed, Keychain, File };
    Q_ENUM(Backend)

    static constexpr int kKeychainTimeoutMs = 5000;

    // `tokenFile`: the 0600 token file (read for migration, used when there is no keychain);
    // `service`: the keychain entry's service name (tests use their own).
    SecretVault(QString tokenFile, QString service = QStringLiteral("CourseCollab"), QObject *parent = nullptr);
    ~SecretVault() override;

    // Reads the keychain (or the files), merging and removing old files; emits opened() once.
    void open();
    // open() and wait for it, for at most kKeychainTimeoutMs plus a little: only at start-up, before
    // any window exists (a nested event loop).
    void openAndWait();
    Backend backend() const { return m_backend; }
    QString backendName() const;

    // The tokens, for CollabClient (ClientOptions::tokenStore); a token it saves is stored here.
    std::shared_ptr<client::TokenStore> tokenStore() const { return m_tokenStore; }
    QString instructorSecret(const QString &server, const QString &course, const QString &user) const;
    void saveInstructorSecret(const QString &server, const QString &course, const QString &user, const QString &secret);
    // Where the secrets live when there is no keychain: next to the token file.
    QString secretsFile() const;

Q_SIGNALS:
    void opened();
    // Every change so far is stored (in the keychain or the files).
    void stored();

private:
    void onKeychainRead(QKeychain::Job *job);
    void useFiles(const QString &why);
    void finishOpening(client::TokenStore::Tokens tokens, QHash<QString, QString> secrets);
    bool persist();
    void writeKeychain();
    void onKeychainWritten(QKeychain::Job *job);
    bool writeFiles();
    QByteArray serialized() const;

    QString m_tokenFile;
    QString m_service;
    Backend m_backend = Backend::Closed;
    bool m_opening = false;
    QPointer<QKeychain::Job> m_pendingRead;
    bool m_writing = false;
    bool m_dirty = false;
    bool m_removeFilesAfterWrite = false;
    client::TokenStore::Tokens m_tokens;
    QHash<QString, QString> m_secrets; // TokenStore::key(server, course, user) → instructor secret
    std::shared_ptr<client::TokenStore> m_tokenStore;
};

} // namespace collab::desktop
