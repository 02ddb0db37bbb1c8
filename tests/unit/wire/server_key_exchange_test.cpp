#include "wire/server_key_exchange.hpp"

#include <doctest/doctest.h>

#include <vector>

namespace tlsprobe::wire {
namespace {

using Bytes = std::vector<std::uint8_t>;

// Reserved first: GCC 12's -Warray-bounds misreads an insert into a vector built from a
// short initializer list (a false positive in Release builds).
Bytes message(std::uint8_t type, const Bytes& body) {
  Bytes out;
  out.reserve(4 + body.size());
  for (const int shift : {-1, 16, 8, 0})
    out.push_back(shift < 0 ? type : static_cast<std::uint8_t>(body.size() >> shift));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes record(std::uint8_t type, const Bytes& body) {
  Bytes out;
  out.reserve(5 + body.size());
  for (const std::uint8_t b : {type, std::uint8_t{0x03}, std::uint8_t{0x03}, static_cast<std::uint8_t>(body.size() >> 8),
                               static_cast<std::uint8_t>(body.size())})
    out.push_back(b);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes join(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// ServerHello (its body does not matter here), a 3,000-byte Certificate, then an ECDHE
// ServerKeyExchange for secp384r1: curve_type 3, NamedCurve 0x0018, a point, a signature.
const Bytes hello = message(2, Bytes(70, 0));
const Bytes certificate = message(11, Bytes(3000, 0x30));
const Bytes ske = message(12, join({{3, 0x00, 0x18, 4}, Bytes(4, 0x04), {0x04, 0x01, 0, 2, 0xAA, 0xBB}}));
const Bytes done = message(14, {});

TEST_CASE("ECDHE ServerKeyExchange: the named curve, across records, at any cut") {
  const Bytes first = join({hello, certificate});
  // The certificate runs over two records, the key exchange and ServerHelloDone in a third.
  const Bytes reply = join({record(22, Bytes(first.begin(), first.begin() + 2000)),
                            record(22, Bytes(first.begin() + 2000, first.end())), record(22, join({ske, done}))});
  const auto whole = server_kex_curve(reply);
  CHECK(whole.decided);
  CHECK(whole.curve == 0x0018);
  // Every prefix short of the key exchange's end is undecided; from there on, decided the same way.
  const std::size_t ske_end = reply.size() - done.size();
  for (std::size_t n = 0; n <= reply.size(); n += 97) {
    CAPTURE(n);
    const auto part = server_kex_curve(std::span(reply).first(n));
    if (n < ske_end) {
      CHECK_FALSE(part.decided);
    } else {
      CHECK(part.curve == 0x0018);
    }
  }
}

TEST_CASE("no curve: RSA key exchange, DHE parameters, an alert, anything else") {
  // ServerHelloDone straight after the certificate: RSA key exchange.
  CHECK(server_kex_curve(record(22, join({hello, certificate, done}))).decided);
  CHECK_FALSE(server_kex_curve(record(22, join({hello, certificate, done}))).curve);
  // DHE: the ServerKeyExchange starts with dh_p, not curve_type 3.
  const auto dhe = server_kex_curve(record(22, join({hello, message(12, {0x01, 0x00, 0xFF}), done})));
  CHECK(dhe.decided);
  CHECK_FALSE(dhe.curve);
  const auto alert = server_kex_curve(join({record(22, hello), record(21, {2, 40})}));
  CHECK(alert.decided);
  CHECK_FALSE(alert.curve);
  CHECK_FALSE(server_kex_curve({}).decided);
}

}  // namespace
}  // namespace tlsprobe::wire
