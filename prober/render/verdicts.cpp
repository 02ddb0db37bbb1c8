#include "render/verdicts.hpp"

#include <algorithm>
#include <map>

#include "render/describe.hpp"

namespace tlsprobe {
namespace {

// How a group of versions reads after their names; the order is the order of the line.
struct Phrase {
  int rank;
  std::string text;
};

Phrase phrase(const Verdict& v) {
  switch (v.cause) {
    case Cause::works:
      return v.version < Version::tls1_2 ? Phrase{4, "still accepted by the server (not deprecated there yet)"}
                                         : Phrase{0, "accepted"};
    case Cause::local: return {1, "blocked on this machine"};
    case Cause::path: return {2, "failing on the path"};
    case Cause::unreachable: {
      const auto colon = v.summary.find(": ");
      return {3, "unreachable" + (colon == std::string::npos ? "" : " (" + v.summary.substr(colon + 2) + ")")};
    }
    case Cause::server:
      if (!v.expected) return {1, "refused by the server everywhere"};
      return v.version == Version::tls1_3 ? Phrase{5, "not offered by the server (not required)"}
                                          : Phrase{6, "refused by the server everywhere (deprecation in effect, as expected)"};
  }
  return {9, "?"};
}

std::string join_versions(const std::vector<Version>& versions) {
  std::string out;
  for (std::size_t i = 0; i < versions.size(); ++i)
    out += (i == 0 ? "" : (i + 1 == versions.size() ? " and " : ", ")) + std::string(display_name(versions[i]));
  return out;
}

}  // namespace

std::string address_note_text(const AddressNote& note) {
  const auto& e = note.outcome.error;
  const bool v6 = note.address.find(':') != std::string::npos;
  std::string why = failure_summary(note.outcome);
  if (v6 && (e.posix_errno == 101 || e.posix_errno == 97))  // ENETUNREACH, EAFNOSUPPORT
    why = "no IPv6 route: " + why;
  return note.address + ": unreachable for every version (" + why + ")";
}

nlohmann::ordered_json address_notes_to_json(const std::vector<AddressNote>& notes) {
  using json = nlohmann::ordered_json;
  json out = json::array();
  for (const auto& n : notes) {
    const auto& e = n.outcome.error;
    out.push_back({{"endpoint", n.endpoint},
                   {"address", n.address},
                   {"class", to_string(e.cls)},
                   {"errno", e.posix_errno ? json(*e.posix_errno) : json(nullptr)},
                   {"winsock", winsock_number(e) ? json(*winsock_number(e)) : json(nullptr)},
                   {"summary", address_note_text(n)}});
  }
  return out;
}

std::string render_verdicts(const std::vector<Verdict>& verdicts, const std::vector<AddressNote>& unreachable) {
  if (verdicts.empty()) return {};
  std::vector<std::string> endpoints;
  for (const auto& v : verdicts)
    if (std::find(endpoints.begin(), endpoints.end(), v.endpoint) == endpoints.end()) endpoints.push_back(v.endpoint);
  std::string out = "Verdicts:\n";
  std::string fixes;
  for (const auto& endpoint : endpoints) {
    std::map<std::pair<int, std::string>, std::vector<Version>> groups;
    for (const auto& v : verdicts) {
      if (v.endpoint != endpoint) continue;
      const auto p = phrase(v);
      groups[{p.rank, p.text}].push_back(v.version);
      if (v.cause != Cause::works && !(v.cause == Cause::server && v.expected) && v.cause != Cause::unreachable)
        fixes += "  " + one_line(endpoint) + ": " + one_line(v.summary) + (v.fix.empty() ? "" : "\n    fix: " + one_line(v.fix)) + "\n";
    }
    std::string line;
    for (const auto& [key, versions] : groups)
      line += (line.empty() ? "" : "; ") + join_versions(versions) + " " + key.second;
    out += "  " + one_line(endpoint) + ": " + line + "\n";
    for (const auto& n : unreachable)
      if (n.endpoint == endpoint) out += "    " + one_line(address_note_text(n)) + "\n";
  }
  if (!fixes.empty()) out += "Why:\n" + fixes;
  return out;
}

nlohmann::ordered_json verdicts_to_json(const std::vector<Verdict>& verdicts) {
  using json = nlohmann::ordered_json;
  json out = json::array();
  for (const auto& v : verdicts) {
    out.push_back({{"endpoint", v.endpoint},
                   {"version", token(v.version)},
                   {"cause", to_string(v.cause)},
                   {"expected", v.expected},
                   {"summary", v.summary},
                   {"evidence", v.evidence},
                   {"fix", v.fix.empty() ? json(nullptr) : json(v.fix)},
                   {"unreachable_addresses", v.unreachable_addresses}});
  }
  return out;
}

}  // namespace tlsprobe
