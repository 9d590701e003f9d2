#pragma once

#include <QByteArrayView>

namespace collab::server {

// The request methods the HTTP parser tells apart. Any other well-formed method token is Unknown:
// such a request is still parsed and answered (404 through the missing handler, like HEAD).
enum class HttpMethod { Unknown, Get, Head, Post, Put, Patch, Delete, Options };

// The method of a request-line token (case-sensitive, as RFC 9110 9.1 says).
inline HttpMethod httpMethodFromToken(QByteArrayView token)
{
    switch (token.size()) {
    case 3:
        if (token == "GET")
            return HttpMethod::Get;
        if (token == "PUT")
            return HttpMethod::Put;
        break;
    case 4:
        if (token == "POST")
            return HttpMethod::Post;
        if (token == "HEAD")
            return HttpMethod::Head;
        break;
    case 5:
        if (token == "PATCH")
            return HttpMethod::Patch;
        break;
    case 6:
        if (token == "DELETE")
            return HttpMethod::Delete;
        break;
    case 7:
        if (token == "OPTIONS")
            return HttpMethod::Options;
        break;
    default: break;
    }
    return HttpMethod::Unknown;
}

} // namespace collab::server
