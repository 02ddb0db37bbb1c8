#pragma once
// What the raw backend offers for each forced version: record and client_version numbers,
// cipher suites, groups and signature algorithms. Plain data, so tests and docs can list it.
#include <cstdint>
#include <span>

#include "core/version.hpp"

namespace tlsprobe::wire {

struct HelloProfile {
  std::uint16_t record_version = 0;  // TLSPlaintext.version of the record carrying the hello
  std::uint16_t client_version = 0;  // ClientHello.client_version / legacy_version
  std::span<const std::uint16_t> cipher_suites;
  bool extensions = false;              // false only for SSL 3.0 (RFC 6101 has none)
  std::span<const std::uint16_t> groups;                // supported_groups (RFC 8422 §5.1.1 / RFC 8446 §4.2.7)
  std::span<const std::uint16_t> signature_algorithms;  // empty: not sent (RFC 5246 §7.4.1.4.1: TLS 1.2 on)
  bool tls13 = false;  // supported_versions, key_share, psk_key_exchange_modes, 32-byte session id
};

const HelloProfile& hello_profile(Version v);

// IANA TLS registry numbers used by the profiles and by tests.
namespace ext {
inline constexpr std::uint16_t server_name = 0;              // RFC 6066 §3
inline constexpr std::uint16_t supported_groups = 10;        // RFC 8422 §5.1.1
inline constexpr std::uint16_t ec_point_formats = 11;        // RFC 8422 §5.1.2
inline constexpr std::uint16_t signature_algorithms = 13;    // RFC 5246 §7.4.1.4.1, RFC 8446 §4.2.3
inline constexpr std::uint16_t padding = 21;                 // RFC 7685
inline constexpr std::uint16_t supported_versions = 43;      // RFC 8446 §4.2.1
inline constexpr std::uint16_t psk_key_exchange_modes = 45;  // RFC 8446 §4.2.9
inline constexpr std::uint16_t key_share = 51;               // RFC 8446 §4.2.8
inline constexpr std::uint16_t renegotiation_info = 0xFF01;  // RFC 5746 §3.2
}  // namespace ext

inline constexpr std::uint16_t group_x25519 = 0x001D;  // RFC 8446 §4.2.7
inline constexpr std::uint16_t scsv_empty_renegotiation_info = 0x00FF;  // RFC 5746 §3.3

}  // namespace tlsprobe::wire
