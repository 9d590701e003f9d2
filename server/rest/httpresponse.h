#pragma once

#include <QByteArray>
#include <QIODevice>

#include <functional>
#include <memory>
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
    // If set, the body is `bodySize` bytes read from this device (open, at its start) as the client
    // takes them, instead of `body`: a large file (a course export) is sent without being held in
    // memory. The HTTP thread reads it; nobody else may touch it after the answer is given.
    std::shared_ptr<QIODevice> bodyDevice;
    qint64 bodySize = 0;
};

} // namespace collab::server
