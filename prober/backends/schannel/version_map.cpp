#include "backends/schannel/version_map.hpp"

#include "core/windows_protocols.hpp"

namespace tlsprobe::schannel {

std::uint32_t client_bit(Version v) { return windows_protocol(v).client_bit; }

std::uint32_t all_client_bits() {
  std::uint32_t bits = 0;
  for (const auto& p : windows_protocols()) bits |= p.client_bit;
  return bits;
}

std::optional<Version> from_protocol_bits(std::uint32_t bits) {
  for (const auto& p : windows_protocols())
    if (bits == p.client_bit || bits == p.server_bit) return p.version;
  return std::nullopt;
}

std::string_view registry_protocol(Version v) { return windows_protocol(v).key_name; }

}  // namespace tlsprobe::schannel
