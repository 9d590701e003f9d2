// HttpRequestParser: requests and refusals from a table, each fed in one piece, one byte at a
// time, and split in two at every byte boundary; all three must give the same result.
#include "rest/httprequestparser.h"

#include <QTest>

using collab::server::HttpMethod;
using collab::server::HttpRequest;
using collab::server::HttpRequestParser;
using Status = HttpRequestParser::Status;

namespace {

// What a parse ended with, as one comparable string: "complete METHOD path?query body k=1 c=0
// used=N", "refused 413" or "incomplete".
QByteArray outcome(HttpRequestParser &parser, Status status)
{
    if (status == Status::Incomplete)
        return "incomplete";
    if (status == Status::Refused)
        return "refused " + QByteArray::number(parser.refusalStatus());
    const qsizetype used = parser.consumed();
    const HttpRequest r = parser.takeRequest();
    return "complete " + QByteArray::number(int(r.method)) + ' ' + r.targetView().toByteArray() + " [" + r.body
           + "] k=" + QByteArray::number(r.keepAlive) + " c=" + QByteArray::number(r.expectContinue) + " used=" + QByteArray::number(used);
}

QByteArray inOnePiece(const QByteArray &input)
{
    HttpRequestParser parser;
    return outcome(parser, parser.parse(input));
}

// The connection's way: every call sees all the bytes so far.
QByteArray byteByByte(const QByteArray &input)
{
    HttpRequestParser parser;
    Status status = Status::Incomplete;
    for (qsizetype n = 1; n <= input.size() && status == Status::Incomplete; ++n)
        status = parser.parse(QByteArrayView(input).first(n));
    return outcome(parser, status);
}

QByteArray splitAt(const QByteArray &input, qsizetype at)
{
    HttpRequestParser parser;
    Status status = parser.parse(QByteArrayView(input).first(at));
    if (status == Status::Incomplete)
        status = parser.parse(input);
    return outcome(parser, status);
}

QByteArray complete(HttpMethod method, const QByteArray &target, const QByteArray &body, bool keepAlive, bool expect, qsizetype used)
{
    return "complete " + QByteArray::number(int(method)) + ' ' + target + " [" + body + "] k=" + QByteArray::number(keepAlive)
           + " c=" + QByteArray::number(expect) + " used=" + QByteArray::number(used);
}

} // namespace

class TestHttpParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void headersAreFoundByAnyCase();
    void pipelinedRequestsOneAfterAnother();
    void awaitingBodyAfterTheHead();
    void refusedFromTheHeadWithoutTheBody();
};

