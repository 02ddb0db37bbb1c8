#include "render/registry_report.hpp"

#include <algorithm>
#include <optional>

#include "registry/key_path.hpp"
#include "registry/reg_value.hpp"

namespace tlsprobe::registry {
namespace {

constexpr std::size_t width = 100;
constexpr std::size_t value_width = 33;  // fits "the OS default (SChannel decides)"

std::string pad(std::string_view text, std::size_t n) {
  std::string out(text);
  if (out.size() < n) out.append(n - out.size(), ' ');
  return out + " ";
}

// Word-wraps `text` to `width` columns; the text starts at column `indent`, and so does
// every continuation line.
std::string wrap(std::string_view text, std::size_t indent) {
  std::string out;
  std::size_t column = indent;
  bool line_start = true;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(pos, end - pos);
    if (!line_start && column + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
      line_start = true;
    }
    if (!line_start) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    line_start = false;
    pos = end + 1;
  }
  return out;
}

std::string source_lines(const RegistryReport& r) {
  if (r.live) return "Registry: this machine's live registry (64-bit and 32-bit views)\n";
  std::string out;
  for (std::size_t i = 0; i < r.files.size(); ++i) {
    const auto& f = r.files[i];
    out += (i == 0 ? "Registry: " : "          then ") + f.path + " (" + std::string(header_text(f.format)) + ", " +
           std::string(to_string(f.encoding)) + ")\n";
  }
  return out;
}

std::string os_line(const std::optional<OsBuild>& os) {
  if (!os)
    return "OS: unknown (export " + short_key_path(os_version_key) +
           " too: what a setting left at the OS default means depends on the build)\n";
  return "OS: build " + std::to_string(os->build) + ", " + std::string(os_name(os->build)) + " (from " + os->source +
         ")\n";
}

std::string schannel_rows(const Settings& s) {
  std::string out = pad("SChannel client", 17) + pad("state", 20) + pad("offered", 9) + "from " +
                    short_key_path(schannel_protocols_key) + "\\<protocol>\\Client\n";
  for (const auto& c : s.schannel) {
    const std::string source = c.source();
    out += "  " + pad(display_name(c.version), 15) + pad(state_words(c.state), 20) + pad(offer_words(c.offer), 9) +
           (source.empty() ? "not set" : source) + "\n";
  }
  return out;
}

std::string dotnet_rows(const Settings& s) {
  std::string out = pad(".NET 4.x apps", 17) + pad("get", value_width) + "from\n";
  for (const auto& d : s.dotnet)
    out += "  " + pad(display_name(d.view), 15) + pad(describe(d.result), value_width) + short_key_path(d.key) + ": " +
           d.system_default_tls_versions.describe() + ", " + d.sch_use_strong_crypto.describe() + "\n";
  return out;
}

std::string winhttp_offers(const WinHttpView& w) {
  if (!w.protocols) return "the OS default";
  std::string out = w.protocols->empty() ? "nothing" : protocol_list(*w.protocols);
  for (const auto v : w.blocked_by_schannel) out += "; " + std::string(display_name(v)) + " off in SChannel";
  if (const auto unknown = unknown_winhttp_bits(*w.default_secure_protocols.value))
    out += "; unknown bits " + dword_text(unknown).substr(6);
  return out;
}

std::string winhttp_rows(const Settings& s) {
  std::string out = pad("WinHTTP default", 17) + pad("offers", value_width) + "from\n";
  for (const auto& w : s.winhttp)
    out += "  " + pad(display_name(w.view), 15) + pad(winhttp_offers(w), value_width) + short_key_path(w.key) + ": " +
           w.default_secure_protocols.describe() + "\n";
  return out;
}

std::string count(std::size_t n, std::string_view what) {
  return std::to_string(n) + " " + std::string(what) + (n == 1 ? "" : "s");
}

std::string list_words(ListSource source, const std::string& url) {
  switch (source) {
    case ListSource::policy: return "the SSL Cipher Suite Order policy, " + short_key_path(ssl_policy_key);
    case ListSource::local: return "the local list, " + short_key_path(ssl_local_key);
    case ListSource::os_default: return url.empty() ? "this Windows' defaults" : "this Windows' defaults, " + url;
    case ListSource::unknown: break;
  }
  return "unknown";
}

std::string first_names(const std::vector<std::string>& names, std::size_t shown) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < shown; ++i) out += (i == 0 ? "" : ", ") + names[i];
  if (names.size() > shown) out += ", +" + std::to_string(names.size() - shown) + " more";
  return out;
}

