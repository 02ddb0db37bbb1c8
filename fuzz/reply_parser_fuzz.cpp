// libFuzzer target for the raw backend's reply parser: whatever a peer sends, parse_reply must
// not crash, must keep its own contract, and must decide every prefix consistently.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <variant>

#include "wire/reply_parser.hpp"
#include "wire/reply_text.hpp"

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  const ReplyResult full = tlsprobe::wire::parse_reply(bytes);
  require(!tlsprobe::wire::describe(full).empty());
  if (const auto* more = std::get_if<NeedMore>(&full)) require(more->at_least > size);
  const bool decided = !tlsprobe::wire::needs_more(full) && size < tlsprobe::wire::max_reply_bytes;
  // Every split point: the bytes as they might have arrived from the first read on.
  for (std::size_t n = 0; n < size; ++n) {
    const ReplyResult part = tlsprobe::wire::parse_reply(bytes.first(n));
    if (const auto* more = std::get_if<NeedMore>(&part)) {
      require(more->at_least > n);
      // at_least is a lower bound: the full input decided, so it cannot ask for more than that.
      if (decided) require(more->at_least <= size);
    } else {
      require(same_verdict(part, full));
    }
  }
  return 0;
}
