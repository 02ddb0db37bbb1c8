#include "policy/policy.hpp"

#include <algorithm>
#include <utility>

#include "core/errors.hpp"

namespace tlsprobe {
namespace {

// One row of the matrix (an endpoint's address) and its results: the column key of each of
// its cells is this key at that version.
struct Place {
  CellKey row;  // backend empty; the version is set per rule
  std::vector<const AttemptResult*> results;
};

std::vector<Place> places_of(const Report& report) {
  std::vector<Place> places;
  for (const auto& r : report.results) {
    // tlsprobe's own fault proves nothing either way; the run exits 3 for it instead.
    if (r.outcome.status == Status::error) continue;
    CellKey row = column_key(r);
    auto it = std::find_if(places.begin(), places.end(), [&](const Place& p) {
      return p.row.endpoint == row.endpoint && p.row.address == row.address;
    });
    if (it == places.end()) {
      places.push_back(Place{std::move(row), {}});
      it = places.end() - 1;
    }
    it->results.push_back(&r);
  }
  return places;
}

std::vector<const AttemptResult*> at_version(const Place& p, Version v) {
  CellKey column = p.row;
  column.version = v;
  std::vector<const AttemptResult*> out;
  for (const auto* r : p.results)
    if (column_key(*r) == column) out.push_back(r);
  return out;
}

}  // namespace

Policy make_policy(std::string_view require_list, std::string_view forbid_list) {
  Policy p;
  if (!require_list.empty()) p.require = parse_version_list(require_list);
  if (!forbid_list.empty()) p.forbid = parse_version_list(forbid_list);
  for (Version v : p.require)
    if (std::find(p.forbid.begin(), p.forbid.end(), v) != p.forbid.end())
      throw UsageError(std::string(token(v)) + " is both required (--require) and forbidden (--forbid)");
  return p;
}

std::vector<Version> versions_to_probe(std::vector<Version> requested, const Policy& policy) {
  for (const auto& list : {policy.require, policy.forbid})
    for (const auto v : list)
      if (std::find(requested.begin(), requested.end(), v) == requested.end()) requested.push_back(v);
  std::sort(requested.begin(), requested.end());
  return requested;
}

std::vector<Violation> check_policy(const Report& report, const Policy& policy) {
  std::vector<Violation> out;
  for (const Place& p : places_of(report)) {
    for (Version v : policy.require) {
      const auto tries = at_version(p, v);
      const bool ok =
          std::any_of(tries.begin(), tries.end(), [](const auto* r) { return r->outcome.status == Status::accepted; });
      if (ok) continue;
      Violation violation{p.row.endpoint, p.row.address, "", v, "require", Shortfall::not_probed, {}};
      if (!tries.empty()) {
        const bool none_could = std::all_of(tries.begin(), tries.end(),
                                            [](const auto* r) { return r->outcome.status == Status::unsupported; });
        violation.shortfall = none_could ? Shortfall::none_could_try : Shortfall::not_accepted;
        for (const auto* r : tries) violation.seen.push_back(*r);
      }
      out.push_back(std::move(violation));
    }
    for (Version v : policy.forbid) {
      const auto tries = at_version(p, v);
      if (tries.empty()) out.push_back({p.row.endpoint, p.row.address, "", v, "forbid", Shortfall::not_probed, {}});
      for (const auto* r : tries)
        if (r->outcome.status == Status::accepted)
          out.push_back({p.row.endpoint, p.row.address, r->backend, v, "forbid", Shortfall::accepted, {*r}});
    }
  }
  return out;
}

}  // namespace tlsprobe
