// The registry report as people and scripts see it: exact table and JSON for one Windows 7 export.
#include "render/registry_report.hpp"

#include <doctest/doctest.h>

#include "../registry/reg_testing.hpp"

namespace tlsprobe::registry {
namespace {

using namespace testing;

// A Windows 7 SP1 machine half set up: TLS 1.2 Enabled but still DisabledByDefault (the OS
// default there), strong crypto for 64-bit .NET only, WinHTTP fixed for 64-bit programs only.
std::string win7_export() {
  return std::string(v5) +
         client_section("SSL 3.0", "\"Enabled\"=dword:00000000\r\n\"DisabledByDefault\"=dword:00000001\r\n") +
         client_section("TLS 1.2", "\"Enabled\"=dword:00000001\r\n") +
         dotnet_section(false, "\"SchUseStrongCrypto\"=dword:00000001\r\n") +
         winhttp_section(false, "\"DefaultSecureProtocols\"=dword:00000a00\r\n") + os_section("7601");
}

RegistryReport win7_report() {
  const RegDocument doc = parse_ok(utf16_with_bom(win7_export()));
  RegSnapshot snapshot;
  snapshot.apply(doc);
  RegistryReport r;
  r.files.push_back({"win7.reg", doc.format, doc.encoding});
  r.settings = read_settings(snapshot);
  r.findings = audit(r.settings);
  return r;
}

TEST_CASE("table: rows per protocol and view, findings with fixes, the verdict") {
  CHECK(render_registry_table(win7_report()) == R"table(Registry: win7.reg (Windows Registry Editor Version 5.00, UTF-16LE with BOM)
OS: build 7601, Windows 7 / Server 2008 R2 SP1 (from HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion CurrentBuildNumber)

SChannel client   state                offered   from HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\<protocol>\Client
  SSL 3.0         disabled             no        Enabled=dword:00000000, DisabledByDefault=dword:00000001
  TLS 1.0         OS default           yes       not set
  TLS 1.1         OS default           if asked  not set
  TLS 1.2         enabled              if asked  Enabled=dword:00000001
  TLS 1.3         OS default           no        not set

.NET 4.x apps     get                               from
  64-bit          TLS 1.0, 1.1 and 1.2              HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319: SystemDefaultTlsVersions not set, SchUseStrongCrypto=dword:00000001
  32-bit          SSL 3.0 and TLS 1.0 only          HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319: SystemDefaultTlsVersions not set, SchUseStrongCrypto not set

WinHTTP default   offers                            from
  64-bit          TLS 1.1, TLS 1.2                  HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp: DefaultSecureProtocols=dword:00000a00
  32-bit          the OS default                    HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp: DefaultSecureProtocols not set

TLS 1.2 suites from this Windows' defaults, https://learn.microsoft.com/windows/win32/secauthn/tls-cipher-suites-in-windows-7
  offered          28 suites: TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
                   TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
                   TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, +24 more
  Front Door 2023  no (TLSv1.2_2023 takes ECDHE_RSA with AES-GCM only)
  curves           NistP256, NistP384 (os_default)

Findings: 4 errors, 3 warnings, 0 info
  warning  os.kb3140245
           this Windows (build 7601, Windows 7 / Server 2008 R2 SP1) lets WinHTTP use TLS 1.2 by
           default only with update KB3140245 and DefaultSecureProtocols
           fix: Install KB3140245 (https://support.microsoft.com/help/3140245), apply the registry fix, restart.
  error    schannel.tls1_2.client.os_default_off
           TLS 1.2 client not enabled (DisabledByDefault not set under
           HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS
           1.2\Client): this Windows (build 7601, Windows 7 / Server 2008 R2 SP1) keeps TLS 1.2
           disabled by default, so backups fail with 10054 once Azure refuses TLS 1.0
           fix: [HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client]
                "DisabledByDefault"=dword:00000000
  warning  dotnet.x64.system_default_tls_missing
           64-bit .NET 4.x apps do not follow the OS's TLS settings (SystemDefaultTlsVersions not
           set, SchUseStrongCrypto=dword:00000001 under
           HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319): they offer TLS 1.0 to 1.2 only,
           whatever SChannel allows
           fix: [HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\.NETFramework\v4.0.30319]
                "SystemDefaultTlsVersions"=dword:00000001
  error    dotnet.x86.system_default_tls_missing
           32-bit .NET 4.x apps offer SSL 3.0 and TLS 1.0 only (SystemDefaultTlsVersions not set,
           SchUseStrongCrypto not set under
           HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319): the MARS agent cannot
           offer TLS 1.2, so backups fail with 10054 once Azure refuses TLS 1.0; the key is absent:
           not exported, or .NET 4.x not installed
           fix: [HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319]
                "SystemDefaultTlsVersions"=dword:00000001
  error    dotnet.x86.strong_crypto_missing
           32-bit .NET 4.x apps use the pre-TLS 1.2 defaults (SchUseStrongCrypto not set under
           HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319): with neither switch set
           they offer SSL 3.0 and TLS 1.0 only; the key is absent: not exported, or .NET 4.x not
           installed
           fix: [HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319]
                "SchUseStrongCrypto"=dword:00000001
  error    winhttp.x86.tls1_2_not_default
           32-bit WinHTTP does not offer TLS 1.2 by default (DefaultSecureProtocols not set under
           HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp): on
           this Windows (build 7601, Windows 7 / Server 2008 R2 SP1) its default is SSL 3.0 and TLS
           1.0
           fix: [HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp]
                "DefaultSecureProtocols"=dword:00000a80
  warning  ciphers.tls1_2.no_front_door_suite
           this machine cannot offer any TLS 1.2 suite that Azure Front Door's default policy
           (TLSv1.2_2023) accepts (TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
           TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256): this Windows (build 7601, Windows 7 / Server 2008
           R2 SP1) has no ECDHE_RSA suite with AES-GCM
           fix: No registry setting adds these suites: Windows 10 / Server 2016 and later have them. Until then only endpoints that also accept ECDHE_RSA with CBC (TLSv1.2_2022) can be reached over TLS 1.2.

TLS 1.2 for Azure Backup: BLOCKED by 4 errors (--fix-file FILE.reg writes the registry fix)
)table");
}

TEST_CASE("JSON: source, os, schannel per protocol token, dotnet and winhttp per view, findings") {
  CHECK(render_registry_json(win7_report()) == R"json({
  "tool": "tlsprobe",
  "version": ")json" TLSPROBE_VERSION R"json(",
  "source": {
    "kind": "file",
    "files": [
      {
        "path": "win7.reg",
        "format": "Windows Registry Editor Version 5.00",
        "encoding": "UTF-16LE with BOM"
      }
    ]
  },
  "os": {
    "build": 7601,
    "name": "Windows 7 / Server 2008 R2 SP1",
    "from": "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion CurrentBuildNumber"
  },
  "schannel": {
    "ssl3.0": {
      "state": "disabled",
      "key": "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 3.0\\Client",
      "value": "Enabled=dword:00000000, DisabledByDefault=dword:00000001",
      "offered": "no"
    },
    "tls1.0": {
      "state": "os_default",
      "key": "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Client",
      "value": null,
      "offered": "yes"
    },
    "tls1.1": {
      "state": "os_default",
      "key": "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.1\\Client",
      "value": null,
      "offered": "if_asked"
    },
    "tls1.2": {
      "state": "enabled",
      "key": "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client",
      "value": "Enabled=dword:00000001",
      "offered": "if_asked"
    },
    "tls1.3": {
      "state": "os_default",
      "key": "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.3\\Client",
      "value": null,
      "offered": "no"
    }
  },
  "dotnet": {
    "x64": {
      "key": "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319",
      "key_present": true,
      "system_default_tls_versions": null,
      "sch_use_strong_crypto": 1,
      "value": "SystemDefaultTlsVersions not set, SchUseStrongCrypto=dword:00000001",
      "result": "strong_crypto",
      "offers": "TLS 1.0, 1.1 and 1.2"
    },
    "x86": {
      "key": "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319",
      "key_present": false,
      "system_default_tls_versions": null,
      "sch_use_strong_crypto": null,
      "value": "SystemDefaultTlsVersions not set, SchUseStrongCrypto not set",
      "result": "legacy",
      "offers": "SSL 3.0 and TLS 1.0 only"
    }
  },
  "winhttp": {
    "x64": {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp",
      "default_secure_protocols": 2560,
      "value": "DefaultSecureProtocols=dword:00000a00",
      "protocols": [
        "tls1.1",
        "tls1.2"
      ],
      "blocked_by_schannel": [],
      "tls1.2": "yes"
    },
    "x86": {
      "key": "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp",
      "default_secure_protocols": null,
      "value": "DefaultSecureProtocols not set",
      "protocols": null,
      "blocked_by_schannel": [],
      "tls1.2": "no"
    }
  },
  "ciphers": {
    "source": "os_default",
    "defaults": "https://learn.microsoft.com/windows/win32/secauthn/tls-cipher-suites-in-windows-7",
    "listed": [
      "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P256",
      "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256_P256",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256_P384",
      "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA_P256",
      "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA_P384",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA_P256",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA_P384",
      "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
      "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
      "TLS_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_RSA_WITH_AES_256_CBC_SHA256",
      "TLS_RSA_WITH_AES_128_CBC_SHA256",
      "TLS_RSA_WITH_AES_256_CBC_SHA",
      "TLS_RSA_WITH_AES_128_CBC_SHA",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384_P384",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256_P256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256_P384",
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384_P384",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256_P256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256_P384",
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA_P256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA_P384",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA_P256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA_P384",
      "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256",
      "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256",
      "TLS_DHE_DSS_WITH_AES_256_CBC_SHA",
      "TLS_DHE_DSS_WITH_AES_128_CBC_SHA",
      "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
      "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA",
      "TLS_RSA_WITH_RC4_128_SHA",
      "TLS_RSA_WITH_RC4_128_MD5"
    ],
    "offered_tls1.2": [
      "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
      "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
      "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
      "TLS_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_RSA_WITH_AES_256_CBC_SHA256",
      "TLS_RSA_WITH_AES_128_CBC_SHA256",
      "TLS_RSA_WITH_AES_256_CBC_SHA",
      "TLS_RSA_WITH_AES_128_CBC_SHA",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
      "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256",
      "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256",
      "TLS_DHE_DSS_WITH_AES_256_CBC_SHA",
      "TLS_DHE_DSS_WITH_AES_128_CBC_SHA",
      "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
      "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA",
      "TLS_RSA_WITH_RC4_128_SHA",
      "TLS_RSA_WITH_RC4_128_MD5"
    ],
    "removed": [],
    "switched_off": [],
    "front_door_tls1_2_2023": false,
    "curves_source": "os_default",
    "curves": [
      "NistP256",
      "NistP384"
    ]
  },
  "findings": [
    {
      "id": "os.kb3140245",
      "severity": "warning",
      "protocol": "tls1.2",
      "message": "this Windows (build 7601, Windows 7 / Server 2008 R2 SP1) lets WinHTTP use TLS 1.2 by default only with update KB3140245 and DefaultSecureProtocols",
      "fix": "Install KB3140245 (https://support.microsoft.com/help/3140245), apply the registry fix, restart."
    },
    {
      "id": "schannel.tls1_2.client.os_default_off",
      "severity": "error",
      "protocol": "tls1.2",
      "message": "TLS 1.2 client not enabled (DisabledByDefault not set under HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client): this Windows (build 7601, Windows 7 / Server 2008 R2 SP1) keeps TLS 1.2 disabled by default, so backups fail with 10054 once Azure refuses TLS 1.0",
      "fix": "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client]\n\"DisabledByDefault\"=dword:00000000"
    },
    {
      "id": "dotnet.x64.system_default_tls_missing",
      "severity": "warning",
      "protocol": "tls1.2",
      "message": "64-bit .NET 4.x apps do not follow the OS's TLS settings (SystemDefaultTlsVersions not set, SchUseStrongCrypto=dword:00000001 under HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319): they offer TLS 1.0 to 1.2 only, whatever SChannel allows",
      "fix": "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319]\n\"SystemDefaultTlsVersions\"=dword:00000001"
    },
    {
      "id": "dotnet.x86.system_default_tls_missing",
      "severity": "error",
      "protocol": "tls1.2",
      "message": "32-bit .NET 4.x apps offer SSL 3.0 and TLS 1.0 only (SystemDefaultTlsVersions not set, SchUseStrongCrypto not set under HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319): the MARS agent cannot offer TLS 1.2, so backups fail with 10054 once Azure refuses TLS 1.0; the key is absent: not exported, or .NET 4.x not installed",
      "fix": "[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319]\n\"SystemDefaultTlsVersions\"=dword:00000001"
    },
    {
      "id": "dotnet.x86.strong_crypto_missing",
      "severity": "error",
      "protocol": "tls1.2",
      "message": "32-bit .NET 4.x apps use the pre-TLS 1.2 defaults (SchUseStrongCrypto not set under HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319): with neither switch set they offer SSL 3.0 and TLS 1.0 only; the key is absent: not exported, or .NET 4.x not installed",
      "fix": "[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319]\n\"SchUseStrongCrypto\"=dword:00000001"
    },
    {
      "id": "winhttp.x86.tls1_2_not_default",
      "severity": "error",
      "protocol": "tls1.2",
      "message": "32-bit WinHTTP does not offer TLS 1.2 by default (DefaultSecureProtocols not set under HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp): on this Windows (build 7601, Windows 7 / Server 2008 R2 SP1) its default is SSL 3.0 and TLS 1.0",
      "fix": "[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp]\n\"DefaultSecureProtocols\"=dword:00000a80"
    },
    {
      "id": "ciphers.tls1_2.no_front_door_suite",
      "severity": "warning",
      "protocol": "tls1.2",
      "message": "this machine cannot offer any TLS 1.2 suite that Azure Front Door's default policy (TLSv1.2_2023) accepts (TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256): this Windows (build 7601, Windows 7 / Server 2008 R2 SP1) has no ECDHE_RSA suite with AES-GCM",
      "fix": "No registry setting adds these suites: Windows 10 / Server 2016 and later have them. Until then only endpoints that also accept ECDHE_RSA with CBC (TLSv1.2_2022) can be reached over TLS 1.2."
    }
  ],
  "blocks_azure_backup": true
}
)json");
}

TEST_CASE("a healthy machine: findings none, not blocked") {
  RegistryReport r;
  r.live = true;
  r.settings = read_settings(snapshot_of(healthy_export()), OsBuild{17763, "RtlGetVersion"});
  r.findings = audit(r.settings);
  const std::string table = render_registry_table(r);
  CHECK(table.starts_with("Registry: this machine's live registry (64-bit and 32-bit views)\n"
                          "OS: build 17763, Windows 10 / Server 2016 / Server 2019 (from RtlGetVersion)\n"));
  CHECK(table.ends_with("\nFindings: none\n\nTLS 1.2 for Azure Backup: nothing in the registry blocks it\n"));
  const auto j = registry_to_json(r);
  CHECK(j["source"]["kind"] == "live");
  CHECK(j["source"]["files"].empty());
  CHECK(j["findings"].empty());
  CHECK(j["blocks_azure_backup"] == false);
  CHECK(j["winhttp"]["x86"]["protocols"] == nlohmann::ordered_json({"tls1.0", "tls1.1", "tls1.2"}));
  CHECK(j["winhttp"]["x86"]["tls1.2"] == "yes");
}

TEST_CASE("OS unknown, WinHTTP unset, TLS 1.2 disabled: what the rows and JSON say") {
  RegistryReport r;
  r.files.push_back({"a.reg", RegFormat::regedit4, TextEncoding::windows1252});
  r.files.push_back({"fix.reg", RegFormat::version5, TextEncoding::utf16le_bom});
  r.settings = read_settings(snapshot_of(std::string(v5) + client_section("TLS 1.2", "\"Enabled\"=dword:00000000\r\n") +
                                         winhttp_section(true, "\"DefaultSecureProtocols\"=dword:00000800\r\n")));
  r.findings = audit(r.settings);
  const std::string table = render_registry_table(r);
  CHECK(table.starts_with("Registry: a.reg (REGEDIT4, Windows-1252)\n"
                          "          then fix.reg (Windows Registry Editor Version 5.00, UTF-16LE with BOM)\n"
                          "OS: unknown (export HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion too: what a setting "
                          "left at the OS default means depends on the build)\n"));
  CHECK(table.find("  32-bit          TLS 1.2; TLS 1.2 off in SChannel ") != std::string::npos);
  const auto j = registry_to_json(r);
  CHECK(j["os"].is_null());
  CHECK(j["winhttp"]["x64"]["tls1.2"] == "unknown");
  CHECK(j["winhttp"]["x86"]["tls1.2"] == "no");
  CHECK(j["winhttp"]["x86"]["blocked_by_schannel"] == nlohmann::ordered_json({"tls1.2"}));
  CHECK(j["schannel"]["tls1.2"]["state"] == "disabled");
  CHECK(j["findings"][0]["id"] == "schannel.tls1_2.client.disabled");
  CHECK(j["blocks_azure_backup"] == true);
  CHECK(protocol_list({"ssl2.0", "ssl3.0", "tls1.3"}) == "SSL 2.0, SSL 3.0, TLS 1.3");
}

}  // namespace
}  // namespace tlsprobe::registry
