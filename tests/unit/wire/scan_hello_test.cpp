// The hellos of a --ciphers scan: exactly the suites asked for, under wolfSSL's 150, and never a
// length some middleboxes reset (between 256 and 511 bytes, or 10 or 14 modulo 256).
#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>

#include "wire/cipher_names.hpp"
#include "wire/client_hello.hpp"
#include "wire/client_hello_reader.hpp"

using namespace tlsprobe;
using namespace tlsprobe::wire;

namespace {

bool has(const std::vector<std::uint16_t>& v, std::uint16_t s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("scan suites: what each version defines, no signalling values, within wolfSSL's limit") {
  const auto tls13 = scan_suites(Version::tls1_3);
  CHECK(tls13 == std::vector<std::uint16_t>{0x1301, 0x1302, 0x1303, 0x1304, 0x1305});
  const auto tls12 = scan_suites(Version::tls1_2);
  CHECK(has(tls12, 0xC02F));  // ECDHE-RSA-AES128-GCM-SHA256
  CHECK(has(tls12, 0xC013));  // ECDHE-RSA-AES128-SHA
  CHECK_FALSE(has(tls12, 0x1301));
  CHECK_FALSE(has(tls12, 0x00FF));
  CHECK_FALSE(has(tls12, 0x5600));
  CHECK(tls12.size() <= max_offered_suites);
  const auto tls10 = scan_suites(Version::tls1_0);
  CHECK(has(tls10, 0xC013));
  CHECK_FALSE(has(tls10, 0xC02F));  // GCM came with TLS 1.2 (RFC 5288)
  CHECK_FALSE(has(tls10, 0x003C));  // so did the SHA-256 MACs (RFC 5246)
  CHECK(scan_suites(Version::ssl3_0) == tls10);
}

TEST_CASE("scan hellos: exactly the suites asked for; the length rules hold for every step of a scan") {
  for (const auto v : {Version::tls1_0, Version::tls1_2, Version::tls1_3}) {
    CAPTURE(token(v));
    auto offer = scan_suites(v);
    // Every length a scan goes through: one suite fewer at each step.
    while (!offer.empty()) {
      HelloOptions o;
      o.version = v;
      o.sni = "vault.example";
      o.suites = offer;
      randomize(o);
      const auto bytes = build_client_hello(o);
      const auto h = parse_client_hello(bytes);
      REQUIRE(h.hello);
      CHECK(h.hello->cipher_suites == offer);
      const std::size_t body = h.hello->size - 4;
      CAPTURE(body);
      CHECK_FALSE(length_quirk(body));
      CHECK((body < 256 || body >= 512));
      offer.pop_back();
    }
  }
  HelloOptions ssl3;
  ssl3.version = Version::ssl3_0;
  ssl3.suites = {0x000A};
  const auto h = parse_client_hello(build_client_hello(ssl3));
  REQUIRE(h.hello);
  CHECK(h.hello->cipher_suites == std::vector<std::uint16_t>{0x000A, 0x00FF});  // RFC 5746 §3.3's SCSV kept

  HelloOptions too_many;
  too_many.suites.assign(max_offered_suites + 1, 0xC02F);
  CHECK_THROWS_AS(build_client_hello(too_many), std::invalid_argument);
}

TEST_CASE("length quirk: 10 and 14 modulo 256") {
  CHECK(length_quirk(10));
  CHECK(length_quirk(270));
  CHECK(length_quirk(526));
  CHECK_FALSE(length_quirk(11));
  CHECK_FALSE(length_quirk(256));
}

TEST_CASE("scan hellos: chosen groups; no x25519 among them, no key share at all") {
  HelloOptions o;
  o.version = Version::tls1_3;
  o.groups = {0x0018, 0x0017};
  randomize(o);
  auto h = parse_client_hello(build_client_hello(o));
  REQUIRE(h.hello);
  CHECK(h.hello->supported_groups == std::vector<std::uint16_t>{0x0018, 0x0017});
  CHECK(h.hello->key_share_groups.empty());  // RFC 8446 §4.2.8: an empty list asks for a HelloRetryRequest
  o.groups = {0x0017, 0x001D};
  h = parse_client_hello(build_client_hello(o));
  REQUIRE(h.hello);
  CHECK(h.hello->key_share_groups == std::vector<std::uint16_t>{0x001D});
  // TLS 1.2: the ECDHE curves only, with ECDHE suites only; nothing below.
  CHECK(scan_groups(Version::tls1_2) == std::vector<std::uint16_t>{0x0017, 0x0018, 0x0019, 0x001D, 0x001E});
  CHECK(scan_groups(Version::tls1_1).empty());
  CHECK(scan_groups(Version::tls1_3).front() == 0x001D);
  const auto ecdhe = ecdhe_scan_suites(Version::tls1_2);
  CHECK(ecdhe.size() > 10);
  for (const auto s : ecdhe) CHECK(cipher_name(s).starts_with("TLS_ECDHE_"));
}
