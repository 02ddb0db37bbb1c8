#include "registry/os_build.hpp"

#include <array>

namespace tlsprobe::registry {
namespace {

struct Family {
  std::uint32_t first_build;
  std::string_view name;
};

constexpr std::array<Family, 10> families{{
    {0, "Windows older than Vista / Server 2008"},
    {6000, "Windows Vista / Server 2008 before SP2"},
    {6002, "Windows Vista / Server 2008 SP2"},
    {7600, "Windows 7 / Server 2008 R2 before SP1"},
    {7601, "Windows 7 / Server 2008 R2 SP1"},
    {9200, "Windows 8 / Server 2012"},
    {9600, "Windows 8.1 / Server 2012 R2"},
    {10240, "Windows 10 / Server 2016 / Server 2019"},
    {20348, "Windows Server 2022"},
    {22000, "Windows 11 / Server 2025 or later"},
}};

constexpr std::uint32_t sp2_2008 = 6002;
constexpr std::uint32_t win7 = 7600;
constexpr std::uint32_t win8 = 9200;
constexpr std::uint32_t win81 = 9600;
constexpr std::uint32_t server2022 = 20348;  // first with TLS 1.3 on by default (and Windows 11)
constexpr std::uint32_t win11 = 22000;       // TLS 1.0/1.1 are being switched off in its releases

std::string build_text(std::uint32_t build) {
  return "build " + std::to_string(build) + ", " + std::string(os_name(build));
}

}  // namespace

std::string_view os_name(std::uint32_t build) {
  std::string_view name = families.front().name;
  for (const auto& f : families)
    if (build >= f.first_build) name = f.name;
  return name;
}

std::string_view to_string(Offer o) {
  switch (o) {
    case Offer::yes: return "yes";
    case Offer::if_asked: return "if_asked";
    case Offer::no: return "no";
    case Offer::unknown: return "unknown";
  }
  return "unknown";
}

bool schannel_offers_tls1_2_by_default(std::uint32_t build) { return build >= win8; }
bool winhttp_default_includes_tls1_2(std::uint32_t build) { return build >= win81; }

Offer os_default_offer(Version v, std::optional<std::uint32_t> build) {
  if (!build) return Offer::unknown;
  const std::uint32_t b = *build;
  switch (v) {
    case Version::ssl3_0:
      return Offer::unknown;  // switched off by updates and policies over the years, not by build
    case Version::tls1_0:
      return b < win11 ? Offer::yes : Offer::unknown;
    case Version::tls1_1:
    case Version::tls1_2:
      if (b < sp2_2008) return Offer::no;
      if (b < win7) return Offer::unknown;  // only with KB4019276, and then only if asked
      if (b < win8) return Offer::if_asked;
      if (v == Version::tls1_1 && b >= win11) return Offer::unknown;
      return Offer::yes;
    case Version::tls1_3:
      return b >= server2022 ? Offer::yes : Offer::no;
  }
  return Offer::unknown;
}

std::optional<Finding> os_update_finding(std::uint32_t build) {
  Finding f;
  f.protocol = Version::tls1_2;
  if (build < sp2_2008) {
    f.id = "os.tls1_2_unsupported";
    f.severity = Severity::error;
    f.message = "this Windows (" + build_text(build) +
                ") has no TLS 1.2 in SChannel: Azure Backup cannot connect once Azure refuses TLS 1.0";
    f.advice = "Upgrade to a supported Windows; Server 2008 SP2 with KB4019276 is the oldest that can speak TLS 1.2.";
    return f;
  }
  if (build < win7) {
    f.id = "os.kb4019276";
    f.severity = Severity::warning;
    f.message = "this Windows (" + build_text(build) +
                ") speaks TLS 1.2 only with update KB4019276, and then only once the SChannel TLS 1.2 Client keys enable it";
    f.advice = "Install KB4019276 (https://support.microsoft.com/help/4019276), apply the registry fix, restart.";
    return f;
  }
  if (build < win81) {
    f.id = "os.kb3140245";
    f.severity = Severity::warning;
    f.message = "this Windows (" + build_text(build) +
                ") lets WinHTTP use TLS 1.2 by default only with update KB3140245 and DefaultSecureProtocols";
    f.advice = build < 7601
                   ? "Install Service Pack 1, then KB3140245 (https://support.microsoft.com/help/3140245), apply the registry fix, restart."
                   : "Install KB3140245 (https://support.microsoft.com/help/3140245), apply the registry fix, restart.";
    return f;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> parse_build_number(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  std::uint32_t out = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    out = out * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return out;
}

}  // namespace tlsprobe::registry
