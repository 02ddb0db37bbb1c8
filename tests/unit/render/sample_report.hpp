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

inline Outcome ok(Version v, std::string cipher, bool verified = true) {
  Outcome o = accepted(v, std::move(cipher));
  CertificateSummary c;
  c.subject = "CN=stamp2.login.microsoftonline.com";
  c.issuer = "CN=Microsoft Azure RSA TLS Issuing CA 07, O=Microsoft Corporation, C=US";
  c.not_after = "2027-03-01T12:00:00Z";
  c.verified = verified;
  if (!verified) c.verify_error = "unable to get local issuer certificate";
  o.certificate = c;
  return o;
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
  rep.results.push_back(attempt(mars, b, "openssl", Version::tls1_0, old));
  Outcome mismatch = failure(Status::rejected, ErrorClass::version_mismatch, Phase::hello, "");
  mismatch.error.offered = Version::tls1_0;
  rep.results.push_back(attempt(mars, b, "openssl", Version::tls1_1, mismatch));
  Outcome good = old;
  good.negotiated = Version::tls1_2;
  good.cipher = "ECDHE-RSA-AES256-GCM-SHA384";
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
