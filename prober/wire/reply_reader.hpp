#pragma once
// The reply parser fed read by read. parse_reply reads everything received so far, so calling
// it after every read costs O(n²) against a peer that trickles one byte at a time; its
// NeedMore::at_least says how many bytes must be in before the answer can change, and until
// then nothing is parsed again. A reply then costs one parse per record boundary it crosses,
// whatever the reads' sizes.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "wire/reply_parser.hpp"

namespace tlsprobe::wire {

class ReplyReader {
 public:
  ReplyReader();
  // Appends what one read returned and parses again when the bytes can now decide.
  const ReplyResult& feed(std::span<const std::uint8_t> chunk);

  const ReplyResult& result() const { return result_; }
  bool needs_more() const { return wire::needs_more(result_); }
  const std::vector<std::uint8_t>& received() const { return received_; }
  std::size_t parses() const { return parses_; }  // calls of parse_reply so far

 private:
  std::vector<std::uint8_t> received_;
  ReplyResult result_;
  std::size_t parses_ = 0;
};

}  // namespace tlsprobe::wire
