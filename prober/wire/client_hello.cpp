#include "wire/client_hello.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <string_view>

#include "core/client_hello_info.hpp"
#include "core/target.hpp"
#include "wire/bytes.hpp"
#include "wire/cipher_names.hpp"
#include "wire/hello_profile.hpp"

namespace tlsprobe::wire {
namespace {

constexpr std::uint8_t content_handshake = 22;  // RFC 5246 §6.2.1
constexpr std::uint8_t client_hello_type = 1;   // RFC 5246 §7.4
constexpr std::size_t max_dns_name = 253;       // RFC 1035 §2.3.4, without the trailing dot

// RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName." Wider than
// core's is_ip_literal on purpose: a name of digits and dots only cannot be a DNS name either
// (no all-numeric TLD, RFC 3696 §2), and nothing with a ':' is one (a zone id, a typo).
bool not_a_dns_name(std::string_view name) {
  if (is_ip_literal(name) || name.find(':') != std::string_view::npos) return true;
  return std::all_of(name.begin(), name.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::string_view server_name_of(std::string_view sni) {
  if (!sni.empty() && sni.back() == '.') sni.remove_suffix(1);
  if (sni.size() > max_dns_name)
    throw std::invalid_argument("server name longer than 253 characters: " + std::string(sni.substr(0, 40)) + "...");
  if (sni.empty() || not_a_dns_name(sni)) return {};
  return sni;
}

// An extension: type(2) | length(2) | body; `body` writes the body.
template <typename Body>
void extension(Writer& w, std::uint16_t type, Body&& body) {
  w.u16(type);
  const std::size_t at = w.open(2);
  body();
  w.close(at, 2);
}

void u16_list(Writer& w, std::size_t prefix_width, std::span<const std::uint16_t> values) {
  const std::size_t at = w.open(prefix_width);
  for (const auto v : values) w.u16(v);
  w.close(at, prefix_width);
}

// `body_start`: where the ClientHello body begins, for the length quirk of scan hellos.
void write_extensions(Writer& w, const HelloProfile& p, const HelloOptions& o, std::string_view name,
                      std::size_t body_start) {
  const std::size_t block = w.open(2);
  if (!name.empty()) {
    extension(w, ext::server_name, [&] {
      const std::size_t list = w.open(2);  // ServerNameList
      w.u8(0);                             // NameType host_name
      const std::size_t host = w.open(2);
      for (const char c : name) w.u8(static_cast<std::uint8_t>(c));
      w.close(host, 2);
      w.close(list, 2);
    });
  }
  if (!p.tls13) {
    // RFC 8422 §5.1.2: uncompressed only; RFC 8422 §5.1 wants it beside supported_groups.
    extension(w, ext::ec_point_formats, [&] {
      w.u8(1);
      w.u8(0);
    });
  }
  extension(w, ext::supported_groups, [&] {
    if (o.groups.empty())
      u16_list(w, 2, p.groups);
    else
      u16_list(w, 2, o.groups);
  });
  if (!p.signature_algorithms.empty())
    extension(w, ext::signature_algorithms, [&] { u16_list(w, 2, p.signature_algorithms); });
  if (p.tls13) {
    // RFC 8446 §4.2.1: offering 0x0304 alone; a 1.3 server must pick it or refuse.
    extension(w, ext::supported_versions, [&] {
      w.u8(2);
      w.u16(wire_version(Version::tls1_3));
    });
    extension(w, ext::psk_key_exchange_modes, [&] {
      w.u8(1);
      w.u8(1);  // psk_dhe_ke (RFC 8446 §4.2.9)
    });
    const bool x25519_offered =
        o.groups.empty() || std::find(o.groups.begin(), o.groups.end(), group_x25519) != o.groups.end();
    extension(w, ext::key_share, [&] {
      const std::size_t shares = w.open(2);
      if (!x25519_offered) {
        w.close(shares, 2);
        return;
      }
      w.u16(group_x25519);
      const std::size_t key = w.open(2);
      auto share = o.x25519_public;
      share[31] &= 0x7F;  // RFC 7748 §5: the top bit is masked by receivers anyway
      w.bytes(share);
      w.close(key, 2);
      w.close(shares, 2);
    });
  } else {
    // RFC 5746 §3.4: the empty extension on an initial handshake (instead of the SCSV).
    extension(w, ext::renegotiation_info, [&] { w.u8(0); });
  }
  if (o.large) {
    // RFC 7685 §3: zero bytes, sized so the whole record is large_hello_bytes long. Never an
    // empty padding extension: some servers reject an empty last extension (BoringSSL notes
    // WebSphere 7).
    const std::size_t so_far = w.size() + 4;  // the record so far plus the padding header
    if (so_far < large_hello_bytes) extension(w, ext::padding, [&] { w.zeros(large_hello_bytes - so_far); });
  } else if (!o.suites.empty()) {
    // Scan hellos offer up to a hundred suites and land anywhere in length. Between 256 and
    // 511 bytes they are padded to 512, as BoringSSL and OpenSSL pad theirs (the F5 hang
    // above); elsewhere one padding byte moves a length_quirk() length off.
    const std::size_t length = w.size() - body_start + 4;  // with the padding extension's header
    if (length > 0xFF && length < 0x200)
      extension(w, ext::padding, [&] { w.zeros(0x200 - length); });
    else if (length_quirk(length - 4))
      extension(w, ext::padding, [&] { w.u8(0); });  // five bytes more: 10 -> 15, 14 -> 19
  }
  w.close(block, 2);
}

}  // namespace

std::vector<std::uint8_t> build_client_hello(const HelloOptions& o) {
  //  record:    type(1)=22 | version(2) | length(2)                      RFC 5246 §6.2.1
  //  handshake: msg_type(1)=1 | length(3)                                RFC 5246 §7.4
  //  hello:     client_version(2) | random(32) | session_id<0..32>
  //             | cipher_suites<2..2^16-2> | compression_methods<1..2^8-1>
  //             | extensions<0..2^16-1> (absent for SSL 3.0)            RFC 5246 §7.4.1.2
  const HelloProfile& p = hello_profile(o.version);
  const std::string_view name = server_name_of(o.sni);  // checked for every version alike
  Writer w;
  w.u8(content_handshake);
  w.u16(p.record_version);
  const std::size_t record = w.open(2);
  w.u8(client_hello_type);
  const std::size_t message = w.open(3);
  w.u16(p.client_version);
  w.bytes(o.random);
  if (p.tls13) {
    w.u8(static_cast<std::uint8_t>(o.session_id.size()));
    w.bytes(o.session_id);
  } else {
    w.u8(0);
  }
  if (o.suites.empty()) {
    u16_list(w, 2, p.cipher_suites);
  } else {
    if (o.suites.size() > max_offered_suites)
      throw std::invalid_argument("more than " + std::to_string(max_offered_suites) + " cipher suites");
    std::vector<std::uint16_t> suites = o.suites;
    if (!p.extensions) suites.push_back(scsv_empty_renegotiation_info);  // RFC 5746 §3.3: SSL 3.0's only way
    u16_list(w, 2, suites);
  }
  w.u8(1);  // compression_methods: null only (RFC 8446 §4.1.2 requires exactly this)
  w.u8(0);
  if (p.extensions) write_extensions(w, p, o, name, message + 3);
  w.close(message, 3);
  w.close(record, 2);
  return w.take();
}

std::vector<std::uint16_t> scan_suites(Version v) {
  const auto tls13 = [](std::uint16_t s) { return (s >> 8) == 0x13; };
  // RFC 5246 introduced AEAD (GCM, CCM, ChaCha20) and SHA-256/384 suites; their names say so.
  const auto tls12_only = [](std::uint16_t s) {
    const std::string name = cipher_name(s);
    for (const char* mark : {"_GCM_", "_CCM", "CHACHA20", "_SHA256", "_SHA384"})
      if (name.find(mark) != std::string::npos) return true;
    return false;
  };
  std::vector<std::uint16_t> out;
  for (const auto s : named_suites()) {
    if (is_signalling_suite(s) || (v == Version::tls1_3) != tls13(s)) continue;
    if (v < Version::tls1_2 && tls12_only(s)) continue;
    out.push_back(s);
  }
  return out;
}

std::vector<std::uint16_t> scan_groups(Version v) {
  // TLS 1.2: the ECDHE curves RFC 8422 §5.1.1 names (secp256r1, secp384r1, secp521r1, x25519,
  // x448), read back from the ServerKeyExchange of an ECDHE-only hello.
  if (v == Version::tls1_2) return {0x0017, 0x0018, 0x0019, 0x001D, 0x001E};
  if (v != Version::tls1_3) return {};
  // x25519, secp256r1, secp384r1, secp521r1, x448, ffdhe2048 ... ffdhe8192
  return {0x001D, 0x0017, 0x0018, 0x0019, 0x001E, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104};
}

std::vector<std::uint16_t> ecdhe_scan_suites(Version v) {
  std::vector<std::uint16_t> out;
  for (const auto s : scan_suites(v))
    if (cipher_name(s).starts_with("TLS_ECDHE_")) out.push_back(s);
  return out;
}

void randomize(HelloOptions& options) {
  // Seeded once per thread from std::random_device (a getrandom call each time it is asked);
  // nothing here is a secret: the handshake is never finished, and the x25519 "share" is only
  // bytes a server has to accept as a point.
  thread_local std::mt19937_64 engine{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }()};
  for (auto* field : {&options.random, &options.session_id, &options.x25519_public})
    for (std::size_t i = 0; i < field->size(); i += 8) {
      const std::uint64_t word = engine();
      for (std::size_t k = 0; k < 8 && i + k < field->size(); ++k) (*field)[i + k] = static_cast<std::uint8_t>(word >> (8 * k));
    }
}

}  // namespace tlsprobe::wire
