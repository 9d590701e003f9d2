// Unit tests of the pure pieces: frame decoder, frame encoder, UTF-8 check, handshake parser.
#include "transport/framedecoder.h"
#include "transport/handshake.h"
#include "transport/sharedframe.h"
#include "transport/utf8.h"
#include "transport/wslimits.h"
#include "rawwsclient.h"

#include <QtTest/QtTest>

using namespace collab::server;
using rawws::clientFrame;
using rawws::closePayload;

namespace {

constexpr quint8 Cont = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA;

// Events rendered as short strings so QCOMPARE prints readable failures.
QStringList decodeAll(const QByteArray &input, qsizetype chunk, quint16 *errorCode)
{
    FrameDecoder decoder(FrameDecoder::Limits{64 * 1024, 64 * 1024});
    QStringList events;
    *errorCode = 0;
    for (qsizetype at = 0; at < input.size() && *errorCode == 0; at += chunk) {
        const auto error = decoder.feed(QByteArrayView(input).sliced(at, qMin(chunk, input.size() - at)),
                                        [&events](FrameDecoder::Event &&e) {
            switch (e.opcode) {
            case WsOpcode::Text: events << QStringLiteral("T:") + QString::fromUtf8(e.payload); break;
            case WsOpcode::Ping: events << QStringLiteral("P:") + QString::fromUtf8(e.payload); break;
            case WsOpcode::Pong: events << QStringLiteral("O:") + QString::fromUtf8(e.payload); break;
            case WsOpcode::Close:
                events << QStringLiteral("C:%1:").arg(e.closeCode) + QString::fromUtf8(e.payload);
                break;
            default: events << QStringLiteral("?"); break;
            }
            return true;
        });
        *errorCode = error.closeCode;
    }
    if (*errorCode == 0 && decoder.bufferedBytes() != 0)
        events << QStringLiteral("buffered:%1").arg(decoder.bufferedBytes());
    return events;
}

} // namespace

class TestTransportFrames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decoder_data();
    void decoder();
    void decoderRejectsOversizeFromHeaderAlone();
    void decoderIdleHoldsNothing();
    void encoderHeaders_data();
    void encoderHeaders();
    void encoderRoundTrip();
    void closeReasonCutAtCharacterBoundary();
    void utf8_data();
    void utf8();
    void acceptKey();
    void sniff_data();
    void sniff();
    void validate_data();
    void validate();
};

