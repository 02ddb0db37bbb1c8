#include "wire/tls_names.hpp"

#include <array>
#include <cstdio>
#include <string_view>
#include <utility>

#include "core/client_hello_info.hpp"

namespace tlsprobe::wire {
namespace {

using Name = std::pair<std::uint16_t, std::string_view>;

// TLS ExtensionType Values.
constexpr std::array<Name, 32> extensions{{
    {0, "server_name"},          {1, "max_fragment_length"},    {5, "status_request"},
    {10, "supported_groups"},    {11, "ec_point_formats"},      {13, "signature_algorithms"},
    {14, "use_srtp"},            {15, "heartbeat"},             {16, "application_layer_protocol_negotiation"},
    {17, "status_request_v2"},   {18, "signed_certificate_timestamp"}, {21, "padding"},
    {22, "encrypt_then_mac"},    {23, "extended_master_secret"}, {27, "compress_certificate"},
    {28, "record_size_limit"},   {34, "delegated_credential"},  {35, "session_ticket"},
    {41, "pre_shared_key"},      {42, "early_data"},            {43, "supported_versions"},
    {44, "cookie"},              {45, "psk_key_exchange_modes"}, {47, "certificate_authorities"},
    {49, "post_handshake_auth"}, {50, "signature_algorithms_cert"}, {51, "key_share"},
    {57, "quic_transport_parameters"}, {17513, "application_settings"}, {65037, "encrypted_client_hello"},
    {65281, "renegotiation_info"}, {13172, "next_protocol_negotiation"},
}};

// TLS Supported Groups.
constexpr std::array<Name, 18> groups{{
    {0x0015, "secp224r1"}, {0x0016, "secp256k1"}, {0x0017, "secp256r1"}, {0x0018, "secp384r1"},
    {0x0019, "secp521r1"}, {0x001A, "brainpoolP256r1"}, {0x001B, "brainpoolP384r1"}, {0x001C, "brainpoolP512r1"},
    {0x001D, "x25519"}, {0x001E, "x448"}, {0x0100, "ffdhe2048"}, {0x0101, "ffdhe3072"},
    {0x0102, "ffdhe4096"}, {0x0103, "ffdhe6144"}, {0x0104, "ffdhe8192"}, {0x11EC, "X25519MLKEM768"},
    {0x0013, "secp192r1"}, {0x0014, "secp224k1"},
}};

// TLS SignatureScheme, and the TLS 1.2 (hash, signature) pairs that have no scheme name.
constexpr std::array<Name, 28> signature_schemes{{
    {0x0201, "rsa_pkcs1_sha1"},         {0x0203, "ecdsa_sha1"},           {0x0202, "dsa_sha1"},
    {0x0301, "rsa_pkcs1_sha224"},       {0x0302, "dsa_sha224"},           {0x0303, "ecdsa_sha224"},
    {0x0401, "rsa_pkcs1_sha256"},       {0x0402, "dsa_sha256"},           {0x0403, "ecdsa_secp256r1_sha256"},
    {0x0501, "rsa_pkcs1_sha384"},       {0x0502, "dsa_sha384"},           {0x0503, "ecdsa_secp384r1_sha384"},
    {0x0601, "rsa_pkcs1_sha512"},       {0x0602, "dsa_sha512"},           {0x0603, "ecdsa_secp521r1_sha512"},
    {0x0804, "rsa_pss_rsae_sha256"},    {0x0805, "rsa_pss_rsae_sha384"},  {0x0806, "rsa_pss_rsae_sha512"},
    {0x0807, "ed25519"},                {0x0808, "ed448"},                {0x0809, "rsa_pss_pss_sha256"},
    {0x080A, "rsa_pss_pss_sha384"},     {0x080B, "rsa_pss_pss_sha512"},   {0x081A, "ecdsa_brainpoolP256r1tls13_sha256"},
    {0x081B, "ecdsa_brainpoolP384r1tls13_sha384"}, {0x081C, "ecdsa_brainpoolP512r1tls13_sha512"},
    {0x0101, "rsa_pkcs1_md5"},          {0x0103, "ecdsa_md5"},
}};

template <std::size_t N>
std::string lookup(const std::array<Name, N>& table, std::uint16_t v) {
  if (is_grease(v)) return "grease";
  for (const auto& [number, name] : table)
    if (number == v) return std::string(name);
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%04X", static_cast<unsigned>(v));
  return hex;
}

}  // namespace

std::string extension_name(std::uint16_t type) { return lookup(extensions, type); }
std::string group_name(std::uint16_t group) { return lookup(groups, group); }
std::string signature_scheme_name(std::uint16_t s) { return lookup(signature_schemes, s); }

std::string version_number_name(std::uint16_t v) {
  static constexpr std::array<Name, 5> versions{{
      {0x0300, "ssl3.0"}, {0x0301, "tls1.0"}, {0x0302, "tls1.1"}, {0x0303, "tls1.2"}, {0x0304, "tls1.3"},
  }};
  return lookup(versions, v);
}

}  // namespace tlsprobe::wire
