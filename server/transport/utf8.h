#pragma once

#include <QtCore/QByteArrayView>

namespace collab::server {

// Strict UTF-8 check as RFC 3629 / RFC 6455 require: no overlong forms, no surrogates,
// nothing above U+10FFFF. ASCII runs are checked 8 bytes at a time.
bool isValidUtf8(QByteArrayView bytes);

} // namespace collab::server
