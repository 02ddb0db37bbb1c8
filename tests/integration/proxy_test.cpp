// Every backend through a real HTTP CONNECT proxy (tinyproxy on 127.0.0.1): the rows match
// the direct rows except where a proxy legitimately changes them, and the proxy's own
// refusals are class `proxy`, never confused with the endpoint's behaviour.
#include <doctest/doctest.h>

#include <cstdlib>

#include "integration/probe.hpp"
#include "net/proxy.hpp"
#include "render/csv.hpp"
#include "render/json.hpp"
#include "render/table.hpp"
#include "support/net.hpp"
#include "support/proxy.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

EngineOptions through(const ServerProcess& proxy, const std::string& credentials = {}) {
  auto options = quick_options();
  options.proxy = parse_proxy_url("http://" + credentials + "127.0.0.1:" + std::to_string(proxy.port()));
  return options;
}

std::string target_of(const ServerProcess& s) { return "127.0.0.1:" + std::to_string(s.port()); }

const AttemptResult& find(const Report& report, const std::string& backend, Version v) {
  for (const auto& r : report.results)
    if (r.backend == backend && r.version == v) return r;
  FAIL("no " << backend << " " << token(v) << " cell");
  throw std::logic_error("unreachable");
}

// A proxied cell says the same as the direct one, but for the address (the proxy resolved
// the name) and a reset, which the proxy turns into a clean close of our side of the tunnel.
void check_like_direct(const Report& direct, const Report& proxied, const std::string& proxy_display) {
  REQUIRE(direct.results.size() == proxied.results.size());
  for (const auto& d : direct.results) {
    const auto& p = find(proxied, d.backend, d.version);
    INFO(d.backend << " " << token(d.version) << ": direct '" << d.outcome.error.message << "', proxied '"
                   << p.outcome.error.message << "'");
    CHECK(p.proxy == proxy_display);
    CHECK(p.address.empty());
    if (d.outcome.error.cls == ErrorClass::reset) {
      CHECK(p.outcome.status == Status::rejected);
      CHECK(p.outcome.error.cls == ErrorClass::closed);
      continue;
    }
    CHECK(p.outcome.status == d.outcome.status);
    CHECK(p.outcome.error.cls == d.outcome.error.cls);
    CHECK(p.outcome.error.alert == d.outcome.error.alert);
    CHECK(p.outcome.error.offered == d.outcome.error.offered);
    CHECK(p.outcome.negotiated == d.outcome.negotiated);
  }
}

}  // namespace

TEST_CASE("proxy: every backend's row through tinyproxy matches the direct row") {
  TempDir dir;
  auto tls12 = start_openssl_server(dir, {"-tls1_2"});
  auto legacy = start_openssl_server(dir, {"-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"});
  auto proxy = start_tinyproxy(dir, {{tls12.port(), legacy.port()}, "", ""});
  for (const auto* server : {&tls12, &legacy}) {
    const auto direct = probe(target_of(*server));
    const auto proxied = probe(target_of(*server), every_version(), through(proxy));
    INFO(server->name());
    check_like_direct(direct, proxied, "http://127.0.0.1:" + std::to_string(proxy.port()));
  }
}

TEST_CASE("proxy: a server reset arrives through the tunnel as a clean close") {
  TempDir dir;
  auto reset = start_scripted(dir, "reset");
  auto proxy = start_tinyproxy(dir, {{reset.port()}, "", ""});
  const auto direct = probe(target_of(reset), tls_versions());
  const auto proxied = probe(target_of(reset), tls_versions(), through(proxy));
  for (const auto& r : direct.results) CHECK(r.outcome.error.cls == ErrorClass::reset);
  check_like_direct(direct, proxied, "http://127.0.0.1:" + std::to_string(proxy.port()));
}

