#include "rest/httprequestparser.h"

#include <cctype>
#include <cstring>

namespace collab::server {

namespace {

// RFC 9110 5.6.2: the characters of a token (method, header name).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text)
        if (!isTokenChar(c))
            return false;
    return true;
}

// A field value: visible characters, spaces, tabs and obs-text; no CR, LF, NUL or other controls.
bool isFieldValue(QByteArrayView text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

bool isTargetChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f;
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

QByteArrayView withoutCr(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

// Calls f on each comma-separated item of a header value; stops when f returns false.
template<typename F> bool forEachItem(QByteArrayView value, F f)
{
    for (qsizetype at = 0; at <= value.size();) {
        qsizetype comma = value.indexOf(',', at);
        if (comma < 0)
            comma = value.size();
        if (!f(value.sliced(at, comma - at)))
            return false;
        at = comma + 1;
    }
    return true;
}

// A Content-Length value: digits, or a list of identical digit strings (RFC 9110 8.6). -1: invalid;
// values beyond any limit we have are clamped, never overflowed.
qint64 contentLengthOf(QByteArrayView value)
{
    qint64 result = -1;
    const bool valid = forEachItem(value, [&result](QByteArrayView item) {
        item = trimmedOws(item);
        if (item.isEmpty())
            return false;
        qint64 n = 0;
        for (char c : item) {
            if (c < '0' || c > '9')
                return false;
            n = std::min<qint64>(n * 10 + (c - '0'), qint64(1) << 40);
        }
        if (result >= 0 && n != result)
            return false;
        result = n;
        return true;
    });
    return valid ? result : -1;
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// RFC 3986 2.2-2.3: unreserved and sub-delims, the characters of a reg-name besides %XX.
bool isRegNameChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && std::strchr("-._~!$&'()*+,;=", c) != nullptr;
}

// A Host value (RFC 9110 7.2): uri-host [ ":" port ], where uri-host is an IP-literal ("[...]"),
// or a reg-name (which covers IPv4 addresses) that may be empty; the port is digits.
bool isHostValue(QByteArrayView value)
{
    qsizetype at = 0;
    if (value.startsWith('[')) {
        const qsizetype close = value.indexOf(']');
        if (close < 2)
            return false;
        for (char c : value.sliced(1, close - 1))
            if (!isRegNameChar(c) && c != ':')
                return false;
        at = close + 1;
    } else {
        for (; at < value.size() && value[at] != ':'; ++at) {
            if (value[at] == '%') {
                if (at + 2 >= value.size() || !isHexDigit(value[at + 1]) || !isHexDigit(value[at + 2]))
                    return false;
                at += 2;
            } else if (!isRegNameChar(value[at])) {
                return false;
            }
        }
    }
    if (at == value.size())
        return true;
    if (value[at] != ':')
        return false;
    for (char c : value.sliced(at + 1))
        if (c < '0' || c > '9')
            return false;
    return true;
}

// Does a comma-separated header value hold this token (case-insensitive)?
bool hasToken(QByteArrayView value, QByteArrayView token)
{
    return !forEachItem(value, [token](QByteArrayView item) { return trimmedOws(item).compare(token, Qt::CaseInsensitive) != 0; });
}

} // namespace

HttpRequestParser::Status HttpRequestParser::parse(QByteArrayView input)
{
    if (m_status != Status::Incomplete)
        return m_status;
    if (m_headEnd < 0) {
        if (!findHeadEnd(input)) {
            if (input.size() > HttpLimits::MaxHeadBytes)
                refuse(431, "the request head is over 16 KiB");
            return m_status;
        }
        if (m_headEnd > HttpLimits::MaxHeadBytes) {
            refuse(431, "the request head is over 16 KiB");
            return m_status;
        }
        if (!parseHead(input.sliced(m_start, m_headEnd - m_start)))
            return m_status;
    }
    const qsizetype total = m_headEnd + qsizetype(std::max<qint64>(m_contentLength, 0));
    if (input.size() < total)
        return m_status;
    m_request->body = input.sliced(m_headEnd, total - m_headEnd).toByteArray();
    m_consumed = total;
    m_status = Status::Complete;
    return m_status;
}

bool HttpRequestParser::findHeadEnd(QByteArrayView input)
{
    while (m_scanned < input.size()) {
        const void *found = std::memchr(input.data() + m_scanned, '\n', size_t(input.size() - m_scanned));
        if (!found) {
            m_scanned = input.size();
            return false;
        }
        const qsizetype newline = static_cast<const char *>(found) - input.data();
        const qsizetype lineStart = m_lineStart;
        const QByteArrayView line = withoutCr(input.sliced(lineStart, newline - lineStart));
        m_scanned = m_lineStart = newline + 1;
        if (!line.isEmpty())
            continue;
        if (lineStart == m_start) {
            m_start = newline + 1; // an empty line before the request line: skipped
            continue;
        }
        m_headEnd = newline + 1;
        return true;
    }
    return false;
}

bool HttpRequestParser::parseHead(QByteArrayView head)
{
    m_request->head = head.toByteArray();
    const QByteArrayView all(m_request->head);
    qsizetype at = 0;
    bool first = true;
    while (at < all.size()) {
        qsizetype end = all.indexOf('\n', at);
        if (end < 0)
            end = all.size();
        const QByteArrayView line = withoutCr(all.sliced(at, end - at));
        if (first) {
            if (!parseRequestLine(line))
                return false;
            first = false;
        } else if (!line.isEmpty() && !parseField(line, at)) {
            return false;
        }
        at = end + 1;
    }
    // RFC 9112 3.2: an HTTP/1.1 request names its host (HTTP/1.0 may leave it out).
    if (m_hosts == 0 && m_request->minorVersion == 1)
        return refuse(400, "an HTTP/1.1 request needs a Host header");
    if (m_close)
        m_request->keepAlive = false;
    else if (m_keepAlive && m_request->minorVersion == 0)
        m_request->keepAlive = true;
    return true;
}

bool HttpRequestParser::parseRequestLine(QByteArrayView line)
{
    const qsizetype methodEnd = line.indexOf(' ');
    const qsizetype targetEnd = methodEnd < 0 ? -1 : line.indexOf(' ', methodEnd + 1);
    if (targetEnd < 0)
        return refuse(400, "malformed request line");
    const QByteArrayView method = line.first(methodEnd);
    const QByteArrayView target = line.sliced(methodEnd + 1, targetEnd - methodEnd - 1);
    const QByteArrayView version = line.sliced(targetEnd + 1);
    if (!isToken(method) || target.isEmpty())
        return refuse(400, "malformed request line");
    for (char c : target)
        if (!isTargetChar(c))
            return refuse(400, "malformed request target");
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.' || !std::isdigit(uchar(version[5]))
        || !std::isdigit(uchar(version[7])))
        return refuse(400, "malformed HTTP version");
    if (version[5] != '1' || (version[7] != '0' && version[7] != '1'))
        return refuse(505, "only HTTP/1.0 and HTTP/1.1 are supported");
    m_request->method = httpMethodFromToken(method);
    m_request->minorVersion = version[7] - '0';
    m_request->keepAlive = m_request->minorVersion == 1;

    qsizetype targetAt = methodEnd + 1;
    qsizetype targetSize = target.size();
    if (target.startsWith("http://") || target.startsWith("https://")) {
        // absolute-form (RFC 9112 3.2.2): the authority is dropped, the path and query kept.
        const qsizetype authority = target.indexOf("//") + 2;
        qsizetype pathAt = authority;
        while (pathAt < target.size() && target[pathAt] != '/' && target[pathAt] != '?')
            ++pathAt;
        targetAt += pathAt;
        targetSize -= pathAt;
    } else if (target.front() != '/' && target != "*") {
        return refuse(400, "malformed request target");
    }
    m_request->target = {targetAt, targetSize};
    // A class roster is the one body allowed to be larger (HttpLimits::MaxRosterBodyBytes).
    QByteArrayView path = target.sliced(targetAt - methodEnd - 1);
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path = path.first(query);
    m_rosterBody = m_request->method == HttpMethod::Post && path.endsWith("/roster");
    // A file upload: the one body larger still, as large as its course allows.
    static constexpr QByteArrayView coursesPrefix("/api/v1/courses/");
    if (m_request->method == HttpMethod::Post && path.startsWith(coursesPrefix) && path.endsWith("/files")) {
        const QByteArrayView course = path.sliced(coursesPrefix.size(), path.size() - coursesPrefix.size() - 6);
        if (!course.isEmpty() && !course.contains('/'))
            m_uploadCourse = QString::fromUtf8(QByteArray::fromPercentEncoding(course.toByteArray()));
    }
    return true;
}

bool HttpRequestParser::parseField(QByteArrayView line, qsizetype at)
{
    if (line.front() == ' ' || line.front() == '\t')
        return refuse(400, "obsolete line folding is not accepted");
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon)))
        return refuse(400, "malformed header line");
    const QByteArrayView rawValue = line.sliced(colon + 1);
    const QByteArrayView value = trimmedOws(rawValue);
    if (!isFieldValue(value))
        return refuse(400, "invalid character in a header value");
    const qsizetype valueAt = at + colon + 1 + (value.data() - rawValue.data());
    m_request->fields.append({{at, colon}, {valueAt, value.size()}});
    return applyField(line.first(colon), value);
}

