// Hostile servers (tests/servers/hostile_server.py): peers that trickle, never stop talking,
// lie about lengths, speak another protocol, close or reset half-way, loop HelloRetryRequests,
// flood HelloRequests, announce a 16 MiB certificate ... Every attempt of both Linux backends
// must end in a typed outcome (DESIGN.md's taxonomy) within its deadline, and the report must
// still render as valid JSON.
//
// The rules every case shares (check_hostile):
// - each cell is exactly the outcome written beside its test case (status, class, phase,
//   alert, errno/winsock, offered version);
// - never `unsupported`/`local` and never `error`: these are the server's misdeeds, not this
//   machine's limits nor tlsprobe's bugs. The one exception is OpenSSL's SSL 3.0 cell, which
//   Debian's OpenSSL cannot attempt and decides before connecting;
// - never `accepted` by OpenSSL unless the server really completes a handshake (big_cert,
//   long_chain). The raw backend's `accepted` means "a ServerHello with the forced version"
//   (DESIGN.md; it stops there), so where a mode sends a well-formed ServerHello for the forced
//   version before misbehaving, raw accepting it is the contract, and asserted;
// - every attempt returns within its deadline plus 1.5 s (a bound against hangs, not a
//   performance test), and the whole probe within connect + handshake deadline plus 1.5 s;
// - the JSON rendering parses, holds the same status/class/phase per cell, and validates
//   against schema/report.schema.json;
// - the hostile server is still running afterwards (the outcome was its doing, not a crash),
//   and is stopped by the test.
//
// TLSPROBE_HOSTILE_TABLE=1 prints one line per cell (mode, backend, version, outcome, elapsed).
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
namespace {

using namespace std::chrono_literals;
using enum Version;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds connect_deadline = 1000ms;
constexpr milliseconds handshake_deadline = 2000ms;
constexpr milliseconds margin = 1500ms;

EngineOptions hostile_options() {
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

bool never_accepts(const std::string& mode) { return mode.rfind("never_accept", 0) == 0; }

Hostile start_hostile(const TempDir& dir, const std::string& mode, const std::vector<std::string>& extra = {}) {
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

Expect rejected_as(ErrorClass cls, Phase phase) {
  Expect e;
  e.status = Status::rejected;
  e.cls = cls;
  e.phase = phase;
  e.failed_attempts = 1;
  return e;
}

Expect protocol_in(Phase phase) { return rejected_as(ErrorClass::protocol, phase); }

// The engine's own connect deadline passed: the version never got a chance.
Expect connect_timeout() {
  auto e = timeout_in(Phase::connect);
  e.status = Status::unreachable;
  return e;
}

using Rule = std::function<Expect(Version)>;

Rule always(const Expect& e) {
  return [e](Version) { return e; };
}

// The OpenSSL row: SSL 3.0 is unsupported here (decided before connecting), the rest by `rule`.
Row openssl_row(const std::vector<Version>& versions, const Rule& rule) {
  Row row;
  for (const auto v : versions) row.emplace_back(v, v == ssl3_0 ? unsupported_ssl3() : rule(v));
  return row;
}

Row raw_row(const std::vector<Version>& versions, const Rule& rule) {
  Row row;
  for (const auto v : versions) row.emplace_back(v, rule(v));
  return row;
}

// "Accepted" the raw way: the mode's ServerHello answers in kind, so it names the forced version.
Expect raw_accepts(Version v) { return accepted_as(v); }

const std::vector<Version> tls1_2_only{tls1_2};
const std::vector<Version> tls1_3_only{tls1_3};
const std::vector<Version> modern{tls1_2, tls1_3};

// ---------------------------------------------------------------------------------------------
// The shared checks
// ---------------------------------------------------------------------------------------------

std::string text(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }

std::string describe(const AttemptResult& r) {
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
int validate_schema(const TempDir& dir, const std::string& document) {
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

void check_json(const TempDir& dir, const Report& report) {
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
void check_invariants(const Case& c, const Report& report) {
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

void print_table(const Case& c, const Report& report) {
  const char* wanted = std::getenv("TLSPROBE_HOSTILE_TABLE");
  if (!wanted || std::string(wanted) != "1") return;
  for (const auto& r : report.results)
    std::cout << "HOSTILE " << c.mode << " | " << r.backend << " | " << token(r.version) << " | " << describe(r)
              << "\n";
  std::cout.flush();
}

Report check_hostile(const Case& c) {
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
Case same_for_both(const std::string& mode, const std::vector<Version>& versions, const Expect& e,
                   std::vector<std::string> extra = {}) {
  return Case{mode, versions, openssl_row(versions, always(e)), raw_row(versions, always(e)), std::move(extra)};
}

// ---------------------------------------------------------------------------------------------
// Certificates made at test time with the openssl command line (no checked-in keys)
// ---------------------------------------------------------------------------------------------

void openssl_cli(const TempDir& dir, const std::string& step, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = run_command(argv, dir / ("openssl-" + step + ".log"), 60s);
  if (result.exit_code != 0) throw std::runtime_error("openssl " + step + " failed:\n" + result.output);
}

// Extension sections for the CA certificates and the leaf, so nothing comes from the
// system's openssl.cnf.
std::filesystem::path write_ext_config(const TempDir& dir, const std::string& alt_names) {
  const auto conf = dir / "certs.cnf";
  write_file(conf,
             "[req]\n"
             "distinguished_name = dn\n"
             "prompt = no\n"
             "[dn]\n"
             "CN = placeholder\n"
             "[ca_ext]\n"
             "basicConstraints = critical, CA:TRUE\n"
             "keyUsage = critical, keyCertSign, cRLSign\n"
             "subjectKeyIdentifier = hash\n"
             "authorityKeyIdentifier = keyid\n"
             "[leaf_ext]\n"
             "basicConstraints = critical, CA:FALSE\n"
             "keyUsage = critical, digitalSignature, keyEncipherment\n"
             "extendedKeyUsage = serverAuth\n"
             "subjectKeyIdentifier = hash\n"
             "subjectAltName = @alt\n"
             "[alt]\n" +
                 alt_names);
  return conf;
}

struct ServedChain {
  std::filesystem::path served;  // PEM: leaf first, then the chain
  std::filesystem::path key;     // the leaf's key
  std::filesystem::path root;    // PEM, for --ca-file
  std::size_t leaf_der_bytes = 0;
};

std::size_t der_size(const TempDir& dir, const std::filesystem::path& pem) {
  const auto der = dir / (pem.filename().string() + ".der");
  openssl_cli(dir, "der-" + pem.filename().string(),
              {"x509", "-in", pem.string(), "-outform", "DER", "-out", der.string()});
  return std::filesystem::file_size(der);
}

constexpr int big_cert_names = 1300;

// A self-signed CN=localhost certificate of about 60 KB: 1,300 DNS names of 44 characters
// beside localhost and 127.0.0.1, all in one subjectAltName extension.
ServedChain make_big_cert(const TempDir& dir) {
  std::string alt = "DNS.1 = localhost\nIP.1 = 127.0.0.1\n";
  for (int i = 0; i < big_cert_names; ++i) {
    std::string n = std::to_string(i);
    n.insert(0, 4 - n.size(), '0');
    alt += "DNS." + std::to_string(i + 2) + " = name-" + n + ".big-certificate.hostile.tlsprobe.test\n";
  }
  const auto conf = write_ext_config(dir, alt);
  ServedChain out{dir / "big.pem", dir / "big.key", dir / "big.pem", 0};
  openssl_cli(dir, "big-cert",
              {"req", "-x509", "-config", conf.string(), "-extensions", "leaf_ext", "-newkey", "ec", "-pkeyopt",
               "ec_paramgen_curve:P-256", "-nodes", "-sha256", "-subj", "/CN=localhost", "-days", "30",
               "-set_serial", "0x5E1F", "-keyout", out.key.string(), "-out", out.served.string()});
  out.leaf_der_bytes = der_size(dir, out.served);
  return out;
}

constexpr int long_chain_length = 30;

// Root -> 28 intermediates -> leaf (CN=localhost, SAN localhost and 127.0.0.1), P-256 keys
// (fast to make); served leaf first, the root last: 30 certificates.
ServedChain make_long_chain(const TempDir& dir) {
  const auto conf = write_ext_config(dir, "DNS.1 = localhost\nIP.1 = 127.0.0.1\n");
  const auto cert = [&](int i) { return dir / ("chain-" + std::to_string(i) + ".pem"); };
  const auto key = [&](int i) { return dir / ("chain-" + std::to_string(i) + ".key"); };
  const int leaf = long_chain_length - 1;
  for (int i = 0; i <= leaf; ++i) {
    const std::string subject = i == 0      ? "/O=tlsprobe tests/CN=hostile chain root"
                                : i == leaf ? "/CN=localhost"
                                            : "/O=tlsprobe tests/CN=hostile chain intermediate " + std::to_string(i);
    std::vector<std::string> args{"req",     "-x509", "-config", conf.string(), "-extensions",
                                  i == leaf ? "leaf_ext" : "ca_ext", "-newkey", "ec", "-pkeyopt",
                                  "ec_paramgen_curve:P-256", "-nodes", "-sha256", "-subj", subject, "-days", "30",
                                  "-set_serial", std::to_string(1000 + i), "-keyout", key(i).string(), "-out",
                                  cert(i).string()};
    if (i > 0) args.insert(args.end(), {"-CA", cert(i - 1).string(), "-CAkey", key(i - 1).string()});
    openssl_cli(dir, "chain-" + std::to_string(i), args);
  }
  std::string served;
  for (int i = leaf; i >= 0; --i) served += read_file(cert(i));
  ServedChain out{dir / "long-chain.pem", key(leaf), cert(0), 0};
  write_file(out.served, served);
  out.leaf_der_bytes = der_size(dir, cert(leaf));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The cases, one per mode. Beside each: the rule it asserts.
// ---------------------------------------------------------------------------------------------

TEST_CASE("hostile trickle: a ServerHello at one byte per second is a hello timeout, at every version") {
  // Rule: the ServerHello never completes before the handshake deadline, so nothing was
  // answered: rejected / timeout, phase hello (ETIMEDOUT 110 / WSAETIMEDOUT 10060) for both
  // backends; the deadline, not the peer, ends the attempt.
  const auto report = check_hostile(same_for_both("trickle", every_version(), timeout_in(Phase::hello)));
  for (const auto& r : report.results) {
    INFO(r.backend << " " << token(r.version) << ": " << describe(r));
    if (r.outcome.status == Status::rejected) CHECK(r.elapsed >= handshake_deadline - 100ms);
  }
}

TEST_CASE("hostile endless: a ServerHello then endless random bytes is protocol after the hello") {
  // Rule: OpenSSL reads the ServerHello, then bytes that are not records: rejected / protocol,
  // phase handshake, at every TLS version; it must neither keep reading (the server sends up
  // to 64 MiB) nor call it this machine's limit. Raw stops at the ServerHello, which names
  // the forced version: accepted (its contract), SSL 3.0 included.
  const auto versions = every_version();
  check_hostile(Case{"endless", versions, openssl_row(versions, always(protocol_in(Phase::handshake))),
                     raw_row(versions, raw_accepts)});
}

TEST_CASE("hostile huge_length: a 65,535-byte record holding a 16 MB ServerHello is protocol") {
  // Rule: the record length is over 2^14+2048 (RFC 5246 6.2.3): rejected / protocol, phase
  // hello (no ServerHello was read), both backends, every version; nothing waits for 16 MB.
  check_hostile(same_for_both("huge_length", every_version(), protocol_in(Phase::hello)));
}

TEST_CASE("hostile garbage: 4 KB of random bytes is protocol") {
  // Rule: not a record, not SSL 2.0, not HTTP: rejected / protocol, phase hello, both backends.
  check_hostile(same_for_both("garbage", every_version(), protocol_in(Phase::hello)));
}

TEST_CASE("hostile http400: an HTTP 400 answer is protocol, never acceptance") {
  // Rule: a plaintext HTTP answer: rejected / protocol, phase hello, both backends.
  check_hostile(same_for_both("http400", every_version(), protocol_in(Phase::hello)));
}

TEST_CASE("hostile half_fin: half a ServerHello then FIN is closed") {
  // Rule: EOF before a whole ServerHello: rejected / closed, phase hello, both backends.
  check_hostile(same_for_both("half_fin", every_version(), closed_in(Phase::hello)));
}

TEST_CASE("hostile half_rst: half a ServerHello then RST is reset, ECONNRESET 104 / WSAECONNRESET 10054") {
  // Rule: a RST while waiting for the rest of the ServerHello: rejected / reset, phase hello,
  // errno 104, winsock 10054, both backends.
  check_hostile(same_for_both("half_rst", every_version(), reset_in(Phase::hello)));
}

TEST_CASE("hostile sslv2: an SSL 2.0 SERVER-HELLO is protocol") {
  // Rule: a peer that speaks only SSL 2.0 accepted nothing we offered: rejected / protocol,
  // phase hello, both backends.
  check_hostile(
      same_for_both("sslv2", every_version(), protocol_in(Phase::hello), {"--cert", test_cert().cert.string()}));
}

TEST_CASE("hostile hello_silence: a ServerHello then silence is a handshake timeout for OpenSSL") {
  // Rule: OpenSSL waits for the Certificate (1.2) / EncryptedExtensions (1.3) that never
  // come: rejected / timeout, phase handshake. Raw has its ServerHello for the forced
  // version: accepted (its contract).
  const auto versions = every_version();
  check_hostile(Case{"hello_silence", versions, openssl_row(versions, always(timeout_in(Phase::handshake))),
                     raw_row(versions, raw_accepts)});
}

TEST_CASE("hostile no_renegotiation_info: a server without RFC 5746 is reached, not blamed on this machine") {
  // Rule: OpenSSL 3 by default refuses a ServerHello without renegotiation_info and would
  // report it as this machine's refusal; the probing contexts set SSL_OP_LEGACY_SERVER_CONNECT
  // (as SChannel behaves), so OpenSSL goes on and waits for the Certificate that never comes:
  // rejected / timeout, phase handshake — never unsupported/local. Raw has its ServerHello
  // for the forced version: accepted. The TLS 1.3 hello gets the capped TLS 1.2 ServerHello.
  const std::vector<Version> versions{tls1_0, tls1_2, tls1_3};
  const Rule openssl = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : timeout_in(Phase::handshake); };
  const Rule raw = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : raw_accepts(v); };
  check_hostile(Case{"no_renegotiation_info", versions, openssl_row(versions, openssl), raw_row(versions, raw)});
}

TEST_CASE("hostile alert_bytewise: a fatal alert 70 one byte per write is still alert 70") {
  // Rule: the alert reassembled from seven segments: rejected / alert 70 protocol_version,
  // phase hello, both backends.
  check_hostile(same_for_both("alert_bytewise", every_version(), alert_in(70, "protocol_version")));
}

TEST_CASE("hostile empty_records: 100,000 empty handshake records are protocol") {
  // Rule: RFC 5246 6.2.1 forbids zero-length handshake fragments: rejected / protocol, phase
  // hello, both backends; neither reads all 500 KB of them before deciding.
  check_hostile(same_for_both("empty_records", {tls1_0, tls1_2, tls1_3}, protocol_in(Phase::hello)));
}

TEST_CASE("hostile accept_close: accepted and closed without reading is closed") {
  // Rule: EOF before any answer: rejected / closed, phase hello, both backends.
  check_hostile(same_for_both("accept_close", every_version(), closed_in(Phase::hello)));
}

TEST_CASE("hostile half_open: FIN after reading the hello, socket still reading, is closed") {
  // Rule: the server's FIN is the answer whatever it still reads: rejected / closed, phase hello.
  check_hostile(same_for_both("half_open", {tls1_0, tls1_2, tls1_3}, closed_in(Phase::hello)));
}

TEST_CASE("hostile never_accept: a full accept queue makes connect hang: unreachable, connect timeout") {
  // What the client sees: Linux drops SYNs to a listener whose accept queue is full
  // (listen(0) plus one connection of the server's own), so connect() never completes and
  // the client retransmits its SYN until the connect deadline: unreachable / timeout, phase
  // connect, ETIMEDOUT 110 / WSAETIMEDOUT 10060, both backends (OpenSSL's SSL 3.0 cell is
  // decided before connecting), each within the connect deadline plus the margin.
  check_hostile(same_for_both("never_accept", {tls1_0, tls1_2, tls1_3}, connect_timeout()));
}

TEST_CASE("hostile never_accept_queued: a backlog nobody accepts completes connects, then silence") {
  // What the client sees: with room in the queue the kernel completes the TCP handshake and
  // queues the ClientHello, and no process ever reads it: the silence after the hello,
  // rejected / timeout, phase hello, both backends.
  check_hostile(same_for_both("never_accept_queued", {tls1_0, tls1_2, tls1_3}, timeout_in(Phase::hello)));
}

TEST_CASE("hostile big_cert: a real handshake with a ~60 KB certificate is accepted") {
  // Rule: a real server (Python's ssl) completes TLS 1.2 and 1.3 with a 60 KB self-signed
  // leaf: accepted by both; OpenSSL reports the certificate (not verified: self-signed) with
  // every one of its names.
  TempDir certs;
  const auto big = make_big_cert(certs);
  INFO("certificate: " << big.leaf_der_bytes << " bytes of DER");
  REQUIRE(big.leaf_der_bytes > 55000);
  REQUIRE(big.leaf_der_bytes < 70000);
  Case c{"big_cert", modern, openssl_row(modern, raw_accepts), raw_row(modern, raw_accepts),
         {"--cert", big.served.string(), "--key", big.key.string()}, true};
  c.check_accepted_openssl = [](const AttemptResult& r) {
    REQUIRE(r.outcome.certificate.has_value());
    const auto& cert = *r.outcome.certificate;
    CHECK(cert.subject.find("localhost") != std::string::npos);
    CHECK_FALSE(cert.verified);
    CHECK_FALSE(cert.verify_error.empty());
    REQUIRE(cert.chain.size() == 1);
    CHECK(cert.chain[0].san_dns.size() == big_cert_names + 1);
    CHECK(cert.chain[0].san_ip == std::vector<std::string>{"127.0.0.1"});
  };
  check_hostile(c);
}

TEST_CASE("hostile long_chain: a real handshake with a 30-certificate chain is accepted and verifies") {
  // Rule: a real server sends leaf, 28 intermediates and the root: accepted by both at
  // TLS 1.2 and 1.3; OpenSSL reports all 30 certificates, leaf first, and with the root as
  // --ca-file the chain verifies (OpenSSL's default depth limit is 100).
  TempDir certs;
  const auto chain = make_long_chain(certs);
  Case c{"long_chain", modern, openssl_row(modern, raw_accepts), raw_row(modern, raw_accepts),
         {"--cert", chain.served.string(), "--key", chain.key.string()}, true};
  c.config.ca_file = chain.root.string();
  c.check_accepted_openssl = [](const AttemptResult& r) {
    REQUIRE(r.outcome.certificate.has_value());
    const auto& cert = *r.outcome.certificate;
    INFO("verify error: " << cert.verify_error);
    CHECK(cert.subject == "CN=localhost");
    CHECK(cert.issuer.find("hostile chain intermediate 28") != std::string::npos);
    CHECK(cert.verified);
    REQUIRE(cert.chain.size() == long_chain_length);
    CHECK(cert.chain.front().subject == "CN=localhost");
    CHECK(cert.chain.back().subject.find("hostile chain root") != std::string::npos);
    CHECK(cert.chain.back().self_signed);
    for (std::size_t i = 1; i + 1 < cert.chain.size(); ++i) {
      INFO("chain[" << i << "] " << cert.chain[i].subject);
      CHECK(cert.chain[i].subject.find("intermediate " + std::to_string(long_chain_length - 1 - i)) !=
            std::string::npos);
      CHECK(cert.chain[i].issuer == cert.chain[i + 1].subject);
    }
  };
  check_hostile(c);
}

TEST_CASE("hostile alert_junk: alert 40 followed by 1 MB of junk is alert 40") {
  // Rule: the alert is the answer; the junk after it changes nothing: rejected / alert 40
  // handshake_failure, phase hello, both backends.
  check_hostile(same_for_both("alert_junk", every_version(), alert_in(40, "handshake_failure")));
}

TEST_CASE("hostile hrr_loop: a second HelloRetryRequest is the server's protocol violation") {
  // Rule (RFC 8446 4.1.4: a client receiving a second HelloRetryRequest MUST abort with
  // unexpected_message): OpenSSL at TLS 1.3 aborts after the server chose TLS 1.3:
  // rejected / protocol, phase handshake — never unsupported/local, this machine did nothing
  // wrong. Raw stops at the first HelloRetryRequest, which selects TLS 1.3 (supported_versions
  // 0x0304): accepted (its contract). The mode refuses hellos without TLS 1.3 with alert 70.
  const std::vector<Version> versions{tls1_2, tls1_3};
  const Rule openssl = [](Version v) {
    return v == tls1_3 ? protocol_in(Phase::handshake) : alert_in(70, "protocol_version");
  };
  const Rule raw = [](Version v) { return v == tls1_3 ? raw_accepts(v) : alert_in(70, "protocol_version"); };
  check_hostile(Case{"hrr_loop", versions, openssl_row(versions, openssl), raw_row(versions, raw)});
}

TEST_CASE("hostile hello_request_flood: HelloRequests around a ServerHello are skipped, then the close counts") {
  // Rule: RFC 5246 7.4.1.1 lets a client ignore HelloRequest while it negotiates, so 9,192
  // of them before the ServerHello (TLS <= 1.2, in kind) and 9,192 after change nothing:
  // OpenSSL meets the FIN where the Certificate belongs, rejected / closed, phase handshake;
  // raw skips them to its ServerHello, accepted (SSL 3.0 included). The mode caps its
  // ServerHello at TLS 1.2 (there is no HelloRequest in TLS 1.3), so the TLS 1.3 cell is
  // version_mismatch, offered tls1.2, for both.
  const auto versions = every_version();
  const Rule openssl = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : closed_in(Phase::handshake); };
  const Rule raw = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : raw_accepts(v); };
  check_hostile(Case{"hello_request_flood", versions, openssl_row(versions, openssl), raw_row(versions, raw)});
}

TEST_CASE("hostile tls13_alert_after_sh: a plaintext alert after a TLS 1.3 ServerHello is the server's violation") {
  // Rule: the server chose TLS 1.3 and then sent fatal alert 40 in plaintext, where RFC 8446
  // 5.1 wants every record after the ServerHello encrypted. OpenSSL drops such a record
  // unread ("bad record type"), so the alert number never reaches us: rejected / protocol,
  // phase handshake, the message naming the plaintext alert — never unsupported/local. Raw
  // stops at the ServerHello naming TLS 1.3: accepted (its contract). To hellos without
  // TLS 1.3 the mode sends alert 70.
  const std::vector<Version> versions{tls1_2, tls1_3};
  const Rule openssl = [](Version v) {
    return v == tls1_3 ? protocol_in(Phase::handshake) : alert_in(70, "protocol_version");
  };
  const Rule raw = [](Version v) { return v == tls1_3 ? raw_accepts(v) : alert_in(70, "protocol_version"); };
  check_hostile(Case{"tls13_alert_after_sh", versions, openssl_row(versions, openssl), raw_row(versions, raw)});
}

TEST_CASE("hostile cert_16mb: a Certificate message declaring 16 MiB is protocol, not a local limit") {
  // Rule: a ServerHello for the forced version (<= TLS 1.2), then a Certificate header
  // declaring 16,777,215 bytes: OpenSSL must refuse from the header (its 100 KB limit is a
  // defence against this server, not a shortcoming of this machine): rejected / protocol,
  // phase handshake, never unsupported/local, and without waiting for 16 MiB. Raw stops at
  // the ServerHello: accepted. The TLS 1.3 cell gets the capped TLS 1.2 ServerHello:
  // version_mismatch, offered tls1.2, for both.
  const auto versions = every_version();
  const Rule openssl = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : protocol_in(Phase::handshake); };
  const Rule raw = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : raw_accepts(v); };
  check_hostile(Case{"cert_16mb", versions, openssl_row(versions, openssl), raw_row(versions, raw)});
}

// ---------------------------------------------------------------------------------------------
// The modes on the wire, without any TLS library in between: when a case above fails, this
// tells a broken server script from a broken backend, and holds the script to its comments.
// ---------------------------------------------------------------------------------------------

std::string hello_bytes(Version v) {
  wire::HelloOptions options;
  options.version = v;
  wire::randomize(options);
  const auto hello = wire::build_client_hello(options);
  return {hello.begin(), hello.end()};
}

std::string hex(std::string_view data) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : data) {
    out += digits[c >> 4];
    out += digits[c & 0xf];
  }
  return out;
}

std::size_t be(std::string_view data, std::size_t pos, std::size_t n) {
  std::size_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(data.at(pos + i));
  return v;
}

struct Record {
  unsigned type = 0;
  unsigned version = 0;
  std::string fragment;
};

// RFC 5246 6.2.1: type(1) version(2) length(2) fragment; stops at the first incomplete one.
std::vector<Record> records(std::string_view data, std::size_t* rest = nullptr) {
  std::vector<Record> out;
  std::size_t pos = 0;
  while (data.size() - pos >= 5) {
    const auto length = be(data, pos + 3, 2);
    if (data.size() - pos - 5 < length) break;
    out.push_back({static_cast<unsigned>(be(data, pos, 1)), static_cast<unsigned>(be(data, pos + 1, 2)),
                   std::string(data.substr(pos + 5, length))});
    pos += 5 + length;
  }
  if (rest) *rest = data.size() - pos;
  return out;
}

std::string exchange_with(const std::string& mode, Version v, const std::vector<std::string>& extra = {},
                          milliseconds timeout = 3000ms) {
  TempDir dir;
  auto server = start_hostile(dir, mode, extra);
  const auto reply = exchange("127.0.0.1", server.port, hello_bytes(v), timeout);
  INFO("server log:\n" << server.process.log_text());
  CHECK(server.process.running());
  return reply;
}

TEST_CASE("hostile wire: the length liars, the impostors and the closers send what they promise") {
  {
    // 16 03 03 FF FF | 02 FF FF FF | zeros up to the record's 65,535 bytes.
    const auto reply = exchange_with("huge_length", tls1_2);
    CHECK(reply.size() == 5 + 0xFFFF);
    CHECK(hex(reply.substr(0, 9)) == "160303ffff02ffffff");
  }
  CHECK(exchange_with("garbage", tls1_2).size() == 4096);
  CHECK(exchange_with("http400", tls1_2).rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
  {
    // draft-hickman: 1|length(15), SERVER-HELLO 04, hit 00, cert type 01, version 0002.
    const auto reply = exchange_with("sslv2", tls1_2, {"--cert", test_cert().cert.string()});
    REQUIRE(reply.size() > 13);
    CHECK((static_cast<unsigned char>(reply[0]) & 0x80) != 0);
    CHECK(be(reply, 0, 2) - 0x8000 == reply.size() - 2);
    CHECK(hex(reply.substr(2, 5)) == "0400010002");
    CHECK(be(reply, 7, 2) + be(reply, 9, 2) + be(reply, 11, 2) + 11 == reply.size() - 2);
  }
  for (const auto v : {tls1_2, tls1_3}) {
    INFO(token(v));
    // Half a ServerHello record: its header promises more than ever comes.
    const auto reply = exchange_with("half_fin", v);
    REQUIRE(reply.size() >= 5);
    CHECK(hex(reply.substr(0, 3)) == "160303");
    CHECK(reply.size() == (5 + be(reply, 3, 2)) / 2);
  }
  CHECK(exchange_with("accept_close", tls1_2).empty());
  CHECK(exchange_with("half_open", tls1_2).empty());
}

TEST_CASE("hostile wire: alerts, empty records and junk are the bytes and sizes documented") {
  CHECK(hex(exchange_with("alert_bytewise", tls1_2)) == "15030100020246");
  {
    const auto reply = exchange_with("alert_junk", tls1_2);
    CHECK(hex(reply.substr(0, 7)) == "15030100020228");
    CHECK(reply.size() == 7 + (std::size_t{1} << 20));
  }
  {
    const auto reply = exchange_with("empty_records", tls1_2);
    CHECK(reply.size() == 500000);
    std::size_t rest = 1;
    const auto all = records(reply, &rest);
    CHECK(rest == 0);
    CHECK(all.size() == 100000);
    bool all_empty_handshakes = true;
    for (const auto& r : all) all_empty_handshakes = all_empty_handshakes && r.type == 22 && r.fragment.empty();
    CHECK(all_empty_handshakes);
  }
}

TEST_CASE("hostile wire: ServerHello modes answer in kind, then misbehave as documented") {
  {
    // 9,192 HelloRequests (1,000 records of one, then 4,096 + 4,096 packed), the ServerHello,
    // 9,192 more; nothing else.
    std::size_t rest = 1;
    const auto all = records(exchange_with("hello_request_flood", tls1_2), &rest);
    CHECK(rest == 0);
    std::size_t before = 0, after = 0, hellos = 0;
    for (const auto& r : all) {
      REQUIRE(r.type == 22);
      if (r.fragment.at(0) == 2) {
        ++hellos;
        CHECK(be(r.fragment, 4, 2) == 0x0303);
        continue;
      }
      CHECK(r.fragment.size() % 4 == 0);
      CHECK(r.fragment.find_first_not_of('\0') == std::string::npos);
      (hellos ? after : before) += r.fragment.size() / 4;
    }
    CHECK(hellos == 1);
    CHECK(before == 9192);
    CHECK(after == 9192);
  }
  {
    // ServerHello (TLS 1.2), then 0B FF FF FF | FF FF FC | FF FF F9 | 30 83 FF FF F5 ..., 64 KiB.
    const auto all = records(exchange_with("cert_16mb", tls1_2));
    REQUIRE(all.size() == 5);
    CHECK(all[0].fragment.at(0) == 2);
    CHECK(hex(all[1].fragment.substr(0, 15)) == "0bfffffffffffcfffff93083fffff5");
    std::size_t certificate = 0;
    for (std::size_t i = 1; i < all.size(); ++i) certificate += all[i].fragment.size();
    CHECK(certificate == 64 * 1024);
  }
  {
    // A TLS 1.3 ServerHello (supported_versions 0x0304), then 15 03 03 00 02 02 28 in plaintext.
    const auto all = records(exchange_with("tls13_alert_after_sh", tls1_3));
    REQUIRE(all.size() == 2);
    CHECK(all[0].fragment.at(0) == 2);
    CHECK(hex(all[0].fragment).find("002b00020304") != std::string::npos);
    CHECK(all[1].type == 21);
    CHECK(hex(all[1].fragment) == "0228");
  }
  {
    // The first HelloRetryRequest: random = SHA-256("HelloRetryRequest"), version 0x0304.
    const auto all = records(exchange_with("hrr_loop", tls1_3));
    REQUIRE(all.size() == 1);
    CHECK(hex(all[0].fragment.substr(6, 32)) == "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    CHECK(hex(all[0].fragment).find("002b00020304") != std::string::npos);
  }
  {
    // One whole ServerHello and then nothing, until we leave.
    std::size_t rest = 1;
    const auto all = records(exchange_with("hello_silence", tls1_2, {}, 1500ms), &rest);
    CHECK(rest == 0);
    REQUIRE(all.size() == 1);
    CHECK(all[0].fragment.at(0) == 2);
  }
}

}  // namespace
}  // namespace tlsprobe::test
