#include "render/csv.hpp"

#include <array>
#include <optional>
#include <string_view>

#include "core/native_codes.hpp"
#include "render/describe.hpp"

namespace tlsprobe {
namespace {

// CRLF as RFC 4180 says: the readers are Excel on the Windows machines Azure Backup runs on,
// and Python's csv module, pandas and Import-Csv all accept it. Line breaks inside a quoted
// message are kept as the native text had them.
constexpr std::string_view eol = "\r\n";

// Columns added later go at the end, so scripts that read by position keep working.
constexpr std::array<std::string_view, 33> header{
    "endpoint",     "host",        "port",           "address",       "proxy",      "sni",        "cloud",     "group",
    "backend",      "version",     "status",         "negotiated",    "cipher",     "error_class", "alert",
    "alert_name",   "errno",       "winsock",        "sec_status",    "offered",    "phase",     "message",
    "cert_subject", "cert_issuer", "cert_not_after", "cert_verified", "cert_verify_error", "elapsed_ms",
    "attempts",     "failed_attempts", "cert_hostname_matches", "http_status", "http_error",
};

std::string flag(const std::optional<bool>& b) { return b ? (*b ? "true" : "false") : ""; }

template <typename T>
std::string number(const std::optional<T>& n) {
  return n ? std::to_string(*n) : std::string();
}

class Row {
 public:
  void add(std::string_view field) {
    if (!first_) line_ += ',';
    first_ = false;
    line_ += csv_field(field);
  }
  std::string finish() { return std::move(line_) + std::string(eol); }

 private:
  std::string line_;
  bool first_ = true;
};

std::string attempt_row(const AttemptResult& r) {
  const Outcome& o = r.outcome;
  const bool failed = o.status != Status::accepted;
  const ErrorInfo& e = o.error;
  Row row;
  row.add(r.target.label);
  row.add(r.target.host);
  row.add(std::to_string(r.target.port));
  row.add(r.address);
  row.add(r.proxy);
  row.add(r.sni);
  row.add(r.target.cloud);
  row.add(r.target.group);
  row.add(r.backend);
  row.add(token(r.version));
  row.add(to_string(o.status));
  row.add(o.negotiated ? token(*o.negotiated) : "");
  row.add(o.cipher);
  row.add(failed ? to_string(e.cls) : "");
  row.add(failed ? number(e.alert) : "");
  row.add(failed && e.alert ? alert_name(*e.alert) : "");
  row.add(failed ? number(e.posix_errno) : "");
  row.add(failed ? number(e.winsock) : "");
  row.add(failed && e.sec_status ? sec_status_hex(*e.sec_status) : "");
  row.add(failed && e.offered ? token(*e.offered) : "");
  row.add(failed ? to_string(e.phase) : "");
  row.add(failed ? e.message : "");
  const auto& c = o.certificate;
  row.add(c ? c->subject : "");
  row.add(c ? c->issuer : "");
  row.add(c ? c->not_after : "");
  row.add(c ? (c->verified ? "true" : "false") : "");
  row.add(c ? c->verify_error : "");
  row.add(std::to_string(r.elapsed.count()));
  row.add(std::to_string(r.attempts));
  row.add(std::to_string(r.failed_attempts));
  row.add(c ? flag(c->hostname_matches) : "");
  const auto& h = o.http;
  row.add(h ? number(h->status) : "");
  row.add(h && h->error ? to_string(h->error->cls) : "");
  return row.finish();
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string render_csv(const Report& report) {
  Row head;
  for (auto name : header) head.add(name);
  std::string out = head.finish();
  for (const auto& r : report.results) out += attempt_row(r);
  return out;
}

}  // namespace tlsprobe