bool HttpRequestParser::applyField(QByteArrayView name, QByteArrayView value)
{
    if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
        const qint64 length = contentLengthOf(value);
        if (length < 0 || (m_contentLength >= 0 && length != m_contentLength))
            return refuse(400, "invalid Content-Length");
        if (!m_uploadCourse.isNull() && m_limits) {
            if (length > m_limits->uploadLimitFor(m_uploadCourse))
                return refuse(413, "the file is larger than this course allows (see its maxFileBytes)");
        } else if (length > (m_rosterBody ? HttpLimits::MaxRosterBodyBytes : HttpLimits::MaxBodyBytes)) {
            return refuse(413, m_rosterBody ? "a roster is at most 4 MiB" : "the request body is over 64 KiB");
        }
        m_contentLength = length;
    } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
        return refuse(411, "send the body with a Content-Length, not chunked");
    } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
        m_close = m_close || hasToken(value, "close");
        m_keepAlive = m_keepAlive || hasToken(value, "keep-alive");
    } else if (name.compare("host", Qt::CaseInsensitive) == 0) {
        if (++m_hosts > 1)
            return refuse(400, "more than one Host header");
        if (!isHostValue(value))
            return refuse(400, "invalid Host header");
    } else if (name.compare("expect", Qt::CaseInsensitive) == 0) {
        m_request->expectContinue = m_request->minorVersion == 1 && value.compare("100-continue", Qt::CaseInsensitive) == 0;
    }
    return true;
}

bool HttpRequestParser::refuse(int status, const char *message)
{
    m_status = Status::Refused;
    m_refusal = status;
    m_message = message;
    return false;
}

HttpRequest HttpRequestParser::takeRequest()
{
    return std::move(*m_request);
}

void HttpRequestParser::reset()
{
    m_status = Status::Incomplete;
    m_start = m_lineStart = m_scanned = 0;
    m_headEnd = -1;
    m_contentLength = -1;
    m_close = m_keepAlive = false;
    m_hosts = 0;
    m_uploadCourse = QString();
    m_consumed = 0;
    m_refusal = 0;
    m_message = "";
    m_request.emplace();
}

} // namespace collab::server
