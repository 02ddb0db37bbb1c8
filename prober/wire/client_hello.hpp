#pragma once
// A ClientHello for one forced version, as a whole TLS record ready for the socket.
//
// Forced version: the hello offers nothing above the forced version, so a compliant server
// answers with exactly that version, refuses, or (if it only speaks older versions) answers
// lower, which the backend reports as a version mismatch. It never carries
// TLS_FALLBACK_SCSV (RFC 7507): we are not falling back, and a server that also speaks newer
// versions would answer alert 86 instead of showing whether it accepts the forced one.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/version.hpp"

namespace tlsprobe::wire {

struct HelloOptions {
  Version version = Version::tls1_2;
  // Host name for server_name (RFC 6066 §3). Empty or an IP literal: no server_name, as the
  // RFC forbids literal addresses. One trailing dot is dropped. At most 253 characters.
  std::string sni;
  // Pad to `large_hello_bytes` with the padding extension (RFC 7685). SSL 3.0 has no
  // extensions and is never padded.
  bool large = false;
  // The caller supplies every random input, so the builder is a pure function.
  std::array<std::uint8_t, 32> random{};
  // TLS 1.3 only: legacy_session_id, 32 bytes as in middlebox compatibility mode (RFC 8446 §D.4).
  // Older versions send an empty session id (a new session).
  std::array<std::uint8_t, 32> session_id{};
  // TLS 1.3 only: the x25519 key_share public value (RFC 8446 §4.2.8.2). Any 32 random bytes
  // serve, since we never finish the handshake and X25519 accepts every u-coordinate
  // (RFC 7748 §5); the top bit is cleared to keep the encoding canonical. Must not be all
  // zero or another low-order point: servers check for those (RFC 7748 §6.1).
  std::array<std::uint8_t, 32> x25519_public{};
  // --ciphers: these suites instead of the profile's (SSL 3.0 keeps its renegotiation SCSV).
  // At most max_offered_suites.
  std::vector<std::uint16_t> suites;
  // --ciphers: these supported_groups instead of the profile's. TLS 1.3 sends its x25519 share
  // only when x25519 is among them, else no share at all (RFC 8446 §4.2.8 allows an empty
  // list): the server then names its choice in a HelloRetryRequest.
  std::vector<std::uint16_t> groups;
};

// wolfSSL refuses a ClientHello with more than 150 cipher suites (WOLFSSL_MAX_SUITE_SZ 300
// bytes); a scan that offers more than that would read wolfSSL's refusal as "no suite".
inline constexpr std::size_t max_offered_suites = 150;

// Some middleboxes reset a ClientHello whose handshake message length, modulo 256, is 10 or
// 14 (lengths a hello of the old fixed shapes never had). Scan hellos shrink by two bytes per
// step and cross every length, so one that would land there gets a padding extension
// (RFC 7685) that moves it off, as one between 256 and 511 bytes is padded to 512 (see
// large_hello_bytes for that range). True for a ClientHello body length to avoid.
constexpr bool length_quirk(std::size_t message_length) {
  return message_length % 256 == 10 || message_length % 256 == 14;
}

// The suites a --ciphers scan offers at `v`: every suite wire/cipher_names knows that the
// version defines (TLS 1.3: its own five; TLS 1.2: all others; TLS 1.0/1.1 and SSL 3.0: none
// of the AEAD or SHA-2 suites TLS 1.2 introduced), never a signalling value.
std::vector<std::uint16_t> scan_suites(Version v);

// The groups a --ciphers scan offers: at TLS 1.3 (RFC 8446 §4.2.7) the ECDHE curves, X25519,
// X448 and the RFC 7919 FFDHE groups; at TLS 1.2 the ECDHE curves, whose choice the raw
// backend reads from the ServerKeyExchange (wire/server_key_exchange.hpp); none below.
std::vector<std::uint16_t> scan_groups(Version v);
// The ECDHE suites among scan_suites(v): a TLS 1.2 group scan offers only these, so a server
// with no curve in common must refuse instead of falling back to RSA or DHE key exchange.
std::vector<std::uint16_t> ecdhe_scan_suites(Version v);

// The default hello stays under 512 bytes (some middleboxes reset larger ones): 68 bytes for
// SSL 3.0, 113-195 for TLS with a 9-character name, at most 439 with a 253-character one.
// Names over about 60 characters put the handshake message between 256 and 511 bytes, sizes
// some F5 terminators hang on (why BoringSSL and OpenSSL pad such hellos, RFC 7685); `large`
// avoids that range. A large hello is exactly this long: a record that no longer fits one
// 1460-byte TCP segment.
inline constexpr std::size_t large_hello_bytes = 1500;

// Record header + ClientHello handshake message. Throws std::invalid_argument when the
// host name is longer than a DNS name can be.
std::vector<std::uint8_t> build_client_hello(const HelloOptions& options);

// Fills random, session_id and x25519_public from a per-thread generator seeded once from
// std::random_device (the impure half).
void randomize(HelloOptions& options);

}  // namespace tlsprobe::wire
