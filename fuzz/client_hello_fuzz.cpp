// libFuzzer target for the ClientHello reader and the fingerprints built on it: whatever bytes
// a stack (or a hostile test) hands over, the reader must not crash, must explain every
// refusal, must read the same hello however its records are cut, and the fingerprints of
// what it read must have their documented shape.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "contract.hpp"
#include "wire/client_hello_reader.hpp"
#include "wire/fingerprint.hpp"

namespace {

using tlsprobe::fuzz::require;
namespace wire = tlsprobe::wire;

// The handshake message in records of at most `piece` bytes each.
std::vector<std::uint8_t> in_records(std::span<const std::uint8_t> message, std::size_t piece) {
  std::vector<std::uint8_t> out;
  for (std::size_t at = 0; at < message.size(); at += piece) {
    const std::size_t n = std::min(piece, message.size() - at);
    out.insert(out.end(), {0x16, 0x03, 0x01, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)});
    out.insert(out.end(), message.begin() + static_cast<std::ptrdiff_t>(at),
               message.begin() + static_cast<std::ptrdiff_t>(at + n));
  }
  return out;
}

bool digits(const std::string& s, std::size_t at, std::size_t n) {
  for (std::size_t i = at; i < at + n; ++i)
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  const auto parsed = wire::parse_client_hello(bytes);
  require(parsed.hello.has_value() == parsed.problem.empty());
  if (!parsed.hello) return 0;
  const auto& h = *parsed.hello;
  require(!h.cipher_suites.empty() && !h.compression_methods.empty());

  // A bare message: the same hello in one record, and cut into many, reads the same.
  if (!h.record_version) {
    require(h.size <= size);
    const auto message = bytes.first(h.size);
    for (const std::size_t piece : {std::size_t{16384}, std::size_t{1} + size % 97}) {
      const auto again = wire::parse_client_hello(in_records(message, piece));
      require(again.hello.has_value());
      auto same = *again.hello;
      require(same.record_version == 0x0301);
      same.record_version.reset();
      require(same == h);
    }
  }

  // JA4: t, two version characters, d or i, four count digits, two ALPN characters, then two
  // twelve-digit hashes. JA3: five comma-separated fields.
  const auto ja4 = wire::ja4(h);
  require(ja4.size() == 36 && ja4[0] == 't' && (ja4[3] == 'd' || ja4[3] == 'i') && digits(ja4, 4, 4));
  require(ja4[10] == '_' && ja4[23] == '_');
  require(wire::ja4_raw(h).starts_with(ja4.substr(0, 10)));
  const auto ja3 = wire::ja3_text(h);
  std::size_t commas = 0;
  for (const char c : ja3) commas += c == ',';
  require(commas == 4);
  return 0;
}
