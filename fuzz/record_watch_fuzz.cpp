// libFuzzer target for the SChannel backend's RecordWatch: whatever a server sends, and however
// the network cuts it into reads, the watch must not crash, must say the same thing about the
// same bytes, and must agree with the wire parser it is built on.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>

#include "backends/schannel/record_watch.hpp"
#include "contract.hpp"
#include "split_plan.hpp"
#include "wire/reply_parser.hpp"

namespace {

using tlsprobe::schannel::RecordWatch;
namespace wire = tlsprobe::wire;
namespace fuzz = tlsprobe::fuzz;

using tlsprobe::fuzz::require;

// What the watch tells its caller once every byte has been added.
struct Seen {
  std::size_t received = 0;
  std::optional<wire::ServerHello> server_hello;
  std::optional<wire::Alert> alert;
  std::optional<std::string> not_tls;
  bool oversized = false;
};

Seen watch(std::span<const std::uint8_t> bytes, const fuzz::Plan& plan) {
  RecordWatch w;
  bool had_hello = false, had_alert = false, had_not_tls = false;
  fuzz::feed_pieces(bytes, plan, [&](std::span<const std::uint8_t> piece) {
    w.add(piece);
    // What the watch has said it never takes back: the caller may already have acted on it.
    require(!had_hello || w.server_hello().has_value());
    require(!had_alert || w.alert().has_value());
    require(!had_not_tls || w.not_tls().has_value());
    had_hello = w.server_hello().has_value();
    had_alert = w.alert().has_value();
    had_not_tls = w.not_tls().has_value();
  });
  return {w.received(), w.server_hello(), w.alert(), w.not_tls(), w.oversized()};
}

// Everything the watch reports, its words on a non-TLS reply included (described from all
// the bytes kept, not from the prefix that decided), is the same however the bytes were cut.
bool same(const Seen& a, const Seen& b) {
  return a.received == b.received && a.server_hello == b.server_hello && a.alert == b.alert &&
         a.not_tls == b.not_tls && a.oversized == b.oversized;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  const Seen whole = watch(bytes, fuzz::whole_plan(size));
  require(whole.received == size);
  require(!whole.not_tls || !whole.not_tls->empty());
  require(!whole.oversized || whole.not_tls);  // not_tls() says which message it was

  // The watch reparses everything kept on each add until the reply decides, so single bytes
  // only for a short head, and a bounded number of pieces for the rest.
  require(same(watch(bytes, fuzz::fine_plan(size, 512)), whole));
  require(same(watch(bytes, fuzz::hashed_plan(bytes, 64)), whole));

  // The watch reads the first answer through wire::parse_reply and must say what it says; it
  // calls a TLS reply not TLS only for a handshake message it finds oversized later on.
  const wire::ReplyResult reply = wire::parse_reply(bytes);
  const bool not_tls_only_if_oversized = !whole.not_tls || whole.oversized;
  if (const auto* hello = std::get_if<wire::ServerHello>(&reply)) {
    require(whole.server_hello == *hello && not_tls_only_if_oversized);
  } else if (const auto* alert = std::get_if<wire::Alert>(&reply)) {
    // The parser decides on an alert's two bytes; the watch reads whole records only.
    require(!whole.server_hello && not_tls_only_if_oversized && (!whole.alert || *whole.alert == *alert));
  } else if (wire::needs_more(reply)) {
    require(!whole.server_hello && !whole.alert && not_tls_only_if_oversized);
  } else {
    require(!whole.server_hello && whole.not_tls);
  }
  return 0;
}
