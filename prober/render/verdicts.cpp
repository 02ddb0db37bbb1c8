#include "render/verdicts.hpp"

#include <algorithm>
#include <map>

#include "render/describe.hpp"
#include "wire/cipher_names.hpp"
#include "wire/tls_names.hpp"

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
    case Cause::local:
      if (v.reason == Reason::no_common_cipher) return {1, "failing on this machine: no common cipher suite"};
      if (v.reason == Reason::no_common_group) return {1, "failing on this machine: no common key exchange group"};
      return {1, "blocked on this machine"};
    case Cause::path: return {2, "failing on the path"};
    case Cause::unreachable:
      return {3, "unreachable" + (v.decisive ? " (" + failure_summary(v.decisive->outcome) + ")" : std::string())};
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

std::string version_name(Version v) { return std::string(display_name(v)); }

// IANA names, comma-separated; "none" for an empty list.
std::string name_list(const std::vector<std::uint16_t>& values, std::string (*name)(std::uint16_t)) {
  std::string out;
  for (const auto v : values) out += (out.empty() ? "" : ", ") + name(v);
  return out.empty() ? "none" : out;
}

std::string suite_list(const std::vector<std::uint16_t>& suites) { return name_list(suites, wire::cipher_name); }
std::string group_list(const std::vector<std::uint16_t>& groups) { return name_list(groups, wire::group_name); }


std::string cell_text(const CellSeen& c) {
  const std::string where = c.address.empty() ? "no address" : c.address;
  if (c.outcome.status == Status::accepted) return c.backend + " at " + where + ": accepted";
  return c.backend + " at " + where + ": " + failure_summary(c.outcome);
}

// The request failure of an accepted handshake, told as a failed attempt would be.
Outcome request_failure(const CellSeen& c) {
  Outcome as_failure;
  as_failure.status = Status::rejected;
  if (c.outcome.http && c.outcome.http->error) as_failure.error = *c.outcome.http->error;
  return as_failure;
}

}  // namespace

std::string verdict_summary(const Verdict& v) {
  const std::string name = version_name(v.version);
  const std::string first = v.decisive ? failure_summary(v.decisive->outcome) : std::string("no attempt");
  switch (v.reason) {
    case Reason::works: return name + " works";
    case Reason::still_accepted: return name + " is still accepted by the server: not deprecated there yet";
    case Reason::cut_after_handshake:
      return name + " handshake works, but the first request fails (" +
             (v.decisive ? failure_summary(request_failure(*v.decisive)) : std::string()) +
             "): something on the path cuts the connection after the handshake";
    case Reason::blocked_by_registry:
      return name + " is blocked on this machine: " + (v.registry ? v.registry->why : std::string()) +
             (v.server_accepts ? " (the server accepts it)" : "");
    case Reason::stack_cannot_offer: {
      std::string names;
      for (const auto& s : v.stacks) names += (names.empty() ? "" : ", ") + s;
      return name + " fails locally: the server accepts it, but " + names + " on this machine cannot offer it" +
             (v.server_accepts ? " (the server accepts it)" : "");
    }
    case Reason::no_common_cipher: {
      std::string names;
      for (const auto& g : v.cipher_gaps) names += (names.empty() ? "" : ", ") + g.backend;
      return name + " fails locally: no common cipher suite: the server accepts it, but only with suites " + names +
             " on this machine does not offer";
    }
    case Reason::no_common_group: {
      std::string names;
      for (const auto& g : v.group_gaps) names += (names.empty() ? "" : ", ") + g.backend;
      return name + " fails locally: no common key exchange group: the server accepts it, but only with groups " +
             names + " on this machine does not offer";
    }
    case Reason::no_stack_can_try: return "no stack on this machine can try " + name;
    case Reason::never_reached: return name + " never got a chance: " + first;
    case Reason::split_on_path: {
      std::string bad;
      for (const auto& a : v.failing_addresses) bad += (bad.empty() ? "" : ", ") + (a.empty() ? "no address" : a);
      return name + " fails on the path: accepted by some addresses or stacks, refused at " + bad;
    }
    case Reason::refused_everywhere:
      return name + " refused by the server on every address and stack" +
             (v.version < Version::tls1_2    ? " (deprecation in effect, as expected)"
              : v.version == Version::tls1_3 ? " (not required: Azure Backup needs TLS 1.2)"
                                             : "");
    case Reason::failed: return name + " fails: " + first;
  }
  return name + " ?";
}

