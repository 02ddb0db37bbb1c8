#pragma once
// What to probe: a host and port, where it came from, and what it is for.
#include <cstdint>
#include <string>
#include <string_view>

namespace tlsprobe {

struct Target {
  std::string host;     // a DNS name or an IP literal (IPv6 without brackets)
  std::uint16_t port = 443;
  std::string label;    // how rows name it: "host" or "host:port"
  std::string cloud;    // catalog metadata; empty for the user's own hosts
  std::string group;
  std::string purpose;
};

// "host", "host:port", "[v6]:port", "v6" (a bare IPv6 literal). Throws UsageError naming
// what is wrong. Host names are checked against RFC 1123 so a typo fails before any probing.
Target parse_target(std::string_view text);

bool is_ip_literal(std::string_view host);

// An IPv6 literal in brackets ("[::1]", RFC 3986 3.2.2), anything else as it is: the form of
// a host in a label, a Host header and a CONNECT authority.
std::string bracketed(std::string_view host);

// How rows name a target: "host", "host:8443", "[::1]:8443" (443 is left out).
std::string target_label(std::string_view host, std::uint16_t port);

}  // namespace tlsprobe
