#pragma once
// A run's results as plain data: what renderers, the policy check and the diagnosis read.
#include <chrono>
#include <compare>
#include <cstddef>
#include <string>
#include <vector>

#include "core/outcome.hpp"
#include "core/target.hpp"
#include "core/version.hpp"

namespace tlsprobe {

struct AttemptResult {
  Target target;
  std::string address;  // empty when the name did not resolve, or a proxy resolved it
  std::string proxy;    // "http://proxy:3128" when the attempt went through a CONNECT tunnel
  std::string sni;      // empty when none was sent (IP literal targets)
  std::string backend;
  Version version = Version::tls1_2;
  Outcome outcome;
  std::chrono::milliseconds elapsed{0};
  int attempts = 1;         // how many times the attempt ran (--retries)
  int failed_attempts = 0;  // how many of those failed: 1 of 3 is a flaky path, 3 of 3 a refusal
  // Decided by another cell's connect to the same address, refused or timed out, instead of
  // paying the connect again (engine: "one connect decides an address"; not with --retries).
  bool connect_shared = false;
};

// Which cell of the matrix a result fills: (target label, address, backend, version). The one
// identity the diagnosis, the policy check and the renderers share; an empty backend names
// the column of one address across every backend (where backends can disagree).
struct CellKey {
  std::string endpoint;
  std::string address;
  std::string backend;
  Version version = Version::tls1_2;
  auto operator<=>(const CellKey&) const = default;
};

CellKey cell_key(const AttemptResult& r);
// The cell with the backend left empty: one address and version across every backend.
CellKey column_key(const AttemptResult& r);

// The same cell by its place in the plan (index of the target, of the address among the
// target's, of the backend, of the version): the order results come out in, whatever order
// the attempts finish in.
struct CellPosition {
  std::size_t target = 0, address = 0, backend = 0, version = 0;
  auto operator<=>(const CellPosition&) const = default;
};

// --ciphers: the suites one address accepts at one version, found by the raw backend offering
// every suite it knows for the version and taking away each one the server picks, until the
// server refuses (as sslscan does, one connection per step).
struct CipherScan {
  std::string endpoint;  // target label
  std::string address;
  Version version = Version::tls1_2;
  std::size_t offered = 0;                // how many suites the first step offered
  std::vector<std::uint16_t> accepted;    // in the order the server chose them: its preference, when it has one
  bool complete = false;  // ended with the server refusing what was left (or nothing left)
  std::string stopped;    // when not complete: why the scan ended early; `accepted` is what it saw
};

struct Report {
  std::string tool_version;
  std::chrono::system_clock::time_point started;
  std::chrono::milliseconds duration{0};
  std::vector<Version> versions;       // the columns, in the order asked for
  std::vector<std::string> backends;   // in the order asked for
  std::vector<AttemptResult> results;  // target, address, backend, version order
  std::vector<CipherScan> cipher_scans;  // --ciphers only; target, address, version order
  // --ciphers, TLS 1.3: the same scan over key exchange groups (`accepted` holds group numbers).
  std::vector<CipherScan> group_scans;
};

struct Summary {
  int endpoints = 0;
  int addresses = 0;
  int attempts = 0;
  int accepted = 0;
  int rejected = 0;
  int unreachable = 0;
  int unsupported = 0;
  int errors = 0;  // status error: tlsprobe's own faults
};

Summary summarize(const Report& report);

}  // namespace tlsprobe
