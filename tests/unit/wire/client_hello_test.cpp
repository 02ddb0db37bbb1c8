// Golden ClientHellos: every byte below is written from the RFC structures (RFC 5246 §7.4.1.2,
// RFC 6101 §5.6.1.2, RFC 8446 §4.1.2) with the lengths counted by hand, not copied from the
// builder. The same hellos got ServerHellos from openssl s_server and gnutls-serv on loopback
// (see record_replies.py and recorded_replies.hpp).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "hex.hpp"
#include "wire/client_hello.hpp"

using namespace tlsprobe;
using namespace tlsprobe::wire;
using test::Bytes;
using test::cat;
using test::hex;

namespace {

HelloOptions golden_options(Version v, std::string sni = "localhost") {
  HelloOptions o;
  o.version = v;
  o.sni = std::move(sni);
  for (std::uint8_t i = 0; i < 32; ++i) {
    o.random[i] = i;                                         // 00 01 .. 1f
    o.session_id[i] = static_cast<std::uint8_t>(0x20 + i);   // 20 21 .. 3f
    o.x25519_public[i] = static_cast<std::uint8_t>(0x40 + i);  // 40 41 .. 5f
  }
  return o;
}

const Bytes random_bytes = hex("000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f");
const Bytes session_bytes = hex("202122232425262728292a2b2c2d2e2f 303132333435363738393a3b3c3d3e3f");
const Bytes x25519_bytes = hex("404142434445464748494a4b4c4d4e4f 505152535455565758595a5b5c5d5e5f");
// server_name: type 0000, length 14, ServerNameList length 12, host_name(0), "localhost" (9)
const Bytes sni_localhost = hex("0000 000e 000c 00 0009 6c6f63616c686f7374");
const Bytes ec_point_formats = hex("000b 0002 01 00");                       // uncompressed
const Bytes supported_groups = hex("000a 0008 0006 001d 0017 0018");         // x25519, P-256, P-384
const Bytes renegotiation_info = hex("ff01 0001 00");                         // empty (RFC 5746)

}  // namespace

TEST_CASE("wire: SSL 3.0 hello is byte-exact: SSL 3.0 record, no extensions, SCSV") {
  const Bytes expected = cat({hex("16 0300 003f  01 00003b  0300"), random_bytes,
                              hex("00"                                                      // session_id
                                  "0014 0039 0035 0033 002f 0016 000a 0005 0004 0009 00ff"  // 10 suites
                                  "01 00")});                                               // null compression
  CHECK(build_client_hello(golden_options(Version::ssl3_0)) == expected);
}

TEST_CASE("wire: TLS 1.0 and 1.1 hellos are byte-exact") {
  const auto expected = [](const char* client_version) {
    return cat({hex("16 0301 006c  01 000068"), hex(client_version), random_bytes,
                hex("00  0016 c00a c014 c009 c013 0039 0033 0035 002f c012 0016 000a  01 00  0029"), sni_localhost,
                ec_point_formats, supported_groups, renegotiation_info});
  };
  CHECK(build_client_hello(golden_options(Version::tls1_0)) == expected("0301"));
  CHECK(build_client_hello(golden_options(Version::tls1_1)) == expected("0302"));
}

TEST_CASE("wire: TLS 1.2 hello is byte-exact") {
  const Bytes expected =
      cat({hex("16 0301 00a2  01 00009e  0303"), random_bytes,
           hex("00  0032 c02c c02b c030 c02f cca9 cca8 009f 009e c024 c028 c023 c027 c00a c014 c009 c013"
               "     0039 0033 009d 009c 003d 003c 0035 002f 000a"
               "01 00  0043"),
           sni_localhost, ec_point_formats, supported_groups,
           hex("000d 0016 0014 0403 0804 0401 0503 0805 0501 0806 0601 0203 0201"), renegotiation_info});
  CHECK(build_client_hello(golden_options(Version::tls1_2)) == expected);
}

TEST_CASE("wire: TLS 1.3 hello is byte-exact") {
  const Bytes expected = cat({hex("16 0301 00be  01 0000ba  0303"), random_bytes, hex("20"), session_bytes,
                              hex("0006 1301 1302 1303  01 00  006b"), sni_localhost, supported_groups,
                              hex("000d 0012 0010 0403 0804 0401 0503 0805 0501 0806 0601"
                                  "002b 0003 02 0304"  // supported_versions: 0x0304 alone
                                  "002d 0002 01 01"    // psk_key_exchange_modes: psk_dhe_ke
                                  "0033 0026 0024 001d 0020"),
                              x25519_bytes});
  CHECK(build_client_hello(golden_options(Version::tls1_3)) == expected);
}

TEST_CASE("wire: large TLS 1.3 hello is padded to 1500 bytes with RFC 7685 zeros") {
  auto o = golden_options(Version::tls1_3);
  o.large = true;
  const Bytes hello = build_client_hello(o);
  // 195 bytes unpadded + padding header 4 + 1301 zeros; extensions 0x6b + 4 + 1301 = 0x584.
  const Bytes head = hex("16 0301 05d7  01 0005d3  0303");
  REQUIRE(hello.size() == 1500);
  CHECK(std::equal(head.begin(), head.end(), hello.begin()));
  const Bytes padding_header = hex("0015 0515");
  CHECK(std::equal(padding_header.begin(), padding_header.end(), hello.begin() + 195));
  CHECK(std::all_of(hello.begin() + 199, hello.end(), [](std::uint8_t b) { return b == 0; }));
  // Everything else is the default hello: up to the extensions length (offset 86) and after it.
  const Bytes plain = build_client_hello(golden_options(Version::tls1_3));
  CHECK(std::equal(plain.begin() + 9, plain.begin() + 86, hello.begin() + 9));
  CHECK(hex("05 84") == Bytes(hello.begin() + 86, hello.begin() + 88));
  CHECK(std::equal(plain.begin() + 88, plain.end(), hello.begin() + 88));
}

TEST_CASE("wire: x25519 share has its top bit cleared (RFC 7748 §5)") {
  auto o = golden_options(Version::tls1_3);
  o.x25519_public.fill(0xFF);
  const Bytes hello = build_client_hello(o);
  CHECK(hello.back() == 0x7F);
  CHECK(hello[hello.size() - 2] == 0xFF);
}
