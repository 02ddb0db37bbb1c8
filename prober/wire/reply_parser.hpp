#pragma once
// What a server said to our ClientHello, decided from the bytes received so far.
//
// The parser is pure and restartable: call it again with everything received so far after
// each read. It answers NeedMore until the bytes decide, and once a prefix has decided, every
// longer input decides the same way.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>

#include "wire/server_hello.hpp"

namespace tlsprobe::wire {

struct Alert {
  std::uint8_t level = 0;        // 1 warning, 2 fatal (RFC 5246 §7.2)
  std::uint8_t description = 0;  // core/native_codes.hpp alert_name() spells it
  friend bool operator==(const Alert&, const Alert&) = default;
};

struct NeedMore {
  // Total bytes (counted from the first byte received) before the answer can change;
  // always more than were given.
  std::size_t at_least = 0;
  // A warning alert already read (e.g. unrecognized_name, RFC 6066 §3). Handshakes go on
  // after warnings, but if the peer now closes, this is the evidence to report.
  std::optional<Alert> warning;
  friend bool operator==(const NeedMore&, const NeedMore&) = default;
};

// An SSL 2.0 SERVER-HELLO (draft-hickman-netscape-ssl-00 §B): the peer speaks SSL 2.0 only.
struct SslV2ServerHello {
  std::uint16_t version = 0;  // 0x0002
  friend bool operator==(const SslV2ServerHello&, const SslV2ServerHello&) = default;
};

// A plaintext HTTP answer: the port speaks HTTP, not TLS. Never an acceptance
// (testssl.sh issue #2500 took an "HTTP/1.1 400" for "TLS 1.0 offered").
struct HttpAnswer {
  std::string status_line;  // without CR LF; control bytes replaced by '?'
  friend bool operator==(const HttpAnswer&, const HttpAnswer&) = default;
};

// Bytes that are not a reply a TLS server may send first, or whose lengths do not hold.
struct Garbage {
  std::string reason;
  friend bool operator==(const Garbage&, const Garbage&) = default;
};

using ReplyResult = std::variant<NeedMore, ServerHello, Alert, SslV2ServerHello, HttpAnswer, Garbage>;

// The parser decides within this many bytes: past it, a reply still undecided is Garbage.
// A real ServerHello (at most 65,607 bytes, RFC 5246 §7.4.1.3) fits with room to spare.
inline constexpr std::size_t max_reply_bytes = std::size_t{1} << 17;

ReplyResult parse_reply(std::span<const std::uint8_t> received);

inline bool needs_more(const ReplyResult& r) { return std::holds_alternative<NeedMore>(r); }

}  // namespace tlsprobe::wire
