#pragma once
// Where Windows keeps the settings that decide which TLS versions a client offers, and how
// our Version enum maps onto their names and bits. Plain tables, unit tested on every platform.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/version.hpp"

namespace tlsprobe::registry {

inline constexpr std::string_view schannel_providers_key =
    "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders";
inline constexpr std::string_view schannel_protocols_key =
    "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols";
inline constexpr std::string_view os_version_key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";

// 64-bit programs read the first key; 32-bit programs on 64-bit Windows are redirected to the
// WOW6432Node twin, so .NET and WinHTTP have one setting per bitness.
enum class View { x64, x86 };
inline constexpr View all_views[] = {View::x64, View::x86};
std::string_view to_string(View v);      // "x64", "x86": ids and JSON keys
std::string_view display_name(View v);   // "64-bit", "32-bit"
std::string dotnet_key(View v);          // ...\.NETFramework\v4.0.30319
std::string winhttp_key(View v);         // ...\Internet Settings\WinHttp

// "SSL 3.0", "TLS 1.0" ... "TLS 1.3": the key under SCHANNEL\Protocols.
std::string_view schannel_protocol_name(Version v);
// ...\SCHANNEL\Protocols\TLS 1.2\Client
std::string schannel_client_key(Version v);
// "tls1_2": the protocol part of a finding id (ids use '_' so the dot stays a separator).
std::string_view id_part(Version v);

// WinHTTP DefaultSecureProtocols bits (the WINHTTP_FLAG_SECURE_PROTOCOL_* values).
inline constexpr std::uint32_t winhttp_ssl2 = 0x8;
std::uint32_t winhttp_bit(Version v);
// The protocols a DefaultSecureProtocols mask names, lowest first: "ssl2.0", "ssl3.0" ... "tls1.3".
std::vector<std::string> decode_winhttp_mask(std::uint32_t mask);
// Bits no protocol uses, kept so a mask is shown exactly as it was.
std::uint32_t unknown_winhttp_bits(std::uint32_t mask);

}  // namespace tlsprobe::registry
