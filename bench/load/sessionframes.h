#pragma once

#include <QString>

#include <string>

// The client frames every benchmark connection sends to get into a course.
namespace collab::bench {

// {"type":"hello","ref":1,"user":"bench-NNNNN",...}: one stable user per connection index, so
// repeated runs do not grow the course's member list.
std::string helloFrame(int index);
std::string joinFrame(const QString &course, const QString &joinCode);
// `s` as the inside of a JSON string (ids and join codes are plain tokens; quotes are escaped).
std::string jsonEscaped(const QString &s);

} // namespace collab::bench
