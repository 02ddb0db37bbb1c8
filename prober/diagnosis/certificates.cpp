#include "diagnosis/certificates.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace tlsprobe {
namespace {

using namespace std::chrono;

bool same_text_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// RFC 4514 2.4: a trailing space that is escaped ("foo\ ") is part of the value.
bool escaped_at_end(std::string_view s) {
  std::size_t backslashes = 0;
  for (std::size_t i = s.size() - 1; i > 0 && s[i - 1] == '\\'; --i) ++backslashes;
  return backslashes % 2 == 1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ' && !escaped_at_end(s)) s.remove_suffix(1);
  return s;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 2253 2.4 value: "\," "\+" ... escape one character, "\4C" one byte; Windows quotes
// the whole value instead ("O=\"x, y\"", a doubled quote inside).
std::string unescape(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
      if (v[i] == '"' && i + 2 < v.size() && v[i + 1] == '"') ++i;
      out += v[i];
    }
    return out;
  }
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\' || i + 1 >= v.size()) {
      out += v[i];
    } else if (i + 2 < v.size() && hex_digit(v[i + 1]) >= 0 && hex_digit(v[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(v[i + 1]) * 16 + hex_digit(v[i + 2]));
      i += 2;
    } else {
      out += v[++i];
    }
  }
  return out;
}

// "CN=leaf.example", or the whole name when it has no CN.
std::string display_name_of(const std::string& dn) {
  const std::string cn = common_name(dn);
  return cn.empty() ? dn : cn;
}

std::string days_text(long long days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

std::string role_of(const CertificateSummary& c, std::size_t index) {
  if (index == 0) return "leaf";
  return c.chain[index].self_signed ? "root" : "intermediate";
}

class Collector {
 public:
  Collector(const AttemptResult& r, std::vector<CertificateFinding>& out) : r_(r), out_(out) {}
  void add(std::string_view id, Severity severity, std::string message) {
    CertificateFinding f{{std::string(id), severity, std::move(message)}, r_.target.label, r_.address, r_.backend};
    if (std::find(out_.begin(), out_.end(), f) == out_.end()) out_.push_back(std::move(f));
  }

 private:
  const AttemptResult& r_;
  std::vector<CertificateFinding>& out_;
};

// The top of the presented chain names the root it ends at: its issuer, or itself when it
// is the (self-signed) root. An inspecting proxy's substitute chain ends at its own CA.
void check_inspection(const AttemptResult& r, const CertificateSummary& c, Collector& add) {
  if (r.target.cloud.empty() || c.chain.empty()) return;
  const ChainCertificate& top = c.chain.back();
  const std::string root = common_name(top.self_signed ? top.subject : top.issuer);
  const bool azure = std::any_of(azure_root_names.begin(), azure_root_names.end(),
                                 [&](std::string_view name) { return same_text_ignoring_case(name, root); });
  if (azure) return;
  const std::string by = root.empty() ? display_name_of(top.issuer) : root;
  add.add(finding_inspection, Severity::warning,
          "likely TLS inspection by " + by + ": the presented chain ends at " + by +
              ", not at a root Azure uses (DigiCert Global Root G2/CA, Baltimore CyberTrust, D-TRUST Class 3 CA 2 "
              "2009, Microsoft RSA/ECC Root 2017)");
}

void check_hostname(const AttemptResult& r, const CertificateSummary& c, Collector& add) {
  if (c.hostname_matches.value_or(true)) return;
  const std::string name = r.sni.empty() ? r.target.host : r.sni;
  std::string names;
  if (!c.chain.empty()) {
    for (const auto& list : {c.chain.front().san_dns, c.chain.front().san_ip})
      for (const auto& n : list) names += (names.empty() ? "" : ", ") + n;
  }
  if (names.empty()) names = "subject " + c.subject;
  add.add(finding_hostname_mismatch, Severity::error, "certificate is not valid for " + name + ": it names " + names);
}

void check_expiry(const CertificateSummary& c, system_clock::time_point now, int warning_days, Collector& add) {
  struct Dated {
    std::string role, subject, not_after;
  };
  std::vector<Dated> dated;
  for (std::size_t i = 0; i < c.chain.size(); ++i)
    dated.push_back({role_of(c, i), c.chain[i].subject, c.chain[i].not_after});
  if (dated.empty()) dated.push_back({"leaf", c.subject, c.not_after});  // a backend without the chain
  for (const auto& d : dated) {
    const auto not_after = parse_utc_time(d.not_after);
    if (!not_after) continue;
    const std::string who = d.role + " certificate " + display_name_of(d.subject);
    if (*not_after <= now) {
      const auto ago = duration_cast<days>(now - *not_after).count();
      add.add(finding_expired, Severity::error,
              who + " expired on " + d.not_after +
                  (ago == 0 ? " (less than a day ago)" : " (" + days_text(ago) + " ago)"));
    } else if (*not_after - now <= days(warning_days)) {
      const auto left = duration_cast<days>(*not_after - now).count();
      add.add(finding_expiring, Severity::warning,
              who + " expires on " + d.not_after + (left == 0 ? " (within a day)" : " (in " + days_text(left) + ")"));
    }
  }
}

}  // namespace


std::string common_name(std::string_view dn) {
  std::size_t start = 0;
  bool quoted = false;
  for (std::size_t i = 0; i <= dn.size(); ++i) {
    const bool end = i == dn.size();
    if (!end && dn[i] == '\\' && i + 1 < dn.size()) {
      ++i;  // the escaped character is part of the value
      continue;
    }
    if (!end && dn[i] == '"') quoted = !quoted;
    if (!end && (quoted || (dn[i] != ',' && dn[i] != ';' && dn[i] != '+'))) continue;
    const std::string_view part = trim(dn.substr(start, i - start));
    start = i + 1;
    const auto eq = part.find('=');
    if (eq != std::string_view::npos && same_text_ignoring_case(trim(part.substr(0, eq)), "CN"))
      return unescape(part.substr(eq + 1));
  }
  return {};
}

std::optional<system_clock::time_point> parse_utc_time(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fff]Z
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text.back() != 'Z')
    return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    int value = 0;
    const char* first = text.data() + pos;
    const auto [ptr, ec] = std::from_chars(first, first + len, value);
    if (ec != std::errc() || ptr != first + len) return std::nullopt;
    return value;
  };
  const auto y = number(0, 4), mo = number(5, 2), d = number(8, 2), h = number(11, 2), mi = number(14, 2),
             s = number(17, 2);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
  if (!date.ok() || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
  return sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s};
}

std::vector<CertificateFinding> find_certificate_findings(const Report& report,
                                                          const CertificateCheckOptions& options) {
  std::vector<CertificateFinding> out;
  for (const auto& r : report.results) {
    if (r.outcome.status != Status::accepted || !r.outcome.certificate) continue;
    const CertificateSummary& c = *r.outcome.certificate;
    Collector add(r, out);
    check_inspection(r, c, add);
    if (!c.verified)
      add.add(finding_untrusted, Severity::error,
              "certificate not trusted: " + (c.verify_error.empty() ? std::string("no reason given") : c.verify_error));
    check_hostname(r, c, add);
    check_expiry(c, report.started, std::max(0, options.expiry_warning_days), add);
  }
  return out;
}

}  // namespace tlsprobe
