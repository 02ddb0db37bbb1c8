#pragma once
// The outcome taxonomy (DESIGN.md): every renderer, policy and diagnosis reads these types.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/version.hpp"

namespace tlsprobe {

enum class Status : std::uint8_t { accepted, rejected, unreachable, unsupported };

enum class ErrorClass : std::uint8_t {
  none,
  alert,
  reset,
  closed,
  timeout,
  refused,
  dns,
  version_mismatch,
  local,
  proxy,
  protocol,
};

// Where an attempt stopped. `hello` is the wait for the server's first answer to our
// ClientHello; `handshake` is everything after it.
enum class Phase : std::uint8_t { none, resolve, connect, proxy, hello, handshake, http };

std::string_view to_string(Status s);
std::string_view to_string(ErrorClass c);
std::string_view to_string(Phase p);

struct ErrorInfo {
  ErrorClass cls = ErrorClass::none;
  std::optional<int> alert;                  // TLS alert description the server sent
  std::optional<int> posix_errno;            // 104 ...
  std::optional<int> winsock;                // ... and its Windows twin, 10054
  std::optional<std::uint32_t> sec_status;   // SChannel SECURITY_STATUS
  std::optional<Version> offered;            // version_mismatch: what the server answered with
  Phase phase = Phase::none;
  std::string message;                       // the native text, kept for the human
};

struct CertificateSummary {
  std::string subject;
  std::string issuer;
  std::string not_after;  // ISO 8601, UTC
  bool verified = false;
  std::string verify_error;  // empty when verified
};

// What one backend saw in one attempt at one version against one address.
struct Outcome {
  Status status = Status::unreachable;
  std::optional<Version> negotiated;
  std::string cipher;
  ErrorInfo error;
  std::optional<CertificateSummary> certificate;
};

// Shorthands the backends and the engine use to build outcomes.
Outcome accepted(Version v, std::string cipher);
Outcome failure(Status s, ErrorClass c, Phase p, std::string message);
Outcome unsupported_here(std::string reason);

}  // namespace tlsprobe