void TestTransportFrames::decoder_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<int>("error");

    const QByteArray euro = QByteArrayLiteral("\xE2\x82\xAC");
    const QByteArray big(300, 'x');
    QTest::newRow("text") << clientFrame(Text, "hello") << QStringList{QStringLiteral("T:hello")} << 0;
    QTest::newRow("empty text") << clientFrame(Text, {}) << QStringList{QStringLiteral("T:")} << 0;
    QTest::newRow("16-bit length") << clientFrame(Text, big)
                                   << QStringList{QStringLiteral("T:") + QString::fromLatin1(big)} << 0;
    QTest::newRow("non-ascii") << clientFrame(Text, "h\xC3\xA9llo " + euro)
                               << QStringList{QStringLiteral("T:") + QString::fromUtf8("h\xC3\xA9llo " + euro)} << 0;
    QTest::newRow("two frames at once") << clientFrame(Text, "a") + clientFrame(Text, "b")
                                        << QStringList{QStringLiteral("T:a"), QStringLiteral("T:b")} << 0;
    QTest::newRow("fragmented with ping inside")
        << clientFrame(Text, "ab", false) + clientFrame(Ping, "p") + clientFrame(Cont, "cd", false)
               + clientFrame(Cont, "e")
        << QStringList{QStringLiteral("P:p"), QStringLiteral("T:abcde")} << 0;
    QTest::newRow("character split over fragments")
        << clientFrame(Text, euro.left(1), false) + clientFrame(Cont, euro.mid(1))
        << QStringList{QStringLiteral("T:") + QString::fromUtf8(euro)} << 0;
    QTest::newRow("pong") << clientFrame(Pong, "x") << QStringList{QStringLiteral("O:x")} << 0;
    QTest::newRow("close with reason") << clientFrame(Close, closePayload(1000, "bye"))
                                       << QStringList{QStringLiteral("C:1000:bye")} << 0;
    QTest::newRow("close without code") << clientFrame(Close, {}) << QStringList{QStringLiteral("C:1005:")} << 0;
    QTest::newRow("close 4000") << clientFrame(Close, closePayload(4000)) << QStringList{QStringLiteral("C:4000:")} << 0;

    QTest::newRow("unmasked") << clientFrame(Text, "hi", true, false) << QStringList{} << 1002;
    QTest::newRow("rsv bit") << clientFrame(Text, "hi", true, true, 4) << QStringList{} << 1002;
    QTest::newRow("binary") << clientFrame(Binary, "\x01\x02") << QStringList{} << 1003;
    QTest::newRow("opcode 3") << clientFrame(3, "x") << QStringList{} << 1002;
    QTest::newRow("opcode 0xB") << clientFrame(0xB, "x") << QStringList{} << 1002;
    QTest::newRow("continuation first") << clientFrame(Cont, "x") << QStringList{} << 1002;
    QTest::newRow("text inside fragments") << clientFrame(Text, "a", false) + clientFrame(Text, "b")
                                           << QStringList{} << 1002;
    QTest::newRow("fragmented ping") << clientFrame(Ping, "x", false) << QStringList{} << 1002;
    QTest::newRow("ping over 125") << clientFrame(Ping, QByteArray(126, 'p')) << QStringList{} << 1002;
    QTest::newRow("invalid utf-8") << clientFrame(Text, "\xC3\x28") << QStringList{} << 1007;
    QTest::newRow("invalid utf-8 after valid message")
        << clientFrame(Text, "ok") + clientFrame(Text, "\xFF") << QStringList{QStringLiteral("T:ok")} << 1007;
    QTest::newRow("frame over limit") << clientFrame(Text, QByteArray(65 * 1024, 'a')) << QStringList{} << 1009;
    QTest::newRow("message over limit by fragments")
        << clientFrame(Text, QByteArray(40 * 1024, 'a'), false) + clientFrame(Cont, QByteArray(40 * 1024, 'a'))
        << QStringList{} << 1009;
    QTest::newRow("message exactly at limit")
        << clientFrame(Text, QByteArray(32 * 1024, 'a'), false) + clientFrame(Cont, QByteArray(32 * 1024, 'b'))
        << QStringList{QStringLiteral("T:") + QString(32 * 1024, QLatin1Char('a')) + QString(32 * 1024, QLatin1Char('b'))}
        << 0;
    QTest::newRow("64-bit length top bit") << clientFrame(Text, {}, true, true, 0, qint64(1) << 62).replace(2, 1, "\x80")
                                           << QStringList{} << 1002;
    QTest::newRow("close one byte") << clientFrame(Close, "\x03") << QStringList{} << 1002;
    QTest::newRow("close code 1005") << clientFrame(Close, closePayload(1005)) << QStringList{} << 1002;
    QTest::newRow("close code 999") << clientFrame(Close, closePayload(999)) << QStringList{} << 1002;
    QTest::newRow("close code 2000") << clientFrame(Close, closePayload(2000)) << QStringList{} << 1002;
    QTest::newRow("close reason not utf-8") << clientFrame(Close, closePayload(1000, "\xC0\xAF"))
                                            << QStringList{} << 1007;
}

void TestTransportFrames::decoder()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, events);
    QFETCH(int, error);
    // The same stream whole, in 7-byte pieces and byte by byte must decode identically.
    for (const qsizetype chunk : {input.size() + 1, qsizetype(7), qsizetype(1)}) {
        quint16 code = 0;
        const QStringList got = decodeAll(input, qMax<qsizetype>(chunk, 1), &code);
        QCOMPARE(got, events);
        QCOMPARE(int(code), error);
    }
}

