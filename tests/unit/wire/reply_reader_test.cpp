#include "wire/reply_reader.hpp"

#include <doctest/doctest.h>

#include "hex.hpp"
#include "recorded_replies.hpp"

namespace tlsprobe::wire {
namespace {

using test::Bytes;

ReplyReader fed(const Bytes& reply, std::size_t piece) {
  ReplyReader reader;
  for (std::size_t at = 0; at < reply.size() && reader.needs_more(); at += piece)
    reader.feed(std::span<const std::uint8_t>(reply).subspan(at, std::min(piece, reply.size() - at)));
  return reader;
}

TEST_CASE("reply reader: one byte at a time decides as the whole reply does, in a few parses") {
  for (const auto text : {recorded::tls1_2_server_hello, recorded::tls1_3_server_hello, recorded::tls1_0_no_extensions}) {
    const Bytes reply = test::hex(text);
    CAPTURE(reply.size());
    const auto trickled = fed(reply, 1);
    CHECK(trickled.result() == parse_reply(reply));
    // Parsed when the record header is in, and when the record is: not once per byte.
    CHECK(trickled.parses() <= 8);
    CHECK(reply.size() > 40);
    const auto whole = fed(reply, reply.size());
    CHECK(whole.result() == trickled.result());
    CHECK(whole.parses() == 2);
  }
}

TEST_CASE("reply reader: a 16 KiB handshake record trickled byte by byte costs a handful of parses") {
  // A handshake record of 16,384 bytes whose first message is a ServerHello claiming it all:
  // the parser needs the whole record before it can decide.
  Bytes reply{0x16, 0x03, 0x03, 0x40, 0x00, 0x02, 0x00, 0x3F, 0xFC};
  reply.resize(5 + 0x4000, 0);
  const auto reader = fed(reply, 1);
  CHECK(reader.received().size() == reply.size());
  CHECK(reader.result() == parse_reply(reply));
  CHECK(reader.parses() <= 6);  // against 16,389 for a parse after every read
}

}  // namespace
}  // namespace tlsprobe::wire
