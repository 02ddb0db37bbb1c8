#include "registry/fix_file.hpp"

#include <doctest/doctest.h>

#include "reg_testing.hpp"
#include "registry/audit.hpp"

namespace tlsprobe::registry {
namespace {

using namespace testing;

struct Case {
  std::string name;
  std::string text;
  std::optional<OsBuild> os;
};

std::vector<Case> cases() {
  const std::string all_wrong = std::string(v5) +
                                client_section("TLS 1.2", "\"Enabled\"=dword:00000000\r\n\"DisabledByDefault\"=dword:00000001\r\n") +
                                dotnet_section(false, "\"SchUseStrongCrypto\"=dword:00000000\r\n\"Other\"=\"kept\"\r\n") +
                                winhttp_section(false, "\"DefaultSecureProtocols\"=dword:000000a0\r\n");
  return {
      {"everything wrong, OS unknown", all_wrong, std::nullopt},
      {"everything wrong on Windows 7", all_wrong + os_section("7601"), std::nullopt},
      {"everything wrong on 2012 R2", all_wrong, OsBuild{9600, "RtlGetVersion"}},
      {"everything wrong on Server 2019", all_wrong, OsBuild{17763, "RtlGetVersion"}},
      // The cipher side: an order policy without the suites Azure front doors take, the AES
      // ciphers switched off, a curve policy with no NIST curve.
      {"order policy without ECDHE_RSA GCM on Server 2019",
       healthy_export() + suite_policy_section("\"Functions\"=\"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,"
                                               "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256\"\r\n"),
       OsBuild{17763, "RtlGetVersion"}},
      {"AES switched off on Windows 11", healthy_export() + algorithm_section("Ciphers\\AES 128/128", 0) +
                                             algorithm_section("Ciphers\\AES 256/256", 0),
       OsBuild{22631, "RtlGetVersion"}},
      {"curve policy of curve25519 only on Server 2022",
       healthy_export() + suite_policy_section("\"EccCurves\"=hex(7):63,00,75,00,72,00,76,00,65,00,32,00,35,00,35,00,31,00,39,00,00,00,00,00\r\n"),
       OsBuild{20348, "RtlGetVersion"}},
      {"nothing set on Server 2008 SP2", std::string(v5) + os_section("6002"), std::nullopt},
      {"nothing set, OS unknown", std::string(v5), std::nullopt},
      {"only Enabled=0", std::string(v5) + client_section("TLS 1.2", "\"Enabled\"=dword:00000000\r\n"), std::nullopt},
      {"healthy", healthy_export(), std::nullopt},
  };
}

// What `reg import fix.reg` does to the machine: the fix applied over the export, then audited.
std::vector<Finding> after_fix(const Case& c, const std::vector<std::uint8_t>& fix_bytes) {
  RegSnapshot s = snapshot_of(c.text);
  s.apply(parse_ok(fix_bytes));
  return audit(read_settings(s, c.os));
}

TEST_CASE("after importing the fix file no finding a registry line can fix is left") {
  for (const auto& c : cases()) {
    CAPTURE(c.name);
    const auto before = audit(read_settings(snapshot_of(c.text), c.os));
    const auto bytes = fix_file_bytes(before, "note");
    const auto after = after_fix(c, bytes);
    CHECK_FALSE(blocks_azure_backup(after));
    for (const auto& f : after) {
      CAPTURE(f.id);
      CHECK(f.changes.empty());
      // What remains is what no registry line can do: an update to install, an OS to name,
      // or a Windows older than 10 that has no ECDHE_RSA AES-GCM suite to add.
      CHECK((f.id.starts_with("os.kb") || f.id.ends_with(".os_default") || f.id == "ciphers.tls1_2.no_front_door_suite"));
    }
  }
}

TEST_CASE("with the OS known and new enough, the fixed configuration has no findings at all") {
  for (const auto& c : cases()) {
    if (!c.os || c.os->build < 10240) continue;
    CAPTURE(c.name);
    CHECK(after_fix(c, fix_file_bytes(audit(read_settings(snapshot_of(c.text), c.os)), "")).empty());
  }
}

TEST_CASE("the fix file sets only what the findings name, and touches nothing else") {
  const Case c = cases()[0];
  const RegSnapshot base = snapshot_of(c.text);
  const auto findings = audit(read_settings(base, c.os));
  const RegDocument fix = parse_ok(fix_file_bytes(findings, ""));
  std::size_t values = 0;
  for (const auto& k : fix.keys) {
    CHECK_FALSE(k.deleted);
    for (const auto& v : k.values) {
      ++values;
      CHECK_FALSE(v.deleted);
      CHECK(v.type == reg_dword);
      const RegValue* old = base.value(k.path, v.name);
      CHECK((old == nullptr || !(*old == v)));  // never rewrites a value to what it already is
    }
  }
  std::size_t changes = 0;
  for (const auto& f : findings) changes += f.changes.size();
  CHECK(values == changes);  // no two findings set the same value here
  RegSnapshot fixed = base;
  fixed.apply(fix);
  CHECK(as_string(*fixed.value(dotnet_key(View::x64), "Other")) == "kept");
}

TEST_CASE("the fix file: UTF-16LE with a BOM, CRLF, header, note, one block per key naming its findings") {
  const Case c = cases()[0];
  const auto findings = audit(read_settings(snapshot_of(c.text), c.os));
  const std::string text = fix_file_text(findings, "Written by a test.\nSecond line.");
  CHECK(text ==
        "Windows Registry Editor Version 5.00\r\n"
        "\r\n"
        "; Written by a test.\r\n"
        "; Second line.\r\n"
        "\r\n"
        "; schannel.tls1_2.client.disabled\r\n"
        "; schannel.tls1_2.client.disabled_by_default\r\n"
        "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client]\r\n"
        "\"Enabled\"=dword:00000001\r\n"
        "\"DisabledByDefault\"=dword:00000000\r\n"
        "\r\n"
        "; dotnet.x64.system_default_tls_missing\r\n"
        "; dotnet.x64.strong_crypto_missing\r\n"
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319]\r\n"
        "\"SystemDefaultTlsVersions\"=dword:00000001\r\n"
        "\"SchUseStrongCrypto\"=dword:00000001\r\n"
        "\r\n"
        "; dotnet.x86.system_default_tls_missing\r\n"
        "; dotnet.x86.strong_crypto_missing\r\n"
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319]\r\n"
        "\"SystemDefaultTlsVersions\"=dword:00000001\r\n"
        "\"SchUseStrongCrypto\"=dword:00000001\r\n"
        "\r\n"
        "; winhttp.x64.tls1_2_not_default\r\n"
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp]\r\n"
        "\"DefaultSecureProtocols\"=dword:000008a0\r\n"
        "\r\n");
  const auto bytes = fix_file_bytes(findings, "Written by a test.\nSecond line.");
  CHECK(bytes == utf16_with_bom(text));
  const RegDocument doc = parse_ok(bytes);
  CHECK(doc.encoding == TextEncoding::utf16le_bom);
  CHECK(doc.keys == fix_document(findings).keys);
}

TEST_CASE("nothing to fix: a valid file that changes nothing") {
  const std::string text = fix_file_text({}, "");
  CHECK(text == "Windows Registry Editor Version 5.00\r\n\r\n; Nothing to change: no finding has a registry fix.\r\n\r\n");
  CHECK(parse_ok(text).keys.empty());
}

TEST_CASE("fix_document merges per key and keeps one value once") {
  const std::string k = "HKEY_LOCAL_MACHINE\\A";
  std::vector<Finding> f{
      {{"a", Severity::error, "m"}, Version::tls1_2, {{k, "V", 1}, {"HKEY_LOCAL_MACHINE\\B", "W", 2}}, {}},
      {{"b", Severity::error, "m"}, Version::tls1_2, {{"hkey_local_machine\\a", "v", 3}}, {}}};
  const RegDocument doc = fix_document(f);
  REQUIRE(doc.keys.size() == 2);
  CHECK(doc.keys[0].path == k);
  CHECK(doc.keys[0].values == std::vector<RegValue>{dword_value("v", 3)});
}

}  // namespace
}  // namespace tlsprobe::registry
