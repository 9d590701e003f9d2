#include "sessionframes.h"

#include <cstdio>

namespace collab::bench {

std::string helloFrame(int index)
{
    char hello[128];
    std::snprintf(hello, sizeof hello, "{\"type\":\"hello\",\"ref\":1,\"user\":\"bench-%05d\",\"client\":\"collab-bench\"}", index);
    return hello;
}

std::string joinFrame(const QString &course, const QString &joinCode)
{
    return "{\"type\":\"join\",\"ref\":2,\"course\":\"" + jsonEscaped(course) + "\",\"joinCode\":\"" + jsonEscaped(joinCode) + "\"}";
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
