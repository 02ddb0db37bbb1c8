#include <doctest/doctest.h>

#include "../render/sample_report.hpp"
#include "core/errors.hpp"
#include "policy/policy.hpp"
#include "render/policy.hpp"

using namespace tlsprobe;

namespace {

// One address, two backends, results chosen per test.
struct Grid {
  Report rep;
  Target t = sample::target("vault.example", 443);
  Grid() {
    rep.versions = {Version::ssl3_0, Version::tls1_0, Version::tls1_2, Version::tls1_3};
    rep.backends = {"openssl", "raw"};
  }
  void add(const std::string& backend, Version v, Outcome o, const std::string& address = "192.0.2.7") {
    rep.results.push_back(sample::attempt(t, address, backend, v, std::move(o)));
  }
};

Outcome reset() {
  Outcome o = failure(Status::rejected, ErrorClass::reset, Phase::hello, "Connection reset by peer");
  o.error.posix_errno = 104;
  return o;
}

Outcome refused() {
  Outcome o = failure(Status::unreachable, ErrorClass::refused, Phase::connect, "Connection refused");
  o.error.winsock = 10061;
  return o;
}

}  // namespace

TEST_CASE("policy: lists parse, and a version both required and forbidden is a usage error") {
  const Policy p = make_policy("tls1.2,TLSv1.3", "ssl3,tls1.0,tls1.1");
  CHECK(p.require == std::vector<Version>{Version::tls1_2, Version::tls1_3});
  CHECK(p.forbid == std::vector<Version>{Version::ssl3_0, Version::tls1_0, Version::tls1_1});
  CHECK(make_policy("", "").empty());
  CHECK_THROWS_AS(make_policy("tls1.2", "tls12"), UsageError);
  CHECK_THROWS_AS(make_policy("tls9", ""), UsageError);
}

TEST_CASE("policy: require is met by one backend, forbid is clean when every backend refuses") {
  Grid g;
  g.add("openssl", Version::tls1_2, accepted(Version::tls1_2, "AES"));
  g.add("raw", Version::tls1_2, reset());  // a flaky middlebox on one backend does not fail require
  g.add("openssl", Version::tls1_0, sample::alert(70));
  g.add("raw", Version::tls1_0, reset());
  g.add("openssl", Version::ssl3_0, unsupported_here("no SSL 3.0 in this OpenSSL"));
  g.add("raw", Version::ssl3_0, sample::alert(40));
  const auto v = check_policy(g.rep, make_policy("tls1.2", "ssl3.0,tls1.0"));
  CHECK(v.empty());
  CHECK(render_violations(v) == "Policy: no violations\n");
}

TEST_CASE("policy: require fails when no backend accepted, naming what each saw") {
  Grid g;
  g.add("openssl", Version::tls1_3, sample::alert(70));
  g.add("raw", Version::tls1_3, reset());
  const auto v = check_policy(g.rep, make_policy("tls1.3", ""));
  REQUIRE(v.size() == 1);
  CHECK(v[0].endpoint == "vault.example");
  CHECK(v[0].address == "192.0.2.7");
  CHECK(v[0].backend == "");
  CHECK(v[0].version == Version::tls1_3);
  CHECK(v[0].rule == "require");
  CHECK(v[0].shortfall == Shortfall::not_accepted);
  CHECK(v[0].seen.size() == 2);
  CHECK(violation_detail(v[0]) ==
        "not accepted: openssl rejected (alert 70 protocol_version in handshake); raw rejected (reset 10054 in hello)");
}

TEST_CASE("policy: all backends unsupported cannot prove acceptance") {
  Grid g;
  g.add("openssl", Version::tls1_3, unsupported_here("OpenSSL built without TLS 1.3"));
  g.add("raw", Version::tls1_3, unsupported_here(""));
  const auto v = check_policy(g.rep, make_policy("tls1.3", ""));
  REQUIRE(v.size() == 1);
  CHECK(v[0].shortfall == Shortfall::none_could_try);
  CHECK(violation_detail(v[0]) ==
        "no backend can attempt TLS 1.3 here, so acceptance cannot be proven: openssl unsupported (OpenSSL built "
        "without TLS 1.3); raw unsupported");
}

