// JsonWriter: the bytes it writes equal QJsonDocument::toJson(Compact) of the same object, for
// every kind of text a client can send (escapes, control characters, non-ASCII, surrogates).
#include "model/chatmessage.h"
#include "protocol/jsonwriter.h"

#include <QJsonDocument>
#include <QTest>

using namespace collab;

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chatMessageMatchesQJsonDocument_data();
    void chatMessageMatchesQJsonDocument();
    void nestedObjectsAndCommas();
    void everyUtf16CodeUnitMatches();
    void roundTripsThroughTheParser();
};

namespace {

QByteArray viaQJson(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

} // namespace

void TestJsonWriter::chatMessageMatchesQJsonDocument_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("clientMsgId");
    QTest::addColumn<qint64>("editedMs");
    QTest::addColumn<bool>("deleted");
    QTest::newRow("plain") << QStringLiteral("hello class") << QString() << qint64(0) << false;
    QTest::newRow("quotes and backslashes") << QStringLiteral(R"(say "hi" \o/ C:\path)") << QStringLiteral("c-1") << qint64(0) << false;
    QTest::newRow("short escapes") << QStringLiteral("a\nb\rc\td\be\ff") << QString() << qint64(1700000000123) << false;
    QTest::newRow("other controls") << QString::fromUtf16(u"\u0001\u001f\u0000x\u007f") << QString() << qint64(0) << false;
    QTest::newRow("non-ASCII") << QStringLiteral("Grüße, 你好, ∑, emoji 😀") << QStringLiteral("ü-1") << qint64(0) << false;
    QTest::newRow("slash and line separators") << QString::fromUtf16(u"</script> \u2028 \u2029") << QString() << qint64(0) << false;
    QTest::newRow("lone high surrogate") << QString::fromUtf16(u"a\xd800" "b") << QString() << qint64(0) << false;
    QTest::newRow("lone low surrogate") << QString::fromUtf16(u"a\xdc00") << QString() << qint64(0) << false;
    QTest::newRow("high surrogate at the end") << QString::fromUtf16(u"end\xdbff") << QString() << qint64(0) << false;
    QTest::newRow("deleted, empty text") << QString() << QStringLiteral("c-2") << qint64(5) << true;
}

void TestJsonWriter::chatMessageMatchesQJsonDocument()
{
    QFETCH(QString, text);
    QFETCH(QString, clientMsgId);
    QFETCH(qint64, editedMs);
    QFETCH(bool, deleted);
    ChatMessage m;
    m.id = 9007199254740991ULL; // 2^53 - 1: the largest id a JSON double carries exactly
    m.channel = QStringLiteral("general");
    m.author = QStringLiteral("angie.nguyen");
    m.text = text;
    m.clientMsgId = clientMsgId;
    m.createdMs = 1764000000000;
    m.editedMs = editedMs;
    m.deleted = deleted;

    JsonWriter w;
    m.writeJson(w);
    QCOMPARE(w.take(), viaQJson(m.toJson()));
}

void TestJsonWriter::nestedObjectsAndCommas()
{
    ChatMessage m;
    m.id = 7;
    m.channel = QStringLiteral("homework");
    m.author = QStringLiteral("lms");
    m.text = QStringLiteral("due Friday");
    JsonWriter w;
    w.beginObject().field(QLatin1String("duplicate"), true).beginObject(QLatin1String("empty")).endObject();
    m.writeJson(w, QLatin1String("message"));
    w.field(QLatin1String("seq"), qint64(-3)).endObject();
    const QJsonObject expected{{QStringLiteral("duplicate"), true},
                               {QStringLiteral("message"), m.toJson()},
                               {QStringLiteral("empty"), QJsonObject()},
                               {QStringLiteral("seq"), -3}};
    QCOMPARE(w.take(), viaQJson(expected));
}

void TestJsonWriter::everyUtf16CodeUnitMatches()
{
    // Each code unit alone and after a high surrogate: covers every escape and UTF-8 branch.
    for (uint u = 0; u <= 0xffff; ++u) {
        const char16_t c = char16_t(u);
        for (const QString &s : {QString(QChar(c)), QString(QString::fromUtf16(u"\xd83d") + QChar(c))}) {
            JsonWriter w;
            w.beginObject().field(QLatin1String("t"), s).endObject();
            const QByteArray expected = viaQJson(QJsonObject{{QStringLiteral("t"), s}});
            if (w.take() != expected)
                QFAIL(qPrintable(QStringLiteral("differs for U+%1 (%2)").arg(u, 4, 16, QLatin1Char('0')).arg(s.size())));
        }
    }
}

void TestJsonWriter::roundTripsThroughTheParser()
{
    // Hub::postMessage builds a chat.posted event's data by parsing what JsonWriter wrote: the
    // parser must read back every string as it was, and the bytes must still equal Qt's with each
    // code unit between runs of plain text (where the writer copies a run at once). The one
    // exception, which the Hub checks for: Qt's parser drops a U+FEFF that starts a string.
    for (uint u = 0; u <= 0xffff; ++u) {
        const QChar c = QChar(char16_t(u));
        const QString high = QString::fromUtf16(u"\xd83d");
        const QString cases[] = {QString(c), QStringLiteral("plain ") + c + QStringLiteral(" text"), high + c + QStringLiteral("x"),
                                 QString(c) + QString(c) + QStringLiteral("ab")};
        for (const QString &s : cases) {
            JsonWriter w;
            w.beginObject().field(QLatin1String("t"), s).endObject();
            const QByteArray written = w.take();
            if (written != viaQJson(QJsonObject{{QStringLiteral("t"), s}}))
                QFAIL(qPrintable(QStringLiteral("bytes differ for U+%1 in %2 units").arg(u, 4, 16, QLatin1Char('0')).arg(s.size())));
            QJsonParseError error;
            const QJsonDocument parsed = QJsonDocument::fromJson(written, &error);
            if (s.startsWith(QChar(0xfeff))) {
                QCOMPARE(parsed.object().value(QLatin1String("t")).toString(), s.mid(1));
                continue;
            }
            if (error.error != QJsonParseError::NoError || parsed.object().value(QLatin1String("t")).toString() != s)
                QFAIL(qPrintable(QStringLiteral("U+%1 in %2 units does not read back: %3")
                                     .arg(u, 4, 16, QLatin1Char('0')).arg(s.size()).arg(error.errorString())));
        }
    }
}

QTEST_APPLESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
