#pragma once

#include <QByteArray>

#include <ctime>

namespace collab::server::httpdate {

// The value of the Date header (RFC 9110 6.6.1) for an answer written now: an IMF-fixdate,
// "Sun, 06 Nov 1994 08:49:37 GMT". Formatted at most once per second and per thread (the HTTP
// thread writes ~54k answers a second: an answer costs a time() call and a compare); the reference
// stays valid until the thread's next call.
const QByteArray &now();

// `seconds` since the epoch as an IMF-fixdate (English names, whatever the locale).
QByteArray format(std::time_t seconds);

} // namespace collab::server::httpdate
