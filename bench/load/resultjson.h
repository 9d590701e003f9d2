#pragma once

#include "benchoptions.h"
#include "chatrun.h"
#include "connectrun.h"

#include <string>

// The one JSON line collab-bench prints, keys in a fixed order.
namespace collab::bench {

std::string chatResultJson(const BenchOptions &options, const ChatResult &result);
std::string connectResultJson(const BenchOptions &options, const ConnectResult &result);

} // namespace collab::bench
