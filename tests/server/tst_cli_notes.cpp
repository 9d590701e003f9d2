// The prototype's --edit actions as real note edits, end to end: two collab-cli processes editing
// the same note at the same time as a REST client, then --print-note, all agree on the text.
#include "testserver.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCliNotes : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QTemporaryDir m_tokens;

    QProcess *startCli(const QString &user, const QStringList &action)
    {
        auto *p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("COLLAB_TOKEN_FILE"), m_tokens.filePath(user + QStringLiteral(".json")));
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(COLLAB_CLI_BIN),
                 QStringList{QStringLiteral("--server"), m_server.wsUrl().toString(), QStringLiteral("--course"), QStringLiteral("CECS327"),
                             QStringLiteral("--username"), user, QStringLiteral("--join-code"), QString::fromLatin1(TestServer::JoinCode)}
                     + action);
        return p;
    }

    static bool finishedOk(QProcess *p)
    {
        return QTest::qWaitFor([p] { return p->state() == QProcess::NotRunning; }, 20000) && p->exitStatus() == QProcess::NormalExit
               && p->exitCode() == 0;
    }

    QString restText()
    {
        QNetworkAccessManager http;
        QNetworkRequest request(m_server.httpUrl(QStringLiteral("/api/v1/courses/CECS327/notes/class-notes")));
        request.setRawHeader("Authorization", QByteArray("Bearer ") + TestServer::ApiKey);
        QNetworkReply *reply = http.get(request);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            return {};
        const QString text = QJsonDocument::fromJson(reply->readAll()).object().value(QLatin1String("text")).toString();
        reply->deleteLater();
        return text;
    }

    bool restAppend(const QString &line)
    {
        QNetworkAccessManager http;
        QNetworkRequest request(m_server.httpUrl(QStringLiteral("/api/v1/courses/CECS327/notes/class-notes/edits")));
        request.setRawHeader("Authorization", QByteArray("Bearer ") + TestServer::ApiKey);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = http.post(request, QJsonDocument(QJsonObject{{QStringLiteral("op"), QStringLiteral("append")},
                                                                            {QStringLiteral("text"), line}}).toJson());
        const bool ok = QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000)
                        && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
        reply->deleteLater();
        return ok;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    void concurrentCliAndRestEditsAgree()
    {
        QList<QProcess *> running;
        for (int i = 0; i < 3; ++i) {
            // Distinct names: concurrent first joins of one name would race for its claim.
            running << startCli(QStringLiteral("angie.nguyen.%1").arg(i), {QStringLiteral("--edit"), QStringLiteral("insert_line"),
                                                                 QStringLiteral("--text"), QStringLiteral("angie %1").arg(i)});
            running << startCli(QStringLiteral("ben.ortiz.%1").arg(i), {QStringLiteral("--edit"), QStringLiteral("insert_line"), QStringLiteral("--line"),
                                                              QStringLiteral("0"), QStringLiteral("--text"), QStringLiteral("ben %1").arg(i)});
            QVERIFY(restAppend(QStringLiteral("\nrest %1").arg(i)));
        }
        for (QProcess *p : running)
            QVERIFY2(finishedOk(p), p->readAllStandardError().constData());
        QVERIFY(restAppend(QStringLiteral(" scratch")));
        QProcess *del = startCli(QStringLiteral("ben.ortiz"), {QStringLiteral("--edit"), QStringLiteral("delete_word")});
        QVERIFY2(finishedOk(del), del->readAllStandardError().constData());

        const QString text = restText();
        QVERIFY(!text.contains(QStringLiteral("scratch"))); // delete_word took the last word
        for (int i = 0; i < 3; ++i) {
            QVERIFY(text.contains(QStringLiteral("angie %1").arg(i)));
            QVERIFY(text.contains(QStringLiteral("ben %1").arg(i)));
        }
        QProcess *print = startCli(QStringLiteral("carla.diaz"), {QStringLiteral("--print-note")});
        QVERIFY(finishedOk(print));
        QString printed = QString::fromUtf8(print->readAllStandardOutput());
        if (!text.endsWith(QLatin1Char('\n')))
            printed.chop(1); // the CLI ends its output with a newline
        QCOMPARE(printed, text);
    }
};

QTEST_GUILESS_MAIN(TestCliNotes)
#include "tst_cli_notes.moc"
