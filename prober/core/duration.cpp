#include "core/duration.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include "core/errors.hpp"

namespace tlsprobe {

std::chrono::milliseconds parse_duration(std::string_view text) {
  const auto bad = [&](const char* why) {
    return UsageError("bad duration '" + std::string(text) + "': " + why +
                      " (write 500ms, 2s, 1m or a number of seconds)");
  };
  std::size_t digits = 0;
  while (digits < text.size() && ((text[digits] >= '0' && text[digits] <= '9') || text[digits] == '.')) ++digits;
  if (digits == 0) throw bad("no number");
  double value = 0;
  const auto* first = text.data();
  const auto [end, ec] = std::from_chars(first, first + digits, value);
  if (ec != std::errc{} || end != first + digits) throw bad("not a number");
  const auto unit = text.substr(digits);
  double ms = 0;
  if (unit.empty() || unit == "s")
    ms = value * 1000;
  else if (unit == "ms")
    ms = value;
  else if (unit == "m")
    ms = value * 60'000;
  else
    throw bad("unknown unit");
  if (ms < 1 || ms > 3'600'000) throw bad("must lie between 1ms and 1h");
  return std::chrono::milliseconds(static_cast<long long>(std::llround(ms)));
}

}  // namespace tlsprobe
