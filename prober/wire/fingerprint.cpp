#include "wire/fingerprint.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

#include "digest/digest.hpp"
#include "wire/client_hello_reader.hpp"
#include "wire/hello_profile.hpp"

namespace tlsprobe::wire {
namespace {

constexpr std::uint16_t ext_alpn = 16;  // RFC 7301

template <typename T>
std::vector<T> without_grease(const std::vector<T>& values) {
  std::vector<T> out;
  for (const auto v : values)
    if (!is_grease(static_cast<std::uint16_t>(v))) out.push_back(v);
  return out;
}

template <typename T>
std::string decimal_list(const std::vector<T>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "-" : "") + std::to_string(values[i]);
  return out;
}

std::string hex4(std::uint16_t v) {
  char buf[5];
  std::snprintf(buf, sizeof buf, "%04x", static_cast<unsigned>(v));
  return buf;
}

std::string hex_list(const std::vector<std::uint16_t>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + hex4(values[i]);
  return out;
}

std::string version_code(const ClientHelloInfo& h) {
  std::uint16_t v = h.legacy_version;
  const auto versions = without_grease(h.supported_versions);
  if (!versions.empty()) v = *std::max_element(versions.begin(), versions.end());
  switch (v) {
    case 0x0304: return "13";
    case 0x0303: return "12";
    case 0x0302: return "11";
    case 0x0301: return "10";
    case 0x0300: return "s3";
    case 0x0200: return "s2";
    case 0x0100: return "s1";
    default: return "00";
  }
}

std::string two_digits(std::size_t n) {
  n = std::min<std::size_t>(n, 99);
  return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
}

// The first and last characters of the first ALPN value; when either is not an ASCII letter
// or digit, the first and last hex digits of the value instead (JA4's rule for binary ALPNs).
std::string alpn_code(const ClientHelloInfo& h) {
  if (h.alpn.empty() || h.alpn.front().empty()) return "00";
  const std::string& a = h.alpn.front();
  const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 && (c & 0x80) == 0; };
  if (alnum(a.front()) && alnum(a.back())) return std::string{a.front(), a.back()};
  static constexpr char digits[] = "0123456789abcdef";
  return std::string{digits[static_cast<unsigned char>(a.front()) >> 4], digits[static_cast<unsigned char>(a.back()) & 0xF]};
}

std::string ja4_a(const ClientHelloInfo& h) {
  const bool sni = std::find(h.extensions.begin(), h.extensions.end(), ext::server_name) != h.extensions.end();
  return "t" + version_code(h) + (sni ? "d" : "i") + two_digits(without_grease(h.cipher_suites).size()) +
         two_digits(without_grease(h.extensions).size()) + alpn_code(h);
}

std::string ja4_ciphers(const ClientHelloInfo& h) {
  auto suites = without_grease(h.cipher_suites);
  std::sort(suites.begin(), suites.end());
  return hex_list(suites);
}

std::string ja4_extensions(const ClientHelloInfo& h) {
  auto extensions = without_grease(h.extensions);
  std::erase_if(extensions, [](std::uint16_t e) { return e == ext::server_name || e == ext_alpn; });
  std::sort(extensions.begin(), extensions.end());
  std::string out = hex_list(extensions);
  const auto algorithms = without_grease(h.signature_algorithms);
  if (!algorithms.empty()) out += "_" + hex_list(algorithms);
  return out;
}

// Twelve hex digits of SHA-256; twelve zeros for an empty list (JA4: nothing to hash).
std::string truncated_hash(const std::string& list) {
  return list.empty() ? std::string(12, '0') : sha256_hex(list).substr(0, 12);
}

}  // namespace

std::string ja3_text(const ClientHelloInfo& h) {
  return std::to_string(h.legacy_version) + "," + decimal_list(without_grease(h.cipher_suites)) + "," +
         decimal_list(without_grease(h.extensions)) + "," + decimal_list(without_grease(h.supported_groups)) + "," +
         decimal_list(h.ec_point_formats);
}

std::string ja4_raw(const ClientHelloInfo& h) { return ja4_a(h) + "_" + ja4_ciphers(h) + "_" + ja4_extensions(h); }

std::string ja4(const ClientHelloInfo& h) {
  return ja4_a(h) + "_" + truncated_hash(ja4_ciphers(h)) + "_" + truncated_hash(ja4_extensions(h));
}

void fill_fingerprints(ClientHelloInfo& h) {
  h.ja3 = ja3_text(h);
  h.ja3_hash = md5_hex(h.ja3);
  h.ja4 = ja4(h);
  h.ja4_r = ja4_raw(h);
}

std::optional<ClientHelloInfo> captured_hello(std::span<const std::uint8_t> bytes) {
  auto parsed = parse_client_hello(bytes);
  if (parsed.hello) fill_fingerprints(*parsed.hello);
  return std::move(parsed.hello);
}

}  // namespace tlsprobe::wire
