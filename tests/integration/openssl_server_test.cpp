// `openssl s_server` pinned to single versions and to a range. Expected cells follow RFC 8446
// 4.2.1 / RFC 5246 E.1 as OpenSSL implements them: a server that supports none of the
// offered versions answers alert 70 (protocol_version); a client hello whose highest version
// is above the server's maximum gets a ServerHello with the server's maximum, which a client
// forced to one version must refuse (version_mismatch).
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

TEST_CASE("s_server -tls1_2 accepts only TLS 1.2") {
  TempDir dir;
  auto server = start_openssl_server(dir, {"-tls1_2"});
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  // A TLS 1.3-only hello carries supported_versions {0x0304} alone: nothing in common.
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, refuses_version},
             {tls1_1, refuses_version},
             {tls1_2, accepted_as(tls1_2)},
             {tls1_3, refuses_version}});
}

TEST_CASE("s_server -tls1_3 accepts only TLS 1.3") {
  TempDir dir;
  auto server = start_openssl_server(dir, {"-tls1_3"});
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  // A TLS 1.2 hello has no supported_versions: a 1.3-only server has nothing to choose.
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, refuses_version},
             {tls1_1, refuses_version},
             {tls1_2, refuses_version},
             {tls1_3, accepted_as(tls1_3)}});
}

TEST_CASE("s_server -tls1_1 accepts only TLS 1.1 and offers it to a TLS 1.2 hello") {
  TempDir dir;
  auto server = start_openssl_server(dir, with_legacy({"-tls1_1"}));
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, refuses_version},
             {tls1_1, accepted_as(tls1_1)},
             {tls1_2, mismatch(tls1_1)},
             {tls1_3, refuses_version}});
}

TEST_CASE("s_server -tls1 accepts only TLS 1.0 and offers it to TLS 1.1 and 1.2 hellos") {
  TempDir dir;
  auto server = start_openssl_server(dir, with_legacy({"-tls1"}));
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, accepted_as(tls1_0)},
             {tls1_1, mismatch(tls1_0)},
             {tls1_2, mismatch(tls1_0)},
             {tls1_3, refuses_version}});
}

TEST_CASE("s_server with TLS 1.0 to 1.2 accepts each of them and refuses TLS 1.3") {
  TempDir dir;
  auto server = start_openssl_server(dir, with_legacy({"-no_tls1_3"}));
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, accepted_as(tls1_0)},
             {tls1_1, accepted_as(tls1_1)},
             {tls1_2, accepted_as(tls1_2)},
             {tls1_3, refuses_version}});
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
  check_row(report, server.name(), "127.0.0.1", {{tls1_2, e12}, {tls1_3, e13}});
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
  REQUIRE(report.results.size() == 1);
  const auto& r = report.results.front();
  INFO(r.outcome.error.message);
  CHECK(r.sni == "wrong.example");
  CHECK(to_string(r.outcome.status) == "accepted");
  CHECK(r.outcome.negotiated == tls1_2);
  REQUIRE(r.outcome.certificate.has_value());
  CHECK(!r.outcome.certificate->verified);
  CHECK(r.outcome.certificate->verify_error.find("hostname") != std::string::npos);
}

TEST_CASE("--retries never repeats an accepted attempt") {
  TempDir dir;
  auto server = start_openssl_server(dir, {"-tls1_2"});
  auto options = quick_options();
  options.retries = 2;
  const auto report = probe(target_of(server), {tls1_2, tls1_3}, options);
  INFO(server.log_text());
  check_row(report, server.name(), "127.0.0.1", {{tls1_2, accepted_as(tls1_2)}, {tls1_3, refuses_version}});
}

}  // namespace
}  // namespace tlsprobe::test
