// fuzz_http_parser: HttpRequestParser (server/rest/) on arbitrary bytes, read the way a connection
// reads them. Byte 0 gives the number of cuts (0-7), the next bytes where the stream is cut into
// reads (one byte each: the read's length); the rest is the client->server byte stream.
// Properties: the same requests and the same refusal however the stream is cut; a refusal is one
// of 400, 411, 413, 431, 505; a request takes at least one byte, its head is within 16 KiB and its
// body within 64 KiB and exactly its Content-Length; its target has no space or control character;
// its header fields lie inside its head; it has one Host made of uri-host[:port] characters (none
// only for HTTP/1.0).
#include "fuzzsupport.h"

#include "rest/httprequestparser.h"

#include <QtCore/QList>

#include <cstring>

namespace collab::fuzz {

namespace {

using server::HttpLimits;
using server::HttpRequest;
using server::HttpRequestParser;
using Status = HttpRequestParser::Status;

QByteArray describe(const HttpRequest &r, qsizetype consumed, const QByteArray &input)
{
    FUZZ_CHECK(consumed > 0, input);
    FUZZ_CHECK(r.head.size() <= HttpLimits::MaxHeadBytes && r.body.size() <= HttpLimits::MaxBodyBytes, input);
    const QByteArrayView target = r.targetView();
    for (char c : target)
        FUZZ_CHECK(uchar(c) > 0x20 && uchar(c) != 0x7f, input);
    int hosts = 0;
    for (const HttpRequest::Field &f : r.fields) {
        FUZZ_CHECK(f.name.size > 0 && f.name.at + f.name.size <= r.head.size(), input);
        FUZZ_CHECK(f.value.at >= 0 && f.value.at + f.value.size <= r.head.size(), input);
        if (r.view(f.name).compare("host", Qt::CaseInsensitive) == 0) {
            ++hosts;
            for (char c : r.view(f.value)) // uri-host[:port]: no space, comma, slash, quote, ...
                FUZZ_CHECK(c > 0x20 && c < 0x7f && !std::strchr("\"#/<>?@\\^`{|}", c), input);
        }
    }
    FUZZ_CHECK(hosts <= 1 && (hosts == 1 || r.minorVersion == 0), input); // RFC 9112 3.2
    const QByteArrayView length = r.header("content-length");
    FUZZ_CHECK(r.body.isEmpty() || !length.isNull(), input); // a body only with a Content-Length
    FUZZ_CHECK(r.minorVersion == 0 || r.minorVersion == 1, input);
    return QByteArray::number(int(r.method)) + ' ' + target.toByteArray() + ' ' + QByteArray::number(r.fields.size()) + ' '
           + r.body + ' ' + QByteArray::number(r.keepAlive) + QByteArray::number(r.expectContinue) + ' ' + QByteArray::number(consumed);
}

// Every request of `stream` and how it ended, fed in reads that end at `cuts` (then the rest).
QList<QByteArray> parseAll(const QByteArray &stream, const QList<qsizetype> &cuts)
{
    QList<QByteArray> outcomes;
    HttpRequestParser parser;
    qsizetype start = 0; // first byte of the current request
    QList<qsizetype> ends = cuts;
    ends << stream.size();
    for (qsizetype end : ends) {
        for (;;) {
            const Status status = parser.parse(QByteArrayView(stream).sliced(start, end - start));
            if (status == Status::Incomplete)
                break;
            if (status == Status::Refused) {
                const int code = parser.refusalStatus();
                FUZZ_CHECK(code == 400 || code == 411 || code == 413 || code == 431 || code == 505, stream);
                outcomes << "refused " + QByteArray::number(code);
                return outcomes;
            }
            const qsizetype consumed = parser.consumed();
            FUZZ_CHECK(start + consumed <= end, stream);
            outcomes << describe(parser.takeRequest(), consumed, stream);
            start += consumed;
            parser.reset();
        }
    }
    outcomes << "rest " + QByteArray::number(stream.size() - start);
    return outcomes;
}

} // namespace

void httpParser(QByteArrayView input)
{
    ByteReader in(input);
    const int cutCount = in.byte() % 8;
    QList<qsizetype> lengths;
    for (int i = 0; i < cutCount; ++i)
        lengths << in.byte();
    const QByteArray stream = in.rest().toByteArray();
    QList<qsizetype> cuts;
    qsizetype at = 0;
    for (qsizetype length : lengths) {
        at = std::min(at + length, stream.size());
        cuts << at;
    }
    const QList<QByteArray> whole = parseAll(stream, {});
    FUZZ_CHECK(parseAll(stream, cuts) == whole, stream);
}

} // namespace collab::fuzz

COLLAB_FUZZ_TARGET(collab::fuzz::httpParser)
