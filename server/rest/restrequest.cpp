#include "rest/restrequest.h"

#include "rest/restrouter.h"

namespace collab::server {

RestRequest RestRequest::from(const QHttpServerRequest &request)
{
    RestRequest r{request.method(), request.url(), request.headers(), request.body(), std::nullopt};
    if (!r.body.isEmpty())
        r.json = jsonBody(r.body);
    return r;
}

QByteArray RestRequest::value(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

} // namespace collab::server
