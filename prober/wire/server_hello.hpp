#pragma once
// Reading a ServerHello handshake message (RFC 5246 §7.4.1.3, RFC 8446 §4.1.3).
#include <cstdint>
#include <optional>
#include <span>

namespace tlsprobe::wire {

struct ServerHello {
  std::uint16_t legacy_version = 0;  // server_version as sent
  std::uint16_t version = 0;         // the version chosen: supported_versions when present (TLS 1.3)
  std::uint16_t cipher_suite = 0;
  bool hello_retry_request = false;  // RFC 8446 §4.1.3: a ServerHello with the special random
};

// `message` is one whole handshake message: msg_type(1) length(3) body. Returns nothing
// when it is not a ServerHello or its lengths do not hold together.
std::optional<ServerHello> parse_server_hello(std::span<const std::uint8_t> message);

}  // namespace tlsprobe::wire
