#pragma once
// How many attempts may be in flight: every attempt holds one socket, and on Linux a socket is
// a file descriptor under RLIMIT_NOFILE. Debian starts processes with a soft limit of 1024 and a
// hard limit far above it; raising the soft limit to the hard one is what any process may do
// (setrlimit(2)), and what lets a whole catalog go at once.
#include <cstdint>
#include <optional>

namespace tlsprobe {

// Raises the soft RLIMIT_NOFILE to the hard limit and returns the soft limit now in force;
// nullopt where sockets are no descriptors of a per-process limit (Windows).
std::optional<std::uint64_t> raise_descriptor_limit();

// Descriptors kept for everything that is not an attempt's socket: standard streams, the
// resolver's sockets, the proxy connection, files the run writes, the trust store.
inline constexpr std::uint64_t descriptor_headroom = 64;
// The default when descriptors do not decide: enough for a 1,000-endpoint catalog's rows in
// a few waves, few enough that the connects do not look like a flood.
inline constexpr int default_concurrency_cap = 4096;
// Windows, where the limit is the machine's, not the process's.
inline constexpr int default_concurrency_windows = 256;

// The attempts `limit` descriptors allow at once (at least 1).
int concurrency_for_descriptors(std::uint64_t limit);

struct ConcurrencyChoice {
  int concurrency = 1;
  bool clamped = false;  // asked for more than the descriptors allow
};

// --concurrency (0 when not given) against the descriptor limit (nullopt: not limited).
ConcurrencyChoice choose_concurrency(int asked, std::optional<std::uint64_t> limit);

}  // namespace tlsprobe
