#include "secretvault.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>

#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcVault, "collab.desktop.vault")

namespace collab::desktop {

namespace {
// One keychain entry holds everything: one unlock prompt at most, one write per change.
const QString kEntryKey = QStringLiteral("secrets");

QJsonObject toJson(const QHash<QString, QString> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QHash<QString, QString> fromJson(const QJsonObject &o)
{
    QHash<QString, QString> map;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.value().isString())
            map.insert(it.key(), it.value().toString());
    return map;
}

// Adds what `from` has and `into` lacks (the keychain's entries win over an old file's).
void mergeMissing(QHash<QString, QString> &into, const QHash<QString, QString> &from)
{
    for (auto it = from.cbegin(); it != from.cend(); ++it)
        if (!into.contains(it.key()))
            into.insert(it.key(), it.value());
}
} // namespace

SecretVault::SecretVault(QString tokenFile, QString service, QObject *parent)
    : QObject(parent), m_tokenFile(std::move(tokenFile)), m_service(std::move(service))
{
}

SecretVault::~SecretVault() = default;

QString SecretVault::secretsFile() const
{
    return QFileInfo(m_tokenFile).absolutePath() + QStringLiteral("/desktop-secrets.json");
}

QString SecretVault::backendName() const
{
    switch (m_backend) {
    case Backend::Keychain:
        return QStringLiteral("the system keychain");
    case Backend::File:
        return m_tokenFile;
    case Backend::Closed:
        break;
    }
    return QStringLiteral("(not open)");
}

void SecretVault::open()
{
    if (m_opening || m_backend != Backend::Closed)
        return;
    m_opening = true;
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(kEntryKey);
    m_pendingRead = job;
    connect(job, &QKeychain::Job::finished, this, &SecretVault::onKeychainRead);
    // A keychain that never answers (a locked wallet nobody unlocks, a hung service) must not keep
    // the app from starting: after the timeout this run uses the files.
    QTimer::singleShot(kKeychainTimeoutMs, this, [this] {
        if (m_opening)
            useFiles(QStringLiteral("the keychain did not answer within %1 s").arg(kKeychainTimeoutMs / 1000));
    });
    job->start();
}

void SecretVault::openAndWait()
{
    if (m_backend != Backend::Closed)
        return;
    QEventLoop loop;
    connect(this, &SecretVault::opened, &loop, &QEventLoop::quit);
    open();
    if (m_backend == Backend::Closed)
        loop.exec();
}

void SecretVault::onKeychainRead(QKeychain::Job *job)
{
    if (job != m_pendingRead || !m_opening)
        return; // answered after the timeout: this run already uses the files
    m_pendingRead = nullptr;
    client::TokenStore::Tokens tokens;
    QHash<QString, QString> secrets;
    if (job->error() == QKeychain::NoError) {
        const QJsonObject stored = QJsonDocument::fromJson(static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData()).object();
        tokens = fromJson(stored.value(QStringLiteral("tokens")).toObject());
        secrets = fromJson(stored.value(QStringLiteral("secrets")).toObject());
    } else if (job->error() != QKeychain::EntryNotFound) { // not found: a working keychain, first run
        useFiles(QStringLiteral("no keychain: ") + job->errorString());
        return;
    }
    m_backend = Backend::Keychain;
    // Migration: what earlier versions (or runs without a keychain) left in the files moves in.
    const bool filesExist = QFile::exists(m_tokenFile) || QFile::exists(secretsFile());
    mergeMissing(tokens, client::TokenStore::readFile(m_tokenFile));
    mergeMissing(secrets, client::TokenStore::readFile(secretsFile()));
    finishOpening(std::move(tokens), std::move(secrets));
    if (filesExist) {
        m_removeFilesAfterWrite = true; // once the keychain holds them
        persist();
    }
}

void SecretVault::useFiles(const QString &why)
{
    m_pendingRead = nullptr;
    m_backend = Backend::File;
    qCInfo(lcVault).noquote() << "keeping name tokens and instructor secrets in" << m_tokenFile << "(mode 0600):" << why;
    finishOpening(client::TokenStore::readFile(m_tokenFile), client::TokenStore::readFile(secretsFile()));
}

void SecretVault::finishOpening(client::TokenStore::Tokens tokens, QHash<QString, QString> secrets)
{
    m_opening = false;
    m_tokens = std::move(tokens);
    m_secrets = std::move(secrets);
    QPointer<SecretVault> self(this);
    m_tokenStore = std::make_shared<client::TokenStore>(m_tokens, [self](const client::TokenStore::Tokens &all) {
        if (!self)
            return false; // the app is closing
        self->m_tokens = all;
        return self->persist();
    });
    Q_EMIT opened();
}

QString SecretVault::instructorSecret(const QString &server, const QString &course, const QString &user) const
{
    return m_secrets.value(client::TokenStore::key(server, course, user));
}

void SecretVault::saveInstructorSecret(const QString &server, const QString &course, const QString &user, const QString &secret)
{
    const QString key = client::TokenStore::key(server, course, user);
    if (m_secrets.value(key) == secret)
        return;
    m_secrets.insert(key, secret);
    persist();
}

bool SecretVault::persist()
{
    switch (m_backend) {
    case Backend::File:
        return writeFiles();
    case Backend::Keychain:
        // One write at a time, the latest state last.
        if (m_writing)
            m_dirty = true;
        else
            writeKeychain();
        return true;
    case Backend::Closed:
        break;
    }
    return false;
}

QByteArray SecretVault::serialized() const
{
    QJsonObject o;
    o.insert(QStringLiteral("tokens"), toJson(m_tokens));
    o.insert(QStringLiteral("secrets"), toJson(m_secrets));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void SecretVault::writeKeychain()
{
    m_writing = true;
    m_dirty = false;
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(kEntryKey);
    job->setBinaryData(serialized());
    connect(job, &QKeychain::Job::finished, this, &SecretVault::onKeychainWritten);
    job->start();
}

void SecretVault::onKeychainWritten(QKeychain::Job *job)
{
    m_writing = false;
    if (job->error() != QKeychain::NoError) {
        // Never lose a token: keep them in the files from now on.
        qCWarning(lcVault).noquote() << "cannot write to the keychain:" << job->errorString() << "- using" << m_tokenFile;
        m_backend = Backend::File;
        m_removeFilesAfterWrite = false;
        writeFiles();
        Q_EMIT stored();
        return;
    }
    if (m_removeFilesAfterWrite) {
        m_removeFilesAfterWrite = false;
        QFile::remove(m_tokenFile);
        QFile::remove(secretsFile());
        qCInfo(lcVault).noquote() << "moved the name tokens and instructor secrets of" << m_tokenFile << "into the keychain";
    }
    if (m_dirty)
        writeKeychain();
    else
        Q_EMIT stored();
}

bool SecretVault::writeFiles()
{
    const bool ok = client::TokenStore::writeFile(m_tokenFile, m_tokens)
                    && (m_secrets.isEmpty() ? !QFile::exists(secretsFile()) || QFile::remove(secretsFile())
                                            : client::TokenStore::writeFile(secretsFile(), m_secrets));
    Q_EMIT stored();
    return ok;
}

} // namespace collab::desktop
