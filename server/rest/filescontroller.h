#pragma once

#include "hub/actor.h"
#include "limits/ratelimits.h"
#include "rest/restauth.h"
#include "rest/restrouter.h"

#include <optional>

namespace collab::server {

class Hub;

// A byte range asked with `Range: bytes=...` (RFC 9110 14.2), resolved against the file's size.
struct ByteRange
{
    qint64 first = 0;
    qint64 length = 0;
};
// nullopt: no Range (or one we ignore: several ranges, another unit, malformed: the whole file, as
// RFC 9110 allows); a range with length -1: unsatisfiable (416).
std::optional<ByteRange> byteRangeOf(const QByteArray &header, qint64 size);

// Files (issue 15 part 3; docs/rest.md, "Files"): POST /api/v1/courses/{course}/files (the raw
// bytes; X-File-Name) and GET /api/v1/courses/{course}/files/{id} (with Range). Members use them
// with HTTP Basic (their name and the course's token their client holds), integrations with their
// API key. Downloads are served as attachments unless they are an image type, never sniffed by
// the browser, under a sandboxing Content-Security-Policy.
class FilesController
{
public:
    FilesController(Hub &hub, const RestAuth &auth);

    void registerRoutes(RestRouter &router);

private:
    void upload(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void download(const QStringList &args, const RestRequest &request, HttpReply &reply);
    // Who asks: a member (Basic name:token) or an API key (Bearer); the error otherwise.
    void withActor(const QString &course, const RestRequest &request, std::function<void(Result<Actor>)> next);

    Hub &m_hub;
    const RestAuth &m_auth;
    KeyedLimits m_uploads; // per course and member (or API key): limits.fileUploadsPerMinute
    KeyedLimits m_memberRequests; // members' requests, as an API key's (restPerSecond, restBurst)
};

} // namespace collab::server
