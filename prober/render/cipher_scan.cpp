#include "render/cipher_scan.hpp"

#include "render/describe.hpp"
#include "wire/cipher_names.hpp"
#include "wire/tls_names.hpp"

namespace tlsprobe {

namespace {

using Namer = std::string (*)(std::uint16_t);

std::string render_scans(const std::vector<CipherScan>& scans, const std::string& title, Namer name) {
  if (scans.empty()) return {};
  std::string out = title + "\n";
  for (const auto& s : scans) {
    const std::string where = s.address.empty() || s.address == s.endpoint ? s.endpoint
                                                                           : s.endpoint + " (" + s.address + ")";
    std::string names;
    for (const auto value : s.accepted) names += (names.empty() ? "" : ", ") + name(value);
    out += "  " + one_line(where) + " " + std::string(display_name(s.version)) + ": " +
           (names.empty() ? "none of the " + std::to_string(s.offered) + " offered" : names);
    if (!s.complete) out += " (scan stopped early: " + one_line(s.stopped) + ")";
    out += "\n";
  }
  return out;
}

nlohmann::ordered_json scans_to_json(const std::vector<CipherScan>& scans, Namer name) {
  using json = nlohmann::ordered_json;
  json out = json::array();
  for (const auto& s : scans) {
    json accepted = json::array();
    for (const auto value : s.accepted) accepted.push_back(name(value));
    out.push_back({{"endpoint", s.endpoint},
                   {"address", s.address.empty() ? json(nullptr) : json(s.address)},
                   {"version", token(s.version)},
                   {"offered", s.offered},
                   {"accepted", std::move(accepted)},
                   {"complete", s.complete},
                   {"stopped", s.stopped.empty() ? json(nullptr) : json(one_line(s.stopped))}});
  }
  return out;
}

}  // namespace

std::string render_cipher_scans(const std::vector<CipherScan>& scans) {
  return render_scans(scans, "Cipher suites the server accepts (--ciphers, in the order it chose them):",
                      wire::cipher_name);
}
std::string render_group_scans(const std::vector<CipherScan>& scans) {
  return render_scans(scans, "Key exchange groups the server accepts (--ciphers, TLS 1.2 curves and TLS 1.3 groups, in the order it chose them):",
                      wire::group_name);
}
nlohmann::ordered_json cipher_scans_to_json(const std::vector<CipherScan>& scans) {
  return scans_to_json(scans, wire::cipher_name);
}
nlohmann::ordered_json group_scans_to_json(const std::vector<CipherScan>& scans) {
  return scans_to_json(scans, wire::group_name);
}

}  // namespace tlsprobe
