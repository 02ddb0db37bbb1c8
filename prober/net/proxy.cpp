#include "net/proxy.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include "core/errors.hpp"
#include "core/target.hpp"
#include "net/connect.hpp"
#include "net/http_head.hpp"
#include "net/watchdog.hpp"

namespace tlsprobe {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned value = 0;
    if (s[i] == '%' && i + 2 < s.size() &&
        std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16).ptr == s.data() + i + 3) {
      out += static_cast<char>(value);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string base64(std::string_view text) {
  std::string out(boost::beast::detail::base64::encoded_size(text.size()), '\0');
  out.resize(boost::beast::detail::base64::encode(out.data(), text.data(), text.size()));
  return out;
}

std::string authority(std::string_view host, std::uint16_t port) {
  return bracketed(host).append(1, ':').append(std::to_string(port));
}

const char* env(const char* upper, const char* lower_name) {
  const char* v = std::getenv(upper);
  if (v == nullptr || *v == '\0') v = std::getenv(lower_name);
  return (v == nullptr || *v == '\0') ? nullptr : v;
}

}  // namespace

std::string ProxyConfig::display() const { return "http://" + authority(host, port); }

ProxyConfig parse_proxy_url(std::string_view url) {
  std::string_view rest = url;
  if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) {
    const auto name = lower(rest.substr(0, scheme));
    if (name != "http") {
      // RFC 3986 3.1: a scheme is letters, digits, '+', '-', '.'. Anything else before "://"
      // is not one (it may even hold credentials, "user:pass@host:port://"), so it is not
      // repeated (found by fuzzing).
      const bool scheme_like = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '+' || c == '-' || c == '.';
      });
      throw UsageError(scheme_like ? "proxy scheme '" + name +
                                         "' is not supported: tlsprobe speaks HTTP CONNECT (write http://host:port)"
                                   : std::string("proxy URL has no valid scheme before '://' (write http://host:port)"));
    }
    rest = rest.substr(scheme + 3);
  }
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  ProxyConfig proxy;
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const auto credentials = rest.substr(0, at);
    const auto colon = credentials.find(':');
    proxy.user = percent_decode(credentials.substr(0, colon));
    if (colon != std::string_view::npos) proxy.password = percent_decode(credentials.substr(colon + 1));
    rest = rest.substr(at + 1);
  }
  if (rest.find('/') != std::string_view::npos)
    throw UsageError("bad proxy address '" + std::string(rest) + "': no path after host:port");
  try {
    const auto t = parse_target(rest);
    proxy.host = t.host;
    // parse_target defaults to 443; a proxy without a port means 8080.
    const bool port_given = rest.find("]:") != std::string_view::npos ||
                            (rest.find(':') != std::string_view::npos && rest.front() != '[' && !is_ip_literal(rest));
    proxy.port = port_given ? t.port : 8080;
  } catch (const UsageError& e) {
    throw UsageError(std::string("bad proxy: ") + e.what());
  }
  return proxy;
}

bool proxy_bypassed(std::string_view host, std::string_view no_proxy) {
  const auto name = lower(host);
  std::size_t start = 0;
  while (start <= no_proxy.size()) {
    auto end = no_proxy.find(',', start);
    if (end == std::string_view::npos) end = no_proxy.size();
    std::string entry = lower(no_proxy.substr(start, end - start));
    entry.erase(std::remove_if(entry.begin(), entry.end(), [](unsigned char c) { return std::isspace(c); }), entry.end());
    start = end + 1;
    if (entry.empty()) continue;
    if (entry == "*") return true;
    if (!entry.empty() && entry.front() == '.') entry.erase(0, 1);
    if (name == entry) return true;
    if (!is_ip_literal(name) && name.size() > entry.size() && name.ends_with("." + entry)) return true;
  }
  return false;
}

ProxySettings proxy_settings_from_environment(const std::optional<ProxyConfig>& flag) {
  ProxySettings settings;
  if (flag)
    settings.proxy = flag;
  else if (const char* url = env("HTTPS_PROXY", "https_proxy"))
    settings.proxy = parse_proxy_url(url);
  if (const char* no_proxy = env("NO_PROXY", "no_proxy")) settings.no_proxy = no_proxy;
  return settings;
}

std::optional<ProxyConfig> proxy_for(std::string_view host, const ProxySettings& settings) {
  if (!settings.proxy || proxy_bypassed(host, settings.no_proxy)) return std::nullopt;
  return settings.proxy;
}

std::string connect_request(const ProxyConfig& proxy, std::string_view host, std::uint16_t port) {
  const auto target = authority(host, port);
  std::string request = "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n";
  if (!proxy.user.empty()) request += "Proxy-Authorization: Basic " + base64(proxy.user + ":" + proxy.password) + "\r\n";
  request += "User-Agent: tlsprobe/" TLSPROBE_VERSION "\r\n\r\n";
  return request;
}

std::optional<Outcome> judge_connect_reply(unsigned status, std::string_view status_line) {
  if (status >= 200 && status < 300) return std::nullopt;
  // tinyproxy answers a bad password with 401 where RFC 9110 15.5.8 says 407.
  std::string why = status == 407 || status == 401 ? "proxy authentication failed or required"
                    : status == 403 ? "proxy refused the tunnel"
                                    : "proxy could not open the tunnel";
  return failure(Status::unreachable, ErrorClass::proxy, Phase::proxy, why + ": " + std::string(status_line));
}

asio::awaitable<std::optional<Outcome>> open_tunnel(asio::ip::tcp::socket& socket, const ProxyConfig& proxy,
                                                    std::string host, std::uint16_t port,
                                                    std::chrono::steady_clock::time_point deadline) {
  Watchdog watchdog(socket, deadline);
  const auto request = connect_request(proxy, host, port);
  boost::system::error_code ec;
  co_await asio::async_write(socket, asio::buffer(request), asio::redirect_error(asio::use_awaitable, ec));
  // The answer to CONNECT has no body we want (RFC 9110 9.3.6); reading the header only
  // leaves the tunnel's first bytes, if any, in `buffer` (none arrive before our hello).
  boost::beast::flat_buffer buffer;
  http::response_parser<http::empty_body> parser;
  parser.skip(true);
  parser.header_limit(16 * 1024);
  if (!ec) co_await http::async_read_header(socket, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (watchdog.expired()) {
    auto out = timeout_failure(Status::unreachable, Phase::proxy);
    out.error.cls = ErrorClass::proxy;
    out.error.message = "proxy did not answer CONNECT before the deadline";
    co_return out;
  }
  if (ec) {
    auto out = socket_failure(Status::unreachable, Phase::proxy, ec);
    out.error.cls = ErrorClass::proxy;
    out.error.message = "proxy answer unreadable: " + ec.message();
    co_return out;
  }
  const auto& head = parser.get();
  co_return judge_connect_reply(head.result_int(), status_line(head.base()));
}

}  // namespace tlsprobe
