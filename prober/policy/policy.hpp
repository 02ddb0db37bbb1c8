#pragma once
// --require / --forbid: turns the matrix into a pass/fail verdict (exit code 1 when violated).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace tlsprobe {

struct Policy {
  std::vector<Version> require;  // every endpoint/address accepts these on at least one backend
  std::vector<Version> forbid;   // no endpoint/address accepts these on any backend
  bool empty() const { return require.empty() && forbid.empty(); }
};

// From the --require and --forbid lists ("tls1.2,tls1.3"; empty text = none). Throws
// UsageError for an unknown version or one both required and forbidden.
Policy make_policy(std::string_view require_list, std::string_view forbid_list);

struct Violation {
  std::string endpoint;  // target.label
  std::string address;   // empty when the name did not resolve
  std::string backend;   // forbid: the backend that was accepted; require: empty (no backend did)
  Version version = Version::tls1_2;
  std::string rule;      // "require" or "forbid"
  std::string detail;    // why, in words: what each backend saw
};

// Evidence, not absence of it, decides:
// - require V fails for an endpoint/address unless some backend saw `accepted` at V; an
//   unreachable address fails, and so does one where every backend was `unsupported`
//   (acceptance cannot be proven).
// - forbid V fails for each backend that saw `accepted` at V.
// - A version with no attempt at all for an endpoint/address fails either rule: the plan
//   must include every required and forbidden version (the CLI adds them), and a missing
//   one is a wiring bug we would rather report than pass.
// Order: endpoint/address as first seen in the report, then require, then forbid.
std::vector<Violation> check_policy(const Report& report, const Policy& policy);

// One line per violation naming the cell, under a count; "Policy: no violations" when none.
std::string render_violations(const std::vector<Violation>& violations);

// The "policy" section of the JSON document: {require, forbid, passed, violations}.
nlohmann::ordered_json policy_to_json(const Policy& policy, const std::vector<Violation>& violations);

}  // namespace tlsprobe
