#include "render/policy.hpp"

#include "render/describe.hpp"

namespace tlsprobe {
namespace {

std::string not_probed(Version v, std::string_view what) {
  return std::string(display_name(v)) + " was not probed, so " + std::string(what) + " cannot be proven";
}

std::string require_detail(const Violation& v) {
  if (v.shortfall == Shortfall::not_probed) return not_probed(v.version, "acceptance");
  std::string d = v.shortfall == Shortfall::none_could_try
                      ? "no backend can attempt " + std::string(display_name(v.version)) +
                            " here, so acceptance cannot be proven: "
                      : std::string("not accepted: ");
  for (std::size_t i = 0; i < v.seen.size(); ++i) {
    const AttemptResult& r = v.seen[i];
    if (i > 0) d += "; ";
    d += r.backend + " " + std::string(to_string(r.outcome.status));
    const std::string message = one_line(r.outcome.error.message);
    std::string why;
    if (r.outcome.status == Status::unsupported) {
      why = message;
    } else {
      why = failure_summary(r.outcome);
      // The native text is all these classes have to explain themselves; alerts, resets
      // and refusals are fully told by their numbers.
      const ErrorClass c = r.outcome.error.cls;
      if (!message.empty() && (c == ErrorClass::protocol || c == ErrorClass::local || c == ErrorClass::proxy ||
                               c == ErrorClass::none))
        why += ": " + message;
    }
    if (!why.empty()) d += " (" + why + ")";
  }
  return d;
}

std::string forbid_detail(const Violation& v) {
  if (v.shortfall == Shortfall::not_probed || v.seen.empty()) return not_probed(v.version, "refusal");
  const AttemptResult& r = v.seen.front();
  const Outcome& o = r.outcome;
  std::string d = "accepted, negotiated " + std::string(display_name(o.negotiated.value_or(r.version)));
  if (!o.cipher.empty()) d += " with " + o.cipher;
  return d;
}

std::string place_name(const Violation& v) {
  if (v.address.empty()) return v.endpoint + " (no address)";
  if (v.address == v.endpoint) return v.endpoint;
  return v.endpoint + " (" + v.address + ")";
}

std::string cipher_detail(const Violation& v) {
  if (v.shortfall == Shortfall::suite_accepted)
    return "accepted " + v.suite + (v.seen.empty() ? " (found by --ciphers)" : " (negotiated)");
  std::string seen;
  for (const auto& s : v.suites) seen += (seen.empty() ? "" : ", ") + s;
  return "no accepted suite matches; accepted: " + (seen.empty() ? std::string("none known") : seen);
}

bool is_cipher_rule(const Violation& v) { return v.rule == "forbid_ciphers" || v.rule == "require_ciphers"; }

}  // namespace

std::string violation_detail(const Violation& v) {
  if (is_cipher_rule(v)) return cipher_detail(v);
  return v.rule == "forbid" ? forbid_detail(v) : require_detail(v);
}

std::string render_violations(const std::vector<Violation>& violations) {
  if (violations.empty()) return "Policy: no violations\n";
  std::string out = "Policy: " + std::to_string(violations.size()) +
                    (violations.size() == 1 ? " violation\n" : " violations\n");
  for (const auto& v : violations) {
    out += "  " + one_line(place_name(v));
    if (!v.backend.empty()) out += " " + one_line(v.backend);
    const bool forbids = v.rule == "forbid" || v.rule == "forbid_ciphers";
    out += forbids ? ": forbids " : ": requires ";
    if (is_cipher_rule(v)) out += forbids ? "cipher suites it accepts at " : "a matching cipher suite at ";
    out += std::string(display_name(v.version)) + ": " + one_line(violation_detail(v)) + "\n";
  }
  return out;
}

nlohmann::ordered_json policy_to_json(const Policy& policy, const std::vector<Violation>& violations) {
  using json = nlohmann::ordered_json;
  auto tokens = [](const std::vector<Version>& vs) {
    json a = json::array();
    for (Version v : vs) a.push_back(std::string(token(v)));
    return a;
  };
  json j;
  j["require"] = tokens(policy.require);
  j["forbid"] = tokens(policy.forbid);
  // Only when given, so a version-only policy reads as it always has.
  const auto patterns = [](const std::vector<std::string>& ps) {
    json a = json::array();
    for (const auto& p : ps) a.push_back(p);
    return a;
  };
  if (!policy.require_ciphers.empty()) j["require_ciphers"] = patterns(policy.require_ciphers);
  if (!policy.forbid_ciphers.empty()) j["forbid_ciphers"] = patterns(policy.forbid_ciphers);
  j["passed"] = violations.empty();
  j["violations"] = json::array();
  for (const auto& v : violations) {
    json e;
    e["endpoint"] = v.endpoint;
    e["address"] = v.address.empty() ? json(nullptr) : json(v.address);
    e["backend"] = v.backend.empty() ? json(nullptr) : json(v.backend);
    e["version"] = std::string(token(v.version));
    e["rule"] = v.rule;
    e["detail"] = violation_detail(v);
    j["violations"].push_back(std::move(e));
  }
  return j;
}

}  // namespace tlsprobe
