// Properties of every hello the builder makes, read back with an independent ClientHello
// reader: lengths consistent, extension set per version, SNI rules, forced-version rules, size.
#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/version.hpp"
#include "hex.hpp"
#include "wire/client_hello.hpp"

using namespace tlsprobe;
using namespace tlsprobe::wire;
using test::Bytes;

namespace {

struct Parsed {
  std::uint16_t record_version = 0;
  std::uint16_t client_version = 0;
  std::size_t session_id_length = 0;
  std::vector<std::uint16_t> suites;
  bool has_extensions = false;
  std::vector<std::pair<std::uint16_t, Bytes>> extensions;

  const Bytes* extension(std::uint16_t type) const {
    for (const auto& [t, body] : extensions)
      if (t == type) return &body;
    return nullptr;
  }
  std::vector<std::uint16_t> extension_types() const {
    std::vector<std::uint16_t> out;
    for (const auto& e : extensions) out.push_back(e.first);
    return out;
  }
};

// Walks the hello with every length checked against what is really there (RFC 5246 §7.4.1.2).
Parsed parse(const Bytes& b) {
  std::size_t at = 0;
  const auto need = [&](std::size_t n) {
    if (b.size() - at < n) throw std::runtime_error("hello ends early at " + std::to_string(at));
  };
  const auto u8 = [&] { need(1); return b[at++]; };
  const auto u16 = [&] { need(2); at += 2; return static_cast<std::uint16_t>(b[at - 2] << 8 | b[at - 1]); };
  Parsed p;
  REQUIRE(u8() == 22);
  p.record_version = u16();
  REQUIRE(u16() == b.size() - 5);  // the record carries exactly the one message
  REQUIRE(u8() == 1);
  const std::size_t hs_high = u8();
  const std::size_t hs_length = hs_high << 16 | u16();
  REQUIRE(hs_length == b.size() - 9);
  p.client_version = u16();
  need(32);
  at += 32;
  p.session_id_length = u8();
  need(p.session_id_length);
  at += p.session_id_length;
  const std::size_t suites = u16();
  REQUIRE(suites % 2 == 0);
  need(suites);
  for (std::size_t i = 0; i < suites / 2; ++i) p.suites.push_back(u16());
  REQUIRE(u8() == 1);
  REQUIRE(u8() == 0);
  if (at == b.size()) return p;
  p.has_extensions = true;
  const std::size_t extensions_length = u16();
  REQUIRE(extensions_length == b.size() - at);
  while (at < b.size()) {
    const std::uint16_t type = u16();
    const std::size_t len = u16();
    need(len);
    p.extensions.emplace_back(type, Bytes(b.begin() + static_cast<std::ptrdiff_t>(at),
                                          b.begin() + static_cast<std::ptrdiff_t>(at + len)));
    at += len;
  }
  return p;
}

Bytes hello_for(Version v, std::string sni = "login.microsoftonline.com", bool large = false) {
  HelloOptions o;
  o.version = v;
  o.sni = std::move(sni);
  o.large = large;
  randomize(o);
  return build_client_hello(o);
}

std::string host_name(const Parsed& p) {
  const Bytes* body = p.extension(0);
  if (!body) return {};
  // ServerNameList length(2) | host_name(0) | HostName length(2) | name
  REQUIRE(body->size() >= 5);
  REQUIRE(((*body)[0] << 8 | (*body)[1]) == body->size() - 2);
  REQUIRE((*body)[2] == 0);
  REQUIRE(((*body)[3] << 8 | (*body)[4]) == body->size() - 5);
  return std::string(body->begin() + 5, body->end());
}

}  // namespace

TEST_CASE("wire: every hello holds together, with and without SNI, default and large") {
  for (const auto v : all_versions)
    for (const char* sni : {"", "a.example", "pod01-manag1.westeurope.backup.windowsazure.com"})
      for (const bool large : {false, true}) {
        CAPTURE(token(v));
        CAPTURE(sni);
        CAPTURE(large);
        const Bytes b = hello_for(v, sni, large);
        const Parsed p = parse(b);
        CHECK(p.record_version == (v == Version::ssl3_0 ? 0x0300 : 0x0301));
        CHECK(p.client_version == (v == Version::tls1_3 ? 0x0303 : wire_version(v)));
        if (large && v != Version::ssl3_0) {
          CHECK(b.size() == large_hello_bytes);
        } else {
          CHECK(b.size() < 512);
        }
      }
}

