#include "diagnosis/disagreement.hpp"

#include <algorithm>
#include <map>

namespace tlsprobe {

std::vector<Disagreement> find_disagreements(const Report& report) {
  std::vector<CellKey> order;
  std::map<CellKey, Disagreement> cells;
  for (const auto& r : report.results) {
    const CellKey key = column_key(r);
    auto [it, fresh] = cells.try_emplace(key);
    if (fresh) {
      order.push_back(key);
      it->second.endpoint = r.target.label;
      it->second.address = r.address;
      it->second.version = r.version;
    }
    it->second.outcomes.emplace_back(r.backend, r.outcome.status);
  }
  std::vector<Disagreement> out;
  for (const auto& key : order) {
    auto& d = cells[key];
    const auto is = [&](Status s) {
      return std::any_of(d.outcomes.begin(), d.outcomes.end(), [&](const auto& o) { return o.second == s; });
    };
    // Unreachable is the path's doing and hits every stack alike; it is no disagreement.
    if (is(Status::accepted) && (is(Status::rejected) || is(Status::unsupported))) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace tlsprobe
