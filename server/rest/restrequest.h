#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QHttpServerRequest>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace collab::server {

// A REST request as a plain value: the HTTP thread parses it, the hub thread's handlers read it.
struct RestRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // A body decoded as a JSON object (or why not) in the HTTP thread; none for an empty body.
    std::optional<Result<QJsonObject>> json;

    // Copies the request; decodes a body (jsonBody()).
    static RestRequest from(const QHttpServerRequest &request);

    // A header's value by case-insensitive name; empty if absent.
    QByteArray value(const QByteArray &name) const;
    QUrlQuery query() const { return QUrlQuery(url); }
};

} // namespace collab::server
