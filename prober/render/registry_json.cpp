#include "render/registry_report.hpp"

#include <algorithm>
#include <optional>

#include "registry/key_path.hpp"
#include "render/json.hpp"

namespace tlsprobe::registry {
namespace {

using json = nlohmann::ordered_json;

json number_or_null(const std::optional<std::uint32_t>& v) { return v ? json(*v) : json(nullptr); }

json source_to_json(const RegistryReport& r) {
  json j;
  j["kind"] = r.live ? "live" : "file";
  json files = json::array();
  for (const auto& f : r.files)
    files.push_back({{"path", f.path}, {"format", header_text(f.format)}, {"encoding", to_string(f.encoding)}});
  j["files"] = std::move(files);
  return j;
}

json os_to_json(const std::optional<OsBuild>& os) {
  if (!os) return nullptr;
  return {{"build", os->build}, {"name", os_name(os->build)}, {"from", os->source}};
}

json schannel_to_json(const Settings& s) {
  json j = json::object();
  for (const auto& c : s.schannel) {
    const std::string source = c.source();
    j[std::string(token(c.version))] = {{"state", to_string(c.state)},
                                        {"key", short_key_path(c.key)},
                                        {"value", source.empty() ? json(nullptr) : json(source)},
                                        {"offered", to_string(c.offer)}};
  }
  return j;
}

json dotnet_to_json(const Settings& s) {
  json j = json::object();
  for (const auto& d : s.dotnet) {
    j[std::string(to_string(d.view))] = {
        {"key", short_key_path(d.key)},
        {"key_present", d.key_present},
        {"system_default_tls_versions", number_or_null(d.system_default_tls_versions.value)},
        {"sch_use_strong_crypto", number_or_null(d.sch_use_strong_crypto.value)},
        {"value", d.system_default_tls_versions.describe() + ", " + d.sch_use_strong_crypto.describe()},
        {"result", to_string(d.result)},
        {"offers", describe(d.result)}};
  }
  return j;
}

// Does WinHTTP offer TLS 1.2 when the program leaves the protocols to it?
std::string_view winhttp_tls1_2(const WinHttpView& w, const std::optional<OsBuild>& os) {
  if (w.default_secure_protocols.value) {
    const bool named = (*w.default_secure_protocols.value & winhttp_bit(Version::tls1_2)) != 0;
    const bool blocked = std::find(w.blocked_by_schannel.begin(), w.blocked_by_schannel.end(), Version::tls1_2) !=
                         w.blocked_by_schannel.end();
    return named && !blocked ? "yes" : "no";
  }
  if (!os) return "unknown";
  return winhttp_default_includes_tls1_2(os->build) ? "yes" : "no";
}

json winhttp_to_json(const Settings& s) {
  json j = json::object();
  for (const auto& w : s.winhttp) {
    json blocked = json::array();
    for (const auto v : w.blocked_by_schannel) blocked.push_back(token(v));
    j[std::string(to_string(w.view))] = {
        {"key", short_key_path(w.key)},
        {"default_secure_protocols", number_or_null(w.default_secure_protocols.value)},
        {"value", w.default_secure_protocols.describe()},
        {"protocols", w.protocols ? json(*w.protocols) : json(nullptr)},
        {"blocked_by_schannel", std::move(blocked)},
        {"tls1.2", winhttp_tls1_2(w, s.os)}};
  }
  return j;
}

json ciphers_to_json(const CipherSettings& c) {
  json removed = json::array();
  for (const auto& r : c.removed) removed.push_back({{"suite", r.suite}, {"by", short_key_path(r.by)}});
  json off = json::array();
  for (const auto& o : c.off) off.push_back(short_key_path(o.key));
  const auto front_door = offers_front_door_suite(c);
  return {{"source", to_string(c.source)},
          {"defaults", c.defaults_url.empty() ? json(nullptr) : json(c.defaults_url)},
          {"listed", c.listed},
          {"offered_tls1.2", c.offered},
          {"removed", std::move(removed)},
          {"switched_off", std::move(off)},
          {"front_door_tls1_2_2023", front_door ? json(*front_door) : json(nullptr)},
          {"curves_source", to_string(c.curves_source)},
          {"curves", c.curves}};
}

json findings_to_json(const std::vector<Finding>& findings) {
  json out = json::array();
  for (const auto& f : findings) {
    const std::string fix = fix_text(f);
    out.push_back({{"id", f.id},
                   {"severity", to_string(f.severity)},
                   {"protocol", f.protocol ? json(token(*f.protocol)) : json(nullptr)},
                   {"message", f.message},
                   {"fix", fix.empty() ? json(nullptr) : json(fix)}});
  }
  return out;
}

}  // namespace

nlohmann::ordered_json registry_to_json(const RegistryReport& report) {
  json j;
  j["tool"] = "tlsprobe";
  j["version"] = TLSPROBE_VERSION;
  j["source"] = source_to_json(report);
  j["os"] = os_to_json(report.settings.os);
  j["schannel"] = schannel_to_json(report.settings);
  j["dotnet"] = dotnet_to_json(report.settings);
  j["winhttp"] = winhttp_to_json(report.settings);
  j["ciphers"] = ciphers_to_json(report.settings.ciphers);
  j["findings"] = findings_to_json(report.findings);
  j["blocks_azure_backup"] = blocks_azure_backup(report.findings);
  return j;
}

std::string render_registry_json(const RegistryReport& report) { return dump_json(registry_to_json(report)); }

}  // namespace tlsprobe::registry
