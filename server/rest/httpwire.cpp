#include "rest/httpwire.h"

#include "rest/httpdate.h"
#include "rest/httpresponse.h"

namespace collab::server::httpwire {

namespace {

void appendHeader(QByteArray &out, const QByteArray &name, const QByteArray &value)
{
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
}

} // namespace

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

QByteArray encode(const HttpResponse &response, Framing framing)
{
    const QByteArray body = response.encodeBody ? response.encodeBody() : response.body;
    QByteArray out;
    out.reserve(128 + response.contentType.size() + body.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(response.status);
    out += ' ';
    out += reasonPhrase(response.status);
    out += "\r\nDate: ";
    out += httpdate::now(); // cached per second
    out += "\r\n";
    appendHeader(out, QByteArrayLiteral("Content-Type"), response.contentType);
    appendHeader(out, QByteArrayLiteral("Content-Length"), QByteArray::number(response.bodyDevice ? response.bodySize : body.size()));
    for (const auto &[name, value] : response.headers)
        appendHeader(out, name, value);
    if (framing.close)
        out += "Connection: close\r\n";
    else if (framing.keepAlive)
        out += "Connection: keep-alive\r\n";
    out += "\r\n";
    if (!framing.headOnly)
        out += body;
    return out;
}

QByteArray refusal(int status, const char *message, std::vector<std::pair<QByteArray, QByteArray>> headers)
{
    const char *code = status == 413 || status == 431 ? "too_large" : status == 503 ? "unavailable" : "bad_request";
    QByteArray body = R"({"error":{"code":")";
    body.append(code).append(R"(","message":")").append(message).append(R"("}})");
    return encode(HttpResponse{status, QByteArrayLiteral("application/json"), body, std::move(headers), {}},
                  Framing{true, false, false});
}

} // namespace collab::server::httpwire
