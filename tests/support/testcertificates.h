#pragma once

#include <QString>
#include <QTemporaryDir>

// A throw-away PKI made with the openssl binary at test time (EC P-256, valid for 2 days):
// a root CA, an intermediate CA, and a server certificate for 127.0.0.1 and localhost issued by
// the intermediate. chainFile() holds the server certificate then the intermediate, as a real
// deployment's chain file does; clients trust rootFile() only.
class TestCertificates
{
public:
    // Empty on success, else what failed (with openssl's own message).
    QString generate();

    QString rootFile() const { return path("root.pem"); }
    QString chainFile() const { return path("chain.pem"); }
    QString keyFile() const { return path("server.key"); }
    QString otherKeyFile() const { return path("other.key"); } // a valid key of no certificate
    QString dir() const { return m_dir.path(); }

private:
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    QString openssl(const QStringList &args);

    QTemporaryDir m_dir;
};
