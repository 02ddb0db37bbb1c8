// IPv6 literal targets, "[::1]:port", against servers bound to ::1 only.
#include <doctest/doctest.h>

#include "integration/probe.hpp"
#include "support/net.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

TEST_CASE("an IPv6 literal target reaches a server bound to ::1") {
  if (!can_bind_ipv6_loopback()) {
    MESSAGE("skipped: this machine cannot bind [::1] (IPv6 disabled or no ::1 on lo)");
    return;
  }
  TempDir dir;
  auto tls12 = start_openssl_server(dir, {"-tls1_2"}, "::1");
  auto alert = start_scripted(dir, "alert40", {}, "::1");
  // Neither listens on 127.0.0.1: an answer proves the IPv6 address was used.
  CHECK(!port_accepts("127.0.0.1", tls12.port()));
  CHECK(!port_accepts("127.0.0.1", alert.port()));

  const auto accepted = probe("[::1]:" + std::to_string(tls12.port()), {tls1_1, tls1_2});
  INFO(tls12.log_text());
  check_row(accepted, "openssl", tls12.name(), "::1",
            {{tls1_1, alert_in(70, "protocol_version")}, {tls1_2, accepted_as(tls1_2)}});
  check_same_row(accepted, "openssl", "raw", {tls1_1, tls1_2});

  const auto refused = probe("[::1]:" + std::to_string(alert.port()), {tls1_2, tls1_3});
  INFO(alert.log_text());
  check_row(refused, "openssl", alert.name(), "::1",
            {{tls1_2, alert_in(40, "handshake_failure")}, {tls1_3, alert_in(40, "handshake_failure")}});
  check_same_row(refused, "openssl", "raw", {tls1_2, tls1_3});
}

}  // namespace
}  // namespace tlsprobe::test
