#pragma once
// The outcome taxonomy (DESIGN.md): every renderer, policy and diagnosis reads these types.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/client_hello_info.hpp"
#include "core/wire_capture.hpp"
#include "core/version.hpp"

namespace tlsprobe {

// `error` is tlsprobe's own fault (a bug, an exception): never evidence about the server or
// the path, so verdicts and policy leave it out and the run exits 3.
enum class Status : std::uint8_t { accepted, rejected, unreachable, unsupported, error };

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
  internal,  // with status `error` only
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

// One certificate as the server presented it. Names are RFC 2253 text, times ISO 8601 UTC.
struct ChainCertificate {
  std::string subject;
  std::string issuer;
  std::string serial;      // hex, upper case, two digits per byte: "0A1B..."
  std::string not_before;
  std::string not_after;
  std::string key_type;    // "RSA", "RSA-PSS", "EC", "Ed25519", "Ed448", "DSA", or the library's name
  int key_bits = 0;        // 2048; 256 for P-256
  std::string key_curve;   // EC only: "P-256" (the NIST name when there is one)
  std::vector<std::string> san_dns;
  std::vector<std::string> san_ip;
  bool self_signed = false;  // subject and issuer (and key identifiers) match: a root
};

struct CertificateSummary {
  std::string subject;
  std::string issuer;
  std::string not_after;  // ISO 8601, UTC
  bool verified = false;
  std::string verify_error;  // empty when verified
  // The leaf checked against the verify name (X509_check_host / X509_check_ip_asc) on its
  // own, because chain verification stops at its first error and may never reach the name.
  // Unset when the backend does not check it separately.
  std::optional<bool> hostname_matches;
  // The presented chain, leaf first, exactly as sent: what a TLS-inspecting middlebox
  // substitutes shows at its top. Empty when the backend does not collect it.
  std::vector<ChainCertificate> chain;
};

// --http-check: one HEAD request over the finished handshake. A middlebox that lets the
// handshake through but kills the first application data shows up here, not in the status.
struct HttpCheck {
  std::string path;
  std::optional<int> status;        // 200; unset when no answer came
  std::string status_line;          // "HTTP/1.1 200 OK"
  std::chrono::milliseconds elapsed{0};  // from the request's start to the header or the failure
  std::optional<ErrorInfo> error;   // class reset / closed / timeout / alert / protocol, phase http
};

// What one backend saw in one attempt at one version against one address.
struct Outcome {
  Status status = Status::unreachable;
  std::optional<Version> negotiated;
  std::string cipher;
  std::optional<std::uint16_t> cipher_suite;  // the suite's number, where the backend reads it off the wire
  std::optional<std::uint16_t> key_group;     // the key exchange group the server chose (raw backend; TLS 1.2 in a group scan)
  ErrorInfo error;
  std::optional<CertificateSummary> certificate;
  std::optional<HttpCheck> http;  // accepted attempts with --http-check only
  // The ClientHello this backend sent in the attempt, read back from its bytes; none when the
  // attempt never got as far as a hello, or the stack's bytes could not be captured.
  std::optional<ClientHelloInfo> client_hello;
  // --pcap only: every byte of the attempt's TLS connection, both ways.
  std::optional<WireCapture> wire;
};

// Shorthands the backends and the engine use to build outcomes.
Outcome accepted(Version v, std::string cipher);
Outcome failure(Status s, ErrorClass c, Phase p, std::string message);
Outcome unsupported_here(std::string reason);
// A fault inside tlsprobe, reported where it happened instead of as something the server did.
Outcome internal_failure(Phase p, std::string what);

}  // namespace tlsprobe
