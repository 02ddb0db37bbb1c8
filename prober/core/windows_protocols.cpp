#include "core/windows_protocols.hpp"

#include <array>

namespace tlsprobe {
namespace {

// schannel.h: SP_PROT_SSL3_CLIENT 0x20 ... SP_PROT_TLS1_3_CLIENT 0x2000, each server bit the
// client bit >> 1; winhttp.h: WINHTTP_FLAG_SECURE_PROTOCOL_SSL3 0x20 ... TLS1_3 0x2000, the
// same numbers as the client bits.
constexpr std::array<WindowsProtocol, 5> table{{
    {Version::ssl3_0, 0x00000020, 0x00000010, "SSL 3.0", "ssl3_0"},
    {Version::tls1_0, 0x00000080, 0x00000040, "TLS 1.0", "tls1_0"},
    {Version::tls1_1, 0x00000200, 0x00000100, "TLS 1.1", "tls1_1"},
    {Version::tls1_2, 0x00000800, 0x00000400, "TLS 1.2", "tls1_2"},
    {Version::tls1_3, 0x00002000, 0x00001000, "TLS 1.3", "tls1_3"},
}};

constexpr bool in_version_order() {
  for (std::size_t i = 0; i < table.size(); ++i)
    if (static_cast<std::size_t>(table[i].version) != i) return false;
  return true;
}
static_assert(in_version_order(), "one row per Version, indexed by it");

}  // namespace

std::span<const WindowsProtocol> windows_protocols() { return table; }

const WindowsProtocol& windows_protocol(Version v) { return table.at(static_cast<std::size_t>(v)); }

std::string schannel_client_subkey(Version v) {
  return "SCHANNEL\\Protocols\\" + std::string(windows_protocol(v).key_name) + "\\Client";
}

}  // namespace tlsprobe
