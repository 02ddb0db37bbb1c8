#include "net/descriptors.hpp"

#include <algorithm>

#ifndef _WIN32
#include <sys/resource.h>
#endif

namespace tlsprobe {

std::optional<std::uint64_t> raise_descriptor_limit() {
#ifdef _WIN32
  return std::nullopt;
#else
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return std::nullopt;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    // RLIM_INFINITY as a hard limit is refused as a soft one on Linux (it must not exceed
    // fs.nr_open): keep what we have then.
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? std::uint64_t{1} << 20 : static_cast<std::uint64_t>(limit.rlim_cur);
#endif
}

int concurrency_for_descriptors(std::uint64_t limit) {
  if (limit <= descriptor_headroom + 1) return 1;
  return static_cast<int>(std::min<std::uint64_t>(limit - descriptor_headroom, 1u << 30));
}

ConcurrencyChoice choose_concurrency(int asked, std::optional<std::uint64_t> limit) {
  if (!limit) return {asked > 0 ? asked : default_concurrency_windows, false};
  const int allowed = concurrency_for_descriptors(*limit);
  if (asked <= 0) return {std::min(allowed, default_concurrency_cap), false};
  if (asked > allowed) return {allowed, true};
  return {asked, false};
}

}  // namespace tlsprobe
