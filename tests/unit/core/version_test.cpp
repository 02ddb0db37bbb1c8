#include "core/version.hpp"

#include <doctest/doctest.h>

#include "core/errors.hpp"

using namespace tlsprobe;

TEST_CASE("version table: tokens, labels and wire numbers") {
  struct Row {
    Version v;
    const char* token;
    const char* label;
    std::uint16_t wire;
  };
  const Row rows[] = {
      {Version::ssl3_0, "ssl3.0", "SSL3", 0x0300}, {Version::tls1_0, "tls1.0", "1.0", 0x0301},
      {Version::tls1_1, "tls1.1", "1.1", 0x0302},  {Version::tls1_2, "tls1.2", "1.2", 0x0303},
      {Version::tls1_3, "tls1.3", "1.3", 0x0304},
  };
  for (const auto& r : rows) {
    CAPTURE(r.token);
    CHECK(token(r.v) == r.token);
    CHECK(short_label(r.v) == r.label);
    CHECK(wire_version(r.v) == r.wire);
    CHECK(from_wire(r.wire) == r.v);
    CHECK(parse_version(r.token) == r.v);
  }
  CHECK_FALSE(from_wire(0x0200).has_value());
  CHECK_FALSE(from_wire(0x0305).has_value());
}

TEST_CASE("version parsing accepts what people type") {
  CHECK(parse_version("TLSv1.2") == Version::tls1_2);
  CHECK(parse_version("tls12") == Version::tls1_2);
  CHECK(parse_version("1.3") == Version::tls1_3);
  CHECK(parse_version("SSLv3") == Version::ssl3_0);
  CHECK(parse_version("tls1") == Version::tls1_0);
  CHECK_FALSE(parse_version("tls1.4").has_value());
  CHECK_FALSE(parse_version("").has_value());
  CHECK_FALSE(parse_version("ssl2").has_value());
}

TEST_CASE("version lists keep order, drop duplicates, reject unknown tokens") {
  CHECK(parse_version_list("tls1.2,ssl3.0,tls1.2") == std::vector<Version>{Version::tls1_2, Version::ssl3_0});
  CHECK(parse_version_list("tls1.0, tls1.1").size() == 2);
  CHECK_THROWS_WITH_AS(parse_version_list("tls1.2,tls9"),
                       "unknown protocol version 'tls9' (expected one of ssl3.0, tls1.0, tls1.1, tls1.2, tls1.3)",
                       UsageError);
  CHECK_THROWS_WITH_AS(parse_version_list(","), "empty protocol version list", UsageError);
}
