#include "backends/schannel/record_watch.hpp"

#include <doctest/doctest.h>

#include "../../wire/hex.hpp"

using namespace tlsprobe;
using wire::test::hex;

namespace {

// A TLS 1.2 ServerHello (RFC 5246 §7.4.1.3): version 0303, random, empty session id,
// suite C02F, null compression, no extensions.
const auto server_hello = hex(
    "16 0303 002a"
    "02 000026 0303"
    "0000000000000000000000000000000000000000000000000000000000000000"
    "00 c02f 00");

schannel::RecordWatch fed(std::initializer_list<wire::test::Bytes> chunks) {
  schannel::RecordWatch w;
  for (const auto& c : chunks) w.add(c);
  return w;
}

}  // namespace

TEST_CASE("record watch: a plaintext alert instead of a ServerHello") {
  const auto w = fed({hex("15 0301 0002 02 46")});
  REQUIRE(w.alert().has_value());
  CHECK(w.alert()->description == 70);
  CHECK_FALSE(w.server_hello().has_value());
  CHECK_FALSE(w.not_tls().has_value());
  CHECK(w.received() == 7);
}

TEST_CASE("record watch: an alert split across reads") {
  const auto w = fed({hex("15 03"), hex("01 0002 02"), hex("28")});
  REQUIRE(w.alert().has_value());
  CHECK(w.alert()->description == 40);
}

TEST_CASE("record watch: the ServerHello, then an alert later in the handshake") {
  auto w = fed({server_hello});
  REQUIRE(w.server_hello().has_value());
  CHECK(w.server_hello()->version == 0x0303);
  CHECK(w.server_hello()->cipher_suite == 0xC02F);
  CHECK_FALSE(w.alert().has_value());
  w.add(hex("15 0303 0002 02 28"));
  REQUIRE(w.alert().has_value());
  CHECK(w.alert()->description == 40);
}

TEST_CASE("record watch: warnings are not the verdict; close_notify is") {
  CHECK_FALSE(fed({hex("15 0301 0002 01 70")}).alert().has_value());  // warning unrecognized_name
  const auto w = fed({hex("15 0301 0002 01 00")});
  REQUIRE(w.alert().has_value());
  CHECK(w.alert()->description == 0);
}

TEST_CASE("record watch: nothing is read past the server's ChangeCipherSpec") {
  // After it the server's alerts are encrypted: bytes that look like one are not one.
  const auto w = fed({server_hello, hex("14 0303 0001 01"), hex("15 0303 0002 02 28")});
  CHECK(w.server_hello().has_value());
  CHECK_FALSE(w.alert().has_value());
}

TEST_CASE("record watch: a reply that is not TLS") {
  const auto w = fed({hex("48 54 54 50 2f 31 2e 31 20 34 30 30 20 42 61 64 0d 0a")});  // "HTTP/1.1 400 Bad\r\n"
  REQUIRE(w.not_tls().has_value());
  CHECK(w.not_tls()->find("HTTP/1.1 400") != std::string::npos);
  CHECK_FALSE(w.alert().has_value());
}

TEST_CASE("record watch: a handshake message declaring 16 MiB is the server's fault, split headers included") {
  // ServerHello, then a Certificate header (type 11) declaring 0xFFFFFF bytes, its four
  // bytes split over two records: SChannel would read for as long as the peer sends.
  const auto w = fed({server_hello, hex("16 0303 0002 0b ff"), hex("16 0303 0004 ffff 0000")});
  CHECK(w.server_hello().has_value());
  CHECK(w.oversized());
  REQUIRE(w.not_tls().has_value());
  CHECK(*w.not_tls() == "the server declared a 16777215-byte handshake message (type 11), far beyond any real one");
}

TEST_CASE("record watch: a large but real certificate message over many records is fine") {
  // 60 KB of Certificate body across four records after the ServerHello.
  wire::test::Bytes body(4 + 60000, 0);
  body[0] = 11;
  body[1] = 0x00;
  body[2] = 0xEA;
  body[3] = 0x60;  // 60000
  auto w = fed({server_hello});
  for (std::size_t at = 0; at < body.size(); at += 16384) {
    const std::size_t n = std::min<std::size_t>(16384, body.size() - at);
    wire::test::Bytes record{0x16, 0x03, 0x03, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
    record.insert(record.end(), body.begin() + static_cast<std::ptrdiff_t>(at),
                  body.begin() + static_cast<std::ptrdiff_t>(at + n));
    w.add(record);
  }
  CHECK_FALSE(w.oversized());
  CHECK_FALSE(w.not_tls().has_value());
  w.add(hex("15 0303 0002 02 2a"));  // and an alert after it is still read
  REQUIRE(w.alert().has_value());
  CHECK(w.alert()->description == 42);
}
