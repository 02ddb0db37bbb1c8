// nginx with ssl_protocols pinned: the kind of front end Azure's endpoints are, configured
// the two ways that matter (modern only; legacy only). Both backends probe each one.
#include <doctest/doctest.h>

#include "integration/probe.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

std::string target_of(const ServerProcess& s) { return "127.0.0.1:" + std::to_string(s.port()); }

// nginx is libssl underneath, so the raw SSL 3.0 hello meets the same code as in
// openssl_server_test.cpp: "version too low", sent as alert 40 because SSL 3.0 has no
// protocol_version alert (RFC 6101 5.4.2; ssl3_send_alert in ssl/s3_msg.c swaps 70 for 40).
void check_raw_row(const Report& report, const ServerProcess& server) {
  check_same_row(report, "openssl", "raw", tls_versions());
  check_cell(report, "raw", server.name(), "127.0.0.1", ssl3_0, alert_in(40, "handshake_failure"));
  check_disagreements(report, {});
}

TEST_CASE("nginx with ssl_protocols TLSv1.2 TLSv1.3 refuses TLS 1.0 and 1.1 with alert 70") {
  TempDir dir;
  auto server = start_nginx(dir, "TLSv1.2 TLSv1.3", "HIGH:!aNULL");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  const auto refuses = alert_in(70, "protocol_version");
  check_row(report, "openssl", server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, refuses},
             {tls1_1, refuses},
             {tls1_2, accepted_as(tls1_2)},
             {tls1_3, accepted_as(tls1_3)}});
  check_raw_row(report, server);
}

TEST_CASE("nginx with ssl_protocols TLSv1 TLSv1.1 answers a TLS 1.2 hello with TLS 1.1") {
  TempDir dir;
  // OpenSSL 3 allows TLS 1.0/1.1 only at security level 0.
  auto server = start_nginx(dir, "TLSv1 TLSv1.1", "DEFAULT:@SECLEVEL=0");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_row(report, "openssl", server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, accepted_as(tls1_0)},
             {tls1_1, accepted_as(tls1_1)},
             {tls1_2, mismatch(tls1_1)},
             {tls1_3, alert_in(70, "protocol_version")}});
  check_raw_row(report, server);
}

}  // namespace
}  // namespace tlsprobe::test
