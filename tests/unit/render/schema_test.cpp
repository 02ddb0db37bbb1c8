// The JSON document against schema/report.schema.json, checked by python3-jsonschema: the
// schema is what script authors code against, so it must describe exactly what we write.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "policy/policy.hpp"
#include "render/json.hpp"
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
