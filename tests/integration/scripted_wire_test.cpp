// The scripted servers on the wire, without any TLS library in between: when a backend
// test fails, this tells a broken script from a broken backend.
#include <doctest/doctest.h>

#include <random>

#include "integration/probe.hpp"
#include "support/net.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using namespace std::chrono_literals;

std::string bytes(std::initializer_list<unsigned char> list) { return {list.begin(), list.end()}; }

// The smallest ClientHello the script recognises (RFC 5246 7.4.1.2): legacy_version 0x0303,
// zero random, no session id, one suite (0x002F), null compression, no extensions.
std::string client_hello() {
  std::string body = bytes({0x03, 0x03}) + std::string(32, '\0') + bytes({0x00, 0x00, 0x02, 0x00, 0x2f, 0x01, 0x00});
  std::string handshake = bytes({0x01, 0x00, 0x00, static_cast<unsigned char>(body.size())}) + body;
  return bytes({0x16, 0x03, 0x01, 0x00, static_cast<unsigned char>(handshake.size())}) + handshake;
}

std::string hex(const std::string& data) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : data) {
    out += digits[c >> 4];
    out += digits[c & 0xf];
  }
  return out;
}

TEST_CASE("alert70 and alert40 answer one plaintext fatal alert record and close") {
  TempDir dir;
  auto a70 = start_scripted(dir, "alert70");
  auto a40 = start_scripted(dir, "alert40");
  // RFC 5246 6.2.1 / 7.2: type 21, version 3.1, length 2, level 2 (fatal), description.
  CHECK(hex(exchange("127.0.0.1", a70.port(), client_hello(), 3s)) == "15030100020246");
  CHECK(hex(exchange("127.0.0.1", a40.port(), client_hello(), 3s)) == "15030100020228");
}

TEST_CASE("downgrade answers a well-formed TLS 1.0 ServerHello and nothing else") {
  TempDir dir;
  auto server = start_scripted(dir, "downgrade");
  const auto reply = exchange("127.0.0.1", server.port(), client_hello(), 3s);
  INFO(hex(reply));
  // record(5) + handshake header(4) + version(2) random(32) sid(1) suite(2) comp(1) exts(2+5)
  REQUIRE(reply.size() == 5 + 4 + 2 + 32 + 1 + 2 + 1 + 2 + 5);
  CHECK(hex(reply.substr(0, 11)) == "16030100310200002d0301");
  CHECK(hex(reply.substr(43)) == "00002f000005ff01000100");
}

TEST_CASE("the scripted servers survive garbage and keep answering") {
  TempDir dir;
  std::mt19937 rng(20240601);
  std::string noise(5000, '\0');
  for (auto& c : noise) c = static_cast<char>(rng() & 0xff);
  const std::vector<std::string> garbage{
      noise,
      bytes({0x16, 0x03, 0x01, 0x00, 0x10, 0x01, 0x00, 0x00, 0x0c, 0x03, 0x03}),  // truncated hello
      bytes({0x16, 0x03, 0x01, 0xff, 0xff, 0x01}),                              // absurd length
      "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
      "",
  };
  const std::vector<std::pair<std::string, Expect>> modes{
      {"reset", reset_in(Phase::hello)},
      {"alert70", alert_in(70, "protocol_version")},
      {"alert40", alert_in(40, "handshake_failure")},
      {"downgrade", mismatch(Version::tls1_0)},
  };
  for (const auto& [mode, expect] : modes) {
    auto server = start_scripted(dir, mode);
    for (const auto& g : garbage) (void)exchange("127.0.0.1", server.port(), g, 2s);
    INFO(server.log_text());
    CHECK(server.running());
    check_row(probe("127.0.0.1:" + std::to_string(server.port()), {Version::tls1_2}), server.name(), "127.0.0.1",
              {{Version::tls1_2, expect}});
  }
}

}  // namespace
}  // namespace tlsprobe::test
