// Behaviours no real server shows on demand, from tests/servers/scripted_server.py, seen by
// both backends. The scripts answer by the ClientHello's highest version only, never by its
// suites or extensions, so the raw backend's SSL 3.0 hello gets what every other hello gets
// (except from `ssl3`, which is there to accept it).
#include <doctest/doctest.h>

#include "integration/probe.hpp"
#include "support/certs.hpp"
#include "support/net.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

std::string target_of(const ServerProcess& s) { return "127.0.0.1:" + std::to_string(s.port()); }

// The same answer `e` to every TLS hello from both backends and to the raw SSL 3.0 hello;
// OpenSSL cannot send the latter.
void check_every_hello(const Report& report, const std::string& server, const Expect& e) {
  check_row(report, "openssl", server, "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()}, {tls1_0, e}, {tls1_1, e}, {tls1_2, e}, {tls1_3, e}});
  check_row(report, "raw", server, "127.0.0.1", {{ssl3_0, e}, {tls1_0, e}, {tls1_1, e}, {tls1_2, e}, {tls1_3, e}});
  check_same_row(report, "openssl", "raw", tls_versions());
  check_disagreements(report, {});
}

TEST_CASE("a reset after the ClientHello is class reset, ECONNRESET 104 / WSAECONNRESET 10054") {
  TempDir dir;
  auto server = start_scripted(dir, "reset");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_every_hello(report, server.name(), reset_in(Phase::hello));
}

TEST_CASE("a plaintext fatal alert 70 is class alert, protocol_version") {
  TempDir dir;
  auto server = start_scripted(dir, "alert70");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_every_hello(report, server.name(), alert_in(70, "protocol_version"));
}

TEST_CASE("a plaintext fatal alert 40 is class alert, handshake_failure") {
  TempDir dir;
  auto server = start_scripted(dir, "alert40");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_every_hello(report, server.name(), alert_in(40, "handshake_failure"));
}

TEST_CASE("a silent server costs one timeout for the whole row, not one per version") {
  TempDir dir;
  auto server = start_scripted(dir, "silent");
  auto options = quick_options();
  options.handshake_timeout = std::chrono::milliseconds(1000);
  const auto report = probe(target_of(server), every_version(), options);
  INFO(server.log_text());
  check_every_hello(report, server.name(), timeout_in(Phase::hello));
  // Nine attempts (two backends) one after another would take nine seconds.
  CHECK(report.duration >= std::chrono::milliseconds(950));
  CHECK(report.duration < std::chrono::milliseconds(2500));
  for (const auto& r : report.results) {
    INFO(r.backend << " " << token(r.version));
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
  // The raw backend can attempt SSL 3.0, so it connects, and is refused like the rest.
  check_every_hello(report, "closed port " + std::to_string(port), refused());
}

TEST_CASE("a TLS 1.0 ServerHello to any hello: accepted by raw for TLS 1.0 only, a disagreement") {
  TempDir dir;
  auto server = start_scripted(dir, "downgrade");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  // For the forced TLS 1.0 hello the ServerHello is the right answer; the script then
  // closes instead of sending a Certificate, so OpenSSL's cell ends as an EOF mid-handshake.
  check_row(report, "openssl", server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, closed_in(Phase::handshake)},
             {tls1_1, mismatch(tls1_0)},
             {tls1_2, mismatch(tls1_0)},
             {tls1_3, mismatch(tls1_0)}});
  // The raw backend decides on the ServerHello alone (DESIGN.md: acceptance, not a finished
  // handshake), so TLS 1.0 is accepted with the script's suite 0x002F. To the SSL 3.0 hello
  // a TLS 1.0 ServerHello is another version, like to the 1.1-1.3 hellos.
  check_row(report, "raw", server.name(), "127.0.0.1",
            {{ssl3_0, mismatch(tls1_0)},
             {tls1_0, accepted_as(tls1_0, "TLS_RSA_WITH_AES_128_CBC_SHA")},
             {tls1_1, mismatch(tls1_0)},
             {tls1_2, mismatch(tls1_0)},
             {tls1_3, mismatch(tls1_0)}});
  check_same_row(report, "openssl", "raw", {tls1_1, tls1_2, tls1_3});
  // Accepted by one stack, rejected by the other: exactly the cell the user must see.
  check_disagreements(report, {{target_of(server), "127.0.0.1", tls1_0,
                                {{"openssl", Status::rejected}, {"raw", Status::accepted}}}});
}

