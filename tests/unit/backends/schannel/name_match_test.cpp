#include "backends/schannel/name_match.hpp"

#include <doctest/doctest.h>

using namespace tlsprobe;
using schannel::dns_name_matches;
using schannel::leaf_matches_name;

TEST_CASE("name match: exact DNS names, case and the root dot ignored") {
  CHECK(dns_name_matches("localhost", "localhost"));
  CHECK(dns_name_matches("Backup.WindowsAzure.com", "backup.windowsazure.COM"));
  CHECK(dns_name_matches("example.com.", "example.com"));
  CHECK(dns_name_matches("example.com", "example.com."));
  CHECK_FALSE(dns_name_matches("example.com", "www.example.com"));
  CHECK_FALSE(dns_name_matches("www.example.com", "example.com"));
  CHECK_FALSE(dns_name_matches("", "example.com"));
  CHECK_FALSE(dns_name_matches("example.com", ""));
}

TEST_CASE("name match: RFC 6125 single left-most wildcard") {
  CHECK(dns_name_matches("*.blob.core.windows.net", "abc.blob.core.windows.net"));
  CHECK(dns_name_matches("*.Example.com", "WWW.example.com"));
  // Exactly one label, never zero or two.
  CHECK_FALSE(dns_name_matches("*.example.com", "example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", "a.b.example.com"));
  CHECK_FALSE(dns_name_matches("*.example.com", ".example.com"));
  // Only as the whole left-most label.
  CHECK_FALSE(dns_name_matches("w*.example.com", "www.example.com"));
  CHECK_FALSE(dns_name_matches("*w.example.com", "www.example.com"));
  CHECK_FALSE(dns_name_matches("www.*.com", "www.example.com"));
  CHECK_FALSE(dns_name_matches("*.*.example.com", "a.b.example.com"));
  CHECK_FALSE(dns_name_matches("*", "localhost"));
  // Not over a whole top-level domain.
  CHECK_FALSE(dns_name_matches("*.com", "example.com"));
  CHECK_FALSE(dns_name_matches("*.", "com"));
  // A literal `*` in a host name is nothing special.
  CHECK_FALSE(dns_name_matches("*.example.com", "*.example.com"));
  CHECK_FALSE(dns_name_matches("a.example.com", "*.example.com"));
  // Never an address written as a name.
  CHECK_FALSE(dns_name_matches("*.0.0.1", "127.0.0.1"));
}

TEST_CASE("name match: the leaf against a host name") {
  const std::vector<std::string> dns{"localhost", "*.backup.windowsazure.com"};
  CHECK(leaf_matches_name(dns, {}, "", "localhost") == true);
  CHECK(leaf_matches_name(dns, {}, "", "pod01-rec2.backup.windowsazure.com") == true);
  CHECK(leaf_matches_name(dns, {}, "", "wrong.example") == false);
  // The common name counts only when there is no DNS alternative name.
  CHECK(leaf_matches_name(dns, {}, "wrong.example", "wrong.example") == false);
  CHECK(leaf_matches_name({}, {"127.0.0.1"}, "localhost", "localhost") == true);
  CHECK(leaf_matches_name({}, {}, "*.example.com", "www.example.com") == true);
  CHECK(leaf_matches_name({}, {}, "", "localhost") == false);
  // No name to check: unset, not false.
  CHECK_FALSE(leaf_matches_name(dns, {}, "localhost", "").has_value());
}

TEST_CASE("name match: the leaf against an IP address") {
  const std::vector<std::string> dns{"localhost", "127.0.0.1"};
  const std::vector<std::string> ips{"127.0.0.1", "::1"};
  CHECK(leaf_matches_name(dns, ips, "localhost", "127.0.0.1") == true);
  CHECK(leaf_matches_name(dns, ips, "localhost", "0:0::1") == true);
  CHECK(leaf_matches_name(dns, ips, "localhost", "10.0.0.1") == false);
  // An address is never matched against DNS names or the common name.
  CHECK(leaf_matches_name(dns, {}, "127.0.0.1", "127.0.0.1") == false);
}
