#include "wire/reply_parser.hpp"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace tlsprobe::wire {
namespace {

// What a server sends first, and how each shape is decided.
//
// TLS record (RFC 5246 §6.2.1, RFC 8446 §5.1); SSL 3.0 has the same header (RFC 6101 §5.2.1):
//
//   offset  0        1        2        3        4        5
//          +--------+--------+--------+--------+--------+--------------------------+
//          |  type  | major  | minor  |   length (BE)   | fragment: length bytes   |
//          +--------+--------+--------+--------+--------+--------------------------+
//   type 21 alert:      level(1) description(1)                     -> Alert (fatal, close_notify)
//   type 22 handshake:  msg_type(1) length(3, BE) body ...          -> ServerHello
//                       one message may span several records, one record may hold several
//                       messages: the handshake fragments are joined into one stream first.
//   ServerHello body:   server_version(2) random(32) session_id<0..32> cipher_suite(2)
//                       compression(1) [extensions<0..2^16-1>]      (RFC 5246 §7.4.1.3)
//
// SSL 2.0 record (draft-hickman-netscape-ssl-00 §B.1), first byte has the top bit set:
//
//   offset  0        1        2        3        4        5 6      7..12
//          +--------+--------+--------+--------+--------+--------+-------------------------------+
//          |1| length (15)   | type=4 |  hit   |certtype|version | cert, specs, conn_id lengths  |
//          +--------+--------+--------+--------+--------+--------+-------------------------------+
//                                                                   -> SslV2ServerHello
// Plaintext HTTP: "HTTP/1.1 400 Bad Request\r\n..."                 -> HttpAnswer
// Anything else, or lengths that do not hold together                -> Garbage
constexpr std::uint8_t content_ccs = 20;
constexpr std::uint8_t content_alert = 21;
constexpr std::uint8_t content_handshake = 22;
constexpr std::uint8_t content_application_data = 23;
constexpr std::uint8_t content_heartbeat = 24;  // RFC 6520
constexpr std::size_t record_header = 5;
// RFC 5246 §6.2.3: the most any record may carry (ciphertext); plaintext is at most 2^14.
constexpr std::size_t max_record_body = (std::size_t{1} << 14) + 2048;
constexpr std::size_t handshake_header = 4;
constexpr std::uint8_t hello_request_type = 0;  // RFC 5246 §7.4.1.1: may come any time; ignored
constexpr std::uint8_t server_hello_type = 2;
// RFC 5246 §7.4.1.3: version + random + session_id length + cipher + compression.
constexpr std::size_t min_server_hello_body = 2 + 32 + 1 + 2 + 1;
constexpr std::size_t max_server_hello_body = min_server_hello_body + 32 + 2 + 0xFFFF;
constexpr std::size_t max_status_line = 256;
constexpr std::string_view http_prefix = "HTTP/";

std::string hex(unsigned value, int digits) {
  static constexpr std::string_view nibbles = "0123456789ABCDEF";
  std::string out = "0x";
  for (int i = digits - 1; i >= 0; --i) out += nibbles[(value >> (4 * i)) & 0xF];
  return out;
}

// What the first bytes look like, for a reason a person can act on ("SSH-2.0-...").
std::string preview(std::span<const std::uint8_t> bytes) {
  std::string out;
  for (const auto b : bytes.first(std::min<std::size_t>(bytes.size(), 24)))
    out += (b >= 0x20 && b < 0x7F) ? static_cast<char>(b) : '.';
  return out;
}

ReplyResult need(std::size_t at_least, std::optional<Alert> warning = {}) {
  return NeedMore{at_least, warning};
}
ReplyResult garbage(std::string reason) { return Garbage{std::move(reason)}; }

ReplyResult parse_http(std::span<const std::uint8_t> in) {
  const auto window = in.first(std::min(in.size(), max_status_line));
  const auto eol = std::find(window.begin(), window.end(), std::uint8_t{'\n'});
  if (eol == window.end() && window.size() < max_status_line) return need(in.size() + 1);
  std::string line;
  for (auto it = window.begin(); it != eol; ++it) line += (*it >= 0x20 && *it < 0x7F) ? static_cast<char>(*it) : '?';
  if (eol != window.end() && !line.empty() && line.back() == '?' && *(eol - 1) == '\r') line.pop_back();
  return HttpAnswer{line};
}

ReplyResult parse_sslv2(std::span<const std::uint8_t> in) {
  // draft-hickman-netscape-ssl-00 §B.1: a two-byte header when the top bit is set.
  constexpr std::size_t header = 2, hello_fixed = 11;
  if (in.size() < header + 1) return need(header + 1);
  const std::size_t length = std::size_t{in[0] & 0x7Fu} << 8 | in[1];
  const std::uint8_t type = in[2];
  if (type == 0) {  // ERROR: msg_type(1) error_code(2)
    if (length != 3) return garbage("SSL 2.0 ERROR record of length " + std::to_string(length));
    if (in.size() < header + 3) return need(header + 3);
    return garbage("SSL 2.0 ERROR message, code " + hex(unsigned{in[3]} << 8 | in[4], 4));
  }
  if (type != 4) return garbage("not TLS: first bytes " + hex(in[0], 2) + " " + hex(in[1], 2) + " " + hex(type, 2));
  if (length < hello_fixed) return garbage("SSL 2.0 SERVER-HELLO record shorter than its header");
  if (in.size() < header + hello_fixed) return need(header + hello_fixed);
  const auto u16 = [&](std::size_t at) { return static_cast<std::uint16_t>(in[at] << 8 | in[at + 1]); };
  const std::uint16_t version = u16(5);
  const std::size_t declared = hello_fixed + std::size_t{u16(7)} + u16(9) + u16(11);
  if (declared != length) return garbage("SSL 2.0 SERVER-HELLO lengths do not add up to its record");
  if (version != 0x0002) return garbage("SSL 2.0 SERVER-HELLO with version " + hex(version, 4));
  return SslV2ServerHello{version};
}

// The handshake stream reassembled from consecutive handshake records.
class HandshakeStream {
 public:
  // Appends a fragment; returns a verdict, or nothing while more bytes are needed.
  std::optional<ReplyResult> add(std::span<const std::uint8_t> fragment) {
    bytes_.insert(bytes_.end(), fragment.begin(), fragment.end());
    // wanted_ >= consumed_ + handshake_header always: a whole header is here inside the loop.
    while (bytes_.size() >= wanted_) {
      const std::span<const std::uint8_t> rest = std::span(bytes_).subspan(consumed_);
      const std::uint8_t type = rest[0];
      const std::size_t length = std::size_t{rest[1]} << 16 | std::size_t{rest[2]} << 8 | rest[3];
      if (type == hello_request_type && length == 0) {
        consumed_ += handshake_header;
        wanted_ = consumed_ + handshake_header;
        continue;
      }
      if (type != server_hello_type)
        return garbage("handshake message type " + std::to_string(type) + " where a ServerHello belongs");
      if (length < min_server_hello_body || length > max_server_hello_body)
        return garbage("ServerHello length " + std::to_string(length) + " is impossible");
      if (rest.size() < handshake_header + length) {
        wanted_ = consumed_ + handshake_header + length;
        continue;
      }
      auto parsed = parse_server_hello_explained(rest.first(handshake_header + length));
      if (!parsed.hello) return garbage(std::string(parsed.problem));
      return *parsed.hello;
    }
    return std::nullopt;
  }
  // Handshake bytes still needed before the next decision.
  std::size_t missing() const { return wanted_ - bytes_.size(); }
  // RFC 8446 §5.1: nothing may come between the records of one split message.
  bool inside_message() const { return bytes_.size() > consumed_; }

