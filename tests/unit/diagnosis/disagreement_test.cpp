#include "diagnosis/disagreement.hpp"

#include <doctest/doctest.h>

using namespace tlsprobe;

namespace {

AttemptResult cell(const std::string& endpoint, const std::string& address, const std::string& backend, Version v,
                   Status s) {
  AttemptResult r;
  r.target.label = endpoint;
  r.target.host = endpoint;
  r.address = address;
  r.backend = backend;
  r.version = v;
  r.outcome.status = s;
  return r;
}

}  // namespace

TEST_CASE("disagreements: accepted by one stack, not by another") {
  Report rep;
  rep.results = {
      cell("a", "10.0.0.1", "openssl", Version::ssl3_0, Status::unsupported),
      cell("a", "10.0.0.1", "raw", Version::ssl3_0, Status::accepted),
      cell("a", "10.0.0.1", "openssl", Version::tls1_0, Status::rejected),
      cell("a", "10.0.0.1", "raw", Version::tls1_0, Status::accepted),
      cell("a", "10.0.0.1", "openssl", Version::tls1_2, Status::accepted),
      cell("a", "10.0.0.1", "raw", Version::tls1_2, Status::accepted),
      cell("a", "10.0.0.2", "openssl", Version::tls1_0, Status::rejected),
      cell("a", "10.0.0.2", "raw", Version::tls1_0, Status::rejected),
      // Unreachable hits every stack; a lone unreachable beside an accept is the path, not a stack.
      cell("b", "10.0.0.3", "openssl", Version::tls1_2, Status::unreachable),
      cell("b", "10.0.0.3", "raw", Version::tls1_2, Status::accepted),
  };
  const auto found = find_disagreements(rep);
  REQUIRE(found.size() == 2);
  CHECK(found[0].endpoint == "a");
  CHECK(found[0].address == "10.0.0.1");
  CHECK(found[0].version == Version::ssl3_0);
  CHECK(found[0].outcomes ==
        std::vector<std::pair<std::string, Status>>{{"openssl", Status::unsupported}, {"raw", Status::accepted}});
  CHECK(found[1].version == Version::tls1_0);
  CHECK(found[1].outcomes[0] == std::pair<std::string, Status>{"openssl", Status::rejected});
}

TEST_CASE("disagreements: a single backend never disagrees with itself") {
  Report rep;
  rep.results = {cell("a", "10.0.0.1", "openssl", Version::tls1_0, Status::accepted),
                 cell("a", "10.0.0.1", "openssl", Version::tls1_2, Status::rejected)};
  CHECK(find_disagreements(rep).empty());
}