TEST_CASE("an SSL 3.0 responder: accepted by raw, unsupported by OpenSSL, and flagged") {
  TempDir dir;
  auto server = start_scripted(dir, "ssl3", {"--cert", test_cert().cert.string()});
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  const auto refuses = alert_in(70, "protocol_version");  // the script's answer to any TLS hello
  check_row(report, "openssl", server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()}, {tls1_0, refuses}, {tls1_1, refuses}, {tls1_2, refuses}, {tls1_3, refuses}});
  // 0x000A is the suite the script's SSL 3.0 ServerHello names (RFC 6101 A.6).
  check_row(report, "raw", server.name(), "127.0.0.1",
            {{ssl3_0, accepted_as(ssl3_0, "TLS_RSA_WITH_3DES_EDE_CBC_SHA")},
             {tls1_0, refuses},
             {tls1_1, refuses},
             {tls1_2, refuses},
             {tls1_3, refuses}});
  check_same_row(report, "openssl", "raw", tls_versions());
  // "The server accepts SSL 3.0, but this machine's OpenSSL cannot even try": the one cell.
  check_disagreements(report, {{target_of(server), "127.0.0.1", ssl3_0,
                                {{"openssl", Status::unsupported}, {"raw", Status::accepted}}}});
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
  const Row row{{tls1_0, e}, {tls1_2, e}, {tls1_3, e}};
  check_row(report, "openssl", server.name(), "127.0.0.1", row);
  check_row(report, "raw", server.name(), "127.0.0.1", row);
}

TEST_CASE("--retries does not repeat an alert: the server's answer is deterministic") {
  TempDir dir;
  auto server = start_scripted(dir, "alert70");
  auto options = quick_options();
  options.retries = 2;
  const auto report = probe(target_of(server), {tls1_2}, options);
  INFO(server.log_text());
  const Row row{{tls1_2, alert_in(70, "protocol_version")}};
  check_row(report, "openssl", server.name(), "127.0.0.1", row);
  check_row(report, "raw", server.name(), "127.0.0.1", row);
}

TEST_CASE("a middlebox that resets old hellos in front of a server that accepts everything") {
  // The Azure Backup field case: the server would accept TLS 1.0, the path resets it.
  TempDir dir;
  auto upstream = start_openssl_server(dir, {"-cipher", "DEFAULT:@SECLEVEL=0"});
  auto middlebox = start_scripted(dir, "reset_old", {"--upstream", std::to_string(upstream.port())});
  const auto report = probe(target_of(middlebox));
  INFO(middlebox.log_text());
  INFO(upstream.log_text());
  check_row(report, "openssl", middlebox.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, reset_in(Phase::hello)},
             {tls1_1, reset_in(Phase::hello)},
             {tls1_2, accepted_as(tls1_2)},
             {tls1_3, accepted_as(tls1_3)}});
  check_same_row(report, "openssl", "raw", tls_versions());
  // 0x0300 is below TLS 1.2 too: the SSL 3.0 hello never reaches the server behind.
  check_cell(report, "raw", middlebox.name(), "127.0.0.1", ssl3_0, reset_in(Phase::hello));
  check_disagreements(report, {});
}

}  // namespace
}  // namespace tlsprobe::test

namespace tlsprobe::test {

TEST_CASE("one connect decides an address: a refused connect answers the cells queued behind it") {
  const auto port = free_port();
  REQUIRE(!port_accepts("127.0.0.1", port));
  auto options = quick_options();
  options.per_host = 1;  // one connect at a time: the first refusal finds the rest still queued
  const auto report = probe("127.0.0.1:" + std::to_string(port), tls_versions(), options);
  REQUIRE(report.results.size() == 8);
  int shared = 0;
  for (const auto& r : report.results) {
    CAPTURE(r.backend);
    CAPTURE(token(r.version));
    CHECK(r.outcome.status == Status::unreachable);
    CHECK(r.outcome.error.cls == ErrorClass::refused);
    CHECK(r.outcome.error.phase == Phase::connect);
    CHECK(r.outcome.error.posix_errno == 111);
    shared += r.connect_shared ? 1 : 0;
  }
  CHECK(shared == 7);  // one connect of its own, seven that took its answer

  SUBCASE("with --retries every cell connects for itself") {
    options.retries = 1;
    const auto retried = probe("127.0.0.1:" + std::to_string(port), tls_versions(), options);
    REQUIRE(retried.results.size() == 8);
    for (const auto& r : retried.results) {
      CHECK_FALSE(r.connect_shared);
      CHECK(r.outcome.error.cls == ErrorClass::refused);
    }
  }
}

}  // namespace tlsprobe::test
