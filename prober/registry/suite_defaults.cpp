#include "registry/suite_defaults.hpp"

#include <algorithm>
#include <array>

#include "registry/key_path.hpp"
#include "registry/suite_tables.hpp"

namespace tlsprobe::registry {
namespace {

using namespace suite_tables;

// Before Windows 10 the curve order follows the suffixes (_P256 first). Windows 10 1507 and
// 1511: NistP256, NistP384; curve25519 first from 1607 on:
// https://learn.microsoft.com/windows/win32/secauthn/tls-elliptic-curves-in-windows-10-1607-and-later
constexpr std::string_view nist_curves[] = {"NistP256", "NistP384"};
constexpr std::string_view curves_1607[] = {"curve25519", "NistP256", "NistP384"};

constexpr std::string_view front_door_2023[] = {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                                                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"};

constexpr std::string_view page = "https://learn.microsoft.com/windows/win32/secauthn/";

struct Row {
  std::uint32_t first_build;
  std::string_view windows;
  std::string_view page_name;
  std::span<const std::string_view> suites;
  std::span<const std::string_view> curves;
};

// Windows 8.1 (9600) has Windows 7's list again, with the DHE_RSA CBC suites Windows 8 lacks.
// Server 2022 23H2 (25398) drops 3DES and DHE_RSA GCM, as Windows 11 22H2's list does.
constexpr std::array<Row, 11> rows{{
    {7600, "Windows 7 / Server 2008 R2", "tls-cipher-suites-in-windows-7", win7, nist_curves},
    {9200, "Windows 8 / Server 2012", "tls-cipher-suites-in-windows-8", win8, nist_curves},
    {9600, "Windows 8.1 / Server 2012 R2", "tls-cipher-suites-in-windows-8-1", win7, nist_curves},
    {10240, "Windows 10 1507", "tls-cipher-suites-in-windows-10--version-1507", w1507, nist_curves},
    {10586, "Windows 10 1511", "tls-cipher-suites-in-windows-10-v1511", w1511, nist_curves},
    {14393, "Windows 10 1607 / Server 2016", "tls-cipher-suites-in-windows-10-v1607", w1607, curves_1607},
    {15063, "Windows 10 1703", "tls-cipher-suites-in-windows-10-v1703", w1703, curves_1607},
    {16299, "Windows 10 1709 to 21H2 / Server 2019", "tls-cipher-suites-in-windows-10-v1709", w1709, curves_1607},
    {19045, "Windows 10 22H2", "tls-cipher-suites-in-windows-10-v22h2", w22h2, curves_1607},
    {20348, "Windows Server 2022 / Windows 11 21H2", "tls-cipher-suites-in-windows-server-2022", s2022, curves_1607},
    {22621, "Windows 11 22H2 or later / Server 2025", "tls-cipher-suites-in-windows-11-v22h2", w11_22h2, curves_1607},
}};

// The URL strings live as long as the program: built once per row.
const std::array<std::string, rows.size()>& urls() {
  static const auto built = [] {
    std::array<std::string, rows.size()> out;
    for (std::size_t i = 0; i < rows.size(); ++i) out[i] = std::string(page) + std::string(rows[i].page_name);
    return out;
  }();
  return built;
}

}  // namespace

std::optional<SuiteDefaults> suite_defaults(std::uint32_t build) {
  std::optional<SuiteDefaults> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (build >= rows[i].first_build)
      out = SuiteDefaults{rows[i].first_build, rows[i].windows, urls()[i], rows[i].suites, rows[i].curves};
  return out;
}

std::string_view iana_suite_name(std::string_view name) {
  for (const std::string_view suffix : {"_P256", "_P384", "_P521"})
    if (name.size() > suffix.size() && name.ends_with(suffix)) return name.substr(0, name.size() - suffix.size());
  return name;
}

std::string_view suffix_curve(std::string_view name) {
  if (name.ends_with("_P256")) return "NistP256";
  if (name.ends_with("_P384")) return "NistP384";
  if (name.ends_with("_P521")) return "NistP521";
  return {};
}

bool is_tls1_3_suite(std::string_view name) {
  return name.starts_with("TLS_AES_") || name.starts_with("TLS_CHACHA20_");
}

std::span<const std::string_view> front_door_tls1_2_2023_suites() { return front_door_2023; }

bool front_door_takes_curve(std::string_view name) {
  static constexpr std::string_view taken[] = {"nistp256", "nistp384", "nistp521", "secp256r1", "secp384r1", "secp521r1"};
  return std::find(std::begin(taken), std::end(taken), fold(name)) != std::end(taken);
}

}  // namespace tlsprobe::registry
