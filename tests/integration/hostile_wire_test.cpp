// The hostile modes on the wire, without any TLS library in between: when a hostile case
// fails, this tells a broken server script from a broken backend, and holds the script to
// its comments.
#include <doctest/doctest.h>

#include "integration/hostile_harness.hpp"
#include "wire/client_hello.hpp"

namespace tlsprobe::test {
namespace {

using namespace std::chrono_literals;
using enum Version;

std::string hello_bytes(Version v) {
  wire::HelloOptions options;
  options.version = v;
  wire::randomize(options);
  const auto hello = wire::build_client_hello(options);
  return {hello.begin(), hello.end()};
}

std::string hex(std::string_view data) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : data) {
    out += digits[c >> 4];
    out += digits[c & 0xf];
  }
  return out;
}

std::size_t be(std::string_view data, std::size_t pos, std::size_t n) {
  std::size_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(data.at(pos + i));
  return v;
}

struct Record {
  unsigned type = 0;
  unsigned version = 0;
  std::string fragment;
};

// RFC 5246 6.2.1: type(1) version(2) length(2) fragment; stops at the first incomplete one.
std::vector<Record> records(std::string_view data, std::size_t* rest = nullptr) {
  std::vector<Record> out;
  std::size_t pos = 0;
  while (data.size() - pos >= 5) {
    const auto length = be(data, pos + 3, 2);
    if (data.size() - pos - 5 < length) break;
    out.push_back({static_cast<unsigned>(be(data, pos, 1)), static_cast<unsigned>(be(data, pos + 1, 2)),
                   std::string(data.substr(pos + 5, length))});
    pos += 5 + length;
  }
  if (rest) *rest = data.size() - pos;
  return out;
}

std::string exchange_with(const std::string& mode, Version v, const std::vector<std::string>& extra = {},
                          milliseconds timeout = 3000ms) {
  TempDir dir;
  auto server = start_hostile(dir, mode, extra);
  const auto reply = exchange("127.0.0.1", server.port, hello_bytes(v), timeout);
  INFO("server log:\n" << server.process.log_text());
  CHECK(server.process.running());
  return reply;
}

