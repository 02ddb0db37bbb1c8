#include "selftest/selftest.hpp"

#include <algorithm>

#include "engine/engine.hpp"
#include "selftest/local_servers.hpp"

namespace tlsprobe::selftest {

std::string_view to_string(Capability c) {
  switch (c) {
    case Capability::speaks: return "speaks";
    case Capability::cannot: return "cannot";
    case Capability::unsupported: return "unsupported";
    case Capability::untested: return "untested";
  }
  return "?";
}

bool Result::speaks(const std::string& backend, Version v) const {
  return std::any_of(cells.begin(), cells.end(), [&](const Cell& c) {
    return c.backend == backend && c.version == v && c.capability == Capability::speaks;
  });
}

Result run(const std::vector<Backend*>& backends) {
  const std::vector<Version> versions(all_versions.begin(), all_versions.end());
  LocalServers servers(versions);
  Result out;
  out.servers = servers.slots();

  std::vector<Target> targets;
  for (const auto& slot : out.servers) {
    if (!slot.port) continue;
    Target t;
    t.host = "127.0.0.1";
    t.port = *slot.port;
    t.label = "local " + std::string(display_name(slot.version)) + " server";
    targets.push_back(std::move(t));
  }
  // Direct, whatever HTTPS_PROXY says: the servers are on this machine's loopback, and a
  // proxy elsewhere cannot reach them (every version read "cannot" behind one).
  EngineOptions options;
  options.connect_timeout = std::chrono::seconds(2);
  options.handshake_timeout = std::chrono::seconds(5);
  options.sni = "localhost";
  if (!targets.empty()) out.report = run_probe(targets, backends, versions, options);
  // The certificate is our own throw-away one; its trust says nothing about this machine.
  for (auto& r : out.report.results) r.outcome.certificate.reset();
  out.report.versions = versions;
  for (auto* b : backends) {
    if (std::find(out.report.backends.begin(), out.report.backends.end(), b->name()) == out.report.backends.end())
      out.report.backends.emplace_back(b->name());
  }

  for (auto* b : backends) {
    for (const auto& slot : out.servers) {
      Cell cell{std::string(b->name()), slot.version, Capability::untested, slot.reason, std::nullopt};
      if (const auto support = b->supports(slot.version); !support.ok) {
        cell.capability = Capability::unsupported;
        cell.reason = support.reason;
      } else if (slot.port) {
        const std::string label = "local " + std::string(display_name(slot.version)) + " server";
        for (const auto& r : out.report.results) {
          if (r.target.label != label || r.backend != b->name() || r.version != slot.version) continue;
          cell.capability = r.outcome.status == Status::accepted ? Capability::speaks : Capability::cannot;
          cell.reason.clear();
          if (r.outcome.status != Status::accepted) cell.failure = r.outcome;
        }
      }
      out.cells.push_back(std::move(cell));
    }
  }
  return out;
}

}  // namespace tlsprobe::selftest
