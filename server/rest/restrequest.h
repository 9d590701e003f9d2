#pragma once

#include <QByteArray>
#include <QHttpServerRequest>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

namespace collab::server {

// A REST request as a plain value: the HTTP thread parses it, the hub thread's handlers read it.
struct RestRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static RestRequest from(const QHttpServerRequest &request);

    // A header's value by case-insensitive name; empty if absent.
    QByteArray value(const QByteArray &name) const;
    QUrlQuery query() const { return QUrlQuery(url); }
};

} // namespace collab::server
