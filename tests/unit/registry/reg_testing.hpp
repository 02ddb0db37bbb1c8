#pragma once
// Helpers for the registry tests: .reg inputs are written here as the exact bytes Windows tools
// produce (UTF-16LE with a BOM from reg export, ANSI from old regedit), then parsed.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "registry/reg_file.hpp"
#include "registry/snapshot.hpp"
#include "registry/text_decode.hpp"

namespace tlsprobe::registry::testing {

inline std::vector<std::uint8_t> bytes_of(std::string_view text) { return {text.begin(), text.end()}; }

// What `reg export` writes: BOM FF FE, then UTF-16LE.
inline std::vector<std::uint8_t> utf16_with_bom(std::string_view utf8) {
  std::vector<std::uint8_t> out{0xFF, 0xFE};
  const auto body = utf8_to_utf16le(utf8);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

inline RegDocument parse_ok(const std::vector<std::uint8_t>& bytes) {
  auto result = parse_reg(bytes);
  if (const auto* e = std::get_if<RegError>(&result)) FAIL("unexpected error at line " << e->line << ": " << e->reason);
  return std::get<RegDocument>(std::move(result));
}

inline RegDocument parse_ok(std::string_view text) { return parse_ok(bytes_of(text)); }

inline RegError parse_error(const std::vector<std::uint8_t>& bytes) {
  auto result = parse_reg(bytes);
  if (std::holds_alternative<RegDocument>(result)) FAIL("expected an error");
  return std::get<RegError>(result);
}

inline RegError parse_error(std::string_view text) { return parse_error(bytes_of(text)); }

// "line N: reason": one string, so a failing CHECK shows both.
inline std::string error_text(std::string_view text) {
  const auto e = parse_error(text);
  return "line " + std::to_string(e.line) + ": " + e.reason;
}

inline RegSnapshot snapshot_of(std::string_view text) {
  RegSnapshot s;
  s.apply(parse_ok(text));
  return s;
}

inline constexpr std::string_view v5 = "Windows Registry Editor Version 5.00\r\n\r\n";
inline constexpr std::string_view tls12_client =
    "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client";

}  // namespace tlsprobe::registry::testing

namespace tlsprobe::registry::testing {

// Building blocks of an export: each returns one key section with its value lines.
inline std::string section(std::string_view key, std::string_view values) {
  return "[" + std::string(key) + "]\r\n" + std::string(values) + "\r\n";
}
inline std::string client_section(std::string_view protocol, std::string_view values) {
  return section("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\" +
                     std::string(protocol) + "\\Client",
                 values);
}
inline std::string dotnet_section(bool wow, std::string_view values) {
  return section(wow ? "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319"
                     : "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319",
                 values);
}
inline std::string winhttp_section(bool wow, std::string_view values) {
  return section(wow ? "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp"
                     : "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp",
                 values);
}
inline std::string os_section(std::string_view build) {
  return section("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion",
                 "\"CurrentBuildNumber\"=\"" + std::string(build) + "\"\r\n");
}

// The SSL Cipher Suite Order / ECC Curve Order policy key, and an SCHANNEL algorithm key
// ("Ciphers\\AES 128/128") with its Enabled DWORD.
inline std::string suite_policy_section(std::string_view values) {
  return section("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002", values);
}
inline std::string algorithm_section(std::string_view kind_and_name, std::uint32_t enabled) {
  char dword[9];
  std::snprintf(dword, sizeof dword, "%08x", enabled);
  return section("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\" +
                     std::string(kind_and_name),
                 "\"Enabled\"=dword:" + std::string(dword) + "\r\n");
}

inline const std::string dotnet_good = "\"SystemDefaultTlsVersions\"=dword:00000001\r\n\"SchUseStrongCrypto\"=dword:00000001\r\n";

// Everything Microsoft's Azure Backup guidance asks for, set explicitly.
inline std::string healthy_export() {
  return std::string(v5) + client_section("TLS 1.2", "\"Enabled\"=dword:00000001\r\n\"DisabledByDefault\"=dword:00000000\r\n") +
         dotnet_section(false, dotnet_good) + dotnet_section(true, dotnet_good) +
         winhttp_section(false, "\"DefaultSecureProtocols\"=dword:00000a80\r\n") +
         winhttp_section(true, "\"DefaultSecureProtocols\"=dword:00000a80\r\n");
}

}  // namespace tlsprobe::registry::testing
