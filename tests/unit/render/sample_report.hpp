#pragma once
// Hand-built reports shared by the render and policy tests: every status, every cell shape
// the table draws, and text that needs escaping in each format.
#include <chrono>
#include <string>
#include <utility>

#include "core/result.hpp"

namespace tlsprobe::sample {

inline Target target(std::string host, std::uint16_t port, std::string cloud = "", std::string group = "") {
  Target t;
  t.host = host;
  t.port = port;
  t.label = port == 443 ? host : host + ":" + std::to_string(port);
  t.cloud = std::move(cloud);
  t.group = std::move(group);
  return t;
}

inline AttemptResult attempt(const Target& t, std::string address, std::string backend, Version v, Outcome o,
                             int elapsed_ms = 10) {
  AttemptResult r;
  r.target = t;
  r.sni = address.empty() || address == t.host ? "" : t.host;
  r.address = std::move(address);
  r.backend = std::move(backend);
  r.version = v;
  r.outcome = std::move(o);
  r.elapsed = std::chrono::milliseconds(elapsed_ms);
  r.failed_attempts = r.outcome.status == Status::accepted ? 0 : 1;
  return r;
}

inline Outcome alert(int number, std::string message = "tlsv1 alert protocol version") {
  Outcome o = failure(Status::rejected, ErrorClass::alert, Phase::handshake, std::move(message));
  o.error.alert = number;
  return o;
}

// A leaf as Azure's front ends present it (RSA 2048, SANs), and the intermediate above it,
// issued by one of the roots Azure uses.
inline ChainCertificate azure_leaf() {
  ChainCertificate c;
  c.subject = "CN=stamp2.login.microsoftonline.com";
  c.issuer = "CN=Microsoft Azure RSA TLS Issuing CA 07,O=Microsoft Corporation,C=US";
  c.serial = "330059F8B6DA8689706FFA1BD900000059F8B6";
  c.not_before = "2026-03-05T12:00:00Z";
  c.not_after = "2027-03-01T12:00:00Z";
  c.key_type = "RSA";
  c.key_bits = 2048;
  c.san_dns = {"login.microsoftonline.com", "*.login.microsoftonline.com"};
  return c;
}

inline ChainCertificate azure_intermediate() {
  ChainCertificate c;
  c.subject = "CN=Microsoft Azure RSA TLS Issuing CA 07,O=Microsoft Corporation,C=US";
  c.issuer = "CN=DigiCert Global Root G2,OU=www.digicert.com,O=DigiCert Inc,C=US";
  c.serial = "0A43A9509B01352F899579EC7208BA50";
  c.not_before = "2023-06-08T00:00:00Z";
  c.not_after = "2026-08-25T23:59:59Z";
  c.key_type = "RSA";
  c.key_bits = 4096;
  return c;
}

inline Outcome ok(Version v, std::string cipher, bool verified = true) {
  Outcome o = accepted(v, std::move(cipher));
  CertificateSummary c;
  c.subject = "CN=stamp2.login.microsoftonline.com";
  c.issuer = "CN=Microsoft Azure RSA TLS Issuing CA 07, O=Microsoft Corporation, C=US";
  c.not_after = "2027-03-01T12:00:00Z";
  c.verified = verified;
  if (!verified) c.verify_error = "unable to get local issuer certificate";
  c.hostname_matches = true;
  c.chain = {azure_leaf(), azure_intermediate()};
  o.certificate = c;
  return o;
}

inline HttpCheck http_ok(int status = 200, std::string line = "HTTP/1.1 200 OK", int elapsed_ms = 12) {
  HttpCheck h;
  h.path = "/";
  h.status = status;
  h.status_line = std::move(line);
  h.elapsed = std::chrono::milliseconds(elapsed_ms);
  return h;
}

// What a middlebox that resets on the first application byte leaves behind.
inline HttpCheck http_reset(int elapsed_ms = 301) {
  HttpCheck h;
  h.path = "/";
  h.elapsed = std::chrono::milliseconds(elapsed_ms);
  ErrorInfo e;
  e.cls = ErrorClass::reset;
  e.phase = Phase::http;
  e.posix_errno = 104;
  e.winsock = 10054;
  e.message = "Connection reset by peer";
  h.error = e;
  return h;
}

inline std::chrono::system_clock::time_point started() {
  using namespace std::chrono;
  return sys_days{year{2026} / 11 / 29} + hours{7} + minutes{8} + seconds{11} + milliseconds{123};
}

// login.microsoftonline.com on two backends, a self-hosted 8443 with a private CA and odd
// text, and a name that does not resolve.
inline Report mixed() {
  Report rep;
  rep.tool_version = "0.1.0";
  rep.started = started();
  rep.duration = std::chrono::milliseconds(1234);
  rep.versions = {Version::ssl3_0, Version::tls1_0, Version::tls1_1, Version::tls1_2, Version::tls1_3};
  rep.backends = {"openssl", "raw"};

  const Target login = target("login.microsoftonline.com", 443, "public", "identity");
  const std::string a = "20.190.151.7";
  rep.results.push_back(attempt(login, a, "openssl", Version::ssl3_0,
                                unsupported_here("OpenSSL 3 was built without SSL 3.0"), 0));
  rep.results.push_back(attempt(login, a, "openssl", Version::tls1_0, alert(70)));
  rep.results.push_back(attempt(login, a, "openssl", Version::tls1_1, alert(70)));
  rep.results.push_back(attempt(login, a, "openssl", Version::tls1_2, ok(Version::tls1_2, "ECDHE-RSA-AES256-GCM-SHA384")));
  rep.results.push_back(attempt(login, a, "openssl", Version::tls1_3, ok(Version::tls1_3, "TLS_AES_256_GCM_SHA384")));
  rep.results.back().outcome.http = http_reset();
  rep.results.push_back(attempt(login, a, "raw", Version::ssl3_0, alert(40, "")));
  rep.results.push_back(attempt(login, a, "raw", Version::tls1_0, alert(70, "")));
  Outcome reset = failure(Status::rejected, ErrorClass::reset, Phase::hello, "Connection reset by peer");
  reset.error.posix_errno = 104;
  reset.error.winsock = 10054;
  AttemptResult flaky = attempt(login, a, "raw", Version::tls1_1, reset);
  flaky.attempts = 3;
  flaky.failed_attempts = 2;
  rep.results.push_back(flaky);
  rep.results.push_back(attempt(login, a, "raw", Version::tls1_2, accepted(Version::tls1_2, "")));
  rep.results.push_back(attempt(login, a, "raw", Version::tls1_3, accepted(Version::tls1_3, "")));

  const Target mars = target("mars.contoso.example", 8443);
  const std::string b = "10.0.0.5";
  rep.results.push_back(attempt(mars, b, "openssl", Version::ssl3_0,
                                failure(Status::rejected, ErrorClass::timeout, Phase::hello, ""), 5000));
  Outcome old = ok(Version::tls1_0, "ECDHE-RSA-AES128-SHA", false);
  old.certificate->subject = "CN=mars, O=Contoso, Ltd.";
  old.certificate->issuer = "CN=mars, O=Contoso, Ltd.";
  old.certificate->verify_error = "self-signed certificate";
  ChainCertificate self;
  self.subject = "CN=mars,O=Contoso\\, Ltd.";
  self.issuer = self.subject;
  self.serial = "01";
  self.not_before = "2025-03-01T12:00:00Z";
  self.not_after = "2027-03-01T12:00:00Z";
  self.key_type = "EC";
  self.key_bits = 256;
  self.key_curve = "P-256";
  self.san_dns = {"mars.contoso.example"};
  self.san_ip = {"10.0.0.5"};
  self.self_signed = true;
  old.certificate->chain = {self};
  rep.results.push_back(attempt(mars, b, "openssl", Version::tls1_0, old));
  Outcome mismatch = failure(Status::rejected, ErrorClass::version_mismatch, Phase::hello, "");
  mismatch.error.offered = Version::tls1_0;
  rep.results.push_back(attempt(mars, b, "openssl", Version::tls1_1, mismatch));
  Outcome good = old;
  good.negotiated = Version::tls1_2;
  good.cipher = "ECDHE-RSA-AES256-GCM-SHA384";
  good.http = http_ok(404, "HTTP/1.1 404 Not Found");
  rep.results.push_back(attempt(mars, b, "openssl", Version::tls1_2, good));
  rep.results.push_back(attempt(mars, b, "openssl", Version::tls1_3,
                                failure(Status::rejected, ErrorClass::protocol, Phase::hello,
                                        "unexpected \"record\", type 21\r\nnext: déjà vu")));

  const Target nope = target("nope.invalid", 443);
  for (Version v : rep.versions) {
    Outcome dns = failure(Status::unreachable, ErrorClass::dns, Phase::resolve, "Name or service not known");
    dns.error.winsock = 11001;
    rep.results.push_back(attempt(nope, "", "openssl", v, dns, 3));
  }
  return rep;
}

}  // namespace tlsprobe::sample