void TestTransportFrames::decoderRejectsOversizeFromHeaderAlone()
{
    // Only the 14-byte header of a 1 GiB frame: the error must come before any payload arrives.
    FrameDecoder decoder(FrameDecoder::Limits{64 * 1024, 64 * 1024});
    const QByteArray header = clientFrame(Text, {}, true, true, 0, qint64(1) << 30);
    QCOMPARE(header.size(), 14);
    const auto error = decoder.feed(header, [](FrameDecoder::Event &&) { return true; });
    QCOMPARE(error.closeCode, CloseCode::MessageTooBig);
}

void TestTransportFrames::decoderIdleHoldsNothing()
{
    FrameDecoder decoder(FrameDecoder::Limits{64 * 1024, 64 * 1024});
    const QByteArray frame = clientFrame(Text, QByteArray(1000, 'z'));
    int texts = 0;
    auto count = [&texts](FrameDecoder::Event &&) { ++texts; return true; };
    QVERIFY(!decoder.feed(QByteArrayView(frame).first(500), count));
    QCOMPARE(decoder.bufferedBytes(), 500);
    QVERIFY(!decoder.feed(QByteArrayView(frame).sliced(500), count));
    QCOMPARE(texts, 1);
    QCOMPARE(decoder.bufferedBytes(), 0);
}

void TestTransportFrames::encoderHeaders_data()
{
    QTest::addColumn<int>("payloadSize");
    QTest::addColumn<int>("headerSize");
    QTest::newRow("0") << 0 << 2;
    QTest::newRow("125") << 125 << 2;
    QTest::newRow("126") << 126 << 4;
    QTest::newRow("65535") << 65535 << 4;
    QTest::newRow("65536") << 65536 << 10;
}

void TestTransportFrames::encoderHeaders()
{
    QFETCH(int, payloadSize);
    QFETCH(int, headerSize);
    const SharedFrame frame = SharedFrame::text(QByteArray(payloadSize, 'a'));
    QCOMPARE(frame.size(), payloadSize + headerSize);
    QCOMPARE(quint8(frame.bytes().at(0)), quint8(0x81));
    QCOMPARE(quint8(frame.bytes().at(1)) & 0x80, 0); // server frames are never masked
    QCOMPARE(frame.opcode(), WsOpcode::Text);
}

void TestTransportFrames::encoderRoundTrip()
{
    // Server frames are unmasked, so mask them the way a client would and decode them again.
    for (const QByteArray &payload : {QByteArray("x"), QByteArray(300, 'y'), QByteArray(70000, 'z')}) {
        const SharedFrame frame = SharedFrame::text(payload);
        const qsizetype header = frame.size() - payload.size();
        QCOMPARE(frame.bytes().mid(header), payload);
        const SharedFrame copy = frame;
        QCOMPARE(copy.bytes().constData(), frame.bytes().constData()); // shared, not copied
    }
    const SharedFrame close = SharedFrame::close(1009, "too big");
    QCOMPARE(close.opcode(), WsOpcode::Close);
    QCOMPARE(close.bytes().mid(2), closePayload(1009, "too big"));
    QCOMPARE(SharedFrame::pong("abc").bytes(), QByteArray("\x8A\x03" "abc"));
}

void TestTransportFrames::closeReasonCutAtCharacterBoundary()
{
    QByteArray reason;
    for (int i = 0; i < 60; ++i)
        reason += "\xE2\x82\xAC"; // 180 bytes of euro signs
    const SharedFrame frame = SharedFrame::close(1000, reason);
    const QByteArray payload = frame.bytes().mid(2);
    QVERIFY(payload.size() <= 125);
    QCOMPARE((payload.size() - 2) % 3, 0);
    QVERIFY(isValidUtf8(QByteArrayView(payload).sliced(2)));
}

