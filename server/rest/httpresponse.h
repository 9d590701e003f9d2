#pragma once

#include <QByteArray>

#include <functional>
#include <utility>
#include <vector>

namespace collab::server {

// A complete answer, built in the hub thread and written in the HTTP thread.
struct HttpResponse
{
    int status = 500;
    QByteArray contentType;
    QByteArray body;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    // If set, the body is encoded by this in the HTTP thread (instead of `body`): that is not the
    // hub thread's work. It captures values only (implicitly shared Qt values are safe to copy).
    std::function<QByteArray()> encodeBody;
};

} // namespace collab::server
