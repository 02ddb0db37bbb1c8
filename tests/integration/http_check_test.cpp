// --http-check against real peers: nginx answering HEAD / with 200 over TLS, and a TLS
// server that completes the handshake and resets on the first application byte (a middlebox
// that only the request after the handshake can reveal). The version stays accepted.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

#include "diagnosis/certificates.hpp"
#include "diagnosis/disagreement.hpp"
#include "integration/probe.hpp"
#include "render/json.hpp"
#include "support/certs.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

const std::vector<Version> modern{tls1_2, tls1_3};

std::string target_of(const ServerProcess& s) { return "127.0.0.1:" + std::to_string(s.port()); }

EngineOptions with_http_check() {
  auto options = quick_options();
  options.http_check = HttpCheckConfig{"/", options.handshake_timeout};
  return options;
}

// 0 when `document` validates against schema/report.schema.json (python3-jsonschema).
int validate(const std::string& document) {
  static std::atomic<int> counter{0};
  const auto file = std::filesystem::temp_directory_path() /
                    ("tlsprobe-http-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".json");
  std::ofstream(file, std::ios::binary) << document;
  const std::string command = std::string(system_python) +
                              " -c 'import json,sys,jsonschema; "
                              "jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' '" +
                              file.string() + "' '" TLSPROBE_SOURCE_DIR "/schema/report.schema.json'";
  const int rc = std::system(command.c_str());
  std::filesystem::remove(file);
  return rc;
}

const AttemptResult& cell(const Report& report, const std::string& backend, Version v) {
  for (const auto& r : report.results)
    if (r.backend == backend && r.version == v) return r;
  FAIL("no " << backend << " cell for " << token(v));
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("http check: nginx answers HEAD / with 200 over TLS 1.2 and 1.3") {
  TempDir dir;
  auto server = start_nginx(dir, "TLSv1.2 TLSv1.3", "HIGH:!aNULL");
  INFO(server.log_text());
  const auto report = probe(target_of(server), modern, with_http_check());
  for (const auto v : modern) {
    check_cell(report, "openssl", server.name(), "127.0.0.1", v, accepted_as(v));
    const auto& r = cell(report, "openssl", v);
    REQUIRE(r.outcome.http.has_value());
    const auto& h = *r.outcome.http;
    INFO(token(v) << ": " << (h.error ? h.error->message : h.status_line));
    CHECK(h.path == "/");
    CHECK(h.status == 200);
    CHECK(h.status_line == "HTTP/1.1 200 OK");
    CHECK_FALSE(h.error.has_value());
    CHECK(h.elapsed <= r.elapsed);
    // The raw backend stops at the ServerHello: there is no stream to send a request on.
    check_cell(report, "raw", server.name(), "127.0.0.1", v, accepted_as(v));
    CHECK_FALSE(cell(report, "raw", v).outcome.http.has_value());
  }
  check_disagreements(report, {});

  // The real document, http results included, is what the schema describes.
  nlohmann::ordered_json extra;
  extra["disagreements"] = disagreements_to_json(find_disagreements(report));
  extra["certificate_findings"] = certificate_findings_to_json(find_certificate_findings(report));
  const std::string json = render_json(report, extra);
  INFO(json);
  CHECK(validate(json) == 0);
}

TEST_CASE("http check: a reset on the first application byte is class reset in phase http, the version accepted") {
  TempDir dir;
  const auto& cert = test_cert();
  auto server = start_scripted(dir, "reset_on_data", {"--cert", cert.cert.string(), "--key", cert.key.string()});
  const auto report = probe(target_of(server), modern, with_http_check());
  INFO(server.log_text());
  for (const auto v : modern) {
    // The handshake succeeded: the cell says so, whatever the request met afterwards.
    check_cell(report, "openssl", server.name(), "127.0.0.1", v, accepted_as(v));
    const auto& r = cell(report, "openssl", v);
    REQUIRE(r.outcome.http.has_value());
    const auto& h = *r.outcome.http;
    REQUIRE(h.error.has_value());
    INFO(token(v) << ": " << h.error->message);
    CHECK(to_string(h.error->cls) == "reset");
    CHECK(to_string(h.error->phase) == "http");
    CHECK(h.error->posix_errno == 104);  // ECONNRESET
    CHECK(h.error->winsock == 10054);    // WSAECONNRESET, what Windows and Azure's documentation show
    CHECK_FALSE(h.error->alert.has_value());
    CHECK_FALSE(h.status.has_value());
    CHECK(h.status_line.empty());
    CHECK(h.elapsed >= std::chrono::milliseconds(250));  // the server waits 300 ms before the RST
    check_cell(report, "raw", server.name(), "127.0.0.1", v, accepted_as(v));
  }
  CHECK(summarize(report).accepted == 4);

  nlohmann::ordered_json extra;
  extra["certificate_findings"] = certificate_findings_to_json(find_certificate_findings(report));
  const std::string json = render_json(report, extra);
  INFO(json);
  CHECK(validate(json) == 0);
}

TEST_CASE("http check: a server that never answers HEAD changes no cell of the version matrix") {
  // `openssl s_server -www` serves one connection at a time and answers GET only: a HEAD
  // holds its connection until the HTTP deadline. Run inside the matrix, the attempts queued
  // behind it timed out (39 of 60 cells in one run). Run after it, the matrix is the same as
  // without --http-check, and the HTTP result alone says what happened.
  TempDir dir;
  auto server = start_openssl_server(dir, {"-tls1_2"});
  // The HTTP deadline is the handshake's, as the CLI sets it: an attempt queued behind the
  // held connection would wait it out and miss its own handshake deadline.
  const auto with_http = probe(target_of(server), tls_versions(), with_http_check());
  const auto without = probe(target_of(server), tls_versions());
  INFO(server.log_text());
  const Row row{{tls1_0, alert_in(70, "protocol_version")},
                {tls1_1, alert_in(70, "protocol_version")},
                {tls1_2, accepted_as(tls1_2)},
                {tls1_3, alert_in(70, "protocol_version")}};
  for (const auto* report : {&with_http, &without}) {
    check_row(*report, "openssl", server.name(), "127.0.0.1", row);
    check_row(*report, "raw", server.name(), "127.0.0.1", row);
  }
  const auto& r = cell(with_http, "openssl", tls1_2);
  REQUIRE(r.outcome.http.has_value());
  // Whatever s_server makes of HEAD, the answer is typed: a status line or a typed failure.
  if (r.outcome.http->error) {
    INFO(r.outcome.http->error->message);
    CHECK(to_string(r.outcome.http->error->phase) == "http");
  } else {
    CHECK(r.outcome.http->status.has_value());
  }
  CHECK_FALSE(cell(with_http, "openssl", tls1_3).outcome.http.has_value());
  CHECK_FALSE(cell(with_http, "raw", tls1_2).outcome.http.has_value());
}

}  // namespace tlsprobe::test
