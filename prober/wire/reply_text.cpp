#include "wire/reply_text.hpp"

#include "core/native_codes.hpp"
#include "core/overloaded.hpp"
#include "core/version.hpp"

namespace tlsprobe::wire {
namespace {

std::string hex4(unsigned value) {
  static constexpr char nibbles[] = "0123456789ABCDEF";
  std::string out = "0x";
  for (int shift = 12; shift >= 0; shift -= 4) out += nibbles[(value >> shift) & 0xF];
  return out;
}

std::string version_text(std::uint16_t wire) {
  const auto v = from_wire(wire);
  return v ? std::string(display_name(*v)) + " (" + hex4(wire) + ")" : "version " + hex4(wire);
}

std::string alert_text(const Alert& a) {
  const std::string level = a.level == 2 ? "fatal" : a.level == 1 ? "warning" : "level " + std::to_string(a.level);
  return level + " alert " + std::to_string(a.description) + " " + std::string(alert_name(a.description));
}

}  // namespace

std::string describe(const ReplyResult& result) {
  return std::visit(
      overloaded{
          [](const NeedMore& m) {
            std::string text = "incomplete reply: at least " + std::to_string(m.at_least) + " bytes needed";
            if (m.warning) text += " (after a " + alert_text(*m.warning) + ")";
            return text;
          },
          [](const ServerHello& h) {
            std::string text = h.hello_retry_request ? "HelloRetryRequest " : "ServerHello ";
            text += version_text(h.version) + ", cipher " + hex4(h.cipher_suite);
            if (h.version != h.legacy_version) text += ", legacy_version " + hex4(h.legacy_version);
            if (h.downgrade != Downgrade::none) text += ", downgrade sentinel (server also speaks TLS 1.3)";
            return text;
          },
          [](const Alert& a) { return alert_text(a); },
          [](const SslV2ServerHello& h) { return "SSL 2.0 SERVER-HELLO, version " + hex4(h.version); },
          [](const HttpAnswer& h) { return "plaintext HTTP: " + h.status_line; },
          [](const Garbage& g) { return "malformed reply: " + g.reason; },
      },
      result);
}

}  // namespace tlsprobe::wire
