#pragma once
// JA3 and JA4 of a ClientHello: the fingerprints network teams write firewall and proxy rules
// with, so "this machine's SChannel" can be matched with what a middlebox logged.
//
// JA3 (Salesforce): "SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats",
// decimal numbers joined by '-', GREASE left out, then MD5.
// JA4 (FoxIO, technical_details/JA4.md): a_b_c with
//   a  't', the version ("13" from supported_versions' highest, else legacy_version), 'd' with
//      server_name else 'i', the counts of suites and extensions (two digits, at most 99), the
//      first and last characters of the first ALPN value ("00" without one);
//   b  SHA-256 of the suites as 4-digit hex, sorted, comma-joined, first 12 hex digits;
//   c  the same of the extensions sorted without server_name and ALPN, then '_' and the
//      signature algorithms in the order sent (no '_' without any).
// GREASE (RFC 8701) is left out everywhere.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/client_hello_info.hpp"

namespace tlsprobe::wire {

std::string ja3_text(const ClientHelloInfo& h);
// JA4_r: a, then the sorted lists b and c are hashed from, unhashed.
std::string ja4_raw(const ClientHelloInfo& h);
std::string ja4(const ClientHelloInfo& h);

// ja3, ja3_hash, ja4 and ja4_r filled in.
void fill_fingerprints(ClientHelloInfo& h);

// What a backend keeps of the bytes its stack sent: the hello read back, fingerprinted;
// nothing when they are not a readable ClientHello.
std::optional<ClientHelloInfo> captured_hello(std::span<const std::uint8_t> bytes);

}  // namespace tlsprobe::wire
