// The self-test against its own in-process servers on 127.0.0.1: real handshakes, no network.
#include "selftest/selftest.hpp"

#include <doctest/doctest.h>

#include "backends/openssl/openssl_backend.hpp"
#include "backends/raw/raw_backend.hpp"

using namespace tlsprobe;

namespace {

const selftest::Cell& cell(const selftest::Result& r, const std::string& backend, Version v) {
  for (const auto& c : r.cells)
    if (c.backend == backend && c.version == v) return c;
  FAIL("no cell for " << backend << " " << token(v));
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("selftest: each local stack speaks TLS 1.0 to 1.3 against a server pinned to it") {
  OpenSslBackend openssl;
  RawBackend raw;
  const auto result = selftest::run({&openssl, &raw});

  REQUIRE(result.servers.size() == 5);
  // Debian's OpenSSL has no SSL 3.0 on the server side either: no server, and the reason.
  CHECK_FALSE(result.servers[0].port.has_value());
  CHECK(result.servers[0].reason.find("cannot serve SSL 3.0") != std::string::npos);
  for (std::size_t i = 1; i < 5; ++i) CHECK(result.servers[i].port.has_value());

  for (const auto v : {Version::tls1_0, Version::tls1_1, Version::tls1_2, Version::tls1_3}) {
    CAPTURE(token(v));
    CHECK(cell(result, "openssl", v).capability == selftest::Capability::speaks);
    CHECK(cell(result, "raw", v).capability == selftest::Capability::speaks);
    CHECK(result.speaks("openssl", v));
  }
  CHECK(cell(result, "openssl", Version::ssl3_0).capability == selftest::Capability::unsupported);
  CHECK(cell(result, "raw", Version::ssl3_0).capability == selftest::Capability::untested);
  CHECK_FALSE(result.speaks("raw", Version::ssl3_0));

  // The matrix behind it: 4 servers x 2 backends x 5 versions, and off the diagonal every
  // pinned server refuses (alert 70) or answers with its own version (version_mismatch).
  CHECK(result.report.results.size() == 40);
  for (const auto& r : result.report.results) {
    CAPTURE(r.target.label);
    CAPTURE(token(r.version));
    CAPTURE(r.backend);
    const bool diagonal = r.target.label == "local " + std::string(display_name(r.version)) + " server";
    if (diagonal) {
      CHECK(r.outcome.status == Status::accepted);
    } else if (r.version != Version::ssl3_0 || r.backend == "raw") {
      CHECK(r.outcome.status == Status::rejected);
      CHECK((r.outcome.error.cls == ErrorClass::alert || r.outcome.error.cls == ErrorClass::version_mismatch));
    }
    CHECK_FALSE(r.outcome.certificate.has_value());
  }
}
