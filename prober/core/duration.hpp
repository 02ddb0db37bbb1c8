#pragma once
#include <chrono>
#include <string_view>

namespace tlsprobe {

// "500ms", "2s", "1m", "1.5s" or a bare number of seconds. Throws UsageError.
std::chrono::milliseconds parse_duration(std::string_view text);

}  // namespace tlsprobe
