#pragma once

#include <QString>

#include <string>
#include <string_view>

// The client frames every benchmark connection sends to get into a course.
namespace collab::bench {

// {"type":"hello","ref":1,"user":"<run>-NNNNN",...}. A name is claimed in a course by its first
// join (identity tokens), so every run uses names of its own.
std::string helloFrame(const std::string &run, int index);
// A fresh run id ("r" + 6 hex digits): user names and clientMsgIds of this run start with it.
std::string newRunId();
// With the `token` the first join answered (joined.token), a reconnected client joins again
// under its claimed name.
std::string joinFrame(const QString &course, const QString &joinCode, std::string_view token = {});
// `s` as the inside of a JSON string (ids and join codes are plain tokens; quotes are escaped).
std::string jsonEscaped(const QString &s);

} // namespace collab::bench
