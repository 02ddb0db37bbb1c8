// --ciphers against real servers restricted to a few suites: the scan finds exactly those, in
// the server's order (-serverpref), and the join names a client that offers none of them.
#include <doctest/doctest.h>

#include "diagnosis/verdict.hpp"
#include "integration/probe.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

std::string target_of(const ServerProcess& s) { return "127.0.0.1:" + std::to_string(s.port()); }

EngineOptions scanning() {
  auto options = quick_options();
  options.cipher_scan = true;
  return options;
}

CipherScan only_scan(const Report& report) {
  REQUIRE(report.cipher_scans.size() == 1);
  return report.cipher_scans.front();
}

}  // namespace

TEST_CASE("cipher scan: exactly the suites a server allows, in its order") {
  TempDir dir;
  struct Case {
    const char* what;
    std::vector<std::string> flags;
    Version version;
    std::vector<std::uint16_t> expected;
  };
  const std::vector<Case> cases{
      {"ECDHE-RSA GCM only (Azure Front Door's TLSv1.2_2023 for RSA)",
       {"-tls1_2", "-serverpref", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256"},
       tls1_2,
       {0xC030, 0xC02F}},
      {"CBC only", {"-tls1_2", "-serverpref", "-cipher", "ECDHE-RSA-AES128-SHA:AES256-SHA"}, tls1_2, {0xC013, 0x0035}},
      {"CHACHA20 only", {"-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305"}, tls1_2, {0xCCA8}},
      {"TLS 1.3 with two suites",
       {"-tls1_3", "-serverpref", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384"},
       tls1_3,
       {0x1303, 0x1302}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    auto server = start_openssl_server(dir, c.flags);
    const auto report = probe(target_of(server), {c.version}, scanning(), {}, {"raw"});
    const auto scan = only_scan(report);
    CHECK(scan.version == c.version);
    CHECK(scan.address == "127.0.0.1");
    CHECK(scan.accepted == c.expected);
    CHECK(scan.complete);
    CHECK(scan.stopped.empty());
  }
}

TEST_CASE("cipher scan: a CBC-only client against a GCM-only server is told there is no common suite") {
  TempDir dir;
  auto server = start_openssl_server(
      dir, {"-tls1_2", "-serverpref", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256"});
  BackendConfig cbc_only;
  cbc_only.openssl_ciphers = "ECDHE-RSA-AES128-SHA:AES256-SHA";
  const auto report = probe(target_of(server), {tls1_2}, scanning(), cbc_only);
  const auto verdicts = diagnose(report, std::nullopt);
  REQUIRE(verdicts.size() == 1);
  const auto& v = verdicts[0];
  CHECK(v.cause == Cause::local);
  CHECK(v.reason == Reason::no_common_cipher);
  REQUIRE(v.cipher_gaps.size() == 1);
  CHECK(v.cipher_gaps[0].backend == "openssl");
  CHECK(v.cipher_gaps[0].offered == std::vector<std::uint16_t>{0xC013, 0x0035});  // read off OpenSSL's own hello
  CHECK(v.cipher_gaps[0].server == std::vector<std::uint16_t>{0xC030, 0xC02F});

  SUBCASE("with one suite in common the client connects, and nothing is blamed on suites") {
    BackendConfig overlap;
    overlap.openssl_ciphers = "ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256";
    const auto fine = diagnose(probe(target_of(server), {tls1_2}, scanning(), overlap), std::nullopt);
    REQUIRE(fine.size() == 1);
    CHECK(fine[0].reason == Reason::works);
    CHECK(fine[0].cipher_gaps.empty());
  }
}

}  // namespace tlsprobe::test

namespace tlsprobe::test {

TEST_CASE("group scan: the TLS 1.3 groups a server allows, learnt from its key_share or HelloRetryRequest") {
  TempDir dir;
  struct Case {
    const char* groups;
    std::vector<std::uint16_t> expected;
  };
  // secp384r1 alone: every hello gets a HelloRetryRequest naming it, since our only share is x25519.
  for (const auto& c : {Case{"secp384r1", {0x0018}}, Case{"X25519:P-256", {0x001D, 0x0017}}}) {
    CAPTURE(c.groups);
    auto server = start_openssl_server(dir, {"-tls1_3", "-groups", c.groups});
    const auto report = probe("127.0.0.1:" + std::to_string(server.port()), {Version::tls1_3}, scanning(), {}, {"raw"});
    REQUIRE(report.group_scans.size() == 1);
    CHECK(report.group_scans[0].accepted == c.expected);
    CHECK(report.group_scans[0].complete);
    CHECK(report.group_scans[0].offered == 10);
  }
}

}  // namespace tlsprobe::test

namespace tlsprobe::test {

TEST_CASE("group join: a TLS 1.3 server with FFDHE only, and a stack that offers no FFDHE group") {
  TempDir dir;
  // The raw backend's hello offers x25519, secp256r1 and secp384r1; OpenSSL 3 also offers the
  // RFC 7919 groups and gets a HelloRetryRequest for ffdhe2048.
  auto server = start_openssl_server(dir, {"-tls1_3", "-groups", "ffdhe2048"});
  const auto report = probe("127.0.0.1:" + std::to_string(server.port()), {Version::tls1_3}, scanning(), {},
                            {"openssl", "raw"});
  REQUIRE(report.results.size() == 2);
  CHECK(report.results[0].outcome.status == Status::accepted);
  CHECK(report.results[1].outcome.status == Status::rejected);
  REQUIRE(report.group_scans.size() == 1);
  CHECK(report.group_scans[0].accepted == std::vector<std::uint16_t>{0x0100});
  CHECK(report.group_scans[0].complete);
  CAPTURE(report.group_scans[0].stopped);
  REQUIRE(report.cipher_scans.size() == 1);
  CHECK(report.cipher_scans[0].complete);
  CAPTURE(report.cipher_scans[0].stopped);
  const auto verdicts = diagnose(report, std::nullopt);
  REQUIRE(verdicts.size() == 1);
  const auto& v = verdicts[0];
  CHECK(v.cause == Cause::local);
  CHECK(v.reason == Reason::no_common_group);
  CHECK(v.cipher_gaps.empty());  // the suites were in common
  REQUIRE(v.group_gaps.size() == 1);
  CHECK(v.group_gaps[0].backend == "raw");
  CHECK(v.group_gaps[0].offered == std::vector<std::uint16_t>{0x001D, 0x0017, 0x0018});
  CHECK(v.group_gaps[0].server == std::vector<std::uint16_t>{0x0100});
}

}  // namespace tlsprobe::test

namespace tlsprobe::test {

TEST_CASE("curve scan: the TLS 1.2 ECDHE curves a server allows, read from its ServerKeyExchange") {
  TempDir dir;
  struct Case {
    const char* groups;
    std::vector<std::uint16_t> expected;
  };
  for (const auto& c : {Case{"secp384r1", {0x0018}}, Case{"P-521:X25519", {0x0019, 0x001D}}}) {
    CAPTURE(c.groups);
    auto server = start_openssl_server(dir, {"-tls1_2", "-groups", c.groups});
    const auto report = probe("127.0.0.1:" + std::to_string(server.port()), {Version::tls1_2}, scanning(), {}, {"raw"});
    REQUIRE(report.group_scans.size() == 1);
    CAPTURE(report.group_scans[0].stopped);
    CHECK(report.group_scans[0].accepted == c.expected);
    CHECK(report.group_scans[0].complete);
    CHECK(report.group_scans[0].offered == 5);
  }
}

}  // namespace tlsprobe::test
