#pragma once

#include "protocol/result.h"
#include "rest/httprequest.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace collab::server {

// A REST request as a plain value: the HTTP thread parses it, the hub thread's handlers read it.
struct RestRequest
{
    HttpMethod method = HttpMethod::Unknown;
    QString path;     // percent-decoded, without the query
    HttpRequest http; // as parsed: target, headers, body
    // A body decoded as a JSON object (or why not) in the HTTP thread; none for an empty body.
    std::optional<Result<QJsonObject>> json;

    // Takes the parsed request; decodes its path and its body (jsonBody()).
    static RestRequest from(HttpRequest &&request);

    const QByteArray &body() const { return http.body; }
    // A header's value by case-insensitive name; empty if absent.
    QByteArray value(const QByteArray &name) const { return http.header(name).toByteArray(); }
    QUrlQuery query() const;
};

} // namespace collab::server
