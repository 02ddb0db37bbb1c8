#include "registry/cipher_audit.hpp"

#include <algorithm>

#include "registry/key_path.hpp"
#include "registry/suite_defaults.hpp"

namespace tlsprobe::registry {
namespace {

// Enabled=0xffffffff is how Microsoft's TLS registry settings page writes "enabled".
constexpr std::uint32_t enabled_value = 0xffffffff;

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string source_text(const CipherSettings& c) {
  switch (c.source) {
    case ListSource::policy: return "the SSL Cipher Suite Order policy (" + short_key_path(c.policy_functions.key) + " Functions)";
    case ListSource::local: return "the local list (" + short_key_path(c.local_functions.key) + " Functions)";
    case ListSource::os_default: return "this Windows' default list (" + c.defaults_url + ")";
    case ListSource::unknown: break;
  }
  return "an unknown list";
}

// The SCHANNEL keys that take these suites out, each once, as changes back to enabled.
std::vector<RegChange> re_enable(const CipherSettings& c, const std::vector<std::string>& suites) {
  std::vector<RegChange> out;
  for (const auto& r : c.removed) {
    if (std::find(suites.begin(), suites.end(), r.suite) == suites.end()) continue;
    if (std::none_of(out.begin(), out.end(), [&](const RegChange& ch) { return ch.key == r.by; }))
      out.push_back({r.by, "Enabled", enabled_value});
  }
  return out;
}

// The order policy with `missing` put first and the list in effect after it, unchanged:
// only adding. First, because Windows reads 1023 characters of the line and drops the rest.
RegChange policy_functions_with(const CipherSettings& c, const std::vector<std::string>& missing) {
  std::vector<std::string> line = missing;
  for (const auto& name : c.listed)
    if (std::find(line.begin(), line.end(), name) == line.end()) line.push_back(name);
  std::string text;
  for (const auto& name : line) text += (text.empty() ? "" : ",") + name;
  return {std::string(ssl_policy_key), "Functions", 0, reg_sz, {text}};
}

void front_door_finding(const Settings& s, std::vector<Finding>& out) {
  const CipherSettings& c = s.ciphers;
  if (offers_front_door_suite(c).value_or(true)) return;
  const auto wanted = front_door_tls1_2_2023_suites();
  const std::vector<std::string> suites(wanted.begin(), wanted.end());
  Finding f{{"ciphers.tls1_2.no_front_door_suite", Severity::warning, {}}, Version::tls1_2, {}, {}};
  f.message = "this machine cannot offer any TLS 1.2 suite that Azure Front Door's default policy (TLSv1.2_2023) accepts (" +
              joined(suites) + "): ";
  if (s.os && s.os->build < first_build_with_ecdhe_rsa_gcm) {
    f.message += "this Windows (build " + std::to_string(s.os->build) + ", " + std::string(os_name(s.os->build)) +
                 ") has no ECDHE_RSA suite with AES-GCM";
    f.advice = "No registry setting adds these suites: Windows 10 / Server 2016 and later have them. Until then "
               "only endpoints that also accept ECDHE_RSA with CBC (TLSv1.2_2022) can be reached over TLS 1.2.";
    out.push_back(std::move(f));
    return;
  }
  std::vector<std::string> missing;
  for (const auto& w : suites)
    if (std::none_of(c.listed.begin(), c.listed.end(), [&](const std::string& n) { return iana_suite_name(n) == w; }))
      missing.push_back(w);
  std::vector<std::string> why;
  if (!missing.empty()) why.push_back("not in " + source_text(c));
  f.changes = re_enable(c, suites);
  for (const auto& ch : f.changes) why.push_back("switched off by " + short_key_path(ch.key) + " Enabled=0");
  f.message += joined(why);
  if (!missing.empty() && c.source != ListSource::os_default) f.changes.push_back(policy_functions_with(c, missing));
  out.push_back(std::move(f));
}

void none_offered_finding(const Settings& s, std::vector<Finding>& out) {
  const CipherSettings& c = s.ciphers;
  Finding f{{"ciphers.tls1_2.none_offered", Severity::error, {}}, Version::tls1_2, {}, {}};
  f.message = "SChannel has no TLS 1.2 cipher suite left to offer (" + std::to_string(c.listed.size()) + " listed in " +
              source_text(c) + ", " + std::to_string(c.removed.size()) +
              " switched off by SCHANNEL keys): every TLS 1.2 handshake fails, and backups with it";
  std::vector<std::string> removed;
  for (const auto& r : c.removed) removed.push_back(r.suite);
  f.changes = re_enable(c, removed);
  if (f.changes.empty() && c.source != ListSource::os_default) {
    const auto wanted = front_door_tls1_2_2023_suites();
    f.changes.push_back(policy_functions_with(c, std::vector<std::string>(wanted.begin(), wanted.end())));
  }
  out.push_back(std::move(f));
}

void curve_finding(const CipherSettings& c, std::vector<Finding>& out) {
  if (c.curves_source == ListSource::unknown) return;
  if (std::none_of(c.offered.begin(), c.offered.end(), [](const std::string& n) { return n.starts_with("TLS_ECDHE_"); }))
    return;
  if (std::any_of(c.curves.begin(), c.curves.end(), [](const std::string& n) { return front_door_takes_curve(n); }))
    return;
  Finding f{{"curves.no_front_door_curve", Severity::warning, {}}, Version::tls1_2, {}, {}};
  const bool policy = c.curves_source == ListSource::policy;
  f.message = "no curve an Azure front door takes for ECDHE (NistP256, NistP384, NistP521) in " +
              std::string(policy ? "the ECC Curve Order policy (" : "the curve list (") +
              short_key_path(policy ? c.policy_curves.key : c.local_curves.key) + " EccCurves: " +
              (c.curves.empty() ? std::string("empty") : joined(c.curves)) +
              "): no ECDHE suite can be negotiated with them";
  std::vector<std::string> curves = c.curves;
  curves.insert(curves.end(), {"NistP256", "NistP384"});
  f.changes.push_back({std::string(ssl_policy_key), "EccCurves", 0, reg_multi_sz, curves});
  out.push_back(std::move(f));
}

}  // namespace

void cipher_findings(const Settings& s, std::vector<Finding>& out) {
  const CipherSettings& c = s.ciphers;
  if (c.policy_functions.entries && c.policy_functions.chars > functions_limit) {
    Finding f{{"ciphers.policy.too_long", Severity::warning, {}}, Version::tls1_2, {}, {}};
    f.message = "the SSL Cipher Suite Order policy is " + std::to_string(c.policy_functions.chars) +
                " characters long (" + short_key_path(c.policy_functions.key) +
                " Functions): Windows reads 1023 and drops the suites after them";
    f.advice = "Shorten the list: leave out suites Azure never accepts (3DES, RC4, CBC with SHA-1).";
    out.push_back(std::move(f));
  }
  if (!c.known()) return;
  if (c.offered.empty()) {
    none_offered_finding(s, out);
    return;
  }
  front_door_finding(s, out);
  curve_finding(c, out);
}

}  // namespace tlsprobe::registry
