#include "registry/audit.hpp"

#include "registry/cipher_audit.hpp"
#include "registry/key_path.hpp"

namespace tlsprobe::registry {
namespace {

constexpr std::string_view fails_10054 = "backups fail with 10054 once Azure refuses TLS 1.0";
// What KB3140245 recommends, and what keeps TLS 1.0 for whatever else on the machine needs it.
constexpr std::uint32_t winhttp_recommended = 0x80 | 0x200 | 0x800;
constexpr std::uint32_t sp2_2008 = 6002;

std::string hex32(std::uint32_t v) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) out += digits[(v >> shift) & 0xF];
  return out;
}

std::string os_text(const OsBuild& os) { return "build " + std::to_string(os.build) + ", " + std::string(os_name(os.build)); }

void schannel_findings(const Settings& s, std::vector<Finding>& out) {
  const SchannelClient& c = s.client(Version::tls1_2);
  const std::string where = " under " + short_key_path(c.key);
  const auto finding = [&](std::string suffix, Severity severity, std::string message) -> Finding& {
    out.push_back({{"schannel.tls1_2.client." + suffix, severity, std::move(message)}, Version::tls1_2, {}, {}});
    return out.back();
  };
  if (c.enabled.value == 0u)
    finding("disabled", Severity::error,
            "TLS 1.2 client disabled (" + c.enabled.describe() + where + "): SChannel never offers TLS 1.2, so " +
                std::string(fails_10054))
        .changes.push_back({c.key, "Enabled", 1});
  const auto& dbd = c.disabled_by_default;
  if (dbd.value && *dbd.value != 0)
    finding("disabled_by_default", Severity::error,
            "TLS 1.2 client disabled by default (" + dbd.describe() + where +
                "): the MARS agent and other programs that leave the choice to SChannel do not offer TLS 1.2, so " +
                std::string(fails_10054))
        .changes.push_back({c.key, "DisabledByDefault", 0});
  if (dbd.value) return;
  // DisabledByDefault unset: the build's own default decides.
  Finding* f = nullptr;
  if (!s.os) {
    f = &finding("os_default", Severity::warning,
                 "TLS 1.2 client not configured (" + dbd.describe() + where +
                     "): offered by default from Windows 8 / Server 2012 on, but not on Windows 7 / Server 2008 R2 / "
                     "Server 2008 SP2, where " + std::string(fails_10054));
  } else if (s.os->build >= sp2_2008 && !schannel_offers_tls1_2_by_default(s.os->build)) {
    f = &finding("os_default_off", Severity::error,
                 "TLS 1.2 client not enabled (" + dbd.describe() + where + "): this Windows (" + os_text(*s.os) +
                     ") keeps TLS 1.2 disabled by default, so " + std::string(fails_10054));
  }
  if (f == nullptr) return;
  f->changes.push_back({c.key, "DisabledByDefault", 0});
  if (!c.enabled.value) f->changes.push_back({c.key, "Enabled", 1});
}

void dotnet_findings(const DotnetView& d, std::vector<Finding>& out) {
  const bool system_default = d.system_default_tls_versions.value == 1u;
  const bool strong = d.sch_use_strong_crypto.value == 1u;
  const std::string who = std::string(display_name(d.view)) + " .NET 4.x apps";
  const std::string id = "dotnet." + std::string(to_string(d.view)) + ".";
  const std::string where = " under " + short_key_path(d.key);
  const std::string absent = d.key_present ? "" : "; the key is absent: not exported, or .NET 4.x not installed";
  const std::string both = d.system_default_tls_versions.describe() + ", " + d.sch_use_strong_crypto.describe();
  if (!system_default) {
    Finding f{
        {id + "system_default_tls_missing", strong ? Severity::warning : Severity::error, {}}, Version::tls1_2, {}, {}};
    f.message = strong ? who + " do not follow the OS's TLS settings (" + both + where +
                             "): they offer TLS 1.0 to 1.2 only, whatever SChannel allows" + absent
                       : who + " offer SSL 3.0 and TLS 1.0 only (" + both + where +
                             "): the MARS agent cannot offer TLS 1.2, so " + std::string(fails_10054) + absent;
    f.changes.push_back({d.key, "SystemDefaultTlsVersions", 1});
    out.push_back(std::move(f));
  }
  if (!strong) {
    Finding f{{id + "strong_crypto_missing", system_default ? Severity::warning : Severity::error, {}},
              Version::tls1_2,
              {},
              {}};
    f.message = system_default
                    ? who + " may still pick weak ciphers (" + d.sch_use_strong_crypto.describe() + where +
                          "): Microsoft's Azure Backup guidance sets SchUseStrongCrypto=1 with SystemDefaultTlsVersions=1" + absent
                    : who + " use the pre-TLS 1.2 defaults (" + d.sch_use_strong_crypto.describe() + where +
                          "): with neither switch set they offer SSL 3.0 and TLS 1.0 only" + absent;
    f.changes.push_back({d.key, "SchUseStrongCrypto", 1});
    out.push_back(std::move(f));
  }
}

void winhttp_findings(const Settings& s, const WinHttpView& w, std::vector<Finding>& out) {
  const std::string who = std::string(display_name(w.view)) + " WinHTTP";
  const std::string id = "winhttp." + std::string(to_string(w.view)) + ".";
  const std::string where = " under " + short_key_path(w.key);
  const auto& dsp = w.default_secure_protocols;
  Finding f{{id + "tls1_2_not_default", Severity::error, {}}, Version::tls1_2, {}, {}};
  if (dsp.value) {
    if ((*dsp.value & winhttp_bit(Version::tls1_2)) != 0) return;
    f.message = who + " does not offer TLS 1.2 by default (" + dsp.describe() + where +
                "): programs that use WinHTTP's default protocols cannot reach Azure once TLS 1.0 is refused";
    f.changes.push_back({w.key, dsp.name, *dsp.value | winhttp_bit(Version::tls1_2)});
  } else if (!s.os) {
    f.id = id + "os_default";
    f.severity = Severity::info;
    f.message = who + " uses the OS default protocols (" + dsp.describe() + where +
                "): TLS 1.2 is included from Windows 8.1 / Server 2012 R2 on, not before; export " +
                short_key_path(os_version_key) + " too and tlsprobe can tell";
    f.advice = "Only on Windows 7 / Server 2008 R2 / Server 2012: install KB3140245, then set DefaultSecureProtocols=" +
               hex32(winhttp_recommended) + " (TLS 1.0, 1.1, 1.2).";
  } else if (s.os->build >= sp2_2008 && !winhttp_default_includes_tls1_2(s.os->build)) {
    f.message = who + " does not offer TLS 1.2 by default (" + dsp.describe() + where + "): on this Windows (" +
                os_text(*s.os) + ") its default is SSL 3.0 and TLS 1.0";
    f.changes.push_back({w.key, dsp.name, winhttp_recommended});
  } else {
    return;
  }
  out.push_back(std::move(f));
}

}  // namespace

std::vector<Finding> audit(const Settings& settings) {
  std::vector<Finding> out;
  if (settings.os)
    if (auto f = os_update_finding(settings.os->build)) out.push_back(std::move(*f));
  schannel_findings(settings, out);
  for (const auto& d : settings.dotnet) dotnet_findings(d, out);
  for (const auto& w : settings.winhttp) winhttp_findings(settings, w, out);
  cipher_findings(settings, out);
  return out;
}

}  // namespace tlsprobe::registry
