#pragma once
// --ciphers: the suites each address accepts per version, in the server's order.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace tlsprobe {

// "Cipher suites the server accepts (--ciphers, in the order it chose them):" and one line per
// address and version; "" when there was no scan.
std::string render_cipher_scans(const std::vector<CipherScan>& scans);

// [{endpoint, address, version, offered, accepted: [IANA names], complete, stopped}]
nlohmann::ordered_json cipher_scans_to_json(const std::vector<CipherScan>& scans);

// The same for the TLS 1.3 key exchange groups ("x25519", "secp384r1" ...).
std::string render_group_scans(const std::vector<CipherScan>& scans);
nlohmann::ordered_json group_scans_to_json(const std::vector<CipherScan>& scans);

}  // namespace tlsprobe
