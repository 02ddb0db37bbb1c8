#include "render/client_hello.hpp"

#include <cstdio>
#include <set>
#include <utility>

#include "render/describe.hpp"
#include "wire/cipher_names.hpp"
#include "wire/tls_names.hpp"

namespace tlsprobe {
namespace {

template <typename Name>
std::string joined(const std::vector<std::uint16_t>& values, Name name) {
  std::string out;
  for (const auto v : values) out += (out.empty() ? "" : ", ") + name(v);
  return out.empty() ? "none" : out;
}

std::string suite_name(std::uint16_t v) { return is_grease(v) ? std::string("grease") : wire::cipher_name(v); }

}  // namespace

std::string client_hello_line(const ClientHelloInfo& h) {
  std::string line = std::to_string(h.size) + " bytes, legacy " + version_hex(h.legacy_version);
  if (!h.supported_versions.empty()) line += ", versions " + joined(h.supported_versions, wire::version_number_name);
  line += ", " + std::to_string(h.cipher_suites.size()) + " suites, JA4 " + h.ja4 + ", JA3 " + h.ja3_hash;
  return line;
}

std::string render_client_hellos(const Report& report) {
  std::set<std::pair<std::string, Version>> shown;
  std::string out;
  for (const auto& r : report.results) {
    if (!r.outcome.client_hello || !shown.emplace(r.backend, r.version).second) continue;
    const auto& h = *r.outcome.client_hello;
    out += "  " + r.backend + " " + std::string(display_name(r.version)) + ": " + client_hello_line(h) + "\n";
    out += "    suites: " + joined(h.cipher_suites, suite_name) + "\n";
    if (!h.extensions.empty()) {
      out += "    groups: " + joined(h.supported_groups, wire::group_name) + "\n";
      out += "    signature algorithms: " + joined(h.signature_algorithms, wire::signature_scheme_name) + "\n";
      out += "    extensions: " + joined(h.extensions, wire::extension_name) + "\n";
    }
  }
  return out.empty() ? out : "ClientHellos sent (--show-hello):\n" + out;
}

}  // namespace tlsprobe
