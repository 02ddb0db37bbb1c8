#include "policy/policy.hpp"

#include <algorithm>
#include <utility>

#include "core/errors.hpp"
#include "render/describe.hpp"

namespace tlsprobe {
namespace {

struct Place {
  std::string endpoint;
  std::string address;
  std::vector<const AttemptResult*> results;
};

std::vector<Place> places_of(const Report& report) {
  std::vector<Place> places;
  for (const auto& r : report.results) {
    // tlsprobe's own fault proves nothing either way; the run exits 3 for it instead.
    if (r.outcome.status == Status::error) continue;
    auto it = std::find_if(places.begin(), places.end(),
                           [&](const Place& p) { return p.endpoint == r.target.label && p.address == r.address; });
    if (it == places.end()) {
      places.push_back(Place{r.target.label, r.address, {}});
      it = places.end() - 1;
    }
    it->results.push_back(&r);
  }
  return places;
}

std::vector<const AttemptResult*> at_version(const Place& p, Version v) {
  std::vector<const AttemptResult*> out;
  for (const auto* r : p.results)
    if (r->version == v) out.push_back(r);
  return out;
}

std::string not_probed(Version v, std::string_view what) {
  return std::string(display_name(v)) + " was not probed, so " + std::string(what) + " cannot be proven";
}

std::string require_detail(Version v, const std::vector<const AttemptResult*>& tries) {
  if (tries.empty()) return not_probed(v, "acceptance");
  const bool none_could =
      std::all_of(tries.begin(), tries.end(), [](const auto* r) { return r->outcome.status == Status::unsupported; });
  std::string d = none_could ? "no backend can attempt " + std::string(display_name(v)) +
                                   " here, so acceptance cannot be proven: "
                             : std::string("not accepted: ");
  for (std::size_t i = 0; i < tries.size(); ++i) {
    const AttemptResult& r = *tries[i];
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

std::string forbid_detail(const AttemptResult& r) {
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

std::vector<Violation> check_policy(const Report& report, const Policy& policy) {
  std::vector<Violation> out;
  for (const Place& p : places_of(report)) {
    for (Version v : policy.require) {
      const auto tries = at_version(p, v);
      const bool ok =
          std::any_of(tries.begin(), tries.end(), [](const auto* r) { return r->outcome.status == Status::accepted; });
      if (!ok) out.push_back({p.endpoint, p.address, "", v, "require", require_detail(v, tries)});
    }
    for (Version v : policy.forbid) {
      const auto tries = at_version(p, v);
      if (tries.empty()) out.push_back({p.endpoint, p.address, "", v, "forbid", not_probed(v, "refusal")});
      for (const auto* r : tries)
        if (r->outcome.status == Status::accepted)
          out.push_back({p.endpoint, p.address, r->backend, v, "forbid", forbid_detail(*r)});
    }
  }
  return out;
}

std::string render_violations(const std::vector<Violation>& violations) {
  if (violations.empty()) return "Policy: no violations\n";
  std::string out = "Policy: " + std::to_string(violations.size()) +
                    (violations.size() == 1 ? " violation\n" : " violations\n");
  for (const auto& v : violations) {
    out += "  " + one_line(place_name(v));
    if (!v.backend.empty()) out += " " + one_line(v.backend);
    out += v.rule == "forbid" ? ": forbids " : ": requires ";
    out += std::string(display_name(v.version)) + ": " + one_line(v.detail) + "\n";
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
  j["passed"] = violations.empty();
  j["violations"] = json::array();
  for (const auto& v : violations) {
    json e;
    e["endpoint"] = v.endpoint;
    e["address"] = v.address.empty() ? json(nullptr) : json(v.address);
    e["backend"] = v.backend.empty() ? json(nullptr) : json(v.backend);
    e["version"] = std::string(token(v.version));
    e["rule"] = v.rule;
    e["detail"] = v.detail;
    j["violations"].push_back(std::move(e));
  }
  return j;
}

}  // namespace tlsprobe
