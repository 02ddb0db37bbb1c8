#pragma once
// Runs the engine in-process against one loopback target and checks a whole row of cells
// against what the protocol says the server must answer.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backends/backend.hpp"
#include "core/result.hpp"
#include "engine/engine.hpp"

namespace tlsprobe::test {

// Short deadlines: a loopback server answers in milliseconds, and a test that waits for a
// deadline pays it in wall time.
EngineOptions quick_options();

// Every version, ssl3.0 first, the way a user's default run asks.
std::vector<Version> every_version();

// One run of the OpenSSL backend against `target` ("127.0.0.1:PORT", "[::1]:PORT").
Report probe(const std::string& target, const std::vector<Version>& versions = every_version(),
             const EngineOptions& options = quick_options(), const BackendConfig& config = {});

struct Expect {
  Status status = Status::accepted;
  ErrorClass cls = ErrorClass::none;
  Phase phase = Phase::none;
  std::optional<Version> negotiated;
  std::optional<int> alert;
  std::string alert_name;  // RFC 8446 6 / RFC 5246 7.2 name of `alert`
  std::optional<int> posix_errno;
  std::optional<int> winsock;
  std::optional<Version> offered;
  bool verified = false;  // accepted cells: certificate verified against the trust store
  int attempts = 1;
  int failed_attempts = 0;
};

Expect accepted_as(Version v);
// Debian's OpenSSL 3 is built without SSL 3.0: the backend must say so, not try.
Expect unsupported_ssl3();
Expect alert_in(int number, std::string name, Phase phase = Phase::hello);
Expect reset_in(Phase phase = Phase::hello);
Expect closed_in(Phase phase);
Expect timeout_in(Phase phase);
Expect refused();
Expect mismatch(Version offered);

using Row = std::vector<std::pair<Version, Expect>>;

// CHECKs every field of every cell (and that there are no other cells), naming the server,
// the version and the backend's message in each failure.
void check_row(const Report& report, const std::string& server, const std::string& address, const Row& row);

}  // namespace tlsprobe::test
