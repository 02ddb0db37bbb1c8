// gnutls-serv: a second, independent TLS implementation on the server side, so the expected
// cells are not just OpenSSL agreeing with itself. It refuses the "neighbour" version with
// handshake_failure (40), not protocol_version (70): it picks the version first and only
// then finds that no offered cipher suite fits it (its log says "No supported cipher suites
// have been found"). Real servers do this too; the cell keeps the exact alert.
#include <doctest/doctest.h>

#include "integration/probe.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

std::string target_of(const ServerProcess& s) { return "127.0.0.1:" + std::to_string(s.port()); }

const Expect refuses_version = alert_in(70, "protocol_version");
const Expect no_common_suite = alert_in(40, "handshake_failure");

// The raw SSL 3.0 hello gets protocol_version (70), unlike from OpenSSL servers (40): GnuTLS
// rejects legacy_version 0x0300 with GNUTLS_E_UNSUPPORTED_VERSION_PACKET ("A packet with
// illegal or unsupported version was received" in its log), which gnutls_error_to_alert maps
// to protocol_version, and it sends that alert in a 0x0303 record without OpenSSL's SSL 3.0
// substitution. Two stacks, two answers to the same refusal: the cell keeps the exact alert.
void check_raw_row(const Report& report, const ServerProcess& server) {
  check_same_row(report, "openssl", "raw", tls_versions());
  check_cell(report, "raw", server.name(), "127.0.0.1", ssl3_0, refuses_version);
  check_disagreements(report, {});
}

TEST_CASE("gnutls-serv with only TLS 1.2 enabled") {
  TempDir dir;
  auto server = start_gnutls_server(dir, "NORMAL:-VERS-ALL:+VERS-TLS1.2");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  // With TLS 1.3 disabled GnuTLS ignores supported_versions and goes by legacy_version
  // (0x0303, i.e. TLS 1.2), then finds only TLS 1.3 suites in the forced-1.3 hello.
  check_row(report, "openssl", server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, refuses_version},
             {tls1_1, refuses_version},
             {tls1_2, accepted_as(tls1_2)},
             {tls1_3, no_common_suite}});
  // The raw TLS 1.3 hello, like OpenSSL's, offers TLS 1.3 suites only: the same alert 40.
  check_raw_row(report, server);
}

TEST_CASE("gnutls-serv with only TLS 1.3 enabled") {
  TempDir dir;
  auto server = start_gnutls_server(dir, "NORMAL:-VERS-ALL:+VERS-TLS1.3");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  // GnuTLS lets a TLS 1.2 legacy_version through when its maximum is 1.3 (every 1.3 hello
  // carries 0x0303 there; lib/handshake.c _gnutls_negotiate_version), then finds no suite.
  check_row(report, "openssl", server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, refuses_version},
             {tls1_1, refuses_version},
             {tls1_2, no_common_suite},
             {tls1_3, accepted_as(tls1_3)}});
  // The raw TLS 1.2 hello offers no TLS 1.3 suite either: the same alert 40.
  check_raw_row(report, server);
}

}  // namespace
}  // namespace tlsprobe::test
