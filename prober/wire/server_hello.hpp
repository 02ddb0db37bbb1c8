#pragma once
// Reading a ServerHello handshake message (RFC 5246 §7.4.1.3, RFC 8446 §4.1.3).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tlsprobe::wire {

// RFC 8446 §4.1.3: a server that speaks TLS 1.3 but negotiates lower says so in the last
// 8 bytes of its random ("DOWNGRD" then 01 for TLS 1.2, 00 for TLS 1.1 and below).
enum class Downgrade : std::uint8_t { none, to_tls1_2, to_tls1_1_or_below };

struct ServerHello {
  std::uint16_t legacy_version = 0;  // server_version as sent
  std::uint16_t version = 0;         // the version chosen: supported_versions when present (TLS 1.3)
  std::uint16_t cipher_suite = 0;
  bool hello_retry_request = false;  // RFC 8446 §4.1.3: a ServerHello with the special random
  Downgrade downgrade = Downgrade::none;

  friend bool operator==(const ServerHello&, const ServerHello&) = default;
};

// `message` is one whole handshake message: msg_type(1) length(3) body. Returns nothing
// when it is not a ServerHello or its lengths do not hold together.
std::optional<ServerHello> parse_server_hello(std::span<const std::uint8_t> message);

// The key exchange group a TLS 1.3 server chose (RFC 8446 §4.2.8): the group of a
// ServerHello's key_share, or the selected_group of a HelloRetryRequest, which asks for a
// share of that group. `reply` is what the server sent, from its first record on; nothing
// when the first handshake message is not a whole ServerHello with a key_share.
std::optional<std::uint16_t> server_key_group(std::span<const std::uint8_t> reply);

// The same, saying what did not hold together when there is no hello.
struct ServerHelloParse {
  std::optional<ServerHello> hello;
  std::string_view problem;  // empty when `hello` is set
};
ServerHelloParse parse_server_hello_explained(std::span<const std::uint8_t> message);

}  // namespace tlsprobe::wire