std::vector<std::string> verdict_evidence(const Verdict& v) {
  std::vector<std::string> out;
  for (const auto& c : v.cells) out.push_back(cell_text(c));
  if (v.registry) out.push_back(v.registry->why);
  if (v.reason == Reason::cut_after_handshake && v.decisive)
    out.push_back(v.decisive->backend + " at " + v.decisive->address + ": HEAD " +
                  (v.decisive->outcome.http ? v.decisive->outcome.http->path : std::string()) + " " +
                  failure_summary(request_failure(*v.decisive)));
  for (const auto& g : v.cipher_gaps)
    out.push_back("the server accepts " + version_name(v.version) + " only with " + suite_list(g.server) + "; " +
                  g.backend + " offered none of them (it offered " + suite_list(g.offered) + ")");
  for (const auto& g : v.group_gaps)
    out.push_back("the server accepts " + version_name(v.version) + " only with the groups " + group_list(g.server) +
                  "; " + g.backend + " offered none of them (it offered " + group_list(g.offered) + ")");
  for (const auto& address : v.unreachable_addresses)
    out.push_back(address + ": unreachable on every version, left out of this verdict");
  return out;
}

std::string verdict_fix(const Verdict& v) {
  if (v.reason == Reason::blocked_by_registry && v.registry) return v.registry->fix;
  if (v.reason == Reason::no_common_cipher && !v.cipher_gaps.empty())
    return "let this machine offer one of " + suite_list(v.cipher_gaps.front().server) +
           ": for SChannel, list it in the SSL Cipher Suite Order policy (HKLM\\SOFTWARE\\Policies\\Microsoft\\"
           "Cryptography\\Configuration\\SSL\\00010002, Functions) or install the update or Windows version "
           "that has it (Windows 7 / 2008 R2 / 2012 have ECDHE_RSA only with CBC); for OpenSSL, its cipher list";
  if (v.reason == Reason::no_common_group && !v.group_gaps.empty())
    return "let this machine offer one of the groups " + group_list(v.group_gaps.front().server) +
           ": for SChannel, list it in the ECC Curve Order policy (HKLM\\SOFTWARE\\Policies\\Microsoft\\"
           "Cryptography\\Configuration\\SSL\\00010002, EccCurves); for OpenSSL, its groups list";
  if (v.reason == Reason::refused_everywhere && !v.expected)
    return "nothing on this machine will help: the server refuses " + version_name(v.version) +
           "; check the endpoint name, or whether a proxy or inspection device answers in its place";
  return {};
}

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
      if (v.cause != Cause::works && !(v.cause == Cause::server && v.expected) && v.cause != Cause::unreachable) {
        const auto fix = verdict_fix(v);
        fixes += "  " + one_line(endpoint) + ": " + one_line(verdict_summary(v)) + "\n";
        // The two suite lists are the whole argument: shown, not left to the JSON.
        for (const auto& g : v.cipher_gaps)
          fixes += "    " + g.backend + " offered: " + suite_list(g.offered) + "\n    the server accepts: " +
                   suite_list(g.server) + "\n";
        for (const auto& g : v.group_gaps)
          fixes += "    " + g.backend + " offered groups: " + group_list(g.offered) +
                   "\n    the server accepts groups: " + group_list(g.server) + "\n";
        if (!fix.empty()) fixes += "    fix: " + one_line(fix) + "\n";
      }
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
    const auto fix = verdict_fix(v);
    out.push_back({{"endpoint", v.endpoint},
                   {"version", token(v.version)},
                   {"cause", to_string(v.cause)},
                   {"reason", to_string(v.reason)},
                   {"expected", v.expected},
                   {"summary", verdict_summary(v)},
                   {"evidence", verdict_evidence(v)},
                   {"fix", fix.empty() ? json(nullptr) : json(fix)},
                   {"unreachable_addresses", v.unreachable_addresses}});
  }
  return out;
}

}  // namespace tlsprobe
