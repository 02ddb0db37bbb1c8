#include "diagnosis/certificates.hpp"

#include <doctest/doctest.h>

using namespace tlsprobe;
using namespace std::chrono;

namespace {

// The probe ran at 2026-11-29T07:08:11Z; every date below is relative to it.
sys_seconds started() { return sys_days{year{2026} / 11 / 29} + hours{7} + minutes{8} + seconds{11}; }

ChainCertificate cert(std::string subject, std::string issuer, std::string not_after, bool self_signed = false) {
  ChainCertificate c;
  c.subject = std::move(subject);
  c.issuer = std::move(issuer);
  c.not_before = "2026-01-01T00:00:00Z";
  c.not_after = std::move(not_after);
  c.key_type = "RSA";
  c.key_bits = 2048;
  c.self_signed = self_signed;
  return c;
}

// Azure's shape: leaf, then an intermediate issued by DigiCert Global Root G2.
std::vector<ChainCertificate> azure_chain() {
  const std::string issuing = "CN=Microsoft Azure RSA TLS Issuing CA 07,O=Microsoft Corporation,C=US";
  auto leaf = cert("CN=login.microsoftonline.com", issuing, "2027-06-01T00:00:00Z");
  leaf.san_dns = {"login.microsoftonline.com", "*.login.microsoftonline.com"};
  return {leaf, cert(issuing, "CN=DigiCert Global Root G2,OU=www.digicert.com,O=DigiCert Inc,C=US",
                     "2028-08-25T23:59:59Z")};
}

AttemptResult accepted_with(std::vector<ChainCertificate> chain, std::string cloud = "public",
                            std::string address = "20.190.151.7", std::string backend = "openssl",
                            Version v = Version::tls1_2) {
  AttemptResult r;
  r.target.host = "login.microsoftonline.com";
  r.target.label = r.target.host;
  r.target.cloud = std::move(cloud);
  r.address = std::move(address);
  r.sni = r.target.host;
  r.backend = std::move(backend);
  r.version = v;
  r.outcome = accepted(v, "TLS_AES_128_GCM_SHA256");
  CertificateSummary s;
  s.subject = chain.front().subject;
  s.issuer = chain.front().issuer;
  s.not_after = chain.front().not_after;
  s.verified = true;
  s.hostname_matches = true;
  s.chain = std::move(chain);
  r.outcome.certificate = s;
  return r;
}

Report report_of(std::vector<AttemptResult> results) {
  Report rep;
  rep.started = started();
  rep.results = std::move(results);
  return rep;
}

std::vector<std::string> ids(const std::vector<CertificateFinding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.id);
  return out;
}

}  // namespace

TEST_CASE("certificates: an Azure chain on an Azure endpoint is fine") {
  CHECK(find_certificate_findings(report_of({accepted_with(azure_chain())})).empty());
  // Each of the six roots, as the issuer of the top or as a presented self-signed root.
  for (const auto root : azure_root_names) {
    auto chain = azure_chain();
    chain.back().issuer = "CN=" + std::string(root) + ",O=Whoever";
    CHECK(find_certificate_findings(report_of({accepted_with(chain)})).empty());
    chain.push_back(cert("CN=" + std::string(root), "CN=" + std::string(root), "2038-01-15T12:00:00Z", true));
    CHECK(find_certificate_findings(report_of({accepted_with(chain)})).empty());
  }
  // Case is not what tells a proxy's CA from DigiCert's.
  auto chain = azure_chain();
  chain.back().issuer = "CN=digicert global root g2";
  CHECK(find_certificate_findings(report_of({accepted_with(chain)})).empty());
}

