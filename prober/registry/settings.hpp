#pragma once
// What the registry makes of each TLS client on this machine: SChannel per protocol, .NET 4.x
// apps and WinHTTP per bitness, each with the key and values it came from. Built from a
// RegSnapshot, so a .reg export and the live registry give the same model.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/version.hpp"
#include "registry/cipher_settings.hpp"
#include "registry/os_build.hpp"
#include "registry/protocol_keys.hpp"
#include "registry/snapshot.hpp"

namespace tlsprobe::registry {

// One DWORD setting as read. A value of another type (REG_SZ "1" typed by hand) is ignored
// by Windows; it is kept in `ignored` so the report can say why the setting looks unset.
struct DwordRead {
  std::string name;
  std::optional<std::uint32_t> value;
  std::string ignored;  // e.g. REG_SZ "1"; empty when absent or a proper DWORD

  // "Enabled=dword:00000000", "Enabled not set", "Enabled=\"1\" (REG_SZ, ignored)"
  std::string describe() const;
};

enum class ClientState {
  enabled,              // offered (Enabled non-zero and/or DisabledByDefault=0)
  disabled,             // Enabled=0: never offered, even when an application asks
  disabled_by_default,  // DisabledByDefault non-zero: offered only when an application asks
  os_default,           // neither value set: the OS default for this build applies
};
std::string_view to_string(ClientState s);  // the JSON tokens above

struct SchannelClient {
  Version version = Version::tls1_2;
  std::string key;
  DwordRead enabled;              // 0 = off, any other value (0xffffffff too) = on
  DwordRead disabled_by_default;  // non-zero = only when asked
  ClientState state = ClientState::os_default;
  Offer offer = Offer::unknown;   // the state joined with the OS default

  // The values the state came from, e.g. "Enabled=dword:00000000"; empty for os_default.
  std::string source() const;
};

// What ServicePointManager gives a .NET 4.x app that does not pick protocols itself (the MARS
// agent is one). Only the value 1 counts for both switches: .NET compares with 1.
enum class DotnetResult {
  system_default,  // SystemDefaultTlsVersions=1: SChannel decides (TLS 1.2 when it offers it)
  strong_crypto,   // SchUseStrongCrypto=1 alone: TLS 1.0, 1.1 and 1.2
  legacy,          // neither: SSL 3.0 and TLS 1.0 for apps built before .NET 4.6
};
std::string_view to_string(DotnetResult r);    // "system_default", "strong_crypto", "legacy"
std::string_view describe(DotnetResult r);     // for tables and messages

struct DotnetView {
  View view = View::x64;
  std::string key;
  bool key_present = false;
  DwordRead system_default_tls_versions;
  DwordRead sch_use_strong_crypto;
  DotnetResult result = DotnetResult::legacy;
};

struct WinHttpView {
  View view = View::x64;
  std::string key;
  DwordRead default_secure_protocols;
  // The protocols WinHTTP offers by default: the mask decoded, or nullopt when the value is
  // unset and the OS default applies.
  std::optional<std::vector<std::string>> protocols;
  // Protocols the mask names that SChannel's Client Enabled=0 switches off anyway.
  std::vector<Version> blocked_by_schannel;
};

struct Settings {
  std::array<SchannelClient, 5> schannel;  // indexed by Version
  std::array<DotnetView, 2> dotnet;        // x64, x86
  std::array<WinHttpView, 2> winhttp;      // x64, x86
  CipherSettings ciphers;                  // the TLS 1.2 suites and curves SChannel offers
  std::optional<OsBuild> os;

  const SchannelClient& client(Version v) const { return schannel[static_cast<std::size_t>(v)]; }
};

// `os` replaces the build an export may carry (CurrentBuildNumber under os_version_key):
// on Windows RtlGetVersion knows better.
Settings read_settings(const RegSnapshot& registry, std::optional<OsBuild> os = std::nullopt);

// The OS build an export carries, if it includes HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion.
std::optional<OsBuild> os_build_from(const RegSnapshot& registry);

}  // namespace tlsprobe::registry
