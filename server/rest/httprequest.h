#pragma once

#include "rest/httpmethod.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QVarLengthArray>

namespace collab::server {

// One parsed HTTP/1.x request. The head is kept as ONE copy of the bytes received (request line
// and header lines); the target and the header fields are offsets into it, so parsing a request
// costs two allocations (head, body) whatever its number of headers.
struct HttpRequest
{
    struct Span
    {
        qsizetype at = 0;
        qsizetype size = 0;
    };
    struct Field
    {
        Span name;
        Span value; // without the optional whitespace around it
    };

    HttpMethod method = HttpMethod::Unknown;
    int minorVersion = 1; // HTTP/1.<minorVersion>: 0 or 1
    QByteArray head;
    Span target;          // as sent: origin-form "/path?query" (absolute-form: its path and query)
    QVarLengthArray<Field, 12> fields;
    QByteArray body;
    bool keepAlive = true;       // HTTP/1.1 unless "Connection: close"; 1.0 only with "keep-alive"
    bool expectContinue = false; // "Expect: 100-continue" (HTTP/1.1)
    QHostAddress peer;           // the client's address (failed API keys slow it down)

    QByteArrayView view(Span span) const { return QByteArrayView(head.constData() + span.at, span.size); }
    QByteArrayView targetView() const { return view(target); }
    // The target before '?' (still percent-encoded) and after it (empty if none).
    QByteArrayView path() const;
    QByteArrayView query() const;
    // The first field of that name (case-insensitive); a null view if there is none.
    QByteArrayView header(QByteArrayView name) const;
};

inline QByteArrayView HttpRequest::path() const
{
    const QByteArrayView t = targetView();
    const qsizetype q = t.indexOf('?');
    return q < 0 ? t : t.first(q);
}

inline QByteArrayView HttpRequest::query() const
{
    const QByteArrayView t = targetView();
    const qsizetype q = t.indexOf('?');
    return q < 0 ? QByteArrayView() : t.sliced(q + 1);
}

inline QByteArrayView HttpRequest::header(QByteArrayView name) const
{
    for (const Field &f : fields)
        if (view(f.name).compare(name, Qt::CaseInsensitive) == 0)
            return view(f.value);
    return {};
}

} // namespace collab::server
