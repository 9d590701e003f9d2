#include "sessionframes.h"

#include <cstdio>
#include <random>

namespace collab::bench {

std::string helloFrame(const std::string &run, int index)
{
    char hello[160];
    std::snprintf(hello, sizeof hello, "{\"type\":\"hello\",\"ref\":1,\"user\":\"%s-%05d\",\"client\":\"collab-bench\"}",
                  run.c_str(), index);
    return hello;
}

std::string newRunId()
{
    std::random_device random;
    char run[16];
    std::snprintf(run, sizeof run, "r%06x", unsigned(random() & 0xffffff));
    return run;
}

std::string joinFrame(const QString &course, const QString &joinCode, std::string_view token)
{
    std::string frame = "{\"type\":\"join\",\"ref\":2,\"course\":\"" + jsonEscaped(course) + "\",\"joinCode\":\"" + jsonEscaped(joinCode);
    if (!token.empty()) // a token is base64url or hex: nothing to escape
        frame.append("\",\"token\":\"").append(token);
    return frame + "\"}";
}

std::string jsonEscaped(const QString &s)
{
    std::string out;
    for (const char c : s.toStdString()) {
        if (c == '"' || c == '\\')
            out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

} // namespace collab::bench