TEST_CASE("certificates: a chain ending at another root on an Azure endpoint is likely inspection") {
  auto chain = azure_chain();
  chain[0].issuer = "CN=Contoso Web Filter Issuing CA\\, Zone 1,O=Contoso";
  chain[1] = cert("CN=Contoso Web Filter Issuing CA\\, Zone 1,O=Contoso", "CN=Contoso Root CA,O=Contoso",
                  "2030-01-01T00:00:00Z");
  const auto findings = find_certificate_findings(report_of({accepted_with(chain)}));
  REQUIRE(findings.size() == 1);
  const auto& f = findings.front();
  CHECK(f.id == "certificate.inspection");
  CHECK(to_string(f.severity) == "warning");
  CHECK(f.endpoint == "login.microsoftonline.com");
  CHECK(f.address == "20.190.151.7");
  CHECK(f.backend == "openssl");
  CHECK(f.message.rfind("likely TLS inspection by Contoso Root CA: the presented chain ends at Contoso Root CA",
                        0) == 0);

  // The proxy presents its self-signed root itself: its subject names it.
  chain.push_back(cert("CN=Contoso Root CA,O=Contoso", "CN=Contoso Root CA,O=Contoso", "2035-01-01T00:00:00Z", true));
  const auto with_root = find_certificate_findings(report_of({accepted_with(chain)}));
  REQUIRE(with_root.size() == 1);
  CHECK(with_root.front().message.rfind("likely TLS inspection by Contoso Root CA:", 0) == 0);

  // Only catalog endpoints are Azure's: the user's own host may use any CA.
  CHECK(find_certificate_findings(report_of({accepted_with(chain, "")})).empty());
  // A root without a CN is named by its whole name.
  chain.back().subject = chain.back().issuer = "O=Contoso,C=US";
  const auto no_cn = find_certificate_findings(report_of({accepted_with(chain)}));
  REQUIRE(no_cn.size() == 1);
  CHECK(no_cn.front().message.rfind("likely TLS inspection by O=Contoso,C=US:", 0) == 0);
}

TEST_CASE("certificates: expired and expiring, for every certificate of the chain") {
  auto chain = azure_chain();
  chain[0].subject = "CN=leaf.example";
  chain[0].not_after = "2026-11-20T07:08:11Z";  // 9 days before the run
  chain[1].not_after = "2026-12-09T07:08:10Z";  // 9 days and 23:59:59 after it
  const auto rep = report_of({accepted_with(chain)});
  const auto findings = find_certificate_findings(rep);
  REQUIRE(ids(findings) == std::vector<std::string>{"certificate.expired", "certificate.expiring"});
  CHECK(to_string(findings[0].severity) == "error");
  CHECK(findings[0].message == "leaf certificate leaf.example expired on 2026-11-20T07:08:11Z (9 days ago)");
  CHECK(to_string(findings[1].severity) == "warning");
  CHECK(findings[1].message ==
        "intermediate certificate Microsoft Azure RSA TLS Issuing CA 07 expires on 2026-12-09T07:08:10Z (in 9 days)");

  // The window is --expiry-warning: 9 days out is outside a 5-day window; 0 turns it off.
  CHECK(ids(find_certificate_findings(rep, {5})) == std::vector<std::string>{"certificate.expired"});
  CHECK(ids(find_certificate_findings(rep, {0})) == std::vector<std::string>{"certificate.expired"});
  // The boundary: exactly N days out is inside the window.
  chain[0].not_after = "2027-06-01T00:00:00Z";
  chain[1].not_after = "2026-12-29T07:08:11Z";
  CHECK(ids(find_certificate_findings(report_of({accepted_with(chain)}), {30})) ==
        std::vector<std::string>{"certificate.expiring"});
  CHECK(find_certificate_findings(report_of({accepted_with(chain)}), {29}).empty());
  // Expired an hour ago; expires in an hour; a presented root is called one.
  chain[1].not_after = "2026-11-29T06:08:11Z";
  chain.push_back(cert("CN=Old Root", "CN=Old Root", "2026-11-29T08:08:11Z", true));
  chain[1].issuer = "CN=Old Root";
  const auto hour = find_certificate_findings(report_of({accepted_with(chain, "")}));
  REQUIRE(hour.size() == 2);
  CHECK(hour[0].message ==
        "intermediate certificate Microsoft Azure RSA TLS Issuing CA 07 expired on 2026-11-29T06:08:11Z (less than a "
        "day ago)");
  CHECK(hour[1].message == "root certificate Old Root expires on 2026-11-29T08:08:11Z (within a day)");
}

TEST_CASE("certificates: a backend without the chain is judged on the leaf summary") {
  AttemptResult r = accepted_with(azure_chain());
  r.outcome.certificate->chain.clear();
  r.outcome.certificate->hostname_matches.reset();
  r.outcome.certificate->not_after = "2026-12-01T00:00:00Z";
  r.backend = "schannel";
  // No inspection verdict without the top of the chain; expiry from the leaf's not_after.
  const auto findings = find_certificate_findings(report_of({r}));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "certificate.expiring");
  CHECK(findings[0].backend == "schannel");
  CHECK(findings[0].message == "leaf certificate login.microsoftonline.com expires on 2026-12-01T00:00:00Z (in 1 day)");
}

