#include "wire/reply_reader.hpp"

namespace tlsprobe::wire {

ReplyReader::ReplyReader() : result_(parse_reply({})), parses_(1) {}

const ReplyResult& ReplyReader::feed(std::span<const std::uint8_t> chunk) {
  received_.insert(received_.end(), chunk.begin(), chunk.end());
  if (const auto* more = std::get_if<NeedMore>(&result_); more != nullptr && received_.size() >= more->at_least) {
    result_ = parse_reply(received_);
    ++parses_;
  }
  return result_;
}

}  // namespace tlsprobe::wire
