#pragma once
// The one table of what Windows calls each protocol version: SChannel's SP_PROT_* bits
// (which WinHTTP's DefaultSecureProtocols reuses), the key name under SCHANNEL\Protocols, and
// the id part our registry findings use. The SChannel backend and the registry audit both read
// it, so the bit a probe pins and the key an audit reads cannot drift apart. Plain numbers:
// built and tested on every platform.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/version.hpp"

namespace tlsprobe {

struct WindowsProtocol {
  Version version;
  std::uint32_t client_bit;   // SP_PROT_*_CLIENT, = WINHTTP_FLAG_SECURE_PROTOCOL_*
  std::uint32_t server_bit;   // SP_PROT_*_SERVER
  std::string_view key_name;  // "TLS 1.2": the key under SCHANNEL\Protocols
  std::string_view id;        // "tls1_2": ids use '_' so the dot stays a separator
};

// Every version, lowest first, one row each.
std::span<const WindowsProtocol> windows_protocols();
const WindowsProtocol& windows_protocol(Version v);

// "SCHANNEL\Protocols\TLS 1.2\Client": the client key of a version below
// HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders, as admins quote it.
std::string schannel_client_subkey(Version v);

}  // namespace tlsprobe
