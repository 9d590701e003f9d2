#include "transport/tlscredentials.h"

#include <QtCore/QFile>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>
#include <QtNetwork/QSslSocket>

#if defined(Q_OS_UNIX) && defined(Q_OS_LINUX)
#include <sys/socket.h>
#include <unistd.h>
#else
#include <QTcpServer>
#include <QTcpSocket>
#endif

namespace collab::server {

namespace {

bool readFile(const QString &path, const char *what, QByteArray *bytes, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the TLS %1 %2: %3").arg(QLatin1String(what), path, file.errorString());
        return false;
    }
    *bytes = file.readAll();
    return true;
}

QSslKey parseKey(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

// Qt has no call that checks a key against a certificate; OpenSSL does it when Qt builds the TLS
// context, which startServerEncryption() does synchronously. A socketpair gives it a socket that
// never sees a byte: a mismatch is reported at once, a good pair just waits for a ClientHello.
#if defined(Q_OS_UNIX) && defined(Q_OS_LINUX)
QString contextError(const QSslConfiguration &configuration)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0)
        return {};
    QString error;
    {
        QSslSocket probe;
        if (probe.setSocketDescriptor(fds[0])) {
            probe.setSslConfiguration(configuration);
            QObject::connect(&probe, &QSslSocket::errorOccurred, &probe, [&probe, &error] {
                if (error.isEmpty())
                    error = probe.errorString();
            });
            probe.startServerEncryption();
            probe.abort();
        } else {
            ::close(fds[0]);
        }
    }
    ::close(fds[1]);
    return error;
}
#else
// Elsewhere (COLLAB_PORTABLE: macOS has no SOCK_NONBLOCK, Windows no socketpair): one loopback TCP
// connection plays the socketpair's part; its accepted descriptor goes straight to the probe.
class DescriptorServer : public QTcpServer
{
public:
    qintptr descriptor = -1;

protected:
    void incomingConnection(qintptr socketDescriptor) override { descriptor = socketDescriptor; }
};

QString contextError(const QSslConfiguration &configuration)
{
    DescriptorServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return {};
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    if (!server.waitForNewConnection(5000) || server.descriptor < 0)
        return {};
    QString error;
    QSslSocket probe;
    if (probe.setSocketDescriptor(server.descriptor)) {
        probe.setSslConfiguration(configuration);
        QObject::connect(&probe, &QSslSocket::errorOccurred, &probe, [&probe, &error] {
            if (error.isEmpty())
                error = probe.errorString();
        });
        probe.startServerEncryption();
        probe.abort();
    }
    return error;
}
#endif

} // namespace

QSslConfiguration TlsCredentials::load(const QString &certificateChainFile, const QString &privateKeyFile,
                                       QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("TLS is not available: Qt has no working TLS backend (OpenSSL 3)");
        return {};
    }
    QByteArray certificatePem;
    QByteArray keyPem;
    if (!readFile(certificateChainFile, "certificate", &certificatePem, error)
        || !readFile(privateKeyFile, "key", &keyPem, error))
        return {};
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("no PEM certificate in %1").arg(certificateChainFile);
        return {};
    }
    const QSslKey key = parseKey(keyPem);
    if (key.isNull()) {
        *error = QStringLiteral("no unencrypted PEM private key (RSA, EC or DSA) in %1").arg(privateKeyFile);
        return {};
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    if (const QString problem = contextError(configuration); !problem.isEmpty()) {
        *error = QStringLiteral("the TLS key %1 does not fit the certificate %2: %3")
                     .arg(privateKeyFile, certificateChainFile, problem);
        return {};
    }
    return configuration;
}

} // namespace collab::server
