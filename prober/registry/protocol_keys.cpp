#include "registry/protocol_keys.hpp"

#include <array>

namespace tlsprobe::registry {
namespace {

struct Row {
  Version version;
  std::string_view schannel;  // key name under SCHANNEL\Protocols
  std::string_view id;
  std::uint32_t winhttp;      // WINHTTP_FLAG_SECURE_PROTOCOL_*
};

// winhttp.h: SSL3 0x20, TLS1 0x80, TLS1_1 0x200, TLS1_2 0x800, TLS1_3 0x2000 — the same
// numbers as SChannel's SP_PROT_*_CLIENT bits.
constexpr std::array<Row, 5> table{{
    {Version::ssl3_0, "SSL 3.0", "ssl3_0", 0x20},
    {Version::tls1_0, "TLS 1.0", "tls1_0", 0x80},
    {Version::tls1_1, "TLS 1.1", "tls1_1", 0x200},
    {Version::tls1_2, "TLS 1.2", "tls1_2", 0x800},
    {Version::tls1_3, "TLS 1.3", "tls1_3", 0x2000},
}};

const Row& row(Version v) {
  for (const auto& r : table)
    if (r.version == v) return r;
  return table.back();  // unreachable: every Version has a row (the unit test checks)
}

}  // namespace

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

std::string_view schannel_protocol_name(Version v) { return row(v).schannel; }

std::string schannel_client_key(Version v) {
  return std::string(schannel_protocols_key) + "\\" + std::string(row(v).schannel) + "\\Client";
}

std::string_view id_part(Version v) { return row(v).id; }
std::uint32_t winhttp_bit(Version v) { return row(v).winhttp; }

std::vector<std::string> decode_winhttp_mask(std::uint32_t mask) {
  std::vector<std::string> out;
  if ((mask & winhttp_ssl2) != 0) out.emplace_back("ssl2.0");
  for (const auto& r : table)
    if ((mask & r.winhttp) != 0) out.emplace_back(token(r.version));
  return out;
}

std::uint32_t unknown_winhttp_bits(std::uint32_t mask) {
  std::uint32_t known = winhttp_ssl2;
  for (const auto& r : table) known |= r.winhttp;
  return mask & ~known;
}

}  // namespace tlsprobe::registry
