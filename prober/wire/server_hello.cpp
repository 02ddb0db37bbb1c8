#include "wire/server_hello.hpp"

#include <algorithm>
#include <array>

#include "wire/bytes.hpp"

namespace tlsprobe::wire {
namespace {

// SHA-256("HelloRetryRequest"), RFC 8446 §4.1.3.
constexpr std::array<std::uint8_t, 32> hrr_random{
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

// RFC 8446 §4.1.3: "DOWNGRD" followed by 01 (TLS 1.2) or 00 (TLS 1.1 and below).
constexpr std::array<std::uint8_t, 7> downgrade_marker{0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44};

constexpr std::uint8_t server_hello_type = 2;
constexpr std::uint16_t supported_versions_ext = 43;

Downgrade downgrade_of(std::span<const std::uint8_t> random) {
  const auto tail = random.subspan(24);
  if (!std::equal(downgrade_marker.begin(), downgrade_marker.end(), tail.begin())) return Downgrade::none;
  if (tail[7] == 0x01) return Downgrade::to_tls1_2;
  if (tail[7] == 0x00) return Downgrade::to_tls1_1_or_below;
  return Downgrade::none;
}

ServerHelloParse fail(std::string_view problem) { return {std::nullopt, problem}; }

}  // namespace

ServerHelloParse parse_server_hello_explained(std::span<const std::uint8_t> message) {
  //  type(1)=2 | length(3) | server_version(2) | random(32) | session_id<0..32>
  //  | cipher_suite(2) | compression(1) | [extensions<0..2^16-1>]
  if (message.size() < 4 || message[0] != server_hello_type) return fail("not a ServerHello message");
  const std::size_t length = std::size_t{message[1]} << 16 | std::size_t{message[2]} << 8 | message[3];
  if (length != message.size() - 4) return fail("ServerHello length does not match the message");
  Reader r(message.subspan(4));
  ServerHello hello;
  std::span<const std::uint8_t> random, session;
  std::uint8_t session_len = 0, compression = 0;
  if (!r.u16(hello.legacy_version) || !r.take(32, random)) return fail("ServerHello too short for its random");
  if (!r.u8(session_len) || session_len > 32 || !r.take(session_len, session))
    return fail("ServerHello session_id longer than 32 bytes or than the message");
  if (!r.u16(hello.cipher_suite) || !r.u8(compression)) return fail("ServerHello ends inside its cipher suite");
  hello.version = hello.legacy_version;
  hello.hello_retry_request = std::equal(random.begin(), random.end(), hrr_random.begin());
  hello.downgrade = downgrade_of(random);
  if (r.left() == 0) return {hello, {}};  // SSL 3.0 and early TLS: no extensions block
  std::uint16_t ext_total = 0;
  if (!r.u16(ext_total) || ext_total != r.left())
    return fail("ServerHello extensions length does not match the message");
  while (r.left() > 0) {
    std::uint16_t type = 0, len = 0;
    std::span<const std::uint8_t> body;
    if (!r.u16(type) || !r.u16(len) || !r.take(len, body))
      return fail("ServerHello extension runs past the extensions block");
    if (type == supported_versions_ext) {
      // RFC 8446 §4.2.1: in a ServerHello it holds exactly one selected_version.
      if (body.size() != 2) return fail("ServerHello supported_versions is not 2 bytes");
      hello.version = static_cast<std::uint16_t>(body[0] << 8 | body[1]);
    }
  }
  return {hello, {}};
}

std::optional<std::uint16_t> server_key_group(std::span<const std::uint8_t> reply) {
  constexpr std::uint16_t key_share_ext = 51;
  Reader records(reply);
  std::uint8_t type = 0;
  std::uint16_t version = 0, record_length = 0;
  std::span<const std::uint8_t> body;
  if (!records.u8(type) || type != 22 || !records.u16(version) || !records.u16(record_length) ||
      !records.take(record_length, body) || body.size() < 4)
    return std::nullopt;
  const std::size_t length = std::size_t{body[1]} << 16 | std::size_t{body[2]} << 8 | body[3];
  if (body.size() < 4 + length) return std::nullopt;
  const auto message = body.first(4 + length);
  const auto hello = parse_server_hello(message);
  if (!hello) return std::nullopt;
  // Walk to the extensions again: version, random, session id, suite, compression.
  Reader r(message.subspan(4));
  std::span<const std::uint8_t> skip;
  std::uint8_t session_len = 0;
  std::uint16_t ext_total = 0;
  if (!r.take(2 + 32, skip) || !r.u8(session_len) || !r.take(session_len + 3u, skip) || !r.u16(ext_total))
    return std::nullopt;
  while (r.left() >= 4) {
    std::uint16_t ext = 0, len = 0;
    std::span<const std::uint8_t> ext_body;
    if (!r.u16(ext) || !r.u16(len) || !r.take(len, ext_body)) return std::nullopt;
    if (ext == key_share_ext && ext_body.size() >= 2) return static_cast<std::uint16_t>(ext_body[0] << 8 | ext_body[1]);
  }
  return std::nullopt;
}

std::optional<ServerHello> parse_server_hello(std::span<const std::uint8_t> message) {
  return parse_server_hello_explained(message).hello;
}

}  // namespace tlsprobe::wire
