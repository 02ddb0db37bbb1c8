#include "registry/audit.hpp"

#include <doctest/doctest.h>

#include "reg_testing.hpp"

namespace tlsprobe::registry {
namespace {

using namespace testing;

std::vector<Finding> findings_of(const std::string& text, std::optional<OsBuild> os = std::nullopt) {
  return audit(read_settings(snapshot_of(text), os));
}

std::vector<std::string> ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.id + ":" + std::string(to_string(f.severity)));
  return out;
}

const Finding& by_id(const std::vector<Finding>& findings, std::string_view id) {
  for (const auto& f : findings)
    if (f.id == id) return f;
  FAIL("no finding " << id);
  return findings.front();
}

const std::string dotnet_both = dotnet_section(false, dotnet_good) + dotnet_section(true, dotnet_good);
const std::string winhttp_both = winhttp_section(false, "\"DefaultSecureProtocols\"=dword:00000a80\r\n") +
                                 winhttp_section(true, "\"DefaultSecureProtocols\"=dword:00000800\r\n");
const std::string client_key = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client";

TEST_CASE("a machine set up as Microsoft's guidance says has no findings") {
  CHECK(findings_of(healthy_export()).empty());
  CHECK(findings_of(healthy_export() + os_section("17763")).empty());
  // Windows 8.1 reaches TLS 1.2, but has no suite a TLSv1.2_2023 front door takes.
  CHECK(ids(findings_of(healthy_export(), OsBuild{9600, "RtlGetVersion"})) ==
        std::vector<std::string>{"ciphers.tls1_2.no_front_door_suite:warning"});
}

TEST_CASE("schannel.tls1_2.client.disabled and .disabled_by_default") {
  const auto f = findings_of(std::string(v5) + dotnet_both + winhttp_both + os_section("17763") +
                             client_section("TLS 1.2", "\"Enabled\"=dword:00000000\r\n\"DisabledByDefault\"=dword:00000001\r\n"));
  CHECK(ids(f) == std::vector<std::string>{"schannel.tls1_2.client.disabled:error",
                                           "schannel.tls1_2.client.disabled_by_default:error"});
  CHECK(f[0].message ==
        "TLS 1.2 client disabled (Enabled=dword:00000000 under "
        "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client): SChannel "
        "never offers TLS 1.2, so backups fail with 10054 once Azure refuses TLS 1.0");
  CHECK(f[0].protocol == Version::tls1_2);
  CHECK(f[0].changes == std::vector<RegChange>{{client_key, "Enabled", 1}});
  CHECK(f[1].changes == std::vector<RegChange>{{client_key, "DisabledByDefault", 0}});
  CHECK(fix_text(f[0]) == "[" + client_key + "]\n\"Enabled\"=dword:00000001");
  CHECK(blocks_azure_backup(f));
}

TEST_CASE("an unset DisabledByDefault: a warning when the OS is unknown, an error where TLS 1.2 is off by default") {
  const std::string base = std::string(v5) + dotnet_both + winhttp_both;
  auto f = findings_of(base);
  CHECK(ids(f) == std::vector<std::string>{"schannel.tls1_2.client.os_default:warning"});
  CHECK(f[0].changes == std::vector<RegChange>{{client_key, "DisabledByDefault", 0}, {client_key, "Enabled", 1}});
  CHECK_FALSE(blocks_azure_backup(f));

  f = findings_of(base + client_section("TLS 1.2", "\"Enabled\"=dword:00000001\r\n") + os_section("7601"));
  CHECK(ids(f) == std::vector<std::string>{"os.kb3140245:warning", "schannel.tls1_2.client.os_default_off:error",
                                           "ciphers.tls1_2.no_front_door_suite:warning"});
  CHECK(f[1].message ==
        "TLS 1.2 client not enabled (DisabledByDefault not set under "
        "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client): this "
        "Windows (build 7601, Windows 7 / Server 2008 R2 SP1) keeps TLS 1.2 disabled by default, so backups fail with "
        "10054 once Azure refuses TLS 1.0");
  CHECK(f[1].changes == std::vector<RegChange>{{client_key, "DisabledByDefault", 0}});  // Enabled=1 is there
  CHECK(blocks_azure_backup(f));

  // From Windows 8 / Server 2012 on, TLS 1.2 is on by default: nothing to say.
  CHECK(ids(findings_of(base, OsBuild{9200, "t"})) == std::vector<std::string>{"os.kb3140245:warning", "ciphers.tls1_2.no_front_door_suite:warning"});
  CHECK(findings_of(base, OsBuild{14393, "t"}).empty());
  // A DisabledByDefault typed as a string is ignored by SChannel, so it counts as unset.
  f = findings_of(base + client_section("TLS 1.2", "\"DisabledByDefault\"=\"0\"\r\n"));
  CHECK(ids(f) == std::vector<std::string>{"schannel.tls1_2.client.os_default:warning"});
  CHECK(f[0].message.starts_with("TLS 1.2 client not configured (DisabledByDefault=\"0\" (REG_SZ) ignored: not a DWORD"));
}

