#include "cli/resolve_option.hpp"

#include <doctest/doctest.h>

#include "core/errors.hpp"

using namespace tlsprobe;

TEST_CASE("--resolve entries as curl writes them") {
  const auto e = parse_resolve("Vault.Example:8443:10.0.0.1,[2001:db8::1],10.0.0.2");
  CHECK(e.host == "vault.example");
  CHECK(e.port == 8443);
  REQUIRE(e.addresses.size() == 3);
  CHECK(e.addresses[0].to_string() == "10.0.0.1");
  CHECK(e.addresses[1].to_string() == "2001:db8::1");
  CHECK(e.addresses[2].to_string() == "10.0.0.2");
}

TEST_CASE("--resolve: bad entries say what is wrong") {
  CHECK_THROWS_WITH_AS(parse_resolve("vault.example"),
                       "bad --resolve 'vault.example': missing ':' (write host:port:address[,address...])", UsageError);
  CHECK_THROWS_WITH_AS(parse_resolve("vault.example:443:nope"),
                       "bad --resolve 'vault.example:443:nope': 'nope' is not an IP address (write "
                       "host:port:address[,address...])",
                       UsageError);
  CHECK_THROWS_AS(parse_resolve("vault.example:0:10.0.0.1"), UsageError);
  CHECK_THROWS_AS(parse_resolve("10.0.0.1:443:10.0.0.2"), UsageError);
  CHECK_THROWS_AS(parse_resolve("vault.example:443:"), UsageError);
}
