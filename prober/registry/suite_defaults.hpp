#pragma once
// What SChannel offers when no policy or local list says otherwise: Microsoft's per-version
// tables of cipher suites "enabled by default, in this priority order", and the default
// elliptic curve order. Names are as Windows spells them in the SSL Cipher Suite Order list:
// before Windows 10 an ECDHE suite carries the curve it is offered with (_P256, _P384).
// Pure tables, unit tested on every platform.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tlsprobe::registry {

struct SuiteDefaults {
  std::uint32_t first_build = 0;
  std::string_view windows;  // "Windows 10 22H2"
  std::string_view url;      // the Microsoft table it is copied from
  std::span<const std::string_view> suites;  // TLS 1.2 (and TLS 1.3) suites, priority order
  std::span<const std::string_view> curves;  // EccCurves names, priority order
};

// The table for a build; nullopt before Windows 7 (Vista's list is not modelled).
std::optional<SuiteDefaults> suite_defaults(std::uint32_t build);

// Windows 10 1507 (10240) is the first build with ECDHE_RSA + AES-GCM, the only TLS 1.2
// suites an Azure Front Door TLSv1.2_2023 policy accepts.
inline constexpr std::uint32_t first_build_with_ecdhe_rsa_gcm = 10240;

// "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256_P256" -> "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256": the
// IANA name a ClientHello carries (the suffix only picks the curve).
std::string_view iana_suite_name(std::string_view functions_name);
// "_P256" -> "NistP256" ...; empty without a suffix.
std::string_view suffix_curve(std::string_view functions_name);

// TLS 1.3 suites (TLS_AES_*, TLS_CHACHA20_*) are listed with the others since Server 2022;
// they are never offered in a TLS 1.2 handshake.
bool is_tls1_3_suite(std::string_view iana_name);

// The TLS 1.2 suites Azure Front Door's default policy (TLSv1.2_2023) accepts, its order:
// https://learn.microsoft.com/azure/frontdoor/tls-policy
std::span<const std::string_view> front_door_tls1_2_2023_suites();
// The curves an Azure front door takes for ECDHE (same page: P-256, P-384, P-521).
bool front_door_takes_curve(std::string_view ecc_curve_name);

}  // namespace tlsprobe::registry
