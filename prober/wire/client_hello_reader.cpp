#include "wire/client_hello_reader.hpp"

#include <vector>

#include "wire/bytes.hpp"
#include "wire/hello_profile.hpp"

namespace tlsprobe::wire {
namespace {

constexpr std::uint8_t content_handshake = 22;  // RFC 5246 §6.2.1
constexpr std::uint8_t client_hello_type = 1;   // RFC 5246 §7.4
constexpr std::uint16_t ext_alpn = 16;          // RFC 7301 §3.1
// RFC 8446 §5.1: a record fragment is at most 2^14 bytes; a hello larger than a few of them
// is not one any stack sends.
constexpr std::size_t max_hello = 4 * 16384;

bool u16_list(Reader& r, std::size_t prefix, std::vector<std::uint16_t>& out) {
  std::uint16_t length16 = 0;
  std::uint8_t length8 = 0;
  std::size_t length = 0;
  if (prefix == 1 ? !r.u8(length8) : !r.u16(length16)) return false;
  length = prefix == 1 ? length8 : length16;
  std::span<const std::uint8_t> body;
  if (length % 2 != 0 || !r.take(length, body)) return false;
  for (std::size_t i = 0; i < body.size(); i += 2) out.push_back(static_cast<std::uint16_t>(body[i] << 8 | body[i + 1]));
  return true;
}

bool u8_list(Reader& r, std::vector<std::uint8_t>& out) {
  std::uint8_t length = 0;
  std::span<const std::uint8_t> body;
  if (!r.u8(length) || !r.take(length, body)) return false;
  out.assign(body.begin(), body.end());
  return true;
}

// RFC 6066 §3: a list of (type, name); host_name is type 0.
bool server_name(Reader r, std::string& out) {
  std::uint16_t list = 0;
  if (!r.u16(list) || list != r.left()) return false;
  while (r.left() > 0) {
    std::uint8_t type = 0;
    std::uint16_t length = 0;
    std::span<const std::uint8_t> name;
    if (!r.u8(type) || !r.u16(length) || !r.take(length, name)) return false;
    if (type == 0 && out.empty()) out.assign(name.begin(), name.end());
  }
  return true;
}

bool alpn(Reader r, std::vector<std::string>& out) {
  std::uint16_t list = 0;
  if (!r.u16(list) || list != r.left()) return false;
  while (r.left() > 0) {
    std::uint8_t length = 0;
    std::span<const std::uint8_t> name;
    if (!r.u8(length) || !r.take(length, name)) return false;
    out.emplace_back(name.begin(), name.end());
  }
  return true;
}

// RFC 8446 §4.2.8: client_shares<0..2^16-1> of (group, key_exchange<1..2^16-1>).
bool key_shares(Reader r, std::vector<std::uint16_t>& out) {
  std::uint16_t list = 0;
  if (!r.u16(list) || list != r.left()) return false;
  while (r.left() > 0) {
    std::uint16_t group = 0;
    std::uint16_t length = 0;
    std::span<const std::uint8_t> share;
    if (!r.u16(group) || !r.u16(length) || !r.take(length, share)) return false;
    out.push_back(group);
  }
  return true;
}

// One extension's body into the fields that have one; a malformed known extension is a
// malformed hello.
bool extension(std::uint16_t type, std::span<const std::uint8_t> body, ClientHelloInfo& h) {
  Reader r(body);
  bool ok = true;
  switch (type) {
    case ext::server_name: return body.empty() || server_name(r, h.server_name);
    case ext::supported_groups: ok = u16_list(r, 2, h.supported_groups); break;
    case ext::ec_point_formats: ok = u8_list(r, h.ec_point_formats); break;
    case ext::signature_algorithms: ok = u16_list(r, 2, h.signature_algorithms); break;
    case ext::supported_versions: ok = u16_list(r, 1, h.supported_versions); break;
    case ext::key_share: return key_shares(r, h.key_share_groups);
    case ext_alpn: return alpn(r, h.alpn);
    default: return true;
  }
  return ok && r.left() == 0;
}

ClientHelloParse fail(std::string_view why) { return {std::nullopt, why}; }

// The handshake bytes out of consecutive handshake records; the record version of the first.
bool unwrap_records(std::span<const std::uint8_t> bytes, std::vector<std::uint8_t>& handshake,
                    std::uint16_t& record_version) {
  Reader r(bytes);
  bool first = true;
  while (r.left() >= 5) {
    std::uint8_t type = 0;
    std::uint16_t version = 0;
    std::uint16_t length = 0;
    std::span<const std::uint8_t> fragment;
    r.u8(type);
    r.u16(version);
    r.u16(length);
    if (type != content_handshake) break;  // the hello is over (a stack may write more after it)
    if (!r.take(length, fragment)) return false;
    if (first) record_version = version;
    first = false;
    handshake.insert(handshake.end(), fragment.begin(), fragment.end());
    if (handshake.size() >= 4) {
      const std::size_t want = 4 + (std::size_t{handshake[1]} << 16 | std::size_t{handshake[2]} << 8 | handshake[3]);
      if (handshake.size() >= want || want > max_hello) break;
    }
  }
  return !first;
}

}  // namespace

ClientHelloParse parse_client_hello(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return fail("no bytes");
  std::vector<std::uint8_t> joined;
  std::optional<std::uint16_t> record_version;
  std::span<const std::uint8_t> message = bytes;
  if (bytes[0] == content_handshake) {
    std::uint16_t version = 0;
    if (!unwrap_records(bytes, joined, version)) return fail("a handshake record ends early");
    record_version = version;
    message = joined;
  }
  Reader r(message);
  std::uint8_t type = 0;
  std::uint32_t length = 0;
  if (!r.u8(type) || type != client_hello_type) return fail("not a ClientHello");
  std::span<const std::uint8_t> body;
  if (!r.u24(length) || !r.take(length, body)) return fail("the ClientHello is shorter than its length");

  ClientHelloInfo h;
  h.size = 4 + length;
  h.record_version = record_version;
  Reader b(body);
  std::span<const std::uint8_t> skip;
  std::uint8_t session_id = 0;
  if (!b.u16(h.legacy_version) || !b.take(32, skip)) return fail("no room for version and random");
  if (!b.u8(session_id) || session_id > 32 || !b.take(session_id, skip)) return fail("bad session id");
  if (!u16_list(b, 2, h.cipher_suites) || h.cipher_suites.empty()) return fail("bad cipher suite list");
  if (!u8_list(b, h.compression_methods) || h.compression_methods.empty()) return fail("bad compression methods");
  if (b.left() == 0) return {std::move(h), {}};  // no extensions: SSL 3.0 and old TLS 1.0 stacks
  std::uint16_t extensions = 0;
  if (!b.u16(extensions) || extensions != b.left()) return fail("the extensions do not fill the hello");
  while (b.left() > 0) {
    std::uint16_t ext_type = 0;
    std::uint16_t ext_length = 0;
    std::span<const std::uint8_t> ext_body;
    if (!b.u16(ext_type) || !b.u16(ext_length) || !b.take(ext_length, ext_body)) return fail("an extension ends early");
    h.extensions.push_back(ext_type);
    if (!extension(ext_type, ext_body, h)) return fail("a malformed extension");
  }
  return {std::move(h), {}};
}

}  // namespace tlsprobe::wire
