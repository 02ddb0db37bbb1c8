#pragma once
// The ClientHello a stack really sent in one attempt, as plain numbers: what this machine
// offers is read off the wire, never assumed from a stack's documentation. wire/ parses the
// bytes into it; the diagnosis joins it with what a server accepts; renderers print it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tlsprobe {

struct ClientHelloInfo {
  std::size_t size = 0;                        // bytes of the handshake message, header included
  std::optional<std::uint16_t> record_version;  // TLSPlaintext.version, when the record was seen
  std::uint16_t legacy_version = 0;             // ClientHello.legacy_version (client_version)
  std::vector<std::uint16_t> cipher_suites;     // in the order sent, GREASE included
  std::vector<std::uint8_t> compression_methods;
  std::vector<std::uint16_t> extensions;  // types in the order sent, GREASE included
  std::string server_name;                // host_name of server_name (RFC 6066 §3), "" without one
  std::vector<std::uint16_t> supported_versions;    // RFC 8446 §4.2.1
  std::vector<std::uint16_t> supported_groups;      // RFC 8422 §5.1.1, RFC 8446 §4.2.7
  std::vector<std::uint16_t> key_share_groups;      // RFC 8446 §4.2.8: groups with a share sent
  std::vector<std::uint16_t> signature_algorithms;  // RFC 8446 §4.2.3
  std::vector<std::uint8_t> ec_point_formats;       // RFC 8422 §5.1.2
  std::vector<std::string> alpn;                    // RFC 7301
  // Fingerprints network teams key firewall and proxy rules on (wire/fingerprint).
  std::string ja3;       // JA3's text: "771,4865-4866-...,0-11-10-...,29-23-24,0"
  std::string ja3_hash;  // its MD5, as JA3 tools print it
  std::string ja4;       // "t13d1516h2_8daaf6152771_e5627efa2ab1"
  std::string ja4_r;     // JA4 raw: the sorted lists the two hashes are taken of

  bool operator==(const ClientHelloInfo&) const = default;
};

// RFC 8701: the reserved 0x?A?A values clients sprinkle to keep servers tolerant; every
// fingerprint and every comparison of offers leaves them out.
constexpr bool is_grease(std::uint16_t v) { return (v & 0x0F0F) == 0x0A0A && (v >> 8) == (v & 0xFF); }

// Cipher suite values that signal rather than name a cipher: TLS_EMPTY_RENEGOTIATION_INFO_SCSV
// (RFC 5746 §3.3) and TLS_FALLBACK_SCSV (RFC 7507).
constexpr bool is_signalling_suite(std::uint16_t s) { return s == 0x00FF || s == 0x5600; }

}  // namespace tlsprobe
