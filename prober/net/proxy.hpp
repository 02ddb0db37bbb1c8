#pragma once
// HTTP CONNECT proxies (RFC 9110 9.3.6): where they come from, when they are bypassed, and
// opening the tunnel before a backend speaks. Credentials live only in ProxyConfig and the
// Proxy-Authorization header; nothing that prints ever sees them.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/outcome.hpp"

namespace tlsprobe {

struct ProxyConfig {
  std::string host;
  std::uint16_t port = 8080;
  std::string user;
  std::string password;
  // "http://proxy.corp:3128": what outputs show; never the credentials.
  std::string display() const;
};

// "http://[user:pass@]host:port" (a missing scheme means http; port 8080 when absent, as
// curl assumes for a proxy). Percent-escapes in user and password are decoded. Throws
// UsageError; the message never repeats the credentials.
ProxyConfig parse_proxy_url(std::string_view url);

// NO_PROXY as curl reads it: comma-separated names, "*" for all, a leading "." or a plain
// name matching the name and its subdomains, IP literals compared exactly.
bool proxy_bypassed(std::string_view host, std::string_view no_proxy);

// Which proxy a run uses, decided once by the front end: the engine reads no environment,
// so `selftest` (always direct) and a service can say what they mean.
struct ProxySettings {
  std::optional<ProxyConfig> proxy;  // none: every target direct
  std::string no_proxy;              // NO_PROXY's syntax
};

// --proxy when given, else HTTPS_PROXY / https_proxy; NO_PROXY / no_proxy either way.
ProxySettings proxy_settings_from_environment(const std::optional<ProxyConfig>& flag);

// The proxy for one host: none when there is none or NO_PROXY exempts the host.
std::optional<ProxyConfig> proxy_for(std::string_view host, const ProxySettings& settings);

// The CONNECT request, byte for byte.
std::string connect_request(const ProxyConfig& proxy, std::string_view host, std::uint16_t port);

// A proxy's answer to CONNECT: nothing when it is 2xx (the tunnel is open), else the
// `unreachable` outcome of class proxy, carrying the status line.
std::optional<Outcome> judge_connect_reply(unsigned status, std::string_view status_line);

// Sends CONNECT on a socket already connected to the proxy and reads the answer's header
// (Boost.Beast's parser) within the deadline.
boost::asio::awaitable<std::optional<Outcome>> open_tunnel(boost::asio::ip::tcp::socket& socket,
                                                           const ProxyConfig& proxy, std::string host,
                                                           std::uint16_t port,
                                                           std::chrono::steady_clock::time_point deadline);

}  // namespace tlsprobe
