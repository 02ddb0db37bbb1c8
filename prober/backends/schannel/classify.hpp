#pragma once
// Folds what one SChannel handshake showed into the outcome taxonomy. Plain data in, plain
// data out: the table is unit tested on Linux as well as under Wine.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/outcome.hpp"

namespace tlsprobe::schannel {

struct Observation {
  Version requested = Version::tls1_2;

  // SChannel's word. `sec_status` is the SECURITY_STATUS that ended the attempt, from
  // AcquireCredentialsHandle when `credentials_failed`, else from InitializeSecurityContext.
  bool credentials_failed = false;
  std::optional<std::uint32_t> sec_status;
  bool handshake_ok = false;
  std::uint32_t protocol_bits = 0;  // SecPkgContext_ConnectionInfo.dwProtocol after success
  std::string cipher;

  // The socket: a Winsock error (10054 ...), a clean end of stream, or our own deadline.
  std::size_t bytes_sent = 0;
  int winsock = 0;
  bool eof = false;
  bool timed_out = false;

  // The server's plaintext records (RecordWatch), which SChannel does not report itself.
  std::size_t bytes_received = 0;
  std::optional<int> alert;                     // fatal alert description; 0 is close_notify
  std::optional<std::uint16_t> server_version;  // the ServerHello's (supported_versions aware)
  std::optional<std::string> not_tls;           // the reply was HTTP, SSL 2.0 or garbage
};

Outcome classify(const Observation& o);

}  // namespace tlsprobe::schannel
