#pragma once
// Folds what one OpenSSL handshake showed into the outcome taxonomy. Plain data in, plain
// data out, so the whole table is unit tested without a network.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/outcome.hpp"

namespace tlsprobe::openssl {

struct Observation {
  Version requested = Version::tls1_2;
  bool handshake_ok = false;
  std::optional<Version> negotiated;  // SSL_version() after success
  std::string cipher;

  // The socket: an errno (ECONNRESET ...), a clean end of stream, or our own deadline.
  int sys_errno = 0;
  bool eof = false;
  bool timed_out = false;

  // OpenSSL's error queue: ERR_GET_REASON of the first error and its text.
  int ssl_reason = 0;
  std::string ssl_text;

  // Seen by the message callback, i.e. on the wire.
  int records_received = 0;
  std::optional<std::uint8_t> last_record_type;  // content type of the last record header read
  std::optional<int> alert_received;          // fatal alert description from the server
  std::optional<int> alert_sent;              // the one we sent, when we gave up
  std::optional<std::uint16_t> server_version; // from the ServerHello (supported_versions aware)
  // What we sent: the first ClientHello message (a HelloRetryRequest's second one is not
  // what this machine offers first), and the version of the first record header written.
  std::vector<std::uint8_t> client_hello;
  std::optional<std::uint16_t> client_record_version;
};

Outcome classify(const Observation& o);

}  // namespace tlsprobe::openssl
