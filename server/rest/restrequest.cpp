#include "rest/restrequest.h"

#include "rest/restrouter.h"

namespace collab::server {

namespace {

// The path as QUrl::path() gave it to the handlers before (fully decoded), without the copy and
// the parsing of a QUrl when there is nothing to decode (the common case).
QString decodedPath(QByteArrayView path)
{
    if (!path.contains('%'))
        return QString::fromUtf8(path);
    return QString::fromUtf8(QByteArray::fromPercentEncoding(path.toByteArray()));
}

} // namespace

RestRequest RestRequest::from(HttpRequest &&request)
{
    RestRequest r{request.method, decodedPath(request.path()), std::move(request), std::nullopt};
    if (!r.http.body.isEmpty())
        r.json = jsonBody(r.http.body);
    return r;
}

QUrlQuery RestRequest::query() const
{
    return QUrlQuery(QString::fromUtf8(http.query()));
}

} // namespace collab::server
