#include "analysis/analysis.hpp"

#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "../render/sample_report.hpp"
#include "core/errors.hpp"

using namespace tlsprobe;

TEST_CASE("analyze_report: one call joins the disagreements, verdicts, policy and certificate findings") {
  const Report rep = sample::mixed();
  const Policy policy = make_policy("tls1.2", "tls1.0");
  const auto a = analyze_report(rep, policy, {}, std::nullopt);
  CHECK(a.report.results.size() == rep.results.size());
  CHECK(a.disagreements.size() == find_disagreements(rep).size());
  CHECK(a.verdicts.size() == diagnose(rep, std::nullopt).size());
  CHECK(a.violations.size() == check_policy(rep, policy).size());
  CHECK(a.certificate_findings == find_certificate_findings(rep));
  CHECK(a.policy.require == policy.require);
  CHECK_FALSE(a.policy_passed());
  CHECK_FALSE(a.faulted());
  CHECK_FALSE(a.registry);

  Report faulty = rep;
  faulty.results.front().outcome = internal_failure(Phase::none, "boom");
  CHECK(analyze_report(faulty, {}, {}, std::nullopt).faulted());
}

TEST_CASE("analyze: a plan against a closed loopback port probes what the policy needs and says why it fails") {
  // A port that was just free: nothing listens, every attempt is refused (111 / 10061).
  std::uint16_t port = 0;
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }
  Plan plan;
  plan.targets = {parse_target("127.0.0.1:" + std::to_string(port))};
  plan.versions = {Version::tls1_2};
  plan.backends = {"raw"};
  plan.engine.connect_timeout = std::chrono::seconds(2);
  plan.policy = make_policy("tls1.2", "tls1.0");
  plan.registry.live_when_no_files = false;
  const auto a = analyze(plan);
  // TLS 1.0 is probed too: a rule about a version nobody tried could only fail.
  REQUIRE(a.report.results.size() == 2);
  CHECK(a.report.results[0].version == Version::tls1_0);
  CHECK(a.report.results[1].version == Version::tls1_2);
  for (const auto& r : a.report.results) {
    CHECK(r.outcome.status == Status::unreachable);
    CHECK(r.outcome.error.winsock == 10061);
  }
  REQUIRE(a.verdicts.size() == 2);
  for (const auto& v : a.verdicts) CHECK(v.reason == Reason::never_reached);
  REQUIRE(a.violations.size() == 1);
  CHECK(a.violations[0].rule == "require");
  CHECK(a.violations[0].shortfall == Shortfall::not_accepted);
}

TEST_CASE("analyze: a bad registry export or backend name fails before anything goes on the wire") {
  Plan plan;
  plan.targets = {parse_target("127.0.0.1:9")};
  plan.versions = {Version::tls1_2};
  plan.registry.files = {"/nonexistent/tlsprobe-registry-export.reg"};
  CHECK_THROWS_AS(analyze(plan), UsageError);

  Plan unknown_backend;
  unknown_backend.targets = plan.targets;
  unknown_backend.versions = plan.versions;
  unknown_backend.backends = {"no-such-stack"};
  CHECK_THROWS_AS(analyze(unknown_backend), UsageError);
}
