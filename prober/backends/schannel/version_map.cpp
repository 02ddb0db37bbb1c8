#include "backends/schannel/version_map.hpp"

#include <array>

namespace tlsprobe::schannel {
namespace {

struct Row {
  Version version;
  std::uint32_t client;  // SP_PROT_*_CLIENT
  std::uint32_t server;  // SP_PROT_*_SERVER
  std::string_view registry;
};

// schannel.h: SP_PROT_SSL3_CLIENT 0x20 ... SP_PROT_TLS1_3_CLIENT 0x2000; each server bit is
// the client bit >> 1. The same numbers are WinHTTP's DefaultSecureProtocols bits.
constexpr std::array<Row, 5> table{{
    {Version::ssl3_0, 0x00000020, 0x00000010, "SSL 3.0"},
    {Version::tls1_0, 0x00000080, 0x00000040, "TLS 1.0"},
    {Version::tls1_1, 0x00000200, 0x00000100, "TLS 1.1"},
    {Version::tls1_2, 0x00000800, 0x00000400, "TLS 1.2"},
    {Version::tls1_3, 0x00002000, 0x00001000, "TLS 1.3"},
}};

const Row& row(Version v) {
  for (const auto& r : table)
    if (r.version == v) return r;
  return table.back();  // unreachable: every Version has a row (the unit test checks)
}

}  // namespace

std::uint32_t client_bit(Version v) { return row(v).client; }

std::uint32_t all_client_bits() {
  std::uint32_t bits = 0;
  for (const auto& r : table) bits |= r.client;
  return bits;
}

std::optional<Version> from_protocol_bits(std::uint32_t bits) {
  for (const auto& r : table)
    if (bits == r.client || bits == r.server) return r.version;
  return std::nullopt;
}

std::string_view registry_protocol(Version v) { return row(v).registry; }

}  // namespace tlsprobe::schannel