TEST_CASE("proxy: its own refusals are class proxy with the status line") {
  TempDir dir;
  auto server = start_openssl_server(dir, {"-tls1_2"});
  auto other = start_openssl_server(dir, {"-tls1_2"});
  auto open_proxy = start_tinyproxy(dir, {{server.port()}, "", ""});
  auto auth_proxy = start_tinyproxy(dir, {{server.port()}, "backup", "s3cret-Pa55"});

  SUBCASE("a port the proxy does not tunnel to: 403") {
    const auto report = probe(target_of(other), {tls1_2}, through(open_proxy));
    for (const auto& r : report.results) {
      CHECK(r.outcome.status == Status::unreachable);
      CHECK(r.outcome.error.cls == ErrorClass::proxy);
      CHECK(r.outcome.error.phase == Phase::proxy);
      CHECK(r.outcome.error.message.find(" 403 ") != std::string::npos);
    }
  }
  SUBCASE("wrong credentials; the right ones open the tunnel; no output shows the password") {
    const auto denied = probe(target_of(server), {tls1_2}, through(auth_proxy, "backup:wrong-Pa55@"));
    for (const auto& r : denied.results) {
      CHECK(r.outcome.error.cls == ErrorClass::proxy);
      // tinyproxy says 401 where RFC 9110 15.5.8 says 407; both mean the credentials.
      CHECK(r.outcome.error.message.find("proxy authentication failed or required: HTTP/1.") == 0);
    }
    const auto allowed = probe(target_of(server), {tls1_2}, through(auth_proxy, "backup:s3cret-Pa55@"));
    for (const auto& r : allowed.results) CHECK(r.outcome.status == Status::accepted);
    for (const auto* report : {&denied, &allowed}) {
      const auto text = render_json(*report) + render_csv(*report) + render_table(*report, TableStyle{});
      CHECK(text.find("Pa55") == std::string::npos);
      CHECK(text.find("backup:") == std::string::npos);
    }
  }
  SUBCASE("the proxy is down: class proxy, refused 111 / 10061") {
    ProxyConfig nowhere;
    nowhere.host = "127.0.0.1";
    nowhere.port = free_port("127.0.0.1");
    auto options = quick_options();
    options.proxy = nowhere;
    const auto report = probe(target_of(server), {tls1_2}, options);
    for (const auto& r : report.results) {
      CHECK(r.outcome.status == Status::unreachable);
      CHECK(r.outcome.error.cls == ErrorClass::proxy);
      CHECK(r.outcome.error.posix_errno == 111);
      CHECK(r.outcome.error.winsock == 10061);
    }
  }
}

TEST_CASE("proxy: NO_PROXY sends a host direct, HTTPS_PROXY is used without --proxy") {
  TempDir dir;
  auto server = start_openssl_server(dir, {"-tls1_2"});
  auto proxy = start_tinyproxy(dir, {{server.port()}, "", ""});
  const std::string url = "http://127.0.0.1:" + std::to_string(proxy.port());
  // The front end reads the environment once (the engine never does).
  const auto from_environment = [] {
    auto options = quick_options();
    const auto settings = proxy_settings_from_environment(std::nullopt);
    options.proxy = settings.proxy;
    options.no_proxy = settings.no_proxy;
    return options;
  };
  ::setenv("HTTPS_PROXY", url.c_str(), 1);
  const auto via_env = probe(target_of(server), {tls1_2}, from_environment());
  ::setenv("NO_PROXY", "localhost,127.0.0.1", 1);
  const auto bypassed = probe(target_of(server), {tls1_2}, from_environment());
  ::unsetenv("HTTPS_PROXY");
  ::unsetenv("NO_PROXY");
  for (const auto& r : via_env.results) {
    CHECK(r.proxy == url);
    CHECK(r.outcome.status == Status::accepted);
  }
  for (const auto& r : bypassed.results) {
    CHECK(r.proxy.empty());
    CHECK(r.address == "127.0.0.1");
    CHECK(r.outcome.status == Status::accepted);
  }
}

}  // namespace tlsprobe::test
