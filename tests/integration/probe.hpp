#pragma once
// Runs the engine in-process against one loopback target and checks a whole row of cells
// against what the protocol says the server must answer.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backends/backend.hpp"
#include "core/result.hpp"
#include "diagnosis/disagreement.hpp"
#include "engine/engine.hpp"

namespace tlsprobe::test {

// Short deadlines: a loopback server answers in milliseconds, and a test that waits for a
// deadline pays it in wall time.
EngineOptions quick_options();

// Every version, ssl3.0 first, the way a user's default run asks.
std::vector<Version> every_version();

// TLS 1.0 to 1.3: the versions both the OpenSSL and the raw backend can attempt here, so the
// ones where their rows must agree.
std::vector<Version> tls_versions();

// The CLI's default on Linux: OpenSSL pinned per version, and the hand-built raw hello.
std::vector<std::string> both_backends();

// One engine run of `backends` against `target` ("127.0.0.1:PORT", "[::1]:PORT").
Report probe(const std::string& target, const std::vector<Version>& versions = every_version(),
             const EngineOptions& options = quick_options(), const BackendConfig& config = {},
             const std::vector<std::string>& backends = both_backends());

struct Expect {
  Status status = Status::accepted;
  ErrorClass cls = ErrorClass::none;
  Phase phase = Phase::none;
  std::optional<Version> negotiated;
  std::string cipher;  // accepted cells: checked when set (a scripted server's fixed suite)
  std::optional<int> alert;
  std::string alert_name;  // RFC 8446 6 / RFC 5246 7.2 name of `alert`
  std::optional<int> posix_errno;
  std::optional<int> winsock;
  std::optional<Version> offered;
  bool verified = false;  // accepted OpenSSL cells: certificate verified against the trust store
  int attempts = 1;
  int failed_attempts = 0;
};

Expect accepted_as(Version v, std::string cipher = {});
// Debian's OpenSSL 3 is built without SSL 3.0: the backend must say so, not try.
Expect unsupported_ssl3();
Expect alert_in(int number, std::string name, Phase phase = Phase::hello);
Expect reset_in(Phase phase = Phase::hello);
Expect closed_in(Phase phase);
Expect timeout_in(Phase phase);
Expect refused();
Expect mismatch(Version offered);

using Row = std::vector<std::pair<Version, Expect>>;

// CHECKs every field of every cell of `backend` (and that it has no other cells), naming the
// server, the version and the backend's message in each failure.
void check_row(const Report& report, const std::string& backend, const std::string& server,
               const std::string& address, const Row& row);

// One cell of `backend`, checked as check_row does; the backend's other cells are not looked at.
void check_cell(const Report& report, const std::string& backend, const std::string& server,
                const std::string& address, Version version, const Expect& e);

// "Raw and OpenSSL agree wherever both can try": for each of `versions`, the cells of
// backends `a` and `b` have the same status, class, phase, alert, native codes, offered and
// negotiated version and attempt counts. Both backends must have the same number of cells.
void check_same_row(const Report& report, const std::string& a, const std::string& b,
                    const std::vector<Version>& versions);

// find_disagreements(report) is exactly `expected`, in order (empty: every stack agreed).
void check_disagreements(const Report& report, const std::vector<Disagreement>& expected);

}  // namespace tlsprobe::test