TEST_CASE("policy: an unreachable address violates require, one line per address") {
  Grid g;
  g.add("openssl", Version::tls1_2, accepted(Version::tls1_2, "AES"), "192.0.2.7");
  g.add("openssl", Version::tls1_2, refused(), "2001:db8::7");
  Outcome dns = failure(Status::unreachable, ErrorClass::dns, Phase::resolve, "Host not found");
  dns.error.winsock = 11001;
  AttemptResult lost = sample::attempt(sample::target("lost.example", 8443), "", "openssl", Version::tls1_2, dns);
  g.rep.results.push_back(lost);
  const auto v = check_policy(g.rep, make_policy("tls1.2", ""));
  REQUIRE(v.size() == 2);
  CHECK(v[0].address == "2001:db8::7");
  CHECK(violation_detail(v[0]) == "not accepted: openssl unreachable (refused 10061 in connect)");
  CHECK(v[1].endpoint == "lost.example:8443");
  CHECK(v[1].address == "");
  CHECK(render_violations(v) ==
        "Policy: 2 violations\n"
        "  vault.example (2001:db8::7): requires TLS 1.2: not accepted: openssl unreachable (refused 10061 in "
        "connect)\n"
        "  lost.example:8443 (no address): requires TLS 1.2: not accepted: openssl unreachable (dns 11001)\n");
}

TEST_CASE("policy: forbid names every backend that was accepted") {
  Grid g;
  g.add("openssl", Version::tls1_0, accepted(Version::tls1_0, "ECDHE-RSA-AES128-SHA"));
  g.add("raw", Version::tls1_0, accepted(Version::tls1_0, ""));
  g.add("openssl", Version::ssl3_0, unsupported_here("no SSL 3.0"));  // unproven, but not a violation
  g.add("raw", Version::ssl3_0, refused());
  const auto v = check_policy(g.rep, make_policy("", "ssl3.0,tls1.0"));
  REQUIRE(v.size() == 2);
  CHECK(v[0].backend == "openssl");
  CHECK(v[0].rule == "forbid");
  CHECK(v[0].shortfall == Shortfall::accepted);
  REQUIRE(v[0].seen.size() == 1);
  CHECK(v[0].seen[0].outcome.cipher == "ECDHE-RSA-AES128-SHA");
  CHECK(v[1].backend == "raw");
  CHECK(render_violations(v) ==
        "Policy: 2 violations\n"
        "  vault.example (192.0.2.7) openssl: forbids TLS 1.0: accepted, negotiated TLS 1.0 with "
        "ECDHE-RSA-AES128-SHA\n"
        "  vault.example (192.0.2.7) raw: forbids TLS 1.0: accepted, negotiated TLS 1.0\n");
}

TEST_CASE("policy: a version never probed fails either rule rather than passing silently") {
  Grid g;
  g.add("openssl", Version::tls1_2, accepted(Version::tls1_2, "AES"));
  const auto v = check_policy(g.rep, make_policy("tls1.3", "tls1.0"));
  REQUIRE(v.size() == 2);
  CHECK(v[0].rule == "require");
  CHECK(v[0].shortfall == Shortfall::not_probed);
  CHECK(violation_detail(v[0]) == "TLS 1.3 was not probed, so acceptance cannot be proven");
  CHECK(v[1].rule == "forbid");
  CHECK(violation_detail(v[1]) == "TLS 1.0 was not probed, so refusal cannot be proven");
}

TEST_CASE("policy: the sample run, and its JSON section") {
  const Policy p = make_policy("tls1.2", "tls1.0");
  const auto v = check_policy(sample::mixed(), p);
  CHECK(render_violations(v) ==
        "Policy: 2 violations\n"
        "  mars.contoso.example:8443 (10.0.0.5) openssl: forbids TLS 1.0: accepted, negotiated TLS 1.0 with "
        "ECDHE-RSA-AES128-SHA\n"
        "  nope.invalid (no address): requires TLS 1.2: not accepted: openssl unreachable (dns 11001)\n");
  const auto j = policy_to_json(p, v);
  CHECK(j.dump() ==
        R"j({"require":["tls1.2"],"forbid":["tls1.0"],"passed":false,"violations":[)j"
        R"j({"endpoint":"mars.contoso.example:8443","address":"10.0.0.5","backend":"openssl","version":"tls1.0",)j"
        R"j("rule":"forbid","detail":"accepted, negotiated TLS 1.0 with ECDHE-RSA-AES128-SHA"},)j"
        R"j({"endpoint":"nope.invalid","address":null,"backend":null,"version":"tls1.2","rule":"require",)j"
        R"j("detail":"not accepted: openssl unreachable (dns 11001)"}]})j");
  CHECK(policy_to_json(p, {})["passed"] == true);
}

