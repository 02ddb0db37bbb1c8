// libFuzzer target for --proxy / HTTPS_PROXY and NO_PROXY: whatever the user or the
// environment says, parse_proxy_url throws UsageError or nothing, keeps the credentials out
// of what prints, and reads its own display() back; proxy_bypassed reads NO_PROXY as curl does.
//
// Input: the proxy URL, a newline, the host to check, a newline, the NO_PROXY value (the rest).
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "contract.hpp"
#include "core/errors.hpp"
#include "core/target.hpp"
#include "net/proxy.hpp"

namespace {

using tlsprobe::ProxyConfig;

using tlsprobe::fuzz::require;

// What the caller sees: a config, or the UsageError's message. Any other exception escapes
// to libFuzzer, which reports it as a crash.
struct Parsed {
  std::optional<ProxyConfig> config;
  std::string error;
};

Parsed parse(std::string_view url) {
  try {
    return {tlsprobe::parse_proxy_url(url), {}};
  } catch (const tlsprobe::UsageError& e) {
    require(*e.what() != '\0');
    return {std::nullopt, e.what()};
  }
}

// ProxyConfig::display() as documented: the scheme, the host (IPv6 in brackets), the port.
std::string expected_display(const ProxyConfig& p) {
  const bool v6 = p.host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + p.host + "]" : p.host) + ":" + std::to_string(p.port);
}

// Credentials put in front of whatever the fuzzer wrote: unless the fuzzer wrote the marker
// too, it can only reach a message or display() from the credentials.
constexpr std::string_view marker = "s3cr!t";
constexpr std::string_view credentials = "fuzz:s3cr%21t@";

void check_url(std::string_view url) {
  const Parsed p = parse(url);
  if (!p.config) return;
  const ProxyConfig& c = *p.config;
  require(!c.host.empty() && c.port != 0);
  require(c.host.find('\0') == std::string::npos && !c.host.ends_with('.'));
  // display() is built from host and port only: the credentials cannot reach it.
  const std::string shown = c.display();
  require(shown == expected_display(c));
  require(shown.find('@') == std::string::npos);

  // Parse, render, parse again: the same proxy, without credentials.
  const Parsed again = parse(shown);
  require(again.config.has_value());
  require(again.config->host == c.host && again.config->port == c.port);
  require(again.config->user.empty() && again.config->password.empty());
  require(again.config->display() == shown);
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

void check_credentials(std::string_view url) {
  // The fuzzer's URL without its scheme, behind credentials of our own.
  std::string_view rest = url;
  if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) rest.remove_prefix(scheme + 3);
  const std::string with = "http://" + std::string(credentials) + std::string(rest);
  // Host names come back in lower case: a marker the fuzzer wrote in capitals is still its own.
  const bool fuzzer_wrote_marker = lower(rest).find(marker) != std::string::npos;
  const Parsed p = parse(with);
  if (!p.config) {
    // Unless the fuzzer wrote the marker itself, after the credentials, where it is an address.
    require(p.error.find(marker) == std::string::npos || fuzzer_wrote_marker);
    return;
  }
  // The userinfo ends at the last '@', so ours is the start of it whatever the fuzzer wrote.
  require(p.config->user == "fuzz");
  require(p.config->password.starts_with(marker));
  require(p.config->display().find(marker) == std::string::npos || fuzzer_wrote_marker);
}

void check_bypass(std::string_view host, std::string_view no_proxy) {
  const bool bypassed = tlsprobe::proxy_bypassed(host, no_proxy);
  // Names compare ignoring case, on either side.
  require(tlsprobe::proxy_bypassed(upper(host), no_proxy) == bypassed);
  require(tlsprobe::proxy_bypassed(host, upper(no_proxy)) == bypassed);
  // More entries never take an exemption away; "*" exempts everything.
  if (bypassed) require(tlsprobe::proxy_bypassed(host, std::string(no_proxy) + ",example.invalid"));
  require(tlsprobe::proxy_bypassed(host, std::string(no_proxy) + ",*"));
  require(!tlsprobe::proxy_bypassed(host, ""));

  // A plain name exempts itself and its subdomains (what NO_PROXY=corp.example is for).
  const auto separator = [](unsigned char ch) { return ch == ',' || std::isspace(ch); };
  const bool plain = !host.empty() && host.front() != '.' && host != "*" &&
                     std::none_of(host.begin(), host.end(), separator);
  if (!plain) return;
  require(tlsprobe::proxy_bypassed(host, std::string(no_proxy) + "," + std::string(host)));
  const std::string sub = "www." + std::string(host);
  if (!tlsprobe::is_ip_literal(sub)) require(tlsprobe::proxy_bypassed(sub, host));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto first = input.find('\n');
  const std::string_view url = input.substr(0, first);
  const std::string_view tail = first == std::string_view::npos ? std::string_view{} : input.substr(first + 1);
  const auto second = tail.find('\n');
  const std::string_view host = tail.substr(0, second);
  const std::string_view no_proxy = second == std::string_view::npos ? std::string_view{} : tail.substr(second + 1);

  check_url(url);
  check_credentials(url);
  check_bypass(host, no_proxy);
  return 0;
}
