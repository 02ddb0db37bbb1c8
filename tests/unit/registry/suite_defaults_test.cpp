#include "registry/suite_defaults.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

namespace tlsprobe::registry {
namespace {

bool lists(std::uint32_t build, std::string_view suite) {
  const auto d = suite_defaults(build);
  REQUIRE(d);
  return std::any_of(d->suites.begin(), d->suites.end(), [&](std::string_view s) { return iana_suite_name(s) == suite; });
}

constexpr std::string_view gcm256 = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";

TEST_CASE("the default list per build: the table each build family falls in") {
  struct Row {
    std::uint32_t build;
    std::uint32_t first_build;
    std::string_view first_suite;
  };
  for (const Row r : {Row{7601, 7600, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P256"},
                      Row{9200, 9200, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P256"},
                      Row{9600, 9600, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P256"},
                      Row{10240, 10240, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
                      Row{14393, 14393, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
                      Row{17763, 16299, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
                      Row{19045, 19045, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
                      Row{20348, 20348, "TLS_AES_256_GCM_SHA384"},
                      Row{22000, 20348, "TLS_AES_256_GCM_SHA384"},
                      Row{26100, 22621, "TLS_AES_256_GCM_SHA384"}}) {
    CAPTURE(r.build);
    const auto d = suite_defaults(r.build);
    REQUIRE(d);
    CHECK(d->first_build == r.first_build);
    CHECK(d->suites.front() == r.first_suite);
    CHECK(d->url.starts_with("https://learn.microsoft.com/windows/win32/secauthn/tls-cipher-suites-in-windows-"));
  }
  CHECK_FALSE(suite_defaults(6002));  // Vista / 2008: not modelled
}

TEST_CASE("Windows 7, 8 and 8.1 have no ECDHE_RSA with AES-GCM; Windows 10 and later do") {
  for (const std::uint32_t b : {7601u, 9200u, 9600u}) {
    CAPTURE(b);
    CHECK_FALSE(lists(b, gcm256));
    CHECK(lists(b, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"));
    CHECK(b < first_build_with_ecdhe_rsa_gcm);
  }
  for (const std::uint32_t b : {10240u, 10586u, 14393u, 15063u, 17763u, 19045u, 20348u, 22631u}) {
    CAPTURE(b);
    CHECK(lists(b, gcm256));
    CHECK(lists(b, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
  }
}

TEST_CASE("what the tables change between releases") {
  // Windows 8 lacks the DHE_RSA CBC suites that 7 and 8.1 have.
  CHECK(lists(7601, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"));
  CHECK_FALSE(lists(9200, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"));
  CHECK(lists(9600, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"));
  // RC4 is off by default from 1709, 3DES and DHE_RSA GCM from 10 22H2 and 11 22H2.
  CHECK(lists(15063, "TLS_RSA_WITH_RC4_128_SHA"));
  CHECK_FALSE(lists(16299, "TLS_RSA_WITH_RC4_128_SHA"));
  CHECK(lists(19044, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));
  CHECK_FALSE(lists(19045, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));
  CHECK(lists(20348, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"));
  CHECK_FALSE(lists(22621, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"));
  // NULL suites only when a program asks: never in a default list.
  for (const std::uint32_t b : {7601u, 14393u, 26100u}) CHECK_FALSE(lists(b, "TLS_RSA_WITH_NULL_SHA256"));
}

TEST_CASE("curves: NIST first on 1507 and 1511, curve25519 first from 1607") {
  CHECK(std::string(suite_defaults(10586)->curves.front()) == "NistP256");
  CHECK(std::string(suite_defaults(14393)->curves.front()) == "curve25519");
  CHECK(suite_defaults(14393)->curves.size() == 3);
}

TEST_CASE("suffixed names: the IANA name and the curve") {
  CHECK(iana_suite_name("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256_P256") == "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
  CHECK(iana_suite_name("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384_P521") == "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
  CHECK(iana_suite_name("TLS_RSA_WITH_AES_128_CBC_SHA") == "TLS_RSA_WITH_AES_128_CBC_SHA");
  CHECK(suffix_curve("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA_P384") == "NistP384");
  CHECK(suffix_curve("TLS_RSA_WITH_AES_128_CBC_SHA").empty());
  CHECK(is_tls1_3_suite("TLS_AES_128_GCM_SHA256"));
  CHECK(is_tls1_3_suite("TLS_CHACHA20_POLY1305_SHA256"));
  CHECK_FALSE(is_tls1_3_suite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
}

TEST_CASE("Azure Front Door TLSv1.2_2023: two suites, NIST curves in any spelling") {
  const auto s = front_door_tls1_2_2023_suites();
  REQUIRE(s.size() == 2);
  CHECK(s[0] == gcm256);
  CHECK(s[1] == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  for (const std::string_view c : {"NistP256", "nistP384", "secp521r1"}) CHECK(front_door_takes_curve(c));
  for (const std::string_view c : {"curve25519", "brainpoolP256r1", ""}) CHECK_FALSE(front_door_takes_curve(c));
}

}  // namespace
}  // namespace tlsprobe::registry