TEST_CASE("wire: extension list per version") {
  using V = std::vector<std::uint16_t>;
  CHECK_FALSE(parse(hello_for(Version::ssl3_0)).has_extensions);  // RFC 6101: none at all
  CHECK(parse(hello_for(Version::tls1_0)).extension_types() == V{0, 11, 10, 0xFF01});
  CHECK(parse(hello_for(Version::tls1_1)).extension_types() == V{0, 11, 10, 0xFF01});
  CHECK(parse(hello_for(Version::tls1_2)).extension_types() == V{0, 11, 10, 13, 0xFF01});
  CHECK(parse(hello_for(Version::tls1_3)).extension_types() == V{0, 10, 13, 43, 45, 51});
  CHECK(parse(hello_for(Version::tls1_3, "x", true)).extension_types() == V{0, 10, 13, 43, 45, 51, 21});
  CHECK(parse(hello_for(Version::tls1_0, "x", true)).extension_types() == V{0, 11, 10, 0xFF01, 21});
}

TEST_CASE("wire: SNI present for names, absent for IP literals, empty names and SSL 3.0") {
  CHECK(host_name(parse(hello_for(Version::tls1_2, "management.azure.com"))) == "management.azure.com");
  CHECK(host_name(parse(hello_for(Version::tls1_3, "management.azure.com."))) == "management.azure.com");
  CHECK(host_name(parse(hello_for(Version::tls1_0, "1host.example"))) == "1host.example");
  for (const char* none : {"", "127.0.0.1", "::1", "2001:db8::1", "[::1]", "."}) {
    CAPTURE(none);
    CHECK(parse(hello_for(Version::tls1_2, none)).extension(0) == nullptr);
    CHECK(parse(hello_for(Version::tls1_3, none)).extension(0) == nullptr);
  }
  CHECK_FALSE(parse(hello_for(Version::ssl3_0, "management.azure.com")).has_extensions);
}

TEST_CASE("wire: longest DNS name still gives a hello under 512 bytes; longer names throw") {
  const std::string longest = std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                              std::string(61, 'd');
  REQUIRE(longest.size() == 253);
  for (const auto v : all_versions) {
    CAPTURE(token(v));
    CHECK(hello_for(v, longest).size() < 512);
    if (v == Version::ssl3_0) {
      CHECK(hello_for(v, longest, true).size() == hello_for(v, longest).size());  // never padded
    } else {
      CHECK(hello_for(v, longest, true).size() >= 1024);
    }
  }
  CHECK(hello_for(Version::tls1_2, longest + ".").size() < 512);
  for (const auto v : all_versions) CHECK_THROWS_AS(hello_for(v, longest + "e"), std::invalid_argument);
}

TEST_CASE("wire: TLS 1.3 hello offers exactly 0x0304, an x25519 share and only 1.3 suites") {
  const Parsed p = parse(hello_for(Version::tls1_3));
  REQUIRE(p.extension(43));
  CHECK(*p.extension(43) == test::hex("02 0304"));
  REQUIRE(p.extension(51));
  const Bytes& share = *p.extension(51);
  REQUIRE(share.size() == 2 + 4 + 32);
  CHECK(Bytes(share.begin(), share.begin() + 6) == test::hex("0024 001d 0020"));
  CHECK(p.session_id_length == 32);  // RFC 8446 §D.4 compatibility mode
  CHECK(std::all_of(p.suites.begin(), p.suites.end(), [](std::uint16_t s) { return (s >> 8) == 0x13; }));
}

TEST_CASE("wire: hellos up to TLS 1.2 offer nothing above the forced version") {
  for (const auto v : {Version::ssl3_0, Version::tls1_0, Version::tls1_1, Version::tls1_2}) {
    CAPTURE(token(v));
    const Parsed p = parse(hello_for(v));
    CHECK(p.extension(43) == nullptr);  // no supported_versions: client_version is the maximum
    CHECK(p.session_id_length == 0);
    for (const auto s : p.suites) {
      CHECK((s >> 8) != 0x13);  // no TLS 1.3 suites
      CHECK(s != 0x5600);       // no TLS_FALLBACK_SCSV (RFC 7507)
      // GCM, CHACHA20 and SHA-256/384 MAC suites exist from TLS 1.2 on (RFC 5246, 5288, 5289, 7905).
      if (v != Version::tls1_2) {
        const bool tls12_only = (s >= 0x003B && s <= 0x006D) || (s >= 0x009C && s <= 0x00A7) ||
                                (s >= 0xC023 && s <= 0xC032) || (s >> 8) == 0xCC;
        CHECK_FALSE(tls12_only);
      }
    }
  }
  const Parsed ssl3 = parse(hello_for(Version::ssl3_0));
  CHECK(ssl3.suites.back() == 0x00FF);  // RFC 5746 §3.3: the only way to signal without extensions
}

TEST_CASE("wire: randomize fills the random inputs") {
  HelloOptions a, b;
  randomize(a);
  randomize(b);
  CHECK(a.random != b.random);
  CHECK(a.x25519_public != HelloOptions{}.x25519_public);
}
