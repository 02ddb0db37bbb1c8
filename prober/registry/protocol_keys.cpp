#include "registry/protocol_keys.hpp"

#include "core/windows_protocols.hpp"

namespace tlsprobe::registry {

std::string_view to_string(View v) { return v == View::x64 ? "x64" : "x86"; }
std::string_view display_name(View v) { return v == View::x64 ? "64-bit" : "32-bit"; }

std::string dotnet_key(View v) {
  return v == View::x64 ? "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319"
                        : "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319";
}

std::string winhttp_key(View v) {
  return v == View::x64
             ? "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp"
             : "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp";
}

std::string_view schannel_protocol_name(Version v) { return windows_protocol(v).key_name; }

std::string schannel_client_key(Version v) {
  return std::string(schannel_providers_key) + "\\" + schannel_client_subkey(v);
}

std::string_view id_part(Version v) { return windows_protocol(v).id; }
// WinHTTP took its DefaultSecureProtocols bits from SChannel's client bits.
std::uint32_t winhttp_bit(Version v) { return windows_protocol(v).client_bit; }

std::vector<std::string> decode_winhttp_mask(std::uint32_t mask) {
  std::vector<std::string> out;
  if ((mask & winhttp_ssl2) != 0) out.emplace_back("ssl2.0");
  for (const auto& p : windows_protocols())
    if ((mask & p.client_bit) != 0) out.emplace_back(token(p.version));
  return out;
}

std::uint32_t unknown_winhttp_bits(std::uint32_t mask) {
  std::uint32_t known = winhttp_ssl2;
  for (const auto& p : windows_protocols()) known |= p.client_bit;
  return mask & ~known;
}

}  // namespace tlsprobe::registry