void TestTransportFrames::utf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii long") << QByteArray(100, 'a') << true;
    QTest::newRow("2-byte") << QByteArray("\xC3\xA9") << true;
    QTest::newRow("3-byte") << QByteArray("\xE2\x82\xAC") << true;
    QTest::newRow("4-byte") << QByteArray("\xF0\x9F\x98\x80") << true;
    QTest::newRow("max code point") << QByteArray("\xF4\x8F\xBF\xBF") << true;
    QTest::newRow("ascii then multibyte") << QByteArray("abcdefghij\xC3\xA9") << true;
    QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << false;
    QTest::newRow("overlong 3-byte") << QByteArray("\xE0\x80\xAF") << false;
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << false;
    QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << false;
    QTest::newRow("F5") << QByteArray("\xF5\x80\x80\x80") << false;
    QTest::newRow("lone continuation") << QByteArray("a\x80") << false;
    QTest::newRow("truncated") << QByteArray("abc\xE2\x82") << false;
    QTest::newRow("bad continuation") << QByteArray("\xE2\x28\xA1") << false;
}

void TestTransportFrames::utf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(isValidUtf8(bytes), valid);
}

void TestTransportFrames::acceptKey()
{
    // The example of RFC 6455 section 1.3.
    QCOMPARE(Handshake::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void TestTransportFrames::sniff_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("expected");
    const int ours = int(Handshake::Sniff::Ours), notOurs = int(Handshake::Sniff::NotOurs),
              undecided = int(Handshake::Sniff::Undecided);
    QTest::newRow("ws") << QByteArray("GET /ws HTTP/1.1") << ours;
    QTest::newRow("ws query") << QByteArray("GET /ws?token=1") << ours;
    QTest::newRow("wsx") << QByteArray("GET /wsx HTTP/1.1") << notOurs;
    QTest::newRow("ws slash") << QByteArray("GET /ws/ HTTP/1.1") << notOurs;
    QTest::newRow("api") << QByteArray("GET /api/v1/health") << notOurs;
    QTest::newRow("post") << QByteArray("POST /ws HTTP/1.1") << notOurs;
    QTest::newRow("short prefix") << QByteArray("GE") << undecided;
    QTest::newRow("exact prefix") << QByteArray("GET /ws") << undecided;
    QTest::newRow("short mismatch") << QByteArray("PU") << notOurs;
}

void TestTransportFrames::sniff()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, expected);
    QCOMPARE(int(Handshake::sniff(bytes)), expected);
}

void TestTransportFrames::validate_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("ok");
    const QByteArray good = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    QTest::newRow("good") << good << true;
    QTest::newRow("good with query") << QByteArray(good).replace("/ws ", "/ws?a=b ") << true;
    QTest::newRow("header case") << QByteArray(good).replace("Upgrade: websocket", "UPGRADE: WebSocket") << true;
    QTest::newRow("post") << QByteArray(good).replace("GET", "POST") << false;
    QTest::newRow("other path") << QByteArray(good).replace("/ws ", "/chat ") << false;
    QTest::newRow("http/1.0") << QByteArray(good).replace("HTTP/1.1", "HTTP/1.0") << false;
    QTest::newRow("no upgrade") << QByteArray(good).replace("Upgrade: websocket\r\n", "") << false;
    QTest::newRow("no connection upgrade") << QByteArray(good).replace("keep-alive, Upgrade", "keep-alive") << false;
    QTest::newRow("version 8") << QByteArray(good).replace("Version: 13", "Version: 8") << false;
    QTest::newRow("short key") << QByteArray(good).replace("dGhlIHNhbXBsZSBub25jZQ==", "abcd") << false;
    QTest::newRow("no host") << QByteArray(good).replace("Host: x\r\n", "") << false;
    QTest::newRow("malformed header") << QByteArray(good).replace("Host: x", "Host x") << false;
}

void TestTransportFrames::validate()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, ok);
    const Handshake::Result result = Handshake::validate(head, "/ws");
    QCOMPARE(result.ok, ok);
    QCOMPARE(result.error.isEmpty(), ok);
    if (ok)
        QCOMPARE(result.acceptKey, QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

QTEST_GUILESS_MAIN(TestTransportFrames)
#include "tst_transport_frames.moc"