TEST_CASE("Enabled=0 with DisabledByDefault unset needs both values fixed") {
  const auto f = findings_of(std::string(v5) + dotnet_both + winhttp_both +
                             client_section("TLS 1.2", "\"Enabled\"=dword:00000000\r\n"));
  CHECK(ids(f) == std::vector<std::string>{"schannel.tls1_2.client.disabled:error",
                                           "schannel.tls1_2.client.os_default:warning"});
  CHECK(f[1].changes == std::vector<RegChange>{{client_key, "DisabledByDefault", 0}});
}

TEST_CASE("dotnet findings per view, their severity depending on the other switch") {
  const std::string base = healthy_export();
  auto f = findings_of(base + dotnet_section(false, "\"SystemDefaultTlsVersions\"=-\r\n\"SchUseStrongCrypto\"=-\r\n"));
  CHECK(ids(f) == std::vector<std::string>{"dotnet.x64.system_default_tls_missing:error",
                                           "dotnet.x64.strong_crypto_missing:error"});
  CHECK(f[0].message ==
        "64-bit .NET 4.x apps offer SSL 3.0 and TLS 1.0 only (SystemDefaultTlsVersions not set, SchUseStrongCrypto not "
        "set under HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319): the MARS agent cannot offer TLS 1.2, so "
        "backups fail with 10054 once Azure refuses TLS 1.0");
  CHECK(f[0].changes ==
        std::vector<RegChange>{{dotnet_key(View::x64), "SystemDefaultTlsVersions", 1}});
  CHECK(f[1].changes == std::vector<RegChange>{{dotnet_key(View::x64), "SchUseStrongCrypto", 1}});

  f = findings_of(base + dotnet_section(true, "\"SystemDefaultTlsVersions\"=dword:00000000\r\n"));
  CHECK(ids(f) == std::vector<std::string>{"dotnet.x86.system_default_tls_missing:warning"});
  CHECK(f[0].message ==
        "32-bit .NET 4.x apps do not follow the OS's TLS settings (SystemDefaultTlsVersions=dword:00000000, "
        "SchUseStrongCrypto=dword:00000001 under HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319): "
        "they offer TLS 1.0 to 1.2 only, whatever SChannel allows");

  f = findings_of(base + dotnet_section(true, "\"SchUseStrongCrypto\"=-\r\n"));
  CHECK(ids(f) == std::vector<std::string>{"dotnet.x86.strong_crypto_missing:warning"});

  // The key missing from the export altogether: said so, fixed all the same.
  f = findings_of(std::string(v5) + client_section("TLS 1.2", "\"DisabledByDefault\"=dword:00000000\r\n") +
                  dotnet_section(false, dotnet_good) + winhttp_both);
  CHECK(ids(f) == std::vector<std::string>{"dotnet.x86.system_default_tls_missing:error",
                                           "dotnet.x86.strong_crypto_missing:error"});
  CHECK(f[1].message.ends_with("; the key is absent: not exported, or .NET 4.x not installed"));
}

