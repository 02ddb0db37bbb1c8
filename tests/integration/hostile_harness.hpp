#pragma once
// What every hostile case shares (hostile_test.cpp, hostile_wire_test.cpp): starting
// tests/servers/hostile_server.py in a mode, the expected-outcome rules, and check_hostile,
// which probes a mode with both Linux backends and holds the result to the rules written at
// the top of hostile_test.cpp.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "integration/probe.hpp"
#include "render/json.hpp"
#include "support/certs.hpp"
#include "support/net.hpp"
#include "support/process.hpp"
#include "support/servers.hpp"
#include "support/temp_dir.hpp"
#include "wire/client_hello.hpp"


namespace tlsprobe::test {


using namespace std::chrono_literals;
using enum Version;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds connect_deadline = 1000ms;
constexpr milliseconds handshake_deadline = 2000ms;
constexpr milliseconds margin = 1500ms;

inline EngineOptions hostile_options() {
  auto o = quick_options();
  o.connect_timeout = connect_deadline;
  o.handshake_timeout = handshake_deadline;
  o.retries = 0;
  return o;
}

// ---------------------------------------------------------------------------------------------
// Starting a hostile server
// ---------------------------------------------------------------------------------------------

struct Hostile {
  ServerProcess process;
  std::uint16_t port;  // the port probed; readiness may have been checked on another one
  std::string mode;
  std::string target() const { return "127.0.0.1:" + std::to_string(port); }
};

inline bool never_accepts(const std::string& mode) { return mode.rfind("never_accept", 0) == 0; }

inline Hostile start_hostile(const TempDir& dir, const std::string& mode, const std::vector<std::string>& extra = {}) {
  const auto port = free_port();
  std::vector<std::string> argv{system_python,
                                TLSPROBE_SOURCE_DIR "/tests/servers/hostile_server.py",
                                "--mode",
                                mode,
                                "--port",
                                std::to_string(port),
                                "--lifetime",
                                "120",
                                "--idle",
                                "60",
                                "--connection-limit",
                                "15"};
  // A server that never accepts cannot be asked whether it is ready on the port it never
  // serves (a readiness connect would even fill never_accept's queue itself): it answers on a
  // second port, opened once the first is as it will stay.
  auto ready = port;
  if (never_accepts(mode)) {
    do ready = free_port();
    while (ready == port);
    argv.insert(argv.end(), {"--ready-port", std::to_string(ready)});
  }
  argv.insert(argv.end(), extra.begin(), extra.end());
  const auto log = dir / ("hostile-" + mode + "-" + std::to_string(port) + ".log");
  return Hostile{ServerProcess(ServerSpec{"hostile " + mode, argv, "127.0.0.1", ready, log}), port, mode};
}

// ---------------------------------------------------------------------------------------------
// Expected cells
// ---------------------------------------------------------------------------------------------

inline Expect rejected_as(ErrorClass cls, Phase phase) {
  Expect e;
  e.status = Status::rejected;
  e.cls = cls;
  e.phase = phase;
  e.failed_attempts = 1;
  return e;
}

inline Expect protocol_in(Phase phase) { return rejected_as(ErrorClass::protocol, phase); }

// The engine's own connect deadline passed: the version never got a chance.
inline Expect connect_timeout() {
  auto e = timeout_in(Phase::connect);
  e.status = Status::unreachable;
  return e;
}

using Rule = std::function<Expect(Version)>;

inline Rule always(const Expect& e) {
  return [e](Version) { return e; };
}

// The OpenSSL row: SSL 3.0 is unsupported here (decided before connecting), the rest by `rule`.
inline Row openssl_row(const std::vector<Version>& versions, const Rule& rule) {
  Row row;
  for (const auto v : versions) row.emplace_back(v, v == ssl3_0 ? unsupported_ssl3() : rule(v));
  return row;
}

inline Row raw_row(const std::vector<Version>& versions, const Rule& rule) {
  Row row;
  for (const auto v : versions) row.emplace_back(v, rule(v));
  return row;
}

// "Accepted" the raw way: the mode's ServerHello answers in kind, so it names the forced version.
inline Expect raw_accepts(Version v) { return accepted_as(v); }

inline const std::vector<Version> tls1_2_only{tls1_2};
inline const std::vector<Version> tls1_3_only{tls1_3};
inline const std::vector<Version> modern{tls1_2, tls1_3};

// ---------------------------------------------------------------------------------------------
// The shared checks
// ---------------------------------------------------------------------------------------------

inline std::string text(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }

inline std::string describe(const AttemptResult& r) {
  std::ostringstream s;
  const auto& o = r.outcome;
  s << to_string(o.status);
  if (o.status != Status::accepted) {
    s << " class=" << to_string(o.error.cls) << " phase=" << to_string(o.error.phase);
    if (o.error.alert) s << " alert=" << *o.error.alert;
    if (o.error.posix_errno) s << " errno=" << *o.error.posix_errno << "/" << text(o.error.winsock);
    if (o.error.offered) s << " offered=" << token(*o.error.offered);
  } else {
    s << " " << (o.negotiated ? token(*o.negotiated) : "?") << " " << o.cipher;
  }
  s << " (" << r.elapsed.count() << " ms) \"" << o.error.message << "\"";
  return s.str();
}

// 0 when `document` validates against the published schema (python3-jsonschema, as
// tests/unit/render/schema_test.cpp does).
inline int validate_schema(const TempDir& dir, const std::string& document) {
  static std::atomic<int> counter{0};
  const auto file = dir / ("report-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".json");
  write_file(file, document);
  const std::string command =
      "/usr/bin/python3 -c 'import json,sys,jsonschema; "
      "jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' '" +
      file.string() + "' '" TLSPROBE_SOURCE_DIR "/schema/report.schema.json' > '" + file.string() +
      ".log' 2>&1";
  const int rc = std::system(command.c_str());
  if (rc != 0) MESSAGE("schema validation failed:\n" << read_file(file.string() + ".log"));
  return rc;
}

inline void check_json(const TempDir& dir, const Report& report) {
  const std::string document = render_json(report);
  nlohmann::json doc;
  REQUIRE_NOTHROW(doc = nlohmann::json::parse(document));
  REQUIRE(doc.is_object());
  REQUIRE(doc.contains("results"));
  REQUIRE(doc["results"].is_array());
  REQUIRE(doc["results"].size() == report.results.size());
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    const auto& r = report.results[i];
    const auto& j = doc["results"][i];
    INFO("json results[" << i << "]: " << j.dump());
    CHECK(j.value("backend", "") == r.backend);
    CHECK(j.value("version", "") == std::string(token(r.version)));
    CHECK(j.value("status", "") == std::string(to_string(r.outcome.status)));
    if (r.outcome.status == Status::accepted) {
      CHECK(j["error"].is_null());
      CHECK(j["negotiated"].is_string());
      continue;
    }
    REQUIRE(j["error"].is_object());
    CHECK(j["error"].value("class", "") == std::string(to_string(r.outcome.error.cls)));
    CHECK(j["error"].value("phase", "") == std::string(to_string(r.outcome.error.phase)));
    CHECK(j["error"]["message"].is_string());
    if (r.outcome.error.alert) CHECK(j["error"]["alert"] == *r.outcome.error.alert);
  }
  CHECK(validate_schema(dir, document) == 0);
}

struct Case {
  std::string mode;
  std::vector<Version> versions;
  Row openssl;
  Row raw;
  std::vector<std::string> extra{};
  bool completes_handshake = false;  // big_cert, long_chain: a real server finishes it
  BackendConfig config{};
  // Custom checks of accepted OpenSSL cells (certificate, chain) instead of check_cell's.
  std::function<void(const AttemptResult&)> check_accepted_openssl{};
};

// The rules of the file's header, for every cell of the report.
inline void check_invariants(const Case& c, const Report& report) {
  const auto attempt_bound = (never_accepts(c.mode) ? connect_deadline : handshake_deadline) + margin;
  for (const auto& r : report.results) {
    INFO(c.mode << " " << r.backend << " " << token(r.version) << ": " << describe(r));
    const std::string status(to_string(r.outcome.status));
    const std::string cls(to_string(r.outcome.error.cls));
    if (!(r.backend == "openssl" && r.version == ssl3_0)) {
      CHECK(status != "unsupported");
      CHECK(cls != "local");
    }
    CHECK(status != "error");
    CHECK(cls != "internal");
    if (r.backend == "openssl" && !c.completes_handshake) CHECK(status != "accepted");
    CHECK(r.elapsed < attempt_bound);
  }
}

inline void print_table(const Case& c, const Report& report) {
  const char* wanted = std::getenv("TLSPROBE_HOSTILE_TABLE");
  if (!wanted || std::string(wanted) != "1") return;
  for (const auto& r : report.results)
    std::cout << "HOSTILE " << c.mode << " | " << r.backend << " | " << token(r.version) << " | " << describe(r)
              << "\n";
  std::cout.flush();
}

inline Report check_hostile(const Case& c) {
  TempDir dir;
  auto server = start_hostile(dir, c.mode, c.extra);
  INFO("hostile mode " << c.mode << " on " << server.target());
  const auto started = Clock::now();
  const auto report = probe(server.target(), c.versions, hostile_options(), c.config);
  const auto wall = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
  INFO("server log:\n" << server.process.log_text());
  print_table(c, report);

  CHECK(wall < connect_deadline + handshake_deadline + margin);
  check_invariants(c, report);
  const std::string name = "hostile " + c.mode;
  const std::vector<std::pair<std::string, const Row*>> rows{{"openssl", &c.openssl}, {"raw", &c.raw}};
  for (const auto& [backend, row] : rows) {
    INFO("server: " << name << ", backend " << backend);
    std::size_t cells = 0;
    for (const auto& r : report.results) cells += r.backend == backend ? 1 : 0;
    CHECK(cells == row->size());
    for (const auto& [version, e] : *row) {
      if (backend == "openssl" && e.status == Status::accepted && c.check_accepted_openssl) {
        for (const auto& r : report.results)
          if (r.backend == backend && r.version == version) {
            INFO("openssl " << token(version) << ": " << describe(r));
            CHECK(to_string(r.outcome.status) == to_string(Status::accepted));
            CHECK(r.outcome.negotiated == version);
            c.check_accepted_openssl(r);
          }
        continue;
      }
      check_cell(report, backend, name, "127.0.0.1", version, e);
    }
  }
  check_json(dir, report);
  // The outcome was the server's doing: it is still up (and is stopped here, by this test).
  CHECK(server.process.running());
  server.process.stop();
  return report;
}

// A case where both backends see the same thing at every version.
inline Case same_for_both(const std::string& mode, const std::vector<Version>& versions, const Expect& e,
                   std::vector<std::string> extra = {}) {
  return Case{mode, versions, openssl_row(versions, always(e)), raw_row(versions, always(e)), std::move(extra)};
}

}  // namespace tlsprobe::test