std::string cipher_rows(const Settings& s) {
  const CipherSettings& c = s.ciphers;
  const std::string indent(19, ' ');
  if (!c.known())
    return "TLS 1.2 suites: unknown (no order policy or local list in the export, and no OS build: export " +
           short_key_path(os_version_key) + " too)\n";
  std::string out = "TLS 1.2 suites from " + list_words(c.source, c.defaults_url) + "\n";
  out += "  " + pad("offered", 16) +
         wrap(count(c.offered.size(), "suite") + (c.offered.empty() ? "" : ": " + first_names(c.offered, 4)), indent.size()) + "\n";
  for (const auto& r : c.removed)
    out += "  " + pad("switched off", 16) + wrap(r.suite + " by " + short_key_path(r.by) + " Enabled=0", indent.size()) + "\n";
  const auto front_door = offers_front_door_suite(c);
  out += "  " + pad("Front Door 2023", 16) + (front_door.value_or(false) ? "yes" : "no") +
         " (TLSv1.2_2023 takes ECDHE_RSA with AES-GCM only)\n";
  out += "  " + pad("curves", 16) +
         (c.curves_source == ListSource::unknown ? std::string("unknown")
                                                 : (c.curves.empty() ? std::string("none") : first_names(c.curves, 6)) +
                                                       " (" + std::string(to_string(c.curves_source)) + ")") +
         "\n";
  return out;
}

std::string findings_block(const std::vector<Finding>& findings) {
  if (findings.empty()) return "Findings: none\n";
  const auto n = [&](Severity s) {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.severity == s; }));
  };
  std::string out = "Findings: " + count(n(Severity::error), "error") + ", " + count(n(Severity::warning), "warning") +
                    ", " + std::to_string(n(Severity::info)) + " info\n";
  const std::string indent(11, ' ');
  for (const auto& f : findings) {
    out += "  " + pad(to_string(f.severity), 8) + f.id + "\n";
    out += indent + wrap(f.message, indent.size()) + "\n";
    const std::string fix = fix_text(f);
    std::size_t start = 0;
    bool first = true;
    while (start < fix.size()) {
      const auto end = std::min(fix.find('\n', start), fix.size());
      out += indent + (first ? "fix: " : "     ") + std::string(fix.substr(start, end - start)) + "\n";
      first = false;
      start = end + 1;
    }
  }
  return out;
}

std::string verdict(const std::vector<Finding>& findings) {
  if (!blocks_azure_backup(findings)) return "TLS 1.2 for Azure Backup: nothing in the registry blocks it\n";
  const auto errors = std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
    return f.severity == Severity::error && f.protocol == Version::tls1_2;
  });
  return "TLS 1.2 for Azure Backup: BLOCKED by " + count(static_cast<std::size_t>(errors), "error") +
         " (--fix-file FILE.reg writes the registry fix)\n";
}

}  // namespace

std::string_view state_words(ClientState s) {
  switch (s) {
    case ClientState::enabled: return "enabled";
    case ClientState::disabled: return "disabled";
    case ClientState::disabled_by_default: return "disabled by default";
    case ClientState::os_default: return "OS default";
  }
  return "";
}

std::string_view offer_words(Offer o) {
  switch (o) {
    case Offer::yes: return "yes";
    case Offer::if_asked: return "if asked";
    case Offer::no: return "no";
    case Offer::unknown: return "unknown";
  }
  return "";
}

std::string protocol_list(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ", ";
    const auto v = parse_version(t);
    out += v ? std::string(display_name(*v)) : (t == "ssl2.0" ? std::string("SSL 2.0") : t);
  }
  return out;
}

std::string render_registry_table(const RegistryReport& report) {
  const Settings& s = report.settings;
  return source_lines(report) + os_line(s.os) + "\n" + schannel_rows(s) + "\n" + dotnet_rows(s) + "\n" +
         winhttp_rows(s) + "\n" + cipher_rows(s) + "\n" + findings_block(report.findings) + "\n" + verdict(report.findings);
}

}  // namespace tlsprobe::registry