 private:
  std::vector<std::uint8_t> bytes_;
  std::size_t consumed_ = 0;                // HelloRequests skipped
  std::size_t wanted_ = handshake_header;  // decide again once this many bytes are here
};

std::string_view content_name(std::uint8_t type) {
  switch (type) {
    case content_ccs: return "ChangeCipherSpec";
    case content_application_data: return "application data";
    case content_heartbeat: return "heartbeat";
    default: return "unknown";
  }
}

ReplyResult parse_records(std::span<const std::uint8_t> in) {
  HandshakeStream handshake;
  std::optional<Alert> warning;
  std::size_t pos = 0;
  for (;;) {
    if (in.size() - pos < record_header) return need(pos + record_header, warning);
    const std::uint8_t type = in[pos];
    const std::uint16_t version = static_cast<std::uint16_t>(in[pos + 1] << 8 | in[pos + 2]);
    const std::size_t length = std::size_t{in[pos + 3]} << 8 | in[pos + 4];
    const auto malformed = [pos](std::string reason) {
      return garbage(std::move(reason) + " at byte " + std::to_string(pos));
    };
    if (type < content_ccs || type > content_heartbeat)
      return malformed("record content type " + std::to_string(type));
    // SSL 3.0 through TLS 1.3 records all say 3.x (RFC 8446 §5.1 keeps 0x0303).
    if ((version >> 8) != 3 || (version & 0xFF) > 4) return malformed("record version " + hex(version, 4));
    if (length > max_record_body) return malformed("record length " + std::to_string(length) + " over 2^14+2048");
    // RFC 5246 §6.2.1: no zero-length handshake, alert or ChangeCipherSpec fragments.
    if (length == 0) return malformed("empty record");
    const std::size_t body_start = pos + record_header;
    const std::size_t available = std::min(length, in.size() - body_start);
    const auto body = in.subspan(body_start, available);
    if (type == content_alert) {
      if (handshake.inside_message()) return malformed("alert between the records of a split handshake message");
      // An alert is 2 bytes; TLS 1.2 lets a record hold several (RFC 8446 §5.1 no longer does).
      if (length % 2 != 0) return malformed("alert record of odd length " + std::to_string(length));
      for (std::size_t i = 0; i < length; i += 2) {
        if (available < i + 2) return need(body_start + i + 2, warning);
        const Alert alert{body[i], body[i + 1]};
        if (alert.level != 1 && alert.level != 2) return malformed("alert level " + std::to_string(alert.level));
        // RFC 5246 §7.2.2: a fatal alert ends the connection; so does close_notify (§7.2.1).
        if (alert.level == 2 || alert.description == 0) return alert;
        warning = alert;
      }
    } else if (type == content_handshake) {
      if (auto verdict = handshake.add(body)) return std::move(*verdict);
      if (available < length) return need(in.size() + std::min(handshake.missing(), length - available), warning);
    } else {
      return malformed(std::string(content_name(type)) + " record before the ServerHello");
    }
    if (available < length) return need(body_start + length, warning);
    pos = body_start + length;
  }
}

ReplyResult sniff(std::span<const std::uint8_t> in) {
  if (in.empty()) return need(1);
  const std::uint8_t first = in[0];
  if (first >= content_ccs && first <= content_heartbeat) return parse_records(in);
  if (first & 0x80) return parse_sslv2(in);
  const std::size_t compared = std::min(in.size(), http_prefix.size());
  if (std::equal(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(compared), http_prefix.begin())) {
    if (compared < http_prefix.size()) return need(in.size() + 1);  // the next byte may already differ
    return parse_http(in);
  }
  return garbage("not TLS: reply starts with " + hex(first, 2) + " \"" + preview(in) + "\"");
}

}  // namespace

ReplyResult parse_reply(std::span<const std::uint8_t> received) {
  ReplyResult result = sniff(received.first(std::min(received.size(), max_reply_bytes)));
  if (needs_more(result) && received.size() >= max_reply_bytes)
    return garbage("no ServerHello within the first " + std::to_string(max_reply_bytes) + " bytes");
  return result;
}

}  // namespace tlsprobe::wire
