#pragma once
// `tlsprobe selftest`: which versions can this machine's stacks speak at all? Answered on
// loopback against local servers pinned to each version, so nothing on the path can blur
// it: a version a stack cannot speak here will fail against Azure too, for local reasons.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "core/result.hpp"

namespace tlsprobe::selftest {

struct ServerSlot {
  Version version;
  std::optional<std::uint16_t> port;  // empty: no local server can speak this version
  std::string reason;                 // why not
};

// One local server per version, or the reason there is none (platform-specific).
class LocalServers;

enum class Capability { speaks, cannot, unsupported, untested };

struct Cell {
  std::string backend;
  Version version;
  Capability capability = Capability::untested;
  std::string reason;              // why it was not tried: no local server, or the backend cannot offer it
  std::optional<Outcome> failure;  // cannot: what the attempt came to
};

struct Result {
  std::vector<ServerSlot> servers;
  Report report;            // every backend, every version, against every local server
  std::vector<Cell> cells;  // backend x version: the diagonal of the report, read out
  bool speaks(const std::string& backend, Version v) const;
};

Result run(const std::vector<Backend*>& backends);

std::string_view to_string(Capability c);

}  // namespace tlsprobe::selftest
