#include <doctest/doctest.h>

#include "render/table.hpp"
#include "sample_report.hpp"

using namespace tlsprobe;

namespace {

// One endpoint, one backend, one cell of every colour.
Report colours() {
  Report rep;
  rep.tool_version = "0.1.0";
  rep.started = sample::started();
  rep.duration = std::chrono::milliseconds(45);
  rep.versions = {Version::ssl3_0, Version::tls1_0, Version::tls1_2};
  rep.backends = {"openssl"};
  const Target t = sample::target("10.1.2.3", 443);
  rep.results.push_back(sample::attempt(t, "10.1.2.3", "openssl", Version::ssl3_0, unsupported_here("no SSL 3.0")));
  Outcome refused = failure(Status::unreachable, ErrorClass::refused, Phase::connect, "Connection refused");
  refused.error.posix_errno = 111;  // the Windows twin, 10061, is derived
  rep.results.push_back(sample::attempt(t, "10.1.2.3", "openssl", Version::tls1_0, refused));
  rep.results.push_back(sample::attempt(t, "10.1.2.3", "openssl", Version::tls1_2, accepted(Version::tls1_2, "X")));
  return rep;
}

}  // namespace

TEST_CASE("render table: the mixed report, unicode, no colour") {
  const std::string expected = R"(           SSL 3.0        TLS 1.0      TLS 1.1              TLS 1.2      TLS 1.3
login.microsoftonline.com (20.190.151.7)
  openssl  – unsupported  ✘ alert 70   ✘ alert 70           ✔ 1.2        ✔ 1.3
  raw      ✘ alert 40     ✘ alert 70   ✘ reset 10054 (2/3)  ✔ 1.2        ✔ 1.3
mars.contoso.example:8443 (10.0.0.5)
  openssl  ✘ timeout      ✔ 1.0        ✘ offered 1.0        ✔ 1.2        ✘ protocol
nope.invalid (no address)
  openssl  ✘ dns 11001    ✘ dns 11001  ✘ dns 11001          ✘ dns 11001  ✘ dns 11001

Alerts: 40 handshake_failure, 70 protocol_version
(2/3): 2 of 3 tries failed
Notes:
  openssl cannot attempt SSL 3.0: OpenSSL 3 was built without SSL 3.0
  login.microsoftonline.com (20.190.151.7) openssl TLS 1.3: HEAD / failed: reset 10054 in http: Connection reset by peer
  mars.contoso.example:8443 (10.0.0.5) openssl SSL 3.0: timeout in hello
  mars.contoso.example:8443 (10.0.0.5) openssl: certificate not verified: self-signed certificate; subject CN=mars, O=Contoso, Ltd.; issuer CN=mars, O=Contoso, Ltd.; not after 2027-03-01T12:00:00Z
  mars.contoso.example:8443 (10.0.0.5) openssl TLS 1.2: HEAD / answered HTTP/1.1 404 Not Found
  mars.contoso.example:8443 (10.0.0.5) openssl TLS 1.3: protocol in hello: unexpected "record", type 21 next: déjà vu
  nope.invalid (no address) openssl all versions: dns 11001: Name or service not known

3 endpoints, 2 addresses, 20 attempts: 6 accepted, 8 rejected, 5 unreachable, 1 unsupported in 1.23 s
)";
  CHECK(render_table(sample::mixed(), TableStyle{.color = false, .unicode = true}) == expected);
}

TEST_CASE("render table: ASCII symbols keep the same alignment") {
  const std::string expected = R"(           SSL 3.0        TLS 1.0      TLS 1.1              TLS 1.2      TLS 1.3
login.microsoftonline.com (20.190.151.7)
  openssl  - unsupported  x alert 70   x alert 70           + 1.2        + 1.3
  raw      x alert 40     x alert 70   x reset 10054 (2/3)  + 1.2        + 1.3
mars.contoso.example:8443 (10.0.0.5)
  openssl  x timeout      + 1.0        x offered 1.0        + 1.2        x protocol
nope.invalid (no address)
  openssl  x dns 11001    x dns 11001  x dns 11001          x dns 11001  x dns 11001
)";
  const std::string out = render_table(sample::mixed(), TableStyle{.color = false, .unicode = false});
  CHECK(out.substr(0, expected.size()) == expected);
}

TEST_CASE("render table: colour wraps the cell text, never the padding") {
  const std::string expected =
      "           SSL 3.0        TLS 1.0          TLS 1.2\n"
      "\x1b[1m10.1.2.3\x1b[0m\n"
      "  openssl  \x1b[2m– unsupported\x1b[0m  \x1b[33m✘ refused 10061\x1b[0m  \x1b[32m✔ 1.2\x1b[0m\n"
      "\n"
      "Notes:\n"
      "  openssl cannot attempt SSL 3.0: no SSL 3.0\n"
      "\n"
      "1 endpoint, 1 address, 3 attempts: 1 accepted, 0 rejected, 1 unreachable, 1 unsupported in 0.05 s\n";
  CHECK(render_table(colours(), TableStyle{.color = true, .unicode = true}) == expected);
  // Without colour not one escape byte is written.
  CHECK(render_table(colours(), TableStyle{.color = false, .unicode = true}).find('\x1b') == std::string::npos);
}

