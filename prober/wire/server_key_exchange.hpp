#pragma once
// The curve of a TLS 1.0–1.2 ECDHE handshake: below TLS 1.3 the group is not in the
// ServerHello but in the ServerKeyExchange that follows the Certificate (RFC 8422 §5.4:
// ECParameters, curve_type 3 = named_curve, then the NamedCurve). Pure and restartable, as
// the reply parser is: call again with everything received so far.
#include <cstdint>
#include <optional>
#include <span>

namespace tlsprobe::wire {

struct KexCurve {
  // The bytes say all they will: a ServerKeyExchange, a ServerHelloDone before one (no
  // ECDHE), an alert, something that is not a handshake, or the reply cap was reached.
  bool decided = false;
  std::optional<std::uint16_t> curve;  // set for a named_curve ServerKeyExchange
};

// `reply` is what the server sent, from its first record on.
KexCurve server_kex_curve(std::span<const std::uint8_t> reply);

}  // namespace tlsprobe::wire
