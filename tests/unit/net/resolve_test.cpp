#include "net/resolve.hpp"

#include <doctest/doctest.h>
#include <netdb.h>

using namespace tlsprobe;

TEST_CASE("resolve: only the families this machine has, unless every family is asked for") {
  // AI_ADDRCONFIG: an IPv4-only host gets no AAAA records to fail on with ENETUNREACH.
  CHECK(lookup_flags(Families::configured) == AI_ADDRCONFIG);
  CHECK(lookup_flags(Families::every) == 0);
}

TEST_CASE("resolve: an address literal and a name that cannot exist") {
  const auto literal = resolve_host("127.0.0.1", 443);
  REQUIRE_FALSE(literal.failure.has_value());
  REQUIRE(literal.addresses.size() == 1);
  CHECK(literal.addresses.front().address().to_string() == "127.0.0.1");
  CHECK(literal.addresses.front().port() == 443);
  // RFC 6761 6.4: .invalid never resolves, and a stub resolver answers it without asking.
  const auto missing = resolve_host("nothing.invalid", 443);
  REQUIRE(missing.failure.has_value());
  CHECK(missing.failure->error.cls == ErrorClass::dns);
}
