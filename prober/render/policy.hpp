#pragma once
// The words of a --require / --forbid check: the table's "Policy:" block and the JSON section.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "policy/policy.hpp"

namespace tlsprobe {

// Why one violation fails, in words: what each backend saw ("not accepted: openssl
// unreachable (refused 10061 in connect)"), or what was accepted ("accepted, negotiated
// TLS 1.0 with ECDHE-RSA-AES128-SHA").
std::string violation_detail(const Violation& v);

// One line per violation naming the cell, under a count; "Policy: no violations" when none.
std::string render_violations(const std::vector<Violation>& violations);

// The "policy" section of the JSON document: {require, forbid, passed, violations}.
nlohmann::ordered_json policy_to_json(const Policy& policy, const std::vector<Violation>& violations);

}  // namespace tlsprobe
