// The ClientHello each backend says it sent is the one that arrived: scripted_server.py's
// alert40 mode logs every hello record it reads, and each attempt's captured hello must equal
// one of them, field by field. Then what OpenSSL 3 really offers per pinned version, read off
// the wire rather than from its documentation.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <sstream>

#include "integration/probe.hpp"
#include "support/servers.hpp"
#include "wire/client_hello_reader.hpp"
#include "wire/fingerprint.hpp"
#include "wire/hello_profile.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

// The hex of a logged hello; nothing when the text is not all hex digits in pairs.
std::optional<std::vector<std::uint8_t>> from_hex(const std::string& text) {
  const auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (text.size() % 2 != 0) return std::nullopt;
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = digit(text[i]), low = digit(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(high << 4 | low));
  }
  return out;
}

// Every "hello <hex>" line of the server's log, read back as the server saw it.
std::vector<ClientHelloInfo> hellos_that_arrived(const ServerProcess& server) {
  std::vector<ClientHelloInfo> out;
  std::istringstream log(server.log_text());
  std::string line;
  while (std::getline(log, line)) {
    const auto at = line.find(": hello ");
    if (at == std::string::npos) continue;
    const auto bytes = from_hex(line.substr(at + 8));
    REQUIRE_MESSAGE(bytes, "the server's log has a garbled hello line: " << line);
    auto h = wire::captured_hello(*bytes);
    REQUIRE_MESSAGE(h, "the server logged an unreadable hello: " << line);
    out.push_back(std::move(*h));
  }
  return out;
}

const AttemptResult& cell(const Report& report, const std::string& backend, Version v) {
  for (const auto& r : report.results)
    if (r.backend == backend && r.version == v) return r;
  FAIL("no " << backend << " " << token(v) << " cell");
  throw std::logic_error("unreachable");
}

bool has(const std::vector<std::uint16_t>& list, std::uint16_t v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

TEST_CASE("client hello: what each backend captured is what arrived, byte for byte") {
  TempDir dir;
  auto server = start_scripted(dir, "alert40");
  auto options = quick_options();
  options.sni = "vault.example";
  const auto report = probe("127.0.0.1:" + std::to_string(server.port()), every_version(), options);
  // The hellos are logged before the alert goes out, so every attempt's line is there now.
  const auto arrived = hellos_that_arrived(server);
  int compared = 0;
  for (const auto& r : report.results) {
    if (r.outcome.status == Status::unsupported) {
      CHECK_FALSE(r.outcome.client_hello);  // nothing was sent
      continue;
    }
    CAPTURE(r.backend);
    CAPTURE(token(r.version));
    REQUIRE(r.outcome.client_hello);
    CHECK(std::count(arrived.begin(), arrived.end(), *r.outcome.client_hello) == 1);
    CHECK(r.outcome.client_hello->server_name == (r.version == ssl3_0 ? "" : "vault.example"));
    ++compared;
  }
  CHECK(compared == 9);  // raw: five versions; OpenSSL: TLS 1.0 to 1.3 (no SSL 3.0 in Debian's build)
  CHECK(arrived.size() == 9);
}

TEST_CASE("client hello: OpenSSL's pinned hellos, and the raw backend's own profile") {
  TempDir dir;
  auto server = start_scripted(dir, "alert40");
  const auto report = probe("127.0.0.1:" + std::to_string(server.port()), every_version());

  const auto& tls12 = *cell(report, "openssl", tls1_2).outcome.client_hello;
  CHECK(tls12.legacy_version == 0x0303);
  CHECK(tls12.supported_versions.empty());  // pinned to 1.2: nothing above it is offered
  CHECK(has(tls12.cipher_suites, 0xC02F));  // ECDHE-RSA-AES128-GCM-SHA256, what Azure Front Door wants
  CHECK_FALSE(has(tls12.cipher_suites, 0x1301));
  CHECK(tls12.server_name.empty());  // an address literal gets no server_name (RFC 6066 §3)
  CHECK(tls12.ja4.starts_with("t12i"));

  const auto& tls13 = *cell(report, "openssl", tls1_3).outcome.client_hello;
  CHECK(tls13.supported_versions == std::vector<std::uint16_t>{0x0304});
  CHECK(has(tls13.cipher_suites, 0x1301));
  CHECK_FALSE(tls13.key_share_groups.empty());
  CHECK(tls13.ja4.starts_with("t13i"));

  const auto& tls10 = *cell(report, "openssl", tls1_0).outcome.client_hello;
  CHECK(tls10.legacy_version == 0x0301);
  CHECK(tls10.ja4.starts_with("t10i"));

  for (const auto v : every_version()) {
    CAPTURE(token(v));
    const auto& raw = *cell(report, "raw", v).outcome.client_hello;
    const auto& profile = wire::hello_profile(v);
    CHECK(raw.legacy_version == profile.client_version);
    CHECK(raw.cipher_suites == std::vector<std::uint16_t>(profile.cipher_suites.begin(), profile.cipher_suites.end()));
  }
}

}  // namespace tlsprobe::test