TEST_CASE("certificates: host-name mismatch and an untrusted chain") {
  auto chain = azure_chain();
  chain[0].san_ip = {"20.190.151.7"};
  AttemptResult r = accepted_with(chain, "");
  r.sni = "wrong.example";
  r.outcome.certificate->hostname_matches = false;
  r.outcome.certificate->verified = false;
  r.outcome.certificate->verify_error = "hostname mismatch";
  const auto findings = find_certificate_findings(report_of({r}));
  REQUIRE(ids(findings) == std::vector<std::string>{"certificate.untrusted", "certificate.hostname_mismatch"});
  CHECK(findings[0].message == "certificate not trusted: hostname mismatch");
  CHECK(to_string(findings[0].severity) == "error");
  CHECK(findings[1].message ==
        "certificate is not valid for wrong.example: it names login.microsoftonline.com, *.login.microsoftonline.com, "
        "20.190.151.7");
  CHECK(to_string(findings[1].severity) == "error");

  // An IP literal target sends no SNI: the host is the name checked.
  r.sni.clear();
  r.target.host = r.target.label = "10.9.8.7";
  r.outcome.certificate->chain[0].san_dns.clear();
  r.outcome.certificate->chain[0].san_ip.clear();
  const auto by_ip = find_certificate_findings(report_of({r}));
  REQUIRE(by_ip.size() == 2);
  CHECK(by_ip[1].message == "certificate is not valid for 10.9.8.7: it names subject CN=login.microsoftonline.com");
}

TEST_CASE("certificates: only accepted attempts, each finding once per endpoint, address and backend") {
  AttemptResult rejected = accepted_with(azure_chain());
  rejected.outcome.status = Status::rejected;
  rejected.outcome.certificate->verified = false;
  CHECK(find_certificate_findings(report_of({rejected})).empty());

  AttemptResult untrusted = accepted_with(azure_chain());
  untrusted.outcome.certificate->verified = false;
  untrusted.outcome.certificate->verify_error = "unable to get local issuer certificate";
  AttemptResult tls13 = untrusted;
  tls13.version = Version::tls1_3;
  AttemptResult other_address = untrusted;
  other_address.address = "20.190.151.8";
  AttemptResult raw = untrusted;
  raw.backend = "raw";
  const auto findings = find_certificate_findings(report_of({untrusted, tls13, other_address, raw}));
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].address == "20.190.151.7");
  CHECK(findings[1].address == "20.190.151.8");
  CHECK(findings[2].backend == "raw");
  for (const auto& f : findings) CHECK(f.message == "certificate not trusted: unable to get local issuer certificate");
}

TEST_CASE("certificates: common names from OpenSSL's and Windows' way of writing names") {
  CHECK(common_name("CN=leaf.example") == "leaf.example");
  CHECK(common_name("CN=DigiCert Global Root G2,OU=www.digicert.com,O=DigiCert Inc,C=US") ==
        "DigiCert Global Root G2");
  CHECK(common_name("C=US,O=Contoso,CN=Proxy CA") == "Proxy CA");
  CHECK(common_name("CN=a\\,b\\+c,O=x") == "a,b+c");
  CHECK(common_name("CN=caf\\C3\\A9") == "caf\xc3\xa9");
  CHECK(common_name("O=\"Contoso, Ltd.\", CN=Proxy CA") == "Proxy CA");
  CHECK(common_name("CN=\"Proxy, \"\"Zone\"\" 1\", O=x") == "Proxy, \"Zone\" 1");
  CHECK(common_name("cn = spaced , o=x") == "spaced");
  CHECK(common_name("O=no common name") == "");
  CHECK(common_name("") == "");
  CHECK(common_name("CN=trailing\\") == "trailing\\");  // a lone escape is kept, not lost
  // RFC 4514 2.4: an escaped trailing space belongs to the value (found by fuzzing).
  CHECK(common_name("CN=foo\\ ,O=x") == "foo ");
  CHECK(common_name("CN=foo\\\\ ,O=x") == "foo\\");  // an escaped backslash, then a real trailing space
}

TEST_CASE("certificates: UTC times as the report writes them") {
  CHECK(parse_utc_time("2026-11-29T07:08:11Z") == sys_time<seconds>(started()));
  CHECK(parse_utc_time("2026-11-29T07:08:11.123Z") == sys_time<seconds>(started()));
  CHECK(parse_utc_time("2024-02-29T00:00:00Z").has_value());
  CHECK_FALSE(parse_utc_time("2023-02-29T00:00:00Z").has_value());
  CHECK_FALSE(parse_utc_time("2026-11-29 07:08:11Z").has_value());
  CHECK_FALSE(parse_utc_time("2026-11-29T07:08:11").has_value());
  CHECK_FALSE(parse_utc_time("Nov 29 07:08:11 2026 GMT").has_value());
  CHECK_FALSE(parse_utc_time("").has_value());
}
