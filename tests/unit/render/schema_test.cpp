// The JSON document against schema/report.schema.json, checked by python3-jsonschema: the
// schema is what script authors code against, so it must describe exactly what we write.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "diagnosis/certificates.hpp"
#include "policy/policy.hpp"
#include "render/json.hpp"
#include "render/policy.hpp"
#include "sample_report.hpp"

using namespace tlsprobe;

#if !defined(_WIN32)  // the cross-built unit binary runs under Wine, where there is no python3

#include <unistd.h>

namespace {

namespace fs = std::filesystem;

// 0 when the document validates, non-zero otherwise.
int validate(const std::string& document) {
  static std::atomic<int> counter{0};
  const fs::path file = fs::temp_directory_path() /
                        ("tlsprobe-schema-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".json");
  std::ofstream(file, std::ios::binary) << document;
  const std::string command =
      "/usr/bin/python3 -c 'import json,sys,jsonschema; "
      "jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' '" +
      file.string() + "' '" TLSPROBE_SOURCE_DIR "/schema/report.schema.json' 2>/dev/null";
  const int rc = std::system(command.c_str());
  fs::remove(file);
  return rc;
}

}  // namespace

TEST_CASE("render json schema: rendered documents validate") {
  const Report rep = sample::mixed();
  CHECK(validate(render_json(rep)) == 0);
  Report empty;
  empty.tool_version = "0.1.0";
  CHECK(validate(render_json(empty)) == 0);

  const Policy policy = make_policy("tls1.2,tls1.3", "ssl3.0,tls1.0");
  const auto violations = check_policy(rep, policy);
  REQUIRE_FALSE(violations.empty());
  nlohmann::ordered_json extra;
  extra["policy"] = policy_to_json(policy, violations);
  CHECK(validate(render_json(rep, extra)) == 0);

  // Every finding id once, and both shapes of the address.
  nlohmann::ordered_json with_findings;
  std::vector<CertificateFinding> findings;
  for (const auto id : {finding_inspection, finding_expiring, finding_expired, finding_hostname_mismatch,
                        finding_untrusted})
    findings.push_back(
        {{std::string(id), Severity::error, "m"}, "login.microsoftonline.com", "20.190.151.7", "openssl"});
  findings.back().address.clear();
  with_findings["certificate_findings"] = certificate_findings_to_json(findings);
  CHECK(validate(render_json(rep, with_findings)) == 0);
}

TEST_CASE("render json schema: certificate chains, http checks and findings are held to their shape") {
  const auto doc = report_to_json(sample::mixed());
  // results[3]: openssl TLS 1.2 accepted, with a chain; [4]: TLS 1.3 with a failed http check;
  // [1]: a rejected attempt.
  REQUIRE(doc["results"][3]["certificate"]["chain"].size() == 2);
  REQUIRE(doc["results"][4]["http"]["error"]["class"] == "reset");

  auto http_on_rejected = doc;
  http_on_rejected["results"][1]["http"] = doc["results"][4]["http"];
  CHECK(validate(dump_json(http_on_rejected)) != 0);

  auto wrong_phase = doc;
  wrong_phase["results"][4]["http"]["error"]["phase"] = "handshake";
  CHECK(validate(dump_json(wrong_phase)) != 0);

  auto status_and_error = doc;
  status_and_error["results"][4]["http"]["status"] = 200;
  CHECK(validate(dump_json(status_and_error)) != 0);

  auto missing_serial = doc;
  missing_serial["results"][3]["certificate"]["chain"][0].erase("serial");
  CHECK(validate(dump_json(missing_serial)) != 0);

  auto bad_time = doc;
  bad_time["results"][3]["certificate"]["chain"][0]["not_before"] = "Mar  5 12:00:00 2026 GMT";
  CHECK(validate(dump_json(bad_time)) != 0);

  auto no_hostname_key = doc;
  no_hostname_key["results"][3]["certificate"].erase("hostname_matches");
  CHECK(validate(dump_json(no_hostname_key)) != 0);

  auto unknown_finding = doc;
  unknown_finding["certificate_findings"] = nlohmann::ordered_json::array();
  unknown_finding["certificate_findings"].push_back({{"id", "certificate.weird"},
                                                     {"severity", "error"},
                                                     {"endpoint", "e"},
                                                     {"address", nullptr},
                                                     {"backend", "openssl"},
                                                     {"message", "m"}});
  CHECK(validate(dump_json(unknown_finding)) != 0);
  unknown_finding["certificate_findings"][0]["id"] = "certificate.expired";
  CHECK(validate(dump_json(unknown_finding)) == 0);  // the same finding with a known id passes
}

TEST_CASE("render json schema: invalid documents are rejected") {
  // Without this the positive test could pass on a broken python call.
  auto doc = report_to_json(sample::mixed());
  CHECK(validate(dump_json(doc)) == 0);

  auto bad_status = doc;
  bad_status["results"][0]["status"] = "maybe";
  CHECK(validate(dump_json(bad_status)) != 0);

  auto unknown_key = doc;
  unknown_key["results"][1]["error"]["severity"] = "high";
  CHECK(validate(dump_json(unknown_key)) != 0);

  auto accepted_with_error = doc;
  accepted_with_error["results"][3]["error"] = doc["results"][1]["error"];
  CHECK(validate(dump_json(accepted_with_error)) != 0);

  auto bad_version = doc;
  bad_version["versions"][0] = "tls1.4";
  CHECK(validate(dump_json(bad_version)) != 0);

  auto unlisted_section = doc;
  unlisted_section["extras"] = nlohmann::ordered_json::object();
  CHECK(validate(dump_json(unlisted_section)) != 0);

  CHECK(validate("not json") != 0);
}

#endif