TEST_CASE("policy: protocol and local failures carry their native text") {
  Grid g;
  g.add("openssl", Version::tls1_2,
        failure(Status::rejected, ErrorClass::local, Phase::handshake, "client refused to continue\n"));
  const auto v = check_policy(g.rep, make_policy("tls1.2", ""));
  REQUIRE(v.size() == 1);
  CHECK(violation_detail(v[0]) == "not accepted: openssl rejected (local in handshake: client refused to continue)");
}

TEST_CASE("policy: an attempt that failed inside tlsprobe proves nothing either way") {
  // openssl hit an internal fault at TLS 1.2, raw saw it accepted: require holds on raw's
  // evidence; forbid TLS 1.0 is not violated by a fault that proves no acceptance.
  Grid g;
  g.add("openssl", Version::tls1_2, internal_failure(Phase::none, "boom"));
  g.add("raw", Version::tls1_2, accepted(Version::tls1_2, "TLS_AES_128_GCM_SHA256"));
  g.add("openssl", Version::tls1_0, internal_failure(Phase::none, "boom"));
  g.add("raw", Version::tls1_0, reset());
  CHECK(check_policy(g.rep, make_policy("tls1.2", "tls1.0")).empty());
}

TEST_CASE("cipher patterns: a whole name or one '_' part, any case") {
  const std::string triple_des = "TLS_RSA_WITH_3DES_EDE_CBC_SHA";
  CHECK(cipher_matches(triple_des, "3DES"));
  CHECK(cipher_matches(triple_des, "cbc"));
  CHECK(cipher_matches(triple_des, "SHA"));
  CHECK(cipher_matches(triple_des, triple_des));
  CHECK_FALSE(cipher_matches(triple_des, "DES"));
  CHECK_FALSE(cipher_matches("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "SHA"));
  CHECK_FALSE(cipher_matches("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "AES_128"));  // one part at a time
  CHECK(cipher_matches("TLS_RSA_EXPORT_WITH_RC4_40_MD5", "EXPORT"));
  CHECK(cipher_matches("TLS_RSA_WITH_NULL_SHA", "NULL"));

  Policy p;
  add_cipher_rules(p, "gcm, CHACHA20", "3des,RC4,3DES");
  CHECK(p.require_ciphers == std::vector<std::string>{"GCM", "CHACHA20"});
  CHECK(p.forbid_ciphers == std::vector<std::string>{"3DES", "RC4"});
  CHECK_FALSE(p.empty());
  CHECK_THROWS_AS(add_cipher_rules(p, "GCM,,CBC", ""), UsageError);
  CHECK_THROWS_AS(add_cipher_rules(p, "CBC", "cbc"), UsageError);
}

TEST_CASE("cipher policy: forbidden suites negotiated or found by the scan, and a required one missing") {
  Grid g;
  g.add("openssl", Version::tls1_2, accepted(Version::tls1_2, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));
  g.add("raw", Version::tls1_2, accepted(Version::tls1_2, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));
  CipherScan scan;
  scan.endpoint = "vault.example";
  scan.address = "192.0.2.7";
  scan.version = Version::tls1_2;
  scan.accepted = {0xC013, 0x000A};  // ECDHE-RSA-AES128-SHA, then 3DES
  scan.complete = true;
  g.rep.cipher_scans = {scan};
  Policy p;
  add_cipher_rules(p, "GCM", "3DES,CBC");
  const auto v = check_policy(g.rep, p);
  REQUIRE(v.size() == 3);
  // The negotiated suite, once, from the first cell that saw it; then the scan's 3DES.
  CHECK(v[0].rule == "forbid_ciphers");
  CHECK(v[0].backend == "openssl");
  CHECK(v[0].suite == "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  CHECK(v[1].suite == "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
  CHECK(v[1].backend.empty());
  CHECK(v[2].rule == "require_ciphers");
  CHECK(v[2].shortfall == Shortfall::no_suite_matches);
  CHECK(render_violations(v) ==
        "Policy: 3 violations\n"
        "  vault.example (192.0.2.7) openssl: forbids cipher suites it accepts at TLS 1.2: accepted "
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (negotiated)\n"
        "  vault.example (192.0.2.7): forbids cipher suites it accepts at TLS 1.2: accepted "
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA (found by --ciphers)\n"
        "  vault.example (192.0.2.7): requires a matching cipher suite at TLS 1.2: no accepted suite matches; "
        "accepted: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_3DES_EDE_CBC_SHA\n");
  const auto j = policy_to_json(p, v);
  CHECK(j["require_ciphers"] == nlohmann::json::array({"GCM"}));
  CHECK(j["violations"][2]["rule"] == "require_ciphers");

  Policy clean;
  add_cipher_rules(clean, "CBC", "RC4,NULL");
  CHECK(check_policy(g.rep, clean).empty());
}
