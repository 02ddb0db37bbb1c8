#include "wire/server_hello.hpp"

#include <algorithm>
#include <array>

namespace tlsprobe::wire {
namespace {

// SHA-256("HelloRetryRequest"), RFC 8446 §4.1.3.
constexpr std::array<std::uint8_t, 32> hrr_random{
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

constexpr std::uint8_t server_hello_type = 2;
constexpr std::uint16_t supported_versions_ext = 43;

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> b) : bytes_(b) {}
  bool u8(std::uint8_t& v) {
    if (left() < 1) return false;
    v = bytes_[pos_++];
    return true;
  }
  bool u16(std::uint16_t& v) {
    if (left() < 2) return false;
    v = static_cast<std::uint16_t>(bytes_[pos_] << 8 | bytes_[pos_ + 1]);
    pos_ += 2;
    return true;
  }
  bool take(std::size_t n, std::span<const std::uint8_t>& out) {
    if (left() < n) return false;
    out = bytes_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  std::size_t left() const { return bytes_.size() - pos_; }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<ServerHello> parse_server_hello(std::span<const std::uint8_t> message) {
  //  type(1)=2 | length(3) | server_version(2) | random(32) | session_id<0..32>
  //  | cipher_suite(2) | compression(1) | [extensions<0..2^16-1>]
  if (message.size() < 4 || message[0] != server_hello_type) return std::nullopt;
  const std::size_t length = std::size_t{message[1]} << 16 | std::size_t{message[2]} << 8 | message[3];
  if (length != message.size() - 4) return std::nullopt;
  Reader r(message.subspan(4));
  ServerHello hello;
  std::span<const std::uint8_t> random, session;
  std::uint8_t session_len = 0, compression = 0;
  if (!r.u16(hello.legacy_version) || !r.take(32, random) || !r.u8(session_len) || session_len > 32 ||
      !r.take(session_len, session) || !r.u16(hello.cipher_suite) || !r.u8(compression))
    return std::nullopt;
  hello.version = hello.legacy_version;
  hello.hello_retry_request = std::equal(random.begin(), random.end(), hrr_random.begin());
  if (r.left() == 0) return hello;  // SSL 3.0 and early TLS: no extensions block
  std::uint16_t ext_total = 0;
  if (!r.u16(ext_total) || ext_total != r.left()) return std::nullopt;
  while (r.left() > 0) {
    std::uint16_t type = 0, len = 0;
    std::span<const std::uint8_t> body;
    if (!r.u16(type) || !r.u16(len) || !r.take(len, body)) return std::nullopt;
    if (type == supported_versions_ext) {
      if (body.size() != 2) return std::nullopt;
      hello.version = static_cast<std::uint16_t>(body[0] << 8 | body[1]);
    }
  }
  return hello;
}

}  // namespace tlsprobe::wire
