// `openssl s_server` pinned to single versions and to a range. Expected cells follow RFC 8446
// 4.2.1 / RFC 5246 E.1 as OpenSSL implements them: a server that supports none of the
// offered versions answers alert 70 (protocol_version); a client hello whose highest version
// is above the server's maximum gets a ServerHello with the server's maximum, which a client
// forced to one version must refuse (version_mismatch).
//
// Each run has both backends. The raw backend's hand-built hellos must draw the same answer
// as OpenSSL's for TLS 1.0-1.3, and only the raw backend can send the SSL 3.0 hello.
#include <doctest/doctest.h>

#include "integration/probe.hpp"
#include "support/certs.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

// OpenSSL 3 allows TLS 1.0/1.1 (SHA-1 in the handshake) only at security level 0.
const std::vector<std::string> legacy_ciphers{"-cipher", "DEFAULT:@SECLEVEL=0"};

std::vector<std::string> with_legacy(std::vector<std::string> flags) {
  flags.insert(flags.end(), legacy_ciphers.begin(), legacy_ciphers.end());
  return flags;
}

std::string target_of(const ServerProcess& s) { return "127.0.0.1:" + std::to_string(s.port()); }

const Expect refuses_version = alert_in(70, "protocol_version");

// The raw SSL 3.0 hello (legacy_version 0x0300) to any OpenSSL 3 server, whatever its
// versions: Debian builds libssl without SSL 3.0, so tls_early_post_process_client_hello
// fails with "version too low" and, on a first handshake, adopts the client's 0x0300 as its
// own version to send the alert. ssl3_send_alert (ssl/s3_msg.c) then swaps protocol_version
// for handshake_failure, because SSL 3.0 has no protocol_version alert (RFC 6101 5.4.2; it
// came with TLS 1.0). On the wire: 15 03 00 00 02 02 28.
const Expect openssl_refuses_ssl3 = alert_in(40, "handshake_failure");

// The raw row equals the OpenSSL row where both can try, its SSL 3.0 cell is the one above,
// and with no cell accepted by only one of them there is nothing to flag.
void check_raw_row(const Report& report, const ServerProcess& server) {
  check_same_row(report, "openssl", "raw", tls_versions());
  check_cell(report, "raw", server.name(), "127.0.0.1", ssl3_0, openssl_refuses_ssl3);
  check_disagreements(report, {});
}

TEST_CASE("s_server -tls1_2 accepts only TLS 1.2") {
  TempDir dir;
  auto server = start_openssl_server(dir, {"-tls1_2"});
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  // A TLS 1.3-only hello carries supported_versions {0x0304} alone: nothing in common.
  check_row(report, "openssl", server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, refuses_version},
             {tls1_1, refuses_version},
             {tls1_2, accepted_as(tls1_2)},
             {tls1_3, refuses_version}});
  check_raw_row(report, server);
}

TEST_CASE("s_server -tls1_3 accepts only TLS 1.3") {
  TempDir dir;
  auto server = start_openssl_server(dir, {"-tls1_3"});
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  // A TLS 1.2 hello has no supported_versions: a 1.3-only server has nothing to choose.
  check_row(report, "openssl", server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, refuses_version},
             {tls1_1, refuses_version},
             {tls1_2, refuses_version},
             {tls1_3, accepted_as(tls1_3)}});
  check_raw_row(report, server);
}

TEST_CASE("s_server -tls1_1 accepts only TLS 1.1 and offers it to a TLS 1.2 hello") {
  TempDir dir;
  auto server = start_openssl_server(dir, with_legacy({"-tls1_1"}));
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_row(report, "openssl", server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, refuses_version},
             {tls1_1, accepted_as(tls1_1)},
             {tls1_2, mismatch(tls1_1)},
             {tls1_3, refuses_version}});
  check_raw_row(report, server);
}

TEST_CASE("s_server -tls1 accepts only TLS 1.0 and offers it to TLS 1.1 and 1.2 hellos") {
  TempDir dir;
  auto server = start_openssl_server(dir, with_legacy({"-tls1"}));
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_row(report, "openssl", server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, accepted_as(tls1_0)},
             {tls1_1, mismatch(tls1_0)},
             {tls1_2, mismatch(tls1_0)},
             {tls1_3, refuses_version}});
  // Its minimum is TLS 1.0, yet 0x0300 gets an alert, not a TLS 1.0 ServerHello: a server
  // answers with its own version only when the client's is higher (RFC 5246 E.1).
  check_raw_row(report, server);
}

TEST_CASE("s_server with TLS 1.0 to 1.2 accepts each of them and refuses TLS 1.3") {
  TempDir dir;
  auto server = start_openssl_server(dir, with_legacy({"-no_tls1_3"}));
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_row(report, "openssl", server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, accepted_as(tls1_0)},
             {tls1_1, accepted_as(tls1_1)},
             {tls1_2, accepted_as(tls1_2)},
             {tls1_3, refuses_version}});
  check_raw_row(report, server);
}

TEST_CASE("a certificate trusted through ca_file is verified; the protocol cells do not change") {
  TempDir dir;
  auto server = start_openssl_server(dir, {"-no_tls1_1", "-no_tls1"});
  BackendConfig config;
  config.ca_file = test_cert().cert.string();
  const auto report = probe(target_of(server), {tls1_2, tls1_3}, quick_options(), config);
  INFO(server.log_text());
  // The certificate names IP:127.0.0.1, the address the target was given as.
  auto e12 = accepted_as(tls1_2);
  auto e13 = accepted_as(tls1_3);
  e12.verified = e13.verified = true;
  check_row(report, "openssl", server.name(), "127.0.0.1", {{tls1_2, e12}, {tls1_3, e13}});
  // The raw backend ignores ca_file (it never sees a finished chain) and still agrees.
  check_same_row(report, "openssl", "raw", {tls1_2, tls1_3});
}

TEST_CASE("a trusted certificate for another name is not verified, and the version still counts") {
  TempDir dir;
  auto server = start_openssl_server(dir, {"-tls1_2"});
  BackendConfig config;
  config.ca_file = test_cert().cert.string();
  auto options = quick_options();
  options.sni = "wrong.example";  // sent in the hello only: nothing is resolved
  const auto report = probe(target_of(server), {tls1_2}, options, config);
  INFO(server.log_text());
  REQUIRE(report.results.size() == 2);
  const auto& r = report.results.front();  // results come in backend order: openssl first
  REQUIRE(r.backend == "openssl");
  INFO(r.outcome.error.message);
  CHECK(r.sni == "wrong.example");
  CHECK(to_string(r.outcome.status) == "accepted");
  CHECK(r.outcome.negotiated == tls1_2);
  REQUIRE(r.outcome.certificate.has_value());
  CHECK(!r.outcome.certificate->verified);
  CHECK(r.outcome.certificate->verify_error.find("hostname") != std::string::npos);
  // The raw hello carries the same server_name; s_server has one certificate for every name.
  check_same_row(report, "openssl", "raw", {tls1_2});
}

TEST_CASE("--retries never repeats an accepted attempt") {
  TempDir dir;
  auto server = start_openssl_server(dir, {"-tls1_2"});
  auto options = quick_options();
  options.retries = 2;
  const auto report = probe(target_of(server), {tls1_2, tls1_3}, options);
  INFO(server.log_text());
  const Row row{{tls1_2, accepted_as(tls1_2)}, {tls1_3, refuses_version}};
  check_row(report, "openssl", server.name(), "127.0.0.1", row);
  check_row(report, "raw", server.name(), "127.0.0.1", row);
}

}  // namespace
}  // namespace tlsprobe::test
