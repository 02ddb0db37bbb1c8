#include "backends/schannel/record_watch.hpp"

#include <algorithm>
#include <variant>

#include "wire/reply_text.hpp"

namespace tlsprobe::schannel {
namespace {

// RFC 5246 §6.2.1 record header: type(1) version(2) length(2). Types 20 ChangeCipherSpec,
// 21 alert, 22 handshake, 23 application data, 24 heartbeat.
constexpr std::size_t header = 5;
constexpr std::uint8_t change_cipher_spec = 20;
constexpr std::uint8_t alert_type = 21;
constexpr std::uint8_t handshake_type = 22;
constexpr std::uint8_t application_data = 23;
constexpr std::uint8_t heartbeat = 24;

// RFC 8446 4: a handshake message may declare up to 2^24 - 1 bytes, but no server's first
// flight comes near this (OpenSSL refuses certificate lists over 100 KB by default). Past it
// the server is hostile or broken, and SChannel would keep reading until the peer stops;
// the declaration alone is the evidence.
constexpr std::size_t max_handshake_message = std::size_t{1} << 20;

}  // namespace

void RecordWatch::add(std::span<const std::uint8_t> bytes) {
  received_ += bytes.size();
  const std::size_t room = wire::max_reply_bytes - std::min(bytes_.size(), wire::max_reply_bytes);
  const auto kept = bytes.first(std::min(room, bytes.size()));
  bytes_.insert(bytes_.end(), kept.begin(), kept.end());

  if (!reply_decided_) {
    const auto reply = wire::parse_reply(bytes_);
    if (!wire::needs_more(reply)) {
      reply_decided_ = true;
      if (const auto* hello = std::get_if<wire::ServerHello>(&reply)) {
        server_hello_ = *hello;
      } else if (!std::holds_alternative<wire::Alert>(reply)) {
        reply_not_tls_ = true;  // the alert itself is read below, wherever it comes
      }
    }
  }
  if (!reply_not_tls_ && !not_tls_) walk_records();
}

// Described from every byte kept, not from the prefix that decided: the wire parser's words
// quote more of a non-TLS reply as more of it arrives, and how the peer's bytes were cut
// must not change them (found by fuzzing).
std::optional<std::string> RecordWatch::not_tls() const {
  if (reply_not_tls_) return wire::describe(wire::parse_reply(bytes_));
  return not_tls_;
}

void RecordWatch::walk_records() {
  // Bounded by the bytes kept: every pass moves `walked_` forward by a whole record.
  while (!encrypted_ && !alert_ && bytes_.size() - walked_ >= header) {
    const auto* r = bytes_.data() + walked_;
    const std::uint8_t type = r[0];
    const std::size_t length = std::size_t{r[3]} << 8 | r[4];
    // From the server's ChangeCipherSpec on (TLS 1.2), or its first encrypted record
    // (TLS 1.3), alerts are ciphertext: only SChannel can read them. A type that is no record
    // at all ends the walk too; the wire parser has already said what the bytes are.
    if (type == change_cipher_spec || type == application_data || type < change_cipher_spec || type > heartbeat) {
      encrypted_ = true;
      return;
    }
    if (bytes_.size() - walked_ < header + length) return;
    if (type == handshake_type) {
      walk_handshake(r + header, length);
      if (not_tls_) return;
    }
    if (type == alert_type) {
      // RFC 5246 §7.2: level(1) description(1); 2 is fatal; close_notify (0) ends it too.
      for (std::size_t i = 0; i + 1 < length; i += 2) {
        const wire::Alert a{r[header + i], r[header + i + 1]};
        if (a.level == 2 || a.description == 0) {
          alert_ = a;
          return;
        }
      }
    }
    walked_ += header + length;
  }
}

// RFC 8446 4 handshake header: type(1) length(3), the body following over as many records as
// it takes; headers themselves may be split between records.
void RecordWatch::walk_handshake(const std::uint8_t* body, std::size_t length) {
  std::size_t i = 0;
  while (i < length) {
    if (message_left_ > 0) {
      const std::size_t take = std::min(message_left_, length - i);
      message_left_ -= take;
      i += take;
      continue;
    }
    message_header_.push_back(body[i++]);
    if (message_header_.size() < 4) continue;
    const std::size_t declared = std::size_t{message_header_[1]} << 16 | std::size_t{message_header_[2]} << 8 |
                                 message_header_[3];
    const unsigned type = message_header_[0];
    message_header_.clear();
    if (declared > max_handshake_message) {
      oversized_ = true;
      not_tls_ = "the server declared a " + std::to_string(declared) + "-byte handshake message (type " +
                 std::to_string(type) + "), far beyond any real one";
      return;
    }
    message_left_ = declared;
  }
}

}  // namespace tlsprobe::schannel
