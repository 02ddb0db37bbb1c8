// Behaviours no real server shows on demand, from tests/servers/scripted_server.py.
#include <doctest/doctest.h>

#include "integration/probe.hpp"
#include "support/net.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

std::string target_of(const ServerProcess& s) { return "127.0.0.1:" + std::to_string(s.port()); }

TEST_CASE("a reset after the ClientHello is class reset, ECONNRESET 104 / WSAECONNRESET 10054") {
  TempDir dir;
  auto server = start_scripted(dir, "reset");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, reset_in(Phase::hello)},
             {tls1_1, reset_in(Phase::hello)},
             {tls1_2, reset_in(Phase::hello)},
             {tls1_3, reset_in(Phase::hello)}});
}

TEST_CASE("a plaintext fatal alert 70 is class alert, protocol_version") {
  TempDir dir;
  auto server = start_scripted(dir, "alert70");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  const auto e = alert_in(70, "protocol_version");
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()}, {tls1_0, e}, {tls1_1, e}, {tls1_2, e}, {tls1_3, e}});
}

TEST_CASE("a plaintext fatal alert 40 is class alert, handshake_failure") {
  TempDir dir;
  auto server = start_scripted(dir, "alert40");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  const auto e = alert_in(40, "handshake_failure");
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()}, {tls1_0, e}, {tls1_1, e}, {tls1_2, e}, {tls1_3, e}});
}

TEST_CASE("a silent server costs one timeout for the whole row, not one per version") {
  TempDir dir;
  auto server = start_scripted(dir, "silent");
  auto options = quick_options();
  options.handshake_timeout = std::chrono::milliseconds(1000);
  const auto report = probe(target_of(server), every_version(), options);
  INFO(server.log_text());
  const auto e = timeout_in(Phase::hello);
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()}, {tls1_0, e}, {tls1_1, e}, {tls1_2, e}, {tls1_3, e}});
  // Four attempts one after another would take four seconds.
  CHECK(report.duration >= std::chrono::milliseconds(950));
  CHECK(report.duration < std::chrono::milliseconds(2500));
  for (const auto& r : report.results) {
    INFO(token(r.version));
    if (r.outcome.status == Status::rejected) {
      CHECK(r.elapsed >= std::chrono::milliseconds(950));
      CHECK(r.elapsed < std::chrono::milliseconds(2000));
    }
  }
}

TEST_CASE("a closed port is unreachable, class refused, ECONNREFUSED 111 / WSAECONNREFUSED 10061") {
  const auto port = free_port();
  REQUIRE(!port_accepts("127.0.0.1", port));
  const auto report = probe("127.0.0.1:" + std::to_string(port));
  check_row(report, "closed port " + std::to_string(port), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, refused()},
             {tls1_1, refused()},
             {tls1_2, refused()},
             {tls1_3, refused()}});
}

TEST_CASE("a TLS 1.0 ServerHello to any hello is a version mismatch offering tls1.0") {
  TempDir dir;
  auto server = start_scripted(dir, "downgrade");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  // For the forced TLS 1.0 hello the ServerHello is the right answer; the script then
  // closes instead of sending a Certificate, so that cell ends as an EOF mid-handshake.
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, closed_in(Phase::handshake)},
             {tls1_1, mismatch(tls1_0)},
             {tls1_2, mismatch(tls1_0)},
             {tls1_3, mismatch(tls1_0)}});
}

TEST_CASE("--retries re-runs resets and records every failed try") {
  TempDir dir;
  auto server = start_scripted(dir, "reset");
  auto options = quick_options();
  options.retries = 2;
  const auto report = probe(target_of(server), {tls1_0, tls1_2, tls1_3}, options);
  INFO(server.log_text());
  auto e = reset_in(Phase::hello);
  e.attempts = 3;
  e.failed_attempts = 3;
  check_row(report, server.name(), "127.0.0.1", {{tls1_0, e}, {tls1_2, e}, {tls1_3, e}});
}

TEST_CASE("--retries does not repeat an alert: the server's answer is deterministic") {
  TempDir dir;
  auto server = start_scripted(dir, "alert70");
  auto options = quick_options();
  options.retries = 2;
  const auto report = probe(target_of(server), {tls1_2}, options);
  INFO(server.log_text());
  check_row(report, server.name(), "127.0.0.1", {{tls1_2, alert_in(70, "protocol_version")}});
}

TEST_CASE("a middlebox that resets old hellos in front of a server that accepts everything") {
  // The Azure Backup field case: the server would accept TLS 1.0, the path resets it.
  TempDir dir;
  auto upstream = start_openssl_server(dir, {"-cipher", "DEFAULT:@SECLEVEL=0"});
  auto middlebox = start_scripted(dir, "reset_old", {"--upstream", std::to_string(upstream.port())});
  const auto report = probe(target_of(middlebox));
  INFO(middlebox.log_text());
  INFO(upstream.log_text());
  check_row(report, middlebox.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, reset_in(Phase::hello)},
             {tls1_1, reset_in(Phase::hello)},
             {tls1_2, accepted_as(tls1_2)},
             {tls1_3, accepted_as(tls1_3)}});
}

}  // namespace
}  // namespace tlsprobe::test
