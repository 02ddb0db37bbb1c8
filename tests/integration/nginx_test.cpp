// nginx with ssl_protocols pinned: the kind of front end Azure's endpoints are, configured
// the two ways that matter (modern only; legacy only).
#include <doctest/doctest.h>

#include "integration/probe.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

std::string target_of(const ServerProcess& s) { return "127.0.0.1:" + std::to_string(s.port()); }

TEST_CASE("nginx with ssl_protocols TLSv1.2 TLSv1.3 refuses TLS 1.0 and 1.1 with alert 70") {
  TempDir dir;
  auto server = start_nginx(dir, "TLSv1.2 TLSv1.3", "HIGH:!aNULL");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  const auto refuses = alert_in(70, "protocol_version");
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, refuses},
             {tls1_1, refuses},
             {tls1_2, accepted_as(tls1_2)},
             {tls1_3, accepted_as(tls1_3)}});
}

TEST_CASE("nginx with ssl_protocols TLSv1 TLSv1.1 answers a TLS 1.2 hello with TLS 1.1") {
  TempDir dir;
  // OpenSSL 3 allows TLS 1.0/1.1 only at security level 0.
  auto server = start_nginx(dir, "TLSv1 TLSv1.1", "DEFAULT:@SECLEVEL=0");
  const auto report = probe(target_of(server));
  INFO(server.log_text());
  check_row(report, server.name(), "127.0.0.1",
            {{ssl3_0, unsupported_ssl3()},
             {tls1_0, accepted_as(tls1_0)},
             {tls1_1, accepted_as(tls1_1)},
             {tls1_2, mismatch(tls1_1)},
             {tls1_3, alert_in(70, "protocol_version")}});
}

}  // namespace
}  // namespace tlsprobe::test
