#include "rest/restrequest.h"

namespace collab::server {

RestRequest RestRequest::from(const QHttpServerRequest &request)
{
    return RestRequest{request.method(), request.url(), request.headers(), request.body()};
}

QByteArray RestRequest::value(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

} // namespace collab::server
