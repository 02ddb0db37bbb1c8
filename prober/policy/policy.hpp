#pragma once
// --require / --forbid: turns the matrix into a pass/fail verdict (exit code 1 when violated).
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace tlsprobe {

struct Policy {
  std::vector<Version> require;  // every endpoint/address accepts these on at least one backend
  std::vector<Version> forbid;   // no endpoint/address accepts these on any backend
  // --require-ciphers / --forbid-ciphers: suite patterns ("GCM", "3DES", "RC4", "CBC", "NULL",
  // "EXPORT", or a whole IANA name), upper case. Require: every accepted endpoint/address and
  // version accepts some suite matching one; forbid: none accepts a suite matching any.
  std::vector<std::string> require_ciphers;
  std::vector<std::string> forbid_ciphers;
  bool has_cipher_rules() const { return !require_ciphers.empty() || !forbid_ciphers.empty(); }
  bool empty() const { return require.empty() && forbid.empty() && !has_cipher_rules(); }
};

// From the --require and --forbid lists ("tls1.2,tls1.3"; empty text = none). Throws
// UsageError for an unknown version or one both required and forbidden.
Policy make_policy(std::string_view require_list, std::string_view forbid_list);

// Adds the cipher rules from --require-ciphers and --forbid-ciphers ("3DES,RC4,CBC"; empty
// text = none). Throws UsageError for an empty pattern or one both required and forbidden.
// A cipher rule needs every accepted suite, not only the negotiated one: the CLI turns on
// --ciphers with it.
void add_cipher_rules(Policy& policy, std::string_view require_list, std::string_view forbid_list);

// Does an IANA suite name match a pattern? A pattern matches the whole name, or one of its
// '_'-separated parts, ignoring case: "3DES" and "CBC" match TLS_RSA_WITH_3DES_EDE_CBC_SHA,
// "SHA" matches its SHA-1 MAC but not TLS_..._SHA256, "DES" matches neither 3DES nor AES.
bool cipher_matches(std::string_view suite, std::string_view pattern);

// `requested` plus every version a rule names, in order: a rule about a version nobody tried
// could only fail.
std::vector<Version> versions_to_probe(std::vector<Version> requested, const Policy& policy);

// How a rule was broken; render/policy words it.
enum class Shortfall {
  not_probed,      // no attempt at the version for this endpoint/address
  not_accepted,    // require: attempts were made, none accepted
  none_could_try,  // require: every backend was unsupported here
  accepted,        // forbid: this backend was accepted
  suite_accepted,  // forbid_ciphers: a forbidden suite was accepted (`suite`)
  no_suite_matches,  // require_ciphers: no accepted suite matches (`suites` lists those accepted)
};

struct Violation {
  std::string endpoint;  // target.label
  std::string address;   // empty when the name did not resolve
  std::string backend;   // forbid: the backend that was accepted; require: empty (no backend did)
  Version version = Version::tls1_2;
  std::string rule;      // "require", "forbid", "require_ciphers" or "forbid_ciphers"
  Shortfall shortfall = Shortfall::not_probed;
  // What was seen: require, every attempt at the version there; forbid, the accepted one.
  std::vector<AttemptResult> seen;
  std::string suite;                // suite_accepted: the IANA name
  std::vector<std::string> suites;  // no_suite_matches: every suite seen accepted there
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

}  // namespace tlsprobe