TEST_CASE("hostile wire: the length liars, the impostors and the closers send what they promise") {
  {
    // 16 03 03 FF FF | 02 FF FF FF | zeros up to the record's 65,535 bytes.
    const auto reply = exchange_with("huge_length", tls1_2);
    CHECK(reply.size() == 5 + 0xFFFF);
    CHECK(hex(reply.substr(0, 9)) == "160303ffff02ffffff");
  }
  CHECK(exchange_with("garbage", tls1_2).size() == 4096);
  CHECK(exchange_with("http400", tls1_2).rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
  {
    // draft-hickman: 1|length(15), SERVER-HELLO 04, hit 00, cert type 01, version 0002.
    const auto reply = exchange_with("sslv2", tls1_2, {"--cert", test_cert().cert.string()});
    REQUIRE(reply.size() > 13);
    CHECK((static_cast<unsigned char>(reply[0]) & 0x80) != 0);
    CHECK(be(reply, 0, 2) - 0x8000 == reply.size() - 2);
    CHECK(hex(reply.substr(2, 5)) == "0400010002");
    CHECK(be(reply, 7, 2) + be(reply, 9, 2) + be(reply, 11, 2) + 11 == reply.size() - 2);
  }
  for (const auto v : {tls1_2, tls1_3}) {
    INFO(token(v));
    // Half a ServerHello record: its header promises more than ever comes.
    const auto reply = exchange_with("half_fin", v);
    REQUIRE(reply.size() >= 5);
    CHECK(hex(reply.substr(0, 3)) == "160303");
    CHECK(reply.size() == (5 + be(reply, 3, 2)) / 2);
  }
  CHECK(exchange_with("accept_close", tls1_2).empty());
  CHECK(exchange_with("half_open", tls1_2).empty());
}

TEST_CASE("hostile wire: alerts, empty records and junk are the bytes and sizes documented") {
  CHECK(hex(exchange_with("alert_bytewise", tls1_2)) == "15030100020246");
  {
    const auto reply = exchange_with("alert_junk", tls1_2);
    CHECK(hex(reply.substr(0, 7)) == "15030100020228");
    CHECK(reply.size() == 7 + (std::size_t{1} << 20));
  }
  {
    const auto reply = exchange_with("empty_records", tls1_2);
    CHECK(reply.size() == 500000);
    std::size_t rest = 1;
    const auto all = records(reply, &rest);
    CHECK(rest == 0);
    CHECK(all.size() == 100000);
    bool all_empty_handshakes = true;
    for (const auto& r : all) all_empty_handshakes = all_empty_handshakes && r.type == 22 && r.fragment.empty();
    CHECK(all_empty_handshakes);
  }
}

TEST_CASE("hostile wire: ServerHello modes answer in kind, then misbehave as documented") {
  {
    // 9,192 HelloRequests (1,000 records of one, then 4,096 + 4,096 packed), the ServerHello,
    // 9,192 more; nothing else.
    std::size_t rest = 1;
    const auto all = records(exchange_with("hello_request_flood", tls1_2), &rest);
    CHECK(rest == 0);
    std::size_t before = 0, after = 0, hellos = 0;
    for (const auto& r : all) {
      REQUIRE(r.type == 22);
      if (r.fragment.at(0) == 2) {
        ++hellos;
        CHECK(be(r.fragment, 4, 2) == 0x0303);
        continue;
      }
      CHECK(r.fragment.size() % 4 == 0);
      CHECK(r.fragment.find_first_not_of('\0') == std::string::npos);
      (hellos ? after : before) += r.fragment.size() / 4;
    }
    CHECK(hellos == 1);
    CHECK(before == 9192);
    CHECK(after == 9192);
  }
  {
    // ServerHello (TLS 1.2), then 0B FF FF FF | FF FF FC | FF FF F9 | 30 83 FF FF F5 ..., 64 KiB.
    const auto all = records(exchange_with("cert_16mb", tls1_2));
    REQUIRE(all.size() == 5);
    CHECK(all[0].fragment.at(0) == 2);
    CHECK(hex(all[1].fragment.substr(0, 15)) == "0bfffffffffffcfffff93083fffff5");
    std::size_t certificate = 0;
    for (std::size_t i = 1; i < all.size(); ++i) certificate += all[i].fragment.size();
    CHECK(certificate == 64 * 1024);
  }
  {
    // A TLS 1.3 ServerHello (supported_versions 0x0304), then 15 03 03 00 02 02 28 in plaintext.
    const auto all = records(exchange_with("tls13_alert_after_sh", tls1_3));
    REQUIRE(all.size() == 2);
    CHECK(all[0].fragment.at(0) == 2);
    CHECK(hex(all[0].fragment).find("002b00020304") != std::string::npos);
    CHECK(all[1].type == 21);
    CHECK(hex(all[1].fragment) == "0228");
  }
  {
    // The first HelloRetryRequest: random = SHA-256("HelloRetryRequest"), version 0x0304.
    const auto all = records(exchange_with("hrr_loop", tls1_3));
    REQUIRE(all.size() == 1);
    CHECK(hex(all[0].fragment.substr(6, 32)) == "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    CHECK(hex(all[0].fragment).find("002b00020304") != std::string::npos);
  }
  {
    // One whole ServerHello and then nothing, until we leave.
    std::size_t rest = 1;
    const auto all = records(exchange_with("hello_silence", tls1_2, {}, 1500ms), &rest);
    CHECK(rest == 0);
    REQUIRE(all.size() == 1);
    CHECK(all[0].fragment.at(0) == 2);
  }
}

}  // namespace
}  // namespace tlsprobe::test