TEST_CASE("render table: marked cells, cells never attempted, SChannel status and hostile text") {
  Report rep = colours();
  rep.backends.push_back("schannel");
  const Target t = rep.results.front().target;
  Outcome sch = sample::alert(40, "The message received was unexpected or badly formatted.\r\n");
  sch.error.sec_status = 0x80090326;
  rep.results.push_back(sample::attempt(t, "10.1.2.3", "schannel", Version::tls1_2, sch));
  Outcome local = failure(Status::rejected, ErrorClass::local, Phase::handshake, "evil\x1b[2Jtext");
  rep.results.push_back(sample::attempt(t, "10.1.2.3", "schannel", Version::tls1_0, local));

  TableStyle style{.color = false, .unicode = true};
  style.marked.insert(cell_key(rep.results.back()));
  style.marked_legend = "backends disagree";
  const std::string expected =
      "            SSL 3.0        TLS 1.0          TLS 1.2\n"
      "10.1.2.3\n"
      "  openssl   – unsupported  ✘ refused 10061  ✔ 1.2\n"
      "  schannel  · not run      ✘ local *        ✘ alert 40\n"
      "\n"
      "Alerts: 40 handshake_failure\n"
      "* backends disagree\n"
      "Notes:\n"
      "  openssl cannot attempt SSL 3.0: no SSL 3.0\n"
      "  10.1.2.3 schannel TLS 1.2: alert 40 handshake_failure in handshake, status 0x80090326: The message "
      "received was unexpected or badly formatted.\n"
      "  10.1.2.3 schannel TLS 1.0: local in handshake: evil [2Jtext\n"
      "\n"
      "1 endpoint, 1 address, 5 attempts: 1 accepted, 2 rejected, 1 unreachable, 1 unsupported in 0.05 s\n";
  CHECK(render_table(rep, style) == expected);
}

TEST_CASE("render table: an empty report still says what was run") {
  Report rep;
  rep.versions = {Version::tls1_2, Version::tls1_3};
  CHECK(render_table(rep, TableStyle{}) ==
        "  TLS 1.2  TLS 1.3\n\n0 endpoints, 0 addresses, 0 attempts: 0 accepted, 0 rejected, 0 unreachable, "
        "0 unsupported in 0.00 s\n");
}

TEST_CASE("render table: display width counts code points") {
  CHECK(display_width("") == 0);
  CHECK(display_width("✔ 1.2") == 5);
  CHECK(display_width("– unsupported") == 13);
  CHECK(display_width("déjà") == 4);
}

TEST_CASE("render table: certificate findings are notes, one line per endpoint and finding") {
  Report rep = colours();
  const Target t = rep.results.front().target;
  const std::string inspection = "likely TLS inspection by Contoso Proxy CA: the presented chain ends at it";
  TableStyle style{.color = false, .unicode = false};
  style.certificate_findings = {
      {{"certificate.inspection", Severity::warning, inspection}, t.label, "10.1.2.3", "openssl"},
      // Another address of the same endpoint and another backend: merged into the same line.
      {{"certificate.inspection", Severity::warning, inspection}, t.label, "10.1.2.4", "openssl"},
      {{"certificate.inspection", Severity::warning, inspection}, t.label, "10.1.2.3", "schannel"},
      // Already said by the per-attempt "certificate not verified" note: not repeated.
      {{"certificate.untrusted", Severity::error, "certificate not trusted: x"}, t.label, "10.1.2.3", "openssl"},
      {{"certificate.expiring", Severity::warning,
        "leaf certificate leaf.example expires on 2026-12-01T00:00:00Z (in 1 day)\x1b[2J"},
       t.label,
       "10.1.2.3",
       "openssl"},
  };
  const std::string expected =
      "           SSL 3.0        TLS 1.0          TLS 1.2\n"
      "10.1.2.3\n"
      "  openssl  - unsupported  x refused 10061  + 1.2\n"
      "\n"
      "Notes:\n"
      "  openssl cannot attempt SSL 3.0: no SSL 3.0\n"
      "  10.1.2.3 openssl, schannel: likely TLS inspection by Contoso Proxy CA: the presented chain ends at it\n"
      "  10.1.2.3 openssl: leaf certificate leaf.example expires on 2026-12-01T00:00:00Z (in 1 day) [2J\n"
      "\n"
      "1 endpoint, 1 address, 3 attempts: 1 accepted, 0 rejected, 1 unreachable, 1 unsupported in 0.05 s\n";
  CHECK(render_table(rep, style) == expected);
}

TEST_CASE("render table: http check notes merge the versions that answered alike") {
  Report rep = colours();
  const Target t = rep.results.front().target;
  rep.results.back().outcome.http = sample::http_ok();
  rep.versions.push_back(Version::tls1_3);
  Outcome tls13 = accepted(Version::tls1_3, "Y");
  tls13.http = sample::http_ok(200, "HTTP/1.1 200 OK", 40);  // another time, the same answer
  rep.results.push_back(sample::attempt(t, "10.1.2.3", "openssl", Version::tls1_3, tls13));
  const std::string out = render_table(rep, TableStyle{.color = false, .unicode = false});
  CHECK(out.find("  10.1.2.3 openssl TLS 1.2, TLS 1.3: HEAD / answered HTTP/1.1 200 OK\n") != std::string::npos);
}