TEST_CASE("winhttp findings: a mask without TLS 1.2, an unset mask on old and unknown builds") {
  const std::string schannel_ok = std::string(v5) +
                                  client_section("TLS 1.2", "\"DisabledByDefault\"=dword:00000000\r\n") + dotnet_both;
  auto f = findings_of(schannel_ok + winhttp_section(false, "\"DefaultSecureProtocols\"=dword:000000a0\r\n") +
                       winhttp_section(true, "\"DefaultSecureProtocols\"=dword:00000800\r\n"));
  CHECK(ids(f) == std::vector<std::string>{"winhttp.x64.tls1_2_not_default:error"});
  CHECK(f[0].message ==
        "64-bit WinHTTP does not offer TLS 1.2 by default (DefaultSecureProtocols=dword:000000a0 under "
        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp): programs that use WinHTTP's "
        "default protocols cannot reach Azure once TLS 1.0 is refused");
  // Only the missing bit is added: what the admin chose stays.
  CHECK(f[0].changes == std::vector<RegChange>{{winhttp_key(View::x64), "DefaultSecureProtocols", 0x8a0}});

  f = findings_of(schannel_ok);
  CHECK(ids(f) == std::vector<std::string>{"winhttp.x64.os_default:info", "winhttp.x86.os_default:info"});
  CHECK(f[1].changes.empty());
  CHECK(fix_text(f[1]) ==
        "Only on Windows 7 / Server 2008 R2 / Server 2012: install KB3140245, then set "
        "DefaultSecureProtocols=0x00000a80 (TLS 1.0, 1.1, 1.2).");
  CHECK_FALSE(blocks_azure_backup(f));

  f = findings_of(schannel_ok + os_section("9200"));
  CHECK(ids(f) == std::vector<std::string>{"os.kb3140245:warning", "winhttp.x64.tls1_2_not_default:error",
                                           "winhttp.x86.tls1_2_not_default:error", "ciphers.tls1_2.no_front_door_suite:warning"});
  CHECK(f[2].message ==
        "32-bit WinHTTP does not offer TLS 1.2 by default (DefaultSecureProtocols not set under "
        "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp): on this Windows "
        "(build 9200, Windows 8 / Server 2012) its default is SSL 3.0 and TLS 1.0");
  CHECK(f[2].changes == std::vector<RegChange>{{winhttp_key(View::x86), "DefaultSecureProtocols", 0xa80}});

  CHECK(ids(findings_of(schannel_ok + os_section("9600"))) == std::vector<std::string>{"ciphers.tls1_2.no_front_door_suite:warning"});
}

TEST_CASE("an OS without TLS 1.2: one error, no registry advice that cannot help") {
  const auto f = findings_of(std::string(v5), OsBuild{3790, "RtlGetVersion"});
  CHECK(ids(f) == std::vector<std::string>{"os.tls1_2_unsupported:error", "dotnet.x64.system_default_tls_missing:error",
                                           "dotnet.x64.strong_crypto_missing:error",
                                           "dotnet.x86.system_default_tls_missing:error",
                                           "dotnet.x86.strong_crypto_missing:error"});
  CHECK(blocks_azure_backup(f));
}

TEST_CASE("Server 2008 SP2: the KB, and SChannel's TLS 1.2 needs both values") {
  const auto f = findings_of(std::string(v5) + dotnet_both + os_section("6002"));
  CHECK(ids(f) == std::vector<std::string>{"os.kb4019276:warning", "schannel.tls1_2.client.os_default_off:error",
                                           "winhttp.x64.tls1_2_not_default:error",
                                           "winhttp.x86.tls1_2_not_default:error"});
  CHECK(f[1].changes == std::vector<RegChange>{{client_key, "DisabledByDefault", 0}, {client_key, "Enabled", 1}});
}

TEST_CASE("blocks_azure_backup counts only errors about TLS 1.2") {
  Finding warning{{"x", Severity::warning, "m"}, Version::tls1_2, {}, {}};
  Finding other{{"y", Severity::error, "m"}, Version::tls1_0, {}, {}};
  Finding none{{"z", Severity::error, "m"}, std::nullopt, {}, {}};
  CHECK_FALSE(blocks_azure_backup({warning, other, none}));
  Finding error{{"e", Severity::error, "m"}, Version::tls1_2, {}, {}};
  CHECK(blocks_azure_backup({warning, error}));
  CHECK(to_string(Severity::warning) == "warning");
}

TEST_CASE("every finding about SChannel, .NET and WinHTTP carries a fix; only os.* and os_default lack one") {
  const auto f = findings_of(std::string(v5) + client_section("TLS 1.2", "\"Enabled\"=dword:00000000\r\n\"DisabledByDefault\"=dword:00000001\r\n") +
                             winhttp_section(false, "\"DefaultSecureProtocols\"=dword:00000080\r\n") + os_section("7601"));
  CHECK(f.size() == 10);
  for (const auto& x : f) {
    CAPTURE(x.id);
    CHECK(x.protocol == Version::tls1_2);
    // No registry line adds a suite Windows 7 does not have: that one is advice only.
    CHECK(x.changes.empty() == (x.id.starts_with("os.") || x.id == "ciphers.tls1_2.no_front_door_suite"));
    CHECK_FALSE(fix_text(x).empty());
  }
  CHECK(by_id(f, "winhttp.x86.tls1_2_not_default").severity == Severity::error);
}

}  // namespace
}  // namespace tlsprobe::registry
