// libFuzzer target for the raw backend's reply parser: whatever a peer sends, parse_reply must
// not crash, must keep its own contract, and must decide every prefix (a bounded sample of them
// for long inputs) consistently. The same for the TLS 1.2 curve reader (server_kex_curve)
// that reads on past the ServerHello in a curve scan.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <variant>
#include <vector>

#include "wire/reply_parser.hpp"
#include "wire/reply_text.hpp"
#include "wire/server_key_exchange.hpp"

namespace {

using tlsprobe::wire::Garbage;
using tlsprobe::wire::NeedMore;
using tlsprobe::wire::ReplyResult;

void require(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the input that broke the contract
}

// A verdict seen on a prefix must survive more bytes. Garbage reasons may quote more of the
// reply once more has arrived, so for Garbage only the kind must match.
bool same_verdict(const ReplyResult& prefix, const ReplyResult& full) {
  if (std::holds_alternative<Garbage>(prefix)) return std::holds_alternative<Garbage>(full);
  return prefix == full;
}

// Each parse reads the whole prefix, so checking every split point is quadratic: fine up to a
// few KiB, many seconds per input near max_reply_bytes (run.sh lets inputs grow past it, to
// 140,000 bytes, so that the cut-off is exercised). Inputs up to every_point_below bytes get
// every point; longer ones get every point of their first KiB, where nearly every decision
// falls, the points around the cut-off and at the end, fifteen evenly spaced ones, and then
// points their own bytes pick until the bytes parsed reach what every point of an
// every_point_below-byte input costs.
constexpr std::size_t every_point_below = 4096;
constexpr std::size_t parse_budget = every_point_below * every_point_below / 2;

std::vector<std::size_t> split_points(std::span<const std::uint8_t> bytes) {
  const std::size_t size = bytes.size();
  std::vector<std::size_t> points;
  if (size <= every_point_below) {
    for (std::size_t n = 0; n < size; ++n) points.push_back(n);
    return points;
  }
  std::size_t spent = 0;
  const auto add = [&](std::size_t n) {
    points.push_back(n);
    spent += n;
  };
  for (std::size_t n = 0; n < 1024; ++n) add(n);
  constexpr std::size_t cut = tlsprobe::wire::max_reply_bytes;
  for (std::size_t n = cut - 8; n <= cut + 8 && n < size; ++n) add(n);
  for (std::size_t back = 1; back <= 16; ++back) add(size - back);
  for (std::size_t i = 1; i < 16; ++i) add(size * i / 16);
  std::uint64_t h = 0xcbf29ce484222325u;
  for (std::size_t i = 0; spent < parse_budget && i < every_point_below; ++i) {
    h = (h ^ bytes[i * 7919 % size]) * 0x100000001b3u;
    add(static_cast<std::size_t>(h % size));
  }
  return points;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  const ReplyResult full = tlsprobe::wire::parse_reply(bytes);
  require(!tlsprobe::wire::describe(full).empty());
  if (const auto* more = std::get_if<NeedMore>(&full)) require(more->at_least > size);
  const bool decided = !tlsprobe::wire::needs_more(full) && size < tlsprobe::wire::max_reply_bytes;
  // Each split point: the bytes as they might have arrived from the first read on.
  for (const std::size_t n : split_points(bytes)) {
    const ReplyResult part = tlsprobe::wire::parse_reply(bytes.first(n));
    if (const auto* more = std::get_if<NeedMore>(&part)) {
      require(more->at_least > n);
      // at_least is a lower bound: the full input decided, so it cannot ask for more than that.
      if (decided) require(more->at_least <= size);
    } else {
      require(same_verdict(part, full));
    }
    // Once the curve reader decides on a prefix, every longer input decides the same way.
    const auto kex = tlsprobe::wire::server_kex_curve(bytes.first(n));
    if (kex.decided && size < tlsprobe::wire::max_reply_bytes) {
      const auto whole = tlsprobe::wire::server_kex_curve(bytes);
      require(whole.decided && whole.curve == kex.curve);
    }
  }
  return 0;
}
