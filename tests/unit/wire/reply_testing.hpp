#pragma once
// Shared helpers of the reply parser tests: printing verdicts, re-splitting recorded replies.
#include <algorithm>
#include <doctest/doctest.h>

#include <initializer_list>
#include <span>
#include <string>

#include "hex.hpp"
#include "wire/reply_parser.hpp"
#include "wire/reply_text.hpp"

namespace doctest {
template <>
struct StringMaker<tlsprobe::wire::ReplyResult> {
  static String convert(const tlsprobe::wire::ReplyResult& r) { return tlsprobe::wire::describe(r).c_str(); }
};
}  // namespace doctest

namespace tlsprobe::wire::test {

inline ReplyResult parse(const Bytes& b) { return parse_reply(b); }

// The body of the first record.
inline Bytes first_record_body(const Bytes& reply) {
  const std::size_t length = std::size_t{reply.at(3)} << 8 | reply.at(4);
  return Bytes(reply.begin() + 5, reply.begin() + 5 + static_cast<std::ptrdiff_t>(length));
}

// Everything after the first record.
inline Bytes after_first_record(const Bytes& reply) {
  const std::size_t length = std::size_t{reply.at(3)} << 8 | reply.at(4);
  return Bytes(reply.begin() + 5 + static_cast<std::ptrdiff_t>(length), reply.end());
}

inline Bytes record(std::uint8_t type, const Bytes& body, std::uint16_t version = 0x0303) {
  // Sized first and filled in place: GCC 12 at -O3 takes growing a 5-byte vector by insert()
  // for an out-of-bounds memcpy (a -Warray-bounds false positive).
  Bytes out(5 + body.size());
  out[0] = type;
  out[1] = static_cast<std::uint8_t>(version >> 8);
  out[2] = static_cast<std::uint8_t>(version);
  out[3] = static_cast<std::uint8_t>(body.size() >> 8);
  out[4] = static_cast<std::uint8_t>(body.size());
  std::copy(body.begin(), body.end(), out.begin() + 5);
  return out;
}

// `payload` as consecutive handshake records of the given sizes; the last takes the rest.
inline Bytes handshake_records(const Bytes& payload, std::initializer_list<std::size_t> sizes) {
  Bytes out;
  std::size_t at = 0;
  for (const std::size_t n : sizes) {
    const std::size_t take = std::min(n, payload.size() - at);
    out = cat({out, record(22, Bytes(payload.begin() + static_cast<std::ptrdiff_t>(at),
                                     payload.begin() + static_cast<std::ptrdiff_t>(at + take)))});
    at += take;
  }
  if (at < payload.size())
    out = cat({out, record(22, Bytes(payload.begin() + static_cast<std::ptrdiff_t>(at), payload.end()))});
  return out;
}

// Every proper prefix must wait (asking for more than it has) or already give the final
// verdict: never a crash, never a different answer, never an early acceptance.
inline void check_every_prefix(const Bytes& reply) {
  const ReplyResult full = parse_reply(reply);
  REQUIRE_FALSE(needs_more(full));
  for (std::size_t n = 0; n < reply.size(); ++n) {
    CAPTURE(n);
    const ReplyResult r = parse_reply(std::span(reply).first(n));
    if (const auto* more = std::get_if<NeedMore>(&r)) {
      CHECK(more->at_least > n);
      CHECK(more->at_least <= reply.size());
    } else {
      CHECK(r == full);
    }
  }
}

}  // namespace tlsprobe::wire::test
