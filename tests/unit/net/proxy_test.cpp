#include "net/proxy.hpp"

#include <doctest/doctest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cstdlib>
#include <optional>
#include <string>

#include "core/errors.hpp"

using namespace tlsprobe;

TEST_CASE("proxy URLs: host, port, credentials, and what is shown") {
  const auto p = parse_proxy_url("http://backup%5Cadmin:p%40ss:word@proxy.corp.example:3128/");
  CHECK(p.host == "proxy.corp.example");
  CHECK(p.port == 3128);
  CHECK(p.user == "backup\\admin");
  CHECK(p.password == "p@ss:word");
  CHECK(p.display() == "http://proxy.corp.example:3128");

  CHECK(parse_proxy_url("proxy.corp.example").port == 8080);
  CHECK(parse_proxy_url("10.1.2.3").port == 8080);
  CHECK(parse_proxy_url("10.1.2.3:3128").port == 3128);
  CHECK(parse_proxy_url("http://[::1]:3128").host == "::1");
  CHECK(parse_proxy_url("http://[::1]:3128").display() == "http://[::1]:3128");
  CHECK(parse_proxy_url("HTTP://Proxy:80").host == "proxy");
}

TEST_CASE("proxy URLs: errors never repeat the credentials") {
  CHECK_THROWS_WITH_AS(parse_proxy_url("socks5://u:secret@proxy:1080"),
                       "proxy scheme 'socks5' is not supported: tlsprobe speaks HTTP CONNECT (write http://host:port)",
                       UsageError);
  try {
    parse_proxy_url("http://u:secret@bad host:3128");
    FAIL("accepted a bad host");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()).find("secret") == std::string::npos);
    CHECK(std::string(e.what()).find("bad proxy") == 0);
  }
  CHECK_THROWS_AS(parse_proxy_url("http://proxy:99999"), UsageError);
  CHECK_THROWS_AS(parse_proxy_url("http://proxy:3128/path"), UsageError);
}

TEST_CASE("NO_PROXY matching as curl does it") {
  CHECK(proxy_bypassed("vault.example.com", "*"));
  CHECK(proxy_bypassed("example.com", "example.com"));
  CHECK(proxy_bypassed("vault.example.com", "example.com"));
  CHECK(proxy_bypassed("vault.example.com", ".example.com"));
  CHECK(proxy_bypassed("Vault.Example.COM", "localhost, example.com"));
  CHECK_FALSE(proxy_bypassed("badexample.com", "example.com"));
  CHECK_FALSE(proxy_bypassed("example.org", "example.com,,"));
  CHECK(proxy_bypassed("127.0.0.1", "127.0.0.1"));
  CHECK_FALSE(proxy_bypassed("127.0.0.10", "0.0.10"));
  CHECK_FALSE(proxy_bypassed("host", ""));
}

TEST_CASE("the CONNECT request, byte for byte") {
  ProxyConfig p;
  p.host = "proxy";
  p.port = 3128;
  CHECK(connect_request(p, "login.microsoftonline.com", 443) ==
        "CONNECT login.microsoftonline.com:443 HTTP/1.1\r\nHost: login.microsoftonline.com:443\r\n"
        "User-Agent: tlsprobe/" TLSPROBE_VERSION "\r\n\r\n");
  p.user = "Aladdin";
  p.password = "open sesame";
  // RFC 7617 2: the example credentials and their encoding.
  CHECK(connect_request(p, "::1", 8443) ==
        "CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\nProxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n"
        "User-Agent: tlsprobe/" TLSPROBE_VERSION "\r\n\r\n");
}

TEST_CASE("proxy answers: 2xx opens the tunnel, anything else is class proxy with the status line") {
  CHECK_FALSE(judge_connect_reply(200, "HTTP/1.1 200 Connection established").has_value());
  const auto denied = judge_connect_reply(403, "HTTP/1.1 403 Access violation");
  REQUIRE(denied);
  CHECK(denied->status == Status::unreachable);
  CHECK(denied->error.cls == ErrorClass::proxy);
  CHECK(denied->error.phase == Phase::proxy);
  CHECK(denied->error.message == "proxy refused the tunnel: HTTP/1.1 403 Access violation");
  CHECK(judge_connect_reply(407, "HTTP/1.1 407 Proxy Authentication Required")->error.message ==
        "proxy authentication failed or required: HTTP/1.1 407 Proxy Authentication Required");
  CHECK(judge_connect_reply(502, "HTTP/1.1 502 Bad Gateway")->error.cls == ErrorClass::proxy);
}

