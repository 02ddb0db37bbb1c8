#pragma once
// Reading a ClientHello back (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2): the bytes a stack sent,
// captured by its backend, become the numbers of ClientHelloInfo. Every length is checked
// against what is there; nothing is trusted, since the bytes may be anything a stack wrote.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/client_hello_info.hpp"

namespace tlsprobe::wire {

struct ClientHelloParse {
  std::optional<ClientHelloInfo> hello;
  std::string_view problem;  // empty when `hello` is set
};

// `bytes` is either TLS records (content type 22; a hello split over several handshake
// records is put back together; what follows the hello is ignored) or one bare handshake
// message (msg_type 1, as OpenSSL's message callback hands it over). SSL 2.0 hellos are not
// read. The fingerprints are left empty (wire/fingerprint fills them).
ClientHelloParse parse_client_hello(std::span<const std::uint8_t> bytes);

}  // namespace tlsprobe::wire
