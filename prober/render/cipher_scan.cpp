#include "render/cipher_scan.hpp"

#include "render/describe.hpp"
#include "wire/cipher_names.hpp"

namespace tlsprobe {

std::string render_cipher_scans(const std::vector<CipherScan>& scans) {
  if (scans.empty()) return {};
  std::string out = "Cipher suites the server accepts (--ciphers, in the order it chose them):\n";
  for (const auto& s : scans) {
    const std::string where = s.address.empty() || s.address == s.endpoint ? s.endpoint
                                                                           : s.endpoint + " (" + s.address + ")";
    std::string names;
    for (const auto suite : s.accepted) names += (names.empty() ? "" : ", ") + wire::cipher_name(suite);
    out += "  " + one_line(where) + " " + std::string(display_name(s.version)) + ": " +
           (names.empty() ? "none of the " + std::to_string(s.offered) + " offered" : names);
    if (!s.complete) out += " (scan stopped early: " + one_line(s.stopped) + ")";
    out += "\n";
  }
  return out;
}

nlohmann::ordered_json cipher_scans_to_json(const std::vector<CipherScan>& scans) {
  using json = nlohmann::ordered_json;
  json out = json::array();
  for (const auto& s : scans) {
    json accepted = json::array();
    for (const auto suite : s.accepted) accepted.push_back(wire::cipher_name(suite));
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

}  // namespace tlsprobe
