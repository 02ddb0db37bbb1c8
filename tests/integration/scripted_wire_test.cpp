// The scripted servers on the wire, without any TLS library in between: when a backend
// test fails, this tells a broken script from a broken backend.
#include <doctest/doctest.h>

#include <random>

#include "integration/probe.hpp"
#include "support/certs.hpp"
#include "support/net.hpp"
#include "support/process.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using namespace std::chrono_literals;

std::string bytes(std::initializer_list<unsigned char> list) { return {list.begin(), list.end()}; }

// The smallest ClientHello the script recognises (RFC 5246 7.4.1.2): legacy_version 3.minor
// (0x0303 by default), zero random, no session id, one suite (0x002F), null compression, no
// extensions. An SSL 3.0 hello (minor 0) goes in a 3.0 record, the others in 3.1, as clients
// usually send them (RFC 5246 E.1).
std::string client_hello(unsigned char minor = 0x03) {
  std::string body = bytes({0x03, minor}) + std::string(32, '\0') + bytes({0x00, 0x00, 0x02, 0x00, 0x2f, 0x01, 0x00});
  std::string handshake = bytes({0x01, 0x00, 0x00, static_cast<unsigned char>(body.size())}) + body;
  const unsigned char record_minor = minor == 0 ? 0x00 : 0x01;
  return bytes({0x16, 0x03, record_minor, 0x00, static_cast<unsigned char>(handshake.size())}) + handshake;
}

// A big-endian length field of `n` bytes at `pos`.
std::size_t length_at(const std::string& data, std::size_t pos, std::size_t n) {
  std::size_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(data.at(pos + i));
  return v;
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

TEST_CASE("ssl3 answers an SSL 3.0 hello with a whole SSL 3.0 first flight, any other with alert 70") {
  TempDir dir;
  const auto& cert = test_cert();
  auto server = start_scripted(dir, "ssl3", {"--cert", cert.cert.string()});
  CHECK(hex(exchange("127.0.0.1", server.port(), client_hello(0x03), 3s)) == "15030100020246");
  CHECK(hex(exchange("127.0.0.1", server.port(), client_hello(0x01), 3s)) == "15030100020246");
  const auto der_file = dir / "cert.der";
  REQUIRE(run_command({"openssl", "x509", "-in", cert.cert.string(), "-outform", "DER", "-out", der_file.string()},
                      dir / "x509.log", 10s)
              .exit_code == 0);
  const auto der = read_file(der_file);
  const auto reply = exchange("127.0.0.1", server.port(), client_hello(0x00), 3s);
  INFO(hex(reply));
  // RFC 6101 5.6: one handshake record of version 3.0 holding the three messages exactly.
  REQUIRE(reply.size() == 5 + (4 + 38) + (4 + 3 + 3 + der.size()) + 4);
  CHECK(hex(reply.substr(0, 3)) == "160300");
  CHECK(length_at(reply, 3, 2) == reply.size() - 5);
  // ServerHello: 38 bytes = version 3.0, random, empty session id, then suite 0x000A
  // (TLS_RSA_WITH_3DES_EDE_CBC_SHA) and null compression; SSL 3.0 has no extensions.
  CHECK(hex(reply.substr(5, 6)) == "020000260300");
  CHECK(hex(reply.substr(5 + 4 + 34, 4)) == "00000a00");
  // Certificate: the chain length, one entry's length, and the test certificate's DER.
  const std::size_t cert_at = 5 + 4 + 38;
  CHECK(static_cast<unsigned char>(reply[cert_at]) == 0x0b);
  CHECK(length_at(reply, cert_at + 1, 3) == 3 + 3 + der.size());
  CHECK(length_at(reply, cert_at + 4, 3) == 3 + der.size());
  CHECK(length_at(reply, cert_at + 7, 3) == der.size());
  CHECK(reply.substr(cert_at + 10, der.size()) == der);
  // ServerHelloDone: type 14, empty.
  CHECK(hex(reply.substr(reply.size() - 4)) == "0e000000");
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
      {"ssl3", alert_in(70, "protocol_version")},  // anything but an SSL 3.0 hello
  };
  for (const auto& [mode, expect] : modes) {
    auto server = start_scripted(dir, mode);
    for (const auto& g : garbage) (void)exchange("127.0.0.1", server.port(), g, 2s);
    INFO(server.log_text());
    CHECK(server.running());
    const auto report = probe("127.0.0.1:" + std::to_string(server.port()), {Version::tls1_2});
    check_row(report, "openssl", server.name(), "127.0.0.1", {{Version::tls1_2, expect}});
    check_same_row(report, "openssl", "raw", {Version::tls1_2});
  }
}

}  // namespace
}  // namespace tlsprobe::test
