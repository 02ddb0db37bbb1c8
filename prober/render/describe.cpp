#include "render/describe.hpp"

#include <array>
#include <cstdio>

#include "core/native_codes.hpp"

namespace tlsprobe {

std::string iso8601_utc(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(t);
  const auto day = floor<days>(ms);
  const year_month_day ymd{day};
  const hh_mm_ss hms{ms - day};
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
  return buf.data();
}

std::string sec_status_hex(std::uint32_t status) {
  std::array<char, 16> buf{};
  std::snprintf(buf.data(), buf.size(), "0x%08x", static_cast<unsigned>(status));
  return buf.data();
}

std::string version_hex(std::uint16_t version) {
  std::array<char, 8> buf{};
  std::snprintf(buf.data(), buf.size(), "0x%04x", static_cast<unsigned>(version));
  return buf.data();
}

std::optional<int> winsock_number(const ErrorInfo& e) {
  if (e.winsock) return e.winsock;
  if (e.posix_errno) return winsock_for_errno(*e.posix_errno);
  return std::nullopt;
}

namespace {

std::string with_number(std::string_view word, std::optional<int> n) {
  std::string s(word);
  if (n) s += " " + std::to_string(*n);
  return s;
}

}  // namespace

std::string failure_word(const Outcome& o) {
  if (o.status == Status::unsupported) return "unsupported";
  const ErrorInfo& e = o.error;
  switch (e.cls) {
    case ErrorClass::alert: return with_number("alert", e.alert);
    case ErrorClass::reset: return with_number("reset", winsock_number(e));
    case ErrorClass::refused: return with_number("refused", winsock_number(e));
    case ErrorClass::dns: return with_number("dns", winsock_number(e));
    case ErrorClass::version_mismatch:
      return e.offered ? "offered " + std::string(short_label(*e.offered)) : std::string("version mismatch");
    case ErrorClass::none: return std::string(to_string(o.status));
    case ErrorClass::closed:
    case ErrorClass::timeout:
    case ErrorClass::local:
    case ErrorClass::proxy:
    case ErrorClass::protocol:
    case ErrorClass::internal: break;
  }
  return std::string(to_string(e.cls));
}

std::string failure_summary(const Outcome& o) {
  const ErrorInfo& e = o.error;
  std::string s;
  if (o.status == Status::unsupported) {
    s = "unsupported";
  } else if (e.cls == ErrorClass::alert && e.alert) {
    s = "alert " + std::to_string(*e.alert) + " " + std::string(alert_name(*e.alert));
  } else if (e.cls == ErrorClass::version_mismatch && e.offered) {
    s = "server answered " + std::string(display_name(*e.offered));
  } else {
    s = failure_word(o);
  }
  // The phase separates "silent after the hello" (a filter dropping old versions) from
  // "nothing listens" (connect); it adds nothing when the class already implies it.
  if (e.phase != Phase::none && e.cls != ErrorClass::dns && o.status != Status::unsupported)
    s += " in " + std::string(to_string(e.phase));
  if (e.sec_status) s += ", status " + sec_status_hex(*e.sec_status);
  return s;
}

std::string http_summary(const HttpCheck& h) {
  const std::string head = "HEAD " + one_line(h.path);
  if (!h.error) return head + " answered " + one_line(h.status_line);
  Outcome o;
  o.status = Status::rejected;
  o.error = *h.error;
  std::string s = head + " failed: " + failure_summary(o);
  const std::string message = one_line(h.error->message);
  if (!message.empty()) s += ": " + message;
  return s;
}

std::string row_name(const AttemptResult& r) {
  if (!r.proxy.empty()) return r.target.label + " (via " + r.proxy + ")";
  if (r.address.empty()) return r.target.label + " (no address)";
  if (r.address == r.target.host || r.address == r.target.label) return r.target.label;
  return r.target.label + " (" + r.address + ")";
}

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      // A CRLF pair is one line break, not two spaces.
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += ' ';
    } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      ++i;  // U+0080..U+009F: C1 controls, CSI among them
      out += ' ';
    } else {
      out += static_cast<char>(c);
    }
  }
  // Trailing newlines from native messages (strerror, FormatMessage) are noise.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace tlsprobe
