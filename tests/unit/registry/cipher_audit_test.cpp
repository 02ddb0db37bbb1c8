#include "registry/cipher_audit.hpp"

#include <doctest/doctest.h>

#include "reg_testing.hpp"
#include "registry/audit.hpp"

namespace tlsprobe::registry {
namespace {

using namespace testing;

std::vector<Finding> cipher_only(const std::string& text, std::optional<std::uint32_t> build) {
  std::optional<OsBuild> os;
  if (build) os = OsBuild{*build, "RtlGetVersion"};
  std::vector<Finding> out;
  cipher_findings(read_settings(snapshot_of(std::string(v5) + text), os), out);
  return out;
}

const std::string policy_key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002";

TEST_CASE("a Windows 10 or later default list reaches TLSv1.2_2023 front doors: nothing to say") {
  for (const std::uint32_t b : {10240u, 14393u, 17763u, 19045u, 20348u, 26100u}) {
    CAPTURE(b);
    CHECK(cipher_only("", b).empty());
  }
  CHECK(cipher_only("", std::nullopt).empty());  // unknown: nothing claimed
}

TEST_CASE("Windows 7, 8, 8.1: no front door suite, and no registry line can add one") {
  const auto f = cipher_only("", 7601);
  REQUIRE(f.size() == 1);
  CHECK(f[0].id == "ciphers.tls1_2.no_front_door_suite");
  CHECK(f[0].severity == Severity::warning);
  CHECK(f[0].message ==
        "this machine cannot offer any TLS 1.2 suite that Azure Front Door's default policy (TLSv1.2_2023) accepts "
        "(TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256): this Windows (build 7601, "
        "Windows 7 / Server 2008 R2 SP1) has no ECDHE_RSA suite with AES-GCM");
  CHECK(f[0].changes.empty());
  CHECK(f[0].advice.starts_with("No registry setting adds these suites"));
}

TEST_CASE("an order policy without the GCM suites: the fix puts them first and keeps the rest in order") {
  const auto f = cipher_only(suite_policy_section("\"Functions\"=\"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,"
                                                  "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256\"\r\n"),
                             17763);
  REQUIRE(f.size() == 1);
  CHECK(f[0].id == "ciphers.tls1_2.no_front_door_suite");
  CHECK(f[0].message.ends_with(": not in the SSL Cipher Suite Order policy (HKLM\\SOFTWARE\\Policies\\Microsoft\\"
                               "Cryptography\\Configuration\\SSL\\00010002 Functions)"));
  REQUIRE(f[0].changes.size() == 1);
  const RegChange want{policy_key, "Functions", 0, reg_sz,
                       {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}};
  CHECK(f[0].changes[0] == want);
  CHECK(fix_text(f[0]) == "[" + policy_key +
                              "]\n\"Functions\"=\"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                              "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256\"");
}

TEST_CASE("AES-GCM listed but AES switched off: the fix turns the cipher keys back on") {
  const auto f = cipher_only(algorithm_section("Ciphers\\AES 128/128", 0) + algorithm_section("Ciphers\\AES 256/256", 0) +
                                 algorithm_section("Ciphers\\Triple DES 168", 0),
                             20348);
  // With AES off only 3DES would be left, and that is off too: nothing to offer at all.
  REQUIRE(f.size() == 1);
  CHECK(f[0].id == "ciphers.tls1_2.none_offered");
  CHECK(f[0].severity == Severity::error);
  const std::string base = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\";
  CHECK(f[0].changes == std::vector<RegChange>{{base + "AES 256/256", "Enabled", 0xffffffff},
                                               {base + "AES 128/128", "Enabled", 0xffffffff},
                                               {base + "Triple DES 168", "Enabled", 0xffffffff}});
  CHECK(blocks_azure_backup(f));

  const auto g = cipher_only(algorithm_section("Ciphers\\AES 128/128", 0) + algorithm_section("Ciphers\\AES 256/256", 0), 20348);
  REQUIRE(g.size() == 1);
  CHECK(g[0].id == "ciphers.tls1_2.no_front_door_suite");
  CHECK(g[0].message.find("switched off by HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\AES 256/256 Enabled=0") !=
        std::string::npos);
  CHECK(g[0].changes.size() == 2);
}

TEST_CASE("a curve policy with no NIST curve: ECDHE cannot be agreed with a front door") {
  const auto f = cipher_only(suite_policy_section("\"EccCurves\"=hex(7):63,00,75,00,72,00,76,00,65,00,32,00,35,00,35,00,"
                                                  "31,00,39,00,00,00,00,00\r\n"),
                             20348);
  REQUIRE(f.size() == 1);
  CHECK(f[0].id == "curves.no_front_door_curve");
  CHECK(f[0].changes == std::vector<RegChange>{{policy_key, "EccCurves", 0, reg_multi_sz, {"curve25519", "NistP256", "NistP384"}}});
}

TEST_CASE("an order policy past 1023 characters is flagged") {
  std::string line;
  while (line.size() <= 1023) line += std::string(line.empty() ? "" : ",") + "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
  const auto f = cipher_only(suite_policy_section("\"Functions\"=\"" + line + "\"\r\n"), 20348);
  REQUIRE(f.size() == 1);
  CHECK(f[0].id == "ciphers.policy.too_long");
  CHECK(f[0].message.find(std::to_string(line.size()) + " characters long") != std::string::npos);
}

}  // namespace
}  // namespace tlsprobe::registry