TEST_CASE("HTTPS_PROXY and NO_PROXY from the environment") {
  ::setenv("HTTPS_PROXY", "http://u:p@envproxy:3128", 1);
  ::setenv("NO_PROXY", "internal.example", 1);
  const auto env = proxy_settings_from_environment(std::nullopt);
  const auto via_env = proxy_for("login.microsoftonline.com", env);
  REQUIRE(via_env);
  CHECK(via_env->host == "envproxy");
  CHECK(via_env->user == "u");
  CHECK_FALSE(proxy_for("vault.internal.example", env).has_value());
  ProxyConfig flag;
  flag.host = "flagproxy";
  const auto with_flag = proxy_settings_from_environment(flag);
  CHECK(proxy_for("login.microsoftonline.com", with_flag)->host == "flagproxy");
  CHECK_FALSE(proxy_for("vault.internal.example", with_flag).has_value());
  ::unsetenv("HTTPS_PROXY");
  ::unsetenv("NO_PROXY");
  CHECK_FALSE(proxy_for("login.microsoftonline.com", proxy_settings_from_environment(std::nullopt)).has_value());
  // Settings are read once: what the environment says later changes nothing.
  CHECK(proxy_for("login.microsoftonline.com", env)->host == "envproxy");
  CHECK_FALSE(proxy_for("login.microsoftonline.com", ProxySettings{}).has_value());
}

TEST_CASE("proxy URL errors never repeat what could be a password (found by fuzzing)") {
  try {
    parse_proxy_url("svc:S3cret@proxy.corp:3128://");
    FAIL("no error");
  } catch (const UsageError& e) {
    const std::string message = e.what();
    CHECK(message.find("3cret") == std::string::npos);
    CHECK(message.find("no valid scheme") != std::string::npos);
  }
  CHECK_THROWS_WITH_AS(parse_proxy_url("socks5://p:1080"), doctest::Contains("proxy scheme 'socks5'"), UsageError);
}

TEST_CASE("open_tunnel: a refusal with an empty reason phrase shows the status line as the proxy sent it") {
  // RFC 9112 §4: the reason phrase may be empty, "HTTP/1.1 799 " with nothing after the space;
  // shown with no trailing space and none of Beast's "<unknown-status>".
  // A peer in this process on 127.0.0.1 reads the CONNECT and answers that, then closes.
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  std::string request_seen;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto peer = co_await acceptor.async_accept(asio::use_awaitable);
        std::string buffer;
        co_await asio::async_read_until(peer, asio::dynamic_buffer(buffer), "\r\n\r\n", asio::use_awaitable);
        request_seen = buffer;
        co_await asio::async_write(peer, asio::buffer(std::string_view("HTTP/1.1 799 \r\n\r\n")), asio::use_awaitable);
      },
      asio::detached);
  std::optional<Outcome> outcome;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        asio::ip::tcp::socket socket(io);
        co_await socket.async_connect({asio::ip::make_address("127.0.0.1"), port}, asio::use_awaitable);
        ProxyConfig proxy;
        proxy.host = "127.0.0.1";
        proxy.port = port;
        outcome = co_await open_tunnel(socket, proxy, "vault.example", 443,
                                       std::chrono::steady_clock::now() + std::chrono::seconds(5));
      },
      asio::detached);
  io.run_for(std::chrono::seconds(10));
  CHECK(request_seen.find("CONNECT vault.example:443 HTTP/1.1\r\n") == 0);
  REQUIRE(outcome);
  CHECK(outcome->error.cls == ErrorClass::proxy);
  CHECK(outcome->error.message == "proxy could not open the tunnel: HTTP/1.1 799");
}
