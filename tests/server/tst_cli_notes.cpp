// The prototype's --edit actions as real note edits, end to end: two collab-cli processes editing
// the same note at the same time as a REST client, then --print-note, all agree on the text.
// Then the note as a document: collab-cli --export-note FILE --format md|html|pdf, and REST's
// GET …/notes/{note}?format=markdown|html.
#include "testserver.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
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

    // GET of `path` with the API key: status, Content-Type, headers and body.
    struct Answer
    {
        int status = 0;
        QByteArray contentType;
        QByteArray csp;
        QByteArray body;
    };
    Answer restGet(const QString &path)
    {
        QNetworkAccessManager http;
        QNetworkRequest request(m_server.httpUrl(path));
        request.setRawHeader("Authorization", QByteArray("Bearer ") + TestServer::ApiKey);
        QNetworkReply *reply = http.get(request);
        Answer a;
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            return a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.contentType = reply->rawHeader("Content-Type");
        a.csp = reply->rawHeader("Content-Security-Policy");
        a.body = reply->readAll();
        reply->deleteLater();
        return a;
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

    void noteExportsAsDocuments()
    {
        QVERIFY(restAppend(QStringLiteral("\n# Exported\n\nCost $O(n \\log n)$.\n\n```c\nint x = 42;\n```\n\n"
                                          "<script>alert(1)</script> [bad](javascript:alert(1)) [good](https://example.org)\n"
                                          "![pixel](https://tracker.example/p.png)\n")));
        const QString text = restText();

        // REST: the raw Markdown, and a safe HTML page; without format, JSON as before.
        const Answer md = restGet(QStringLiteral("/api/v1/courses/CECS327/notes/class-notes?format=markdown"));
        QCOMPARE(md.status, 200);
        QVERIFY(md.contentType.startsWith("text/markdown"));
        QCOMPARE(QString::fromUtf8(md.body), text);
        const Answer html = restGet(QStringLiteral("/api/v1/courses/CECS327/notes/class-notes?format=html"));
        QCOMPARE(html.status, 200);
        QVERIFY(html.contentType.startsWith("text/html"));
        QVERIFY(html.csp.contains("default-src 'none'"));
        QVERIFY(html.body.contains("<h1>Exported</h1>"));
        QVERIFY(html.body.contains("<span class=\"math inline\">\\(O(n \\log n)\\)</span>"));
        QVERIFY(html.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        QVERIFY(!html.body.contains("javascript:"));
        QVERIFY(html.body.contains("href=\"https://example.org\""));
        QVERIFY(!html.body.contains("<img")); // an image is a link: opening the page fetches nothing
        QVERIFY(html.body.contains("href=\"https://tracker.example/p.png\""));
        QVERIFY(html.body.contains("int x = 42;"));
        QCOMPARE(restGet(QStringLiteral("/api/v1/courses/CECS327/notes/class-notes?format=pdf")).status, 400);
        QCOMPARE(restGet(QStringLiteral("/api/v1/courses/CECS327/notes/nope?format=html")).status, 404);
        const Answer json = restGet(QStringLiteral("/api/v1/courses/CECS327/notes/class-notes"));
        QVERIFY(json.contentType.startsWith("application/json"));

        // collab-cli --export-note, in the three formats.
        QTemporaryDir dir;
#ifndef COLLAB_CLI_RICHTEXT_BUILD
        // Built with COLLAB_BUILD_DESKTOP=OFF: Markdown only, and html/pdf refused in words (exit 2).
        QProcess *mdExport = startCli(QStringLiteral("dana.lee"), {QStringLiteral("--export-note"), dir.filePath(QStringLiteral("n.out.md"))});
        QVERIFY2(finishedOk(mdExport), mdExport->readAllStandardError().constData());
        QFile exported(dir.filePath(QStringLiteral("n.out.md")));
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(exported.readAll()), text);
        for (const QString &format : {QStringLiteral("html"), QStringLiteral("pdf")}) {
            QProcess *p = startCli(QStringLiteral("dana.lee"), {QStringLiteral("--export-note"), dir.filePath(QStringLiteral("n.out.") + format)});
            QVERIFY(QTest::qWaitFor([p] { return p->state() == QProcess::NotRunning; }, 20000));
            QCOMPARE(p->exitCode(), 2);
            QVERIFY(p->readAllStandardError().contains("built without rich text"));
            QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("n.out.") + format)));
        }
        return;
#endif
        for (const QString &format : {QStringLiteral("md"), QStringLiteral("html"), QStringLiteral("pdf")}) {
            QProcess *p = startCli(QStringLiteral("dana.lee"), {QStringLiteral("--export-note"), dir.filePath(QStringLiteral("n.out.") + format),
                                                                QStringLiteral("--format"), format});
            QVERIFY2(finishedOk(p), p->readAllStandardError().constData());
            QVERIFY(QString::fromUtf8(p->readAllStandardOutput()).contains(QLatin1String("exported to")));
        }
        QFile mdFile(dir.filePath(QStringLiteral("n.out.md")));
        QVERIFY(mdFile.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(mdFile.readAll()), text);
        QFile htmlFile(dir.filePath(QStringLiteral("n.out.html")));
        QVERIFY(htmlFile.open(QIODevice::ReadOnly));
        const QByteArray page = htmlFile.readAll();
        QVERIFY(page.contains("Exported"));
        QCOMPARE(page.count("data:image/svg+xml;base64,"), 1); // the formula, typeset, inline
        QVERIFY(!page.contains("javascript:"));
        QVERIFY(!page.contains("src=\"http"));
        QProcess pdftotext;
        pdftotext.start(QStandardPaths::findExecutable(QStringLiteral("pdftotext")),
                        {dir.filePath(QStringLiteral("n.out.pdf")), QStringLiteral("-")});
        QVERIFY(pdftotext.waitForFinished(30000));
        const QString pdf = QString::fromUtf8(pdftotext.readAllStandardOutput());
        QVERIFY2(pdf.contains(QLatin1String("Exported")), qPrintable(pdf));
        QVERIFY(pdf.contains(QLatin1String("int x = 42;")));

        // A format it does not know is a usage error, and writes nothing.
        QProcess *bad = startCli(QStringLiteral("dana.lee"), {QStringLiteral("--export-note"), dir.filePath(QStringLiteral("n.doc"))});
        QVERIFY(QTest::qWaitFor([bad] { return bad->state() == QProcess::NotRunning; }, 20000));
        QCOMPARE(bad->exitCode(), 2);
        QVERIFY(bad->readAllStandardError().contains("--format must be md, html or pdf"));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("n.doc"))));
    }
};

QTEST_GUILESS_MAIN(TestCliNotes)
#include "tst_cli_notes.moc"
