#include "clirun.h"

#include <QProcess>
#include <QTest>

int runCli(const QString &binary, const QString &tokenFile, const QStringList &args, QString *out, QString *err, int timeoutMs,
           const QProcessEnvironment &environment)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("COLLAB_TOKEN_FILE"), tokenFile);
    for (const QString &key : environment.keys())
        env.insert(key, environment.value(key));
    p.setProcessEnvironment(env);
    p.start(binary, args);
    if (!p.waitForStarted(10000) || !QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return -1;
    }
    *out = QString::fromUtf8(p.readAllStandardOutput());
    *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QStringList cliJoinArgs(const QUrl &server, const QString &course, const QString &user, const QString &joinCode)
{
    return {QStringLiteral("--server"), server.toString(), QStringLiteral("--course"), course,
            QStringLiteral("--username"), user, QStringLiteral("--join-code"), joinCode};
}
