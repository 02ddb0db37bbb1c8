#pragma once
// IANA names (TLS Parameters registries) for the numbers a ClientHello carries besides its
// cipher suites (wire/cipher_names): extensions, supported groups, signature schemes. A number
// not in a table reads as "0x001e"; GREASE (RFC 8701) as "grease".
#include <cstdint>
#include <string>

namespace tlsprobe::wire {

std::string extension_name(std::uint16_t type);       // "server_name", "supported_groups" ...
std::string group_name(std::uint16_t group);          // "x25519", "secp256r1" ...
std::string signature_scheme_name(std::uint16_t s);   // "rsa_pss_rsae_sha256" ...
std::string version_number_name(std::uint16_t v);     // "tls1.3", "tls1.2" ... "ssl3.0"

}  // namespace tlsprobe::wire
