// The certificate a real server presents, from a PKI the test makes itself: the chain field
// by field, trust against --ca-file, the host-name check, an expired leaf, and a catalog
// endpoint whose chain ends at a root Azure does not use (what TLS inspection looks like).
#include <doctest/doctest.h>

#include <memory>

#include "backends/openssl/openssl_backend.hpp"
#include "backends/registry.hpp"
#include "core/target.hpp"
#include "diagnosis/certificates.hpp"
#include "integration/probe.hpp"
#include "render/table.hpp"
#include "support/pki.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

const std::vector<Version> modern{tls1_2, tls1_3};

// One engine run of the OpenSSL backend against `target` (catalog fields and all).
Report probe_target(const Target& target, const std::string& ca_file, const std::string& sni = {}) {
  BackendConfig config;
  config.ca_file = ca_file;
  auto backend = make_backend("openssl", config);
  EngineOptions options = quick_options();
  options.sni = sni;
  return run_probe({target}, {backend.get()}, modern, options);
}

Target local(const ServerProcess& server) { return parse_target("127.0.0.1:" + std::to_string(server.port())); }

// Both versions accepted, each with a certificate; the TLS 1.2 one is returned for a closer look.
const CertificateSummary& accepted_certificate(const Report& report) {
  REQUIRE(report.results.size() == modern.size());
  for (const auto& r : report.results) {
    INFO(token(r.version) << ": " << r.outcome.error.message);
    REQUIRE(r.outcome.status == Status::accepted);
    REQUIRE(r.outcome.certificate.has_value());
    CHECK(!r.outcome.http.has_value());  // no --http-check asked for
  }
  return *report.results.front().outcome.certificate;
}

struct Pki {
  TempDir dir;
  KeyPair ca = make_ca(dir);
  KeyPair leaf = make_leaf(dir, ca);
};

}  // namespace

TEST_CASE("certificate: the presented chain field by field, verified against --ca-file") {
  Pki pki;
  auto server = start_pki_server(pki.dir, pki.leaf, pki.ca.cert);
  INFO(server.log_text());
  const auto report = probe_target(local(server), pki.ca.cert.string());
  const auto& c = accepted_certificate(report);

  CHECK(c.verified);
  CHECK(c.verify_error.empty());
  CHECK(c.hostname_matches == true);  // 127.0.0.1 is one of the leaf's IP SANs
  CHECK(c.subject == "CN=leaf.tlsprobe.test,O=tlsprobe tests");
  CHECK(c.issuer == "CN=tlsprobe Test Root CA,O=tlsprobe tests");
  CHECK(c.not_after == "2035-01-01T00:00:00Z");

  REQUIRE(c.chain.size() == 2);
  const auto& leaf = c.chain[0];
  CHECK(leaf.subject == c.subject);
  CHECK(leaf.issuer == c.issuer);
  CHECK(leaf.serial == "1000A1");
  CHECK(leaf.serial == openssl_serial(pki.dir, pki.leaf.cert));
  CHECK(leaf.not_before == "2025-01-01T00:00:00Z");
  CHECK(leaf.not_after == "2035-01-01T00:00:00Z");
  CHECK(leaf.key_type == "RSA");
  CHECK(leaf.key_bits == 2048);
  CHECK(leaf.key_curve.empty());
  CHECK(leaf.san_dns == std::vector<std::string>{"leaf.tlsprobe.test", "localhost"});
  CHECK(leaf.san_ip == std::vector<std::string>{"127.0.0.1", "::1"});
  CHECK_FALSE(leaf.self_signed);

  const auto& root = c.chain[1];
  CHECK(root.subject == "CN=tlsprobe Test Root CA,O=tlsprobe tests");
  CHECK(root.issuer == root.subject);
  CHECK(root.serial == "7E57CA");
  CHECK(root.serial == openssl_serial(pki.dir, pki.ca.cert));
  CHECK(root.key_type == "RSA");
  CHECK(root.key_bits == 2048);
  CHECK(root.san_dns.empty());
  CHECK(root.san_ip.empty());
  CHECK(root.self_signed);
  CHECK(!root.not_before.empty());
  CHECK(!root.not_after.empty());

  // Trusted, the right name, ten years to go, and not an Azure endpoint: nothing to say.
  CHECK(find_certificate_findings(report).empty());

  // The same server without --ca-file: the system store does not know the test root.
  const auto untrusted = probe_target(local(server), "");
  const auto& u = accepted_certificate(untrusted);
  CHECK_FALSE(u.verified);
  CHECK(u.verify_error == "self-signed certificate in certificate chain");
  CHECK(u.hostname_matches == true);
  const auto findings = find_certificate_findings(untrusted);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "certificate.untrusted");
  CHECK(findings[0].message == "certificate not trusted: self-signed certificate in certificate chain");
}

