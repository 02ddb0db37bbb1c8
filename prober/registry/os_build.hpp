#pragma once
// The Windows build number decides what SChannel and WinHTTP do when the registry says nothing,
// and which update a too-old system needs before any registry setting can help. Pure: the
// build comes from RtlGetVersion on Windows or from CurrentBuildNumber in an export.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/version.hpp"
#include "registry/finding.hpp"

namespace tlsprobe::registry {

struct OsBuild {
  std::uint32_t build = 0;
  std::string source;  // "RtlGetVersion" or "HKLM\...\CurrentVersion CurrentBuildNumber"
};

// "Windows 7 / Server 2008 R2 SP1" for 7601 ...: the family whose first build is <= build.
std::string_view os_name(std::uint32_t build);

// Does an SChannel client offer this version when the registry has no Client key for it?
enum class Offer {
  yes,       // offered in every handshake
  if_asked,  // supported, but only when the application names it (DisabledByDefault)
  no,        // never
  unknown,   // depends on an update, a policy or an OS tlsprobe cannot see
};
std::string_view to_string(Offer o);  // "yes", "if_asked", "no", "unknown"

Offer os_default_offer(Version v, std::optional<std::uint32_t> build);

// TLS 1.2 is offered by default from Windows 8 / Server 2012 (9200) on; Windows 7 / 2008 R2
// support it but keep it DisabledByDefault, 2008 SP2 only has it with KB4019276.
bool schannel_offers_tls1_2_by_default(std::uint32_t build);
// WinHTTP's own default includes TLS 1.2 from Windows 8.1 / Server 2012 R2 (9600); before,
// it is SSL 3.0 + TLS 1.0 until KB3140245 and DefaultSecureProtocols say otherwise.
bool winhttp_default_includes_tls1_2(std::uint32_t build);

// The update a too-old OS needs (KB4019276 for 2008 SP2, KB3140245 for 7 / 2008 R2 / 2012),
// or an error when TLS 1.2 is impossible. Nothing from 8.1 / 2012 R2 on.
std::optional<Finding> os_update_finding(std::uint32_t build);

// "7601" -> 7601; nullopt for anything but 1 to 9 digits.
std::optional<std::uint32_t> parse_build_number(std::string_view text);

}  // namespace tlsprobe::registry
