#include "core/target.hpp"

#ifdef _WIN32
#include <ws2tcpip.h>  // inet_pton (Vista and later)
#else
#include <arpa/inet.h>
#endif

#include <cctype>
#include <charconv>
#include <string>

#include "core/errors.hpp"

namespace tlsprobe {
namespace {

// inet_pton reads a C string: "10.0.0.1\0junk" would pass as an address.
bool is_ipv4(std::string_view s) {
  if (s.find('\0') != std::string_view::npos) return false;
  in_addr a{};
  return inet_pton(AF_INET, std::string(s).c_str(), &a) == 1;
}
bool is_ipv6(std::string_view s) {
  if (s.find('\0') != std::string_view::npos) return false;
  in6_addr a{};
  return inet_pton(AF_INET6, std::string(s).c_str(), &a) == 1;
}

// RFC 1123 §2.1: letters, digits, hyphens; labels 1..63, not starting or ending with '-';
// the whole name at most 253. Underscores appear in real service names, so allow them.
std::string check_hostname(std::string_view host) {
  if (host.empty()) return "empty host name";
  if (host.size() > 253) return "host name longer than 253 characters";
  std::size_t label = 0;
  for (std::size_t i = 0; i < host.size(); ++i) {
    const char c = host[i];
    if (c == '.') {
      if (label == 0) return "empty label in host name";
      if (host[i - 1] == '-') return "label ends with '-'";
      label = 0;
      continue;
    }
    if (c == '*') return "wildcards cannot be probed: name a concrete host";
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    if (!ok) return std::string("character '") + c + "' not allowed in a host name";
    if (label == 0 && c == '-') return "label starts with '-'";
    if (++label > 63) return "label longer than 63 characters";
  }
  if (host.back() == '-') return "label ends with '-'";
  return {};
}

std::uint16_t parse_port(std::string_view text, std::string_view whole) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535)
    throw UsageError("bad target '" + std::string(whole) + "': port must be 1..65535");
  return static_cast<std::uint16_t>(value);
}

}  // namespace

bool is_ip_literal(std::string_view host) { return is_ipv4(host) || is_ipv6(host); }

Target parse_target(std::string_view text) {
  Target t;
  std::string_view host = text;
  std::string_view port;
  if (text.empty()) throw UsageError("empty target");
  if (text.find("://") != std::string_view::npos)
    throw UsageError("bad target '" + std::string(text) + "': write host or host:port, not a URL");
  if (text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) throw UsageError("bad target '" + std::string(text) + "': missing ']'");
    host = text.substr(1, close - 1);
    const auto rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') throw UsageError("bad target '" + std::string(text) + "': expected ':port' after ']'");
      port = rest.substr(1);
      if (port.empty()) throw UsageError("bad target '" + std::string(text) + "': empty port");
    }
    if (!is_ipv6(host)) throw UsageError("bad target '" + std::string(text) + "': not an IPv6 address inside []");
  } else if (is_ipv6(text)) {
    host = text;  // a bare IPv6 literal: its colons are not a port
  } else {
    const auto colon = text.rfind(':');
    if (colon != std::string_view::npos) {
      host = text.substr(0, colon);
      port = text.substr(colon + 1);
      if (port.empty()) throw UsageError("bad target '" + std::string(text) + "': empty port");
    }
    if (host.find(':') != std::string_view::npos)
      throw UsageError("bad target '" + std::string(text) + "': write IPv6 addresses with a port as [addr]:port");
    if (!is_ipv4(host)) {
      std::string h(host);
      if (!h.empty() && h.back() == '.') h.pop_back();  // a fully qualified "name." is fine
      if (!h.empty() && h.back() == '.')
        throw UsageError("bad target '" + std::string(text) + "': empty label in host name");
      if (const auto why = check_hostname(h); !why.empty())
        throw UsageError("bad target '" + std::string(text) + "': " + why);
    }
  }
  if (!port.empty()) t.port = parse_port(port, text);
  t.host = std::string(host);
  if (!t.host.empty() && t.host.back() == '.' && !is_ip_literal(t.host)) t.host.pop_back();
  for (auto& c : t.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  t.label = target_label(t.host, t.port);
  return t;
}

// Appended piece by piece: GCC 12 at -O3 takes `"[" + host + "]"` for an overlapping memcpy
// (a -Wrestrict false positive, GCC bug 105329).
std::string bracketed(std::string_view host) {
  if (host.find(':') == std::string_view::npos) return std::string(host);
  std::string out;
  out.reserve(host.size() + 2);
  out.append(1, '[').append(host).append(1, ']');
  return out;
}

std::string target_label(std::string_view host, std::uint16_t port) {
  std::string label = bracketed(host);
  if (port != 443) label.append(1, ':').append(std::to_string(port));
  return label;
}

}  // namespace tlsprobe