TEST_CASE("certificate: a wrong host name fails the check, with the reason; the right one passes") {
  Pki pki;
  auto server = start_pki_server(pki.dir, pki.leaf, pki.ca.cert);
  INFO(server.log_text());

  const auto wrong = probe_target(local(server), pki.ca.cert.string(), "wrong.example");
  for (const auto& r : wrong.results) CHECK(r.sni == "wrong.example");
  const auto& w = accepted_certificate(wrong);
  CHECK_FALSE(w.verified);
  CHECK(w.verify_error == "hostname mismatch");
  CHECK(w.hostname_matches == false);
  const auto findings = find_certificate_findings(wrong);
  REQUIRE(findings.size() == 2);  // the same two from TLS 1.2 and 1.3, listed once
  CHECK(findings[0].id == "certificate.untrusted");
  CHECK(findings[0].message == "certificate not trusted: hostname mismatch");
  CHECK(findings[1].id == "certificate.hostname_mismatch");
  CHECK(to_string(findings[1].severity) == "error");
  CHECK(findings[1].endpoint == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(findings[1].address == "127.0.0.1");
  CHECK(findings[1].backend == "openssl");
  CHECK(findings[1].message ==
        "certificate is not valid for wrong.example: it names leaf.tlsprobe.test, localhost, 127.0.0.1, ::1");

  const auto right = probe_target(local(server), pki.ca.cert.string(), "leaf.tlsprobe.test");
  const auto& r = accepted_certificate(right);
  CHECK(r.verified);
  CHECK(r.hostname_matches == true);
  CHECK(find_certificate_findings(right).empty());
}

TEST_CASE("certificate: an expired leaf is accepted, reported untrusted and expired") {
  Pki pki;
  LeafSpec old;
  old.name = "expired";
  old.serial = "0E0D";
  old.not_before = "20200101000000Z";
  old.not_after = "20200201000000Z";
  const auto expired = make_leaf(pki.dir, pki.ca, old);
  // No -cert_chain: the top of the presented chain is the leaf, issued by the test root.
  auto server = start_pki_server(pki.dir, expired);
  INFO(server.log_text());
  const auto report = probe_target(local(server), pki.ca.cert.string());
  const auto& c = accepted_certificate(report);  // an expired certificate never fails the version
  CHECK_FALSE(c.verified);
  CHECK(c.verify_error == "certificate has expired");
  CHECK(c.hostname_matches == true);
  REQUIRE(c.chain.size() == 1);
  CHECK(c.chain[0].serial == "0E0D");
  CHECK(c.chain[0].not_before == "2020-01-01T00:00:00Z");
  CHECK(c.chain[0].not_after == "2020-02-01T00:00:00Z");

  const auto findings = find_certificate_findings(report, {30});
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].id == "certificate.untrusted");
  CHECK(findings[1].id == "certificate.expired");
  CHECK(to_string(findings[1].severity) == "error");
  CHECK(findings[1].message.rfind("leaf certificate leaf.tlsprobe.test expired on 2020-02-01T00:00:00Z (", 0) == 0);
  CHECK(findings[1].message.ends_with(" days ago)"));
}

TEST_CASE("certificate: a catalog endpoint whose chain ends at a non-Azure root is likely inspected") {
  Pki pki;
  auto server = start_pki_server(pki.dir, pki.leaf, pki.ca.cert);
  INFO(server.log_text());
  Target target = local(server);
  target.cloud = "public";
  target.group = "*.microsoftonline.com";
  // Trusted on purpose: an inspecting proxy's root is usually in the machine's store, and
  // that is exactly when nothing else looks wrong.
  const auto report = probe_target(target, pki.ca.cert.string());
  CHECK(accepted_certificate(report).verified);
  const auto findings = find_certificate_findings(report);
  REQUIRE(findings.size() == 1);
  const auto& f = findings.front();
  CHECK(f.id == "certificate.inspection");
  CHECK(to_string(f.severity) == "warning");
  CHECK(f.endpoint == target.label);
  CHECK(f.address == "127.0.0.1");
  CHECK(f.backend == "openssl");
  CHECK(f.message.rfind("likely TLS inspection by tlsprobe Test Root CA: the presented chain ends at tlsprobe "
                        "Test Root CA, not at a root Azure uses",
                        0) == 0);

  // The table says it once for the endpoint, whatever the number of versions.
  TableStyle style{.color = false, .unicode = false};
  style.certificate_findings = findings;
  const std::string table = render_table(report, style);
  INFO(table);
  const std::string note = "  " + target.label + " openssl: likely TLS inspection by tlsprobe Test Root CA:";
  CHECK(table.find(note) != std::string::npos);
  CHECK(table.find(note) == table.rfind(note));
}

}  // namespace tlsprobe::test

namespace tlsprobe::test {

TEST_CASE("certificate: one verification per distinct chain and name in a run, the same answer for every cell") {
  Pki pki;
  auto server = start_pki_server(pki.dir, pki.leaf, pki.ca.cert);
  BackendConfig config;
  config.ca_file = pki.ca.cert.string();
  OpenSslBackend backend(config);
  CHECK(backend.chain_verifications() == 0);
  const auto report = run_probe({local(server), local(server)}, {&backend}, modern, quick_options());
  REQUIRE(report.results.size() == 4);
  for (const auto& r : report.results) {
    REQUIRE(r.outcome.status == Status::accepted);
    REQUIRE(r.outcome.certificate.has_value());
    CHECK(r.outcome.certificate->verified);
  }
  // Two versions, the same endpoint listed twice: four chains presented, one verification.
  CHECK(backend.chain_verifications() == 1);

  SUBCASE("another name is another verification, with its own answer") {
    EngineOptions options = quick_options();
    options.sni = "other.example";
    const auto named = run_probe({local(server)}, {&backend}, {tls1_2}, options);
    REQUIRE(named.results.size() == 1);
    CHECK(named.results[0].outcome.certificate->hostname_matches == false);
    CHECK_FALSE(named.results[0].outcome.certificate->verified);
    CHECK(backend.chain_verifications() == 2);
  }
}

}  // namespace tlsprobe::test
