#include "backends/openssl/version_map.hpp"

#include <doctest/doctest.h>
#include <openssl/ssl.h>

using namespace tlsprobe;

TEST_CASE("openssl version constants, both ways") {
  const std::pair<Version, int> rows[] = {{Version::ssl3_0, SSL3_VERSION}, {Version::tls1_0, TLS1_VERSION},
                                          {Version::tls1_1, TLS1_1_VERSION}, {Version::tls1_2, TLS1_2_VERSION},
                                          {Version::tls1_3, TLS1_3_VERSION}};
  for (const auto& [v, native] : rows) {
    CAPTURE(token(v));
    CHECK(openssl::to_native(v) == native);
    CHECK(openssl::from_native(native) == v);
  }
  CHECK_FALSE(openssl::from_native(DTLS1_2_VERSION).has_value());
}