void TestHttpParser::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray get = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray post = "POST /a?b=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
    QTest::newRow("GET") << get << complete(HttpMethod::Get, "/api/v1/health", "", true, false, get.size());
    QTest::newRow("POST with body and query") << post << complete(HttpMethod::Post, "/a?b=1", "hello", true, false, post.size());
    QTest::newRow("body not whole") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhel") << QByteArray("incomplete");
    QTest::newRow("head not whole") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n") << QByteArray("incomplete");
    QTest::newRow("bare LF lines") << QByteArray("GET /lf HTTP/1.1\nHost: x\n\n") << complete(HttpMethod::Get, "/lf", "", true, false, 26);
    QTest::newRow("empty lines before") << ("\r\n\r\n" + get) << complete(HttpMethod::Get, "/api/v1/health", "", true, false, get.size() + 4);
    QTest::newRow("HTTP/1.0 closes") << QByteArray("GET / HTTP/1.0\r\n\r\n") << complete(HttpMethod::Get, "/", "", false, false, 18);
    QTest::newRow("HTTP/1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
                                         << complete(HttpMethod::Get, "/", "", true, false, 42);
    QTest::newRow("Connection: close") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, close\r\n\r\n")
                                       << complete(HttpMethod::Get, "/", "", false, false, 49 + 9);
    QTest::newRow("Expect: 100-continue") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\nhi")
                                          << complete(HttpMethod::Post, "/", "hi", true, true, 62 + 9);
    QTest::newRow("HEAD") << QByteArray("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n") << complete(HttpMethod::Head, "/", "", true, false, 19 + 9);
    QTest::newRow("unknown method token") << QByteArray("BREW /pot HTTP/1.1\r\nHost: h\r\n\r\n")
                                          << complete(HttpMethod::Unknown, "/pot", "", true, false, 22 + 9);
    QTest::newRow("absolute-form") << QByteArray("GET http://h:1/p?q HTTP/1.1\r\nHost: h\r\n\r\n")
                                   << complete(HttpMethod::Get, "/p?q", "", true, false, 31 + 9);
    QTest::newRow("equal Content-Lengths") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok")
                                           << complete(HttpMethod::Post, "/", "ok", true, false, 62 + 9);
    QTest::newRow("value whitespace") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \t2 \r\n\r\nok")
                                      << complete(HttpMethod::Post, "/", "ok", true, false, 42 + 9);
    // RFC 9112 3.2: one Host in an HTTP/1.1 request, of the form uri-host[:port].
    const auto withHost = [](const QByteArray &version, const QByteArray &fields) -> QByteArray {
        return "GET / HTTP/" + version + "\r\n" + fields + "\r\n";
    };
    const auto servedWith = [&withHost](const QByteArray &version, const QByteArray &fields) -> QByteArray {
        return complete(HttpMethod::Get, "/", "", version == "1.1", false, withHost(version, fields).size());
    };
    QTest::newRow("HTTP/1.1 without Host") << withHost("1.1", "") << QByteArray("refused 400");
    QTest::newRow("X-Host is not Host") << withHost("1.1", "X-Host: a\r\n") << QByteArray("refused 400");
    QTest::newRow("HTTP/1.0 without Host") << withHost("1.0", "") << servedWith("1.0", "");
    QTest::newRow("two Hosts") << withHost("1.1", "Host: a\r\nHost: a\r\n") << QByteArray("refused 400");
    QTest::newRow("two Hosts, other case") << withHost("1.1", "Host: a\r\nhOST: b\r\n") << QByteArray("refused 400");
    QTest::newRow("two Hosts in HTTP/1.0") << withHost("1.0", "Host: a\r\nHost: b\r\n") << QByteArray("refused 400");
    QTest::newRow("Host name and port") << withHost("1.1", "Host: api.example.org:8080\r\n") << servedWith("1.1", "Host: api.example.org:8080\r\n");
    QTest::newRow("Host IPv4") << withHost("1.1", "host: 127.0.0.1\r\n") << servedWith("1.1", "host: 127.0.0.1\r\n");
    QTest::newRow("Host IPv6 and port") << withHost("1.1", "Host: [::1]:80\r\n") << servedWith("1.1", "Host: [::1]:80\r\n");
    QTest::newRow("Host percent-encoded") << withHost("1.1", "Host: a%2Db\r\n") << servedWith("1.1", "Host: a%2Db\r\n");
    QTest::newRow("Host empty (no authority)") << withHost("1.1", "Host:\r\n") << servedWith("1.1", "Host:\r\n");
    QTest::newRow("Host empty port") << withHost("1.1", "Host: a:\r\n") << servedWith("1.1", "Host: a:\r\n");
    QTest::newRow("Host with a space") << withHost("1.1", "Host: a b\r\n") << QByteArray("refused 400");
    QTest::newRow("Host with a path") << withHost("1.1", "Host: a/b\r\n") << QByteArray("refused 400");
    QTest::newRow("Host with userinfo") << withHost("1.1", "Host: u@a\r\n") << QByteArray("refused 400");
    QTest::newRow("Host list") << withHost("1.1", "Host: a, b\r\n") << QByteArray("refused 400");
    QTest::newRow("Host port not digits") << withHost("1.1", "Host: a:8x\r\n") << QByteArray("refused 400");
    QTest::newRow("Host two ports") << withHost("1.1", "Host: a:1:2\r\n") << QByteArray("refused 400");
    QTest::newRow("Host IPv6 unclosed") << withHost("1.1", "Host: [::1\r\n") << QByteArray("refused 400");
    QTest::newRow("Host IPv6 empty") << withHost("1.1", "Host: []\r\n") << QByteArray("refused 400");
    QTest::newRow("Host bad percent") << withHost("1.1", "Host: a%zz\r\n") << QByteArray("refused 400");
    QTest::newRow("Host obs-text") << withHost("1.1", "Host: caf\xc3\xa9\r\n") << QByteArray("refused 400");
    QTest::newRow("body over 64 KiB") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 65537\r\n\r\n") << QByteArray("refused 413");
    QTest::newRow("100 MB body") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 104857600\r\n\r\nxx") << QByteArray("refused 413");
    QTest::newRow("huge number") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n") << QByteArray("refused 413");
    QTest::newRow("64 KiB is fine") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 65536\r\n\r\n") << QByteArray("incomplete");
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << QByteArray("refused 411");
    QTest::newRow("other transfer coding") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << QByteArray("refused 411");
    QTest::newRow("different Content-Lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc")
                                               << QByteArray("refused 400");
    QTest::newRow("Content-Length list differs") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2,3\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("negative Content-Length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("Content-Length not a number") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("empty Content-Length") << QByteArray("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("head over 16 KiB, unfinished") << ("GET / HTTP/1.1\r\nX: " + QByteArray(17000, 'a')) << QByteArray("refused 431");
    QTest::newRow("head over 16 KiB") << ("GET / HTTP/1.1\r\nX: " + QByteArray(17000, 'a') + "\r\n\r\n") << QByteArray("refused 431");
    QTest::newRow("empty lines count") << (QByteArray(17000, '\n') + get) << QByteArray("refused 431");
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n\r\n") << QByteArray("refused 505");
    QTest::newRow("HTTP/1.2") << QByteArray("GET / HTTP/1.2\r\n\r\n") << QByteArray("refused 505");
    QTest::newRow("not HTTP") << QByteArray("GET / FTP/1.1\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("lower-case version") << QByteArray("GET / http/1.1\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("space in target") << QByteArray("GET /a b HTTP/1.1\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("relative target") << QByteArray("GET a HTTP/1.1\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("bad method char") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("empty name") << QByteArray("GET / HTTP/1.1\r\n: x\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("obsolete folding") << QByteArray("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("CR inside a value") << QByteArray("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n") << QByteArray("refused 400");
    QTest::newRow("NUL in a value") << QByteArray("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 26) << QByteArray("refused 400");
    QTest::newRow("CR in the request line") << QByteArray("GET /\r HTTP/1.1\r\n\r\n") << QByteArray("refused 400");
}

void TestHttpParser::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(inOnePiece(input), expected);
    QCOMPARE(byteByByte(input), expected);
    for (qsizetype at = 1; at < input.size(); ++at) {
        if (at > 300 && at < input.size() - 300)
            at = input.size() - 300; // the long rows: both ends are enough
        QCOMPARE(splitAt(input, at), expected);
    }
}

void TestHttpParser::headersAreFoundByAnyCase()
{
    HttpRequestParser parser;
    QCOMPARE(parser.parse("GET /p?x=1&y=%20 HTTP/1.1\r\nAuthorization:  Bearer k \r\nX-Empty:\r\nIdempotency-Key: a\r\nHost: h\r\n\r\n"),
             Status::Complete);
    const HttpRequest r = parser.takeRequest();
    QCOMPARE(r.header("authorization").toByteArray(), QByteArray("Bearer k"));
    QCOMPARE(r.header("AUTHORIZATION").toByteArray(), QByteArray("Bearer k"));
    QCOMPARE(r.header("idempotency-key").toByteArray(), QByteArray("a"));
    QVERIFY(!r.header("x-empty").isNull());
    QVERIFY(r.header("x-empty").isEmpty());
    QVERIFY(r.header("missing").isNull());
    QCOMPARE(r.path().toByteArray(), QByteArray("/p"));
    QCOMPARE(r.query().toByteArray(), QByteArray("x=1&y=%20"));
    QCOMPARE(r.fields.size(), 4);
}

void TestHttpParser::pipelinedRequestsOneAfterAnother()
{
    const QByteArray one = "POST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
    const QByteArray two = "GET /2 HTTP/1.1\r\nHost: h\r\n\r\n";
    const QByteArray all = one + two + "GET /3";
    HttpRequestParser parser;
    QCOMPARE(parser.parse(all), Status::Complete);
    QCOMPARE(parser.consumed(), one.size());
    QCOMPARE(parser.takeRequest().body, QByteArray("abc"));
    parser.reset();
    QCOMPARE(parser.parse(QByteArrayView(all).sliced(one.size())), Status::Complete);
    QCOMPARE(parser.consumed(), two.size());
    QCOMPARE(parser.takeRequest().targetView().toByteArray(), QByteArray("/2"));
    parser.reset();
    QCOMPARE(parser.parse(QByteArrayView(all).sliced(one.size() + two.size())), Status::Incomplete);
}

void TestHttpParser::awaitingBodyAfterTheHead()
{
    HttpRequestParser parser;
    const QByteArray head = "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n";
    QCOMPARE(parser.parse(head.first(10)), Status::Incomplete);
    QVERIFY(!parser.awaitingBody());
    QCOMPARE(parser.parse(head), Status::Incomplete);
    QVERIFY(parser.awaitingBody());
    QVERIFY(parser.expectsContinue());
    QCOMPARE(parser.parse(QByteArray(head + "body")), Status::Complete);
    QVERIFY(!parser.awaitingBody());
}

void TestHttpParser::refusedFromTheHeadWithoutTheBody()
{
    HttpRequestParser parser;
    QCOMPARE(parser.parse("POST / HTTP/1.1\r\nContent-Length: 70000\r\n\r\n"), Status::Refused);
    QCOMPARE(parser.refusalStatus(), 413);
    QVERIFY(QByteArray(parser.refusalMessage()).contains("64 KiB"));
    QCOMPARE(parser.parse("more bytes do not change it"), Status::Refused);
}

QTEST_APPLESS_MAIN(TestHttpParser)
#include "tst_http_parser.moc"
