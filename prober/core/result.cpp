#include "core/result.hpp"

#include <set>
#include <tuple>
#include <utility>

namespace tlsprobe {

CellKey cell_key(const AttemptResult& r) { return {r.target.label, r.address, r.backend, r.version}; }
CellKey column_key(const AttemptResult& r) { return {r.target.label, r.address, "", r.version}; }

Summary summarize(const Report& report) {
  Summary s;
  std::set<std::pair<std::string, std::uint16_t>> endpoints;
  std::set<std::tuple<std::string, std::uint16_t, std::string>> addresses;
  for (const auto& r : report.results) {
    endpoints.emplace(r.target.host, r.target.port);
    if (!r.address.empty()) addresses.emplace(r.target.host, r.target.port, r.address);
    ++s.attempts;
    switch (r.outcome.status) {
      case Status::accepted: ++s.accepted; break;
      case Status::rejected: ++s.rejected; break;
      case Status::unreachable: ++s.unreachable; break;
      case Status::unsupported: ++s.unsupported; break;
      case Status::error: ++s.errors; break;
    }
  }
  s.endpoints = static_cast<int>(endpoints.size());
  s.addresses = static_cast<int>(addresses.size());
  return s;
}

}  // namespace tlsprobe
