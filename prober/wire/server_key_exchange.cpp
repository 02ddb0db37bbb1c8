#include "wire/server_key_exchange.hpp"

#include <vector>

#include "wire/bytes.hpp"
#include "wire/reply_parser.hpp"

namespace tlsprobe::wire {
namespace {

constexpr std::uint8_t handshake_record = 22;
constexpr std::uint8_t server_key_exchange = 12;
constexpr std::uint8_t server_hello_done = 14;
constexpr std::uint8_t named_curve = 3;

}  // namespace

KexCurve server_kex_curve(std::span<const std::uint8_t> reply) {
  const KexCurve decided_none{true, std::nullopt};
  if (reply.size() >= max_reply_bytes) return decided_none;
  // The handshake messages may span records (a certificate chain does): join the bodies of
  // the whole handshake records first. Before ChangeCipherSpec every record is plaintext.
  std::vector<std::uint8_t> messages;
  bool ended = false;  // a record that is not a handshake: an alert, or anything else
  Reader records(reply);
  while (!ended && records.left() >= 5) {
    std::uint8_t type = 0;
    std::uint16_t version = 0, length = 0;
    std::span<const std::uint8_t> body;
    records.u8(type);
    records.u16(version);
    records.u16(length);
    if (type != handshake_record) {
      ended = true;
      break;
    }
    if (!records.take(length, body)) break;  // the rest of this record is still on its way
    messages.insert(messages.end(), body.begin(), body.end());
  }
  Reader r(messages);
  while (r.left() >= 4) {
    std::uint8_t type = 0;
    std::uint32_t length = 0;
    std::span<const std::uint8_t> body;
    r.u8(type);
    r.u24(length);
    // What the handshake records hold decides first, whatever follows them.
    if (!r.take(length, body)) return ended ? decided_none : KexCurve{};
    if (type == server_hello_done) return decided_none;
    if (type != server_key_exchange) continue;
    if (body.size() >= 3 && body[0] == named_curve)
      return {true, static_cast<std::uint16_t>(body[1] << 8 | body[2])};
    return decided_none;  // DHE parameters, or explicit curves (deprecated by RFC 8422)
  }
  return ended ? decided_none : KexCurve{};
}

}  // namespace tlsprobe::wire
