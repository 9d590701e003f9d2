#include "testcertificates.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

namespace {

const char Extensions[] = R"([req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
)";

QString serial() { return QStringLiteral("0x%1").arg(QRandomGenerator::global()->generate64(), 0, 16); }

} // namespace

QString TestCertificates::openssl(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000)) {
        p.kill();
        return QStringLiteral("openssl %1: timed out").arg(args.join(QLatin1Char(' ')));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("openssl %1 failed (%2): %3")
            .arg(args.join(QLatin1Char(' ')), p.errorString(), QString::fromLocal8Bit(p.readAll()));
    return {};
}

QString TestCertificates::generate()
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    QFile ext(path("ext.cnf"));
    if (!ext.open(QIODevice::WriteOnly) || ext.write(Extensions) < 0)
        return QStringLiteral("cannot write %1").arg(ext.fileName());
    ext.close();
    const QString cnf = ext.fileName();
    const auto key = [](const char *file) {
        return QStringList{QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
                           QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                           QStringLiteral("-out"), QLatin1String(file)};
    };
    const auto request = [&](const char *keyFile, const char *csr, const char *cn) {
        return QStringList{QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), QLatin1String(keyFile),
                           QStringLiteral("-out"), QLatin1String(csr), QStringLiteral("-subj"), QLatin1String(cn),
                           QStringLiteral("-config"), cnf};
    };
    const auto sign = [&](const char *csr, const char *caCert, const char *caKey, const char *out, const char *section) {
        return QStringList{QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QLatin1String(csr),
                           QStringLiteral("-CA"), QLatin1String(caCert), QStringLiteral("-CAkey"), QLatin1String(caKey),
                           QStringLiteral("-set_serial"), serial(), QStringLiteral("-days"), QStringLiteral("2"),
                           QStringLiteral("-out"), QLatin1String(out), QStringLiteral("-extfile"), cnf,
                           QStringLiteral("-extensions"), QLatin1String(section)};
    };
    const QList<QStringList> steps{
        key("root.key"), key("intermediate.key"), key("server.key"), key("other.key"),
        {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-x509"), QStringLiteral("-key"),
         QStringLiteral("root.key"), QStringLiteral("-out"), QStringLiteral("root.pem"), QStringLiteral("-days"),
         QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=CourseCollab Test Root"),
         QStringLiteral("-config"), cnf, QStringLiteral("-extensions"), QStringLiteral("ca")},
        request("intermediate.key", "intermediate.csr", "/CN=CourseCollab Test Intermediate"),
        sign("intermediate.csr", "root.pem", "root.key", "intermediate.pem", "ca"),
        request("server.key", "server.csr", "/CN=127.0.0.1"),
        sign("server.csr", "intermediate.pem", "intermediate.key", "server.pem", "server"),
    };
    for (const QStringList &step : steps) {
        if (const QString error = openssl(step); !error.isEmpty())
            return error;
    }
    QFile server(path("server.pem"));
    QFile intermediate(path("intermediate.pem"));
    QFile chain(chainFile());
    if (!server.open(QIODevice::ReadOnly) || !intermediate.open(QIODevice::ReadOnly) || !chain.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1").arg(chainFile());
    chain.write(server.readAll() + intermediate.readAll());
    return {};
}
