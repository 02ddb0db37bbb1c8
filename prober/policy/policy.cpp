#include "policy/policy.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/errors.hpp"
#include "wire/cipher_names.hpp"

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

namespace {

std::vector<std::string> pattern_list(std::string_view text, const char* flag) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::string item;
  const auto flush = [&] {
    if (item.empty()) throw UsageError(std::string(flag) + ": an empty pattern in '" + std::string(text) + "'");
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    item.clear();
  };
  for (const char c : text) {
    if (c == ',') {
      flush();
    } else if (c != ' ') {
      item += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  flush();
  return out;
}

bool matches_any(std::string_view suite, const std::vector<std::string>& patterns) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return cipher_matches(suite, p); });
}

// The suites each (endpoint, address, version) was seen to accept: negotiated in a cell, or
// found by a --ciphers scan; in that order, each once.
struct Accepted {
  std::string endpoint, address;
  Version version;
  std::vector<std::pair<std::string, const AttemptResult*>> suites;  // name, the cell (null: the scan)
};

std::vector<Accepted> accepted_suites(const Report& report) {
  std::vector<Accepted> out;
  const auto entry = [&out](const std::string& endpoint, const std::string& address, Version v) -> Accepted& {
    for (auto& a : out)
      if (a.endpoint == endpoint && a.address == address && a.version == v) return a;
    out.push_back(Accepted{endpoint, address, v, {}});
    return out.back();
  };
  const auto add = [](Accepted& a, std::string name, const AttemptResult* cell) {
    for (const auto& [seen, _] : a.suites)
      if (seen == name) return;
    a.suites.emplace_back(std::move(name), cell);
  };
  for (const auto& r : report.results)
    if (r.outcome.status == Status::accepted)
      add(entry(r.target.label, r.address, r.version), r.outcome.cipher, &r);
  for (const auto& scan : report.cipher_scans)
    for (const auto suite : scan.accepted) add(entry(scan.endpoint, scan.address, scan.version), wire::cipher_name(suite), nullptr);
  return out;
}

}  // namespace

void add_cipher_rules(Policy& policy, std::string_view require_list, std::string_view forbid_list) {
  policy.require_ciphers = pattern_list(require_list, "--require-ciphers");
  policy.forbid_ciphers = pattern_list(forbid_list, "--forbid-ciphers");
  for (const auto& p : policy.require_ciphers)
    if (std::find(policy.forbid_ciphers.begin(), policy.forbid_ciphers.end(), p) != policy.forbid_ciphers.end())
      throw UsageError(p + " is both required (--require-ciphers) and forbidden (--forbid-ciphers)");
}

bool cipher_matches(std::string_view suite, std::string_view pattern) {
  const auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
           });
  };
  if (same(suite, pattern)) return true;
  std::size_t at = 0;
  while (at <= suite.size()) {
    const auto end = std::min(suite.find('_', at), suite.size());
    if (same(suite.substr(at, end - at), pattern)) return true;
    at = end + 1;
  }
  return false;
}

std::vector<Violation> check_policy(const Report& report, const Policy& policy) {
  std::vector<Violation> out;
  for (const Place& p : places_of(report)) {
    for (Version v : policy.require) {
      const auto tries = at_version(p, v);
      const bool ok =
          std::any_of(tries.begin(), tries.end(), [](const auto* r) { return r->outcome.status == Status::accepted; });
      if (ok) continue;
      Violation violation{p.row.endpoint, p.row.address, "", v, "require", Shortfall::not_probed, {}, {}, {}};
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
      if (tries.empty()) out.push_back({p.row.endpoint, p.row.address, "", v, "forbid", Shortfall::not_probed, {}, {}, {}});
      for (const auto* r : tries)
        if (r->outcome.status == Status::accepted)
          out.push_back({p.row.endpoint, p.row.address, r->backend, v, "forbid", Shortfall::accepted, {*r}, {}, {}});
    }
  }
  if (!policy.has_cipher_rules()) return out;
  for (const auto& a : accepted_suites(report)) {
    std::vector<std::string> names;
    for (const auto& [name, cell] : a.suites) {
      if (!name.empty()) names.push_back(name);
      if (name.empty() || !matches_any(name, policy.forbid_ciphers)) continue;
      Violation v{a.endpoint, a.address, cell ? cell->backend : "", a.version, "forbid_ciphers",
                  Shortfall::suite_accepted, {}, name, {}};
      if (cell) v.seen.push_back(*cell);
      out.push_back(std::move(v));
    }
    if (!policy.require_ciphers.empty() &&
        std::none_of(names.begin(), names.end(), [&](const std::string& n) { return matches_any(n, policy.require_ciphers); }))
      out.push_back({a.endpoint, a.address, "", a.version, "require_ciphers", Shortfall::no_suite_matches, {}, {}, names});
  }
  return out;
}

}  // namespace tlsprobe
