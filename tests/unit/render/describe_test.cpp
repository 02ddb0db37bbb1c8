#include <doctest/doctest.h>

#include "render/describe.hpp"
#include "sample_report.hpp"

using namespace tlsprobe;

TEST_CASE("render describe: the cell verdict of each error class") {
  auto make = [](Status s, ErrorClass c) { return failure(s, c, Phase::hello, "msg"); };
  CHECK(failure_word(sample::alert(70)) == "alert 70");
  CHECK(failure_word(make(Status::rejected, ErrorClass::alert)) == "alert");
  Outcome reset = make(Status::rejected, ErrorClass::reset);
  CHECK(failure_word(reset) == "reset");
  reset.error.posix_errno = 104;
  CHECK(failure_word(reset) == "reset 10054");  // derived from errno
  reset.error.winsock = 10053;
  CHECK(failure_word(reset) == "reset 10053");  // the backend's own number wins
  CHECK(failure_word(make(Status::rejected, ErrorClass::closed)) == "closed");
  CHECK(failure_word(make(Status::unreachable, ErrorClass::timeout)) == "timeout");
  Outcome mismatch = make(Status::rejected, ErrorClass::version_mismatch);
  CHECK(failure_word(mismatch) == "version mismatch");
  mismatch.error.offered = Version::ssl3_0;
  CHECK(failure_word(mismatch) == "offered SSL3");
  CHECK(failure_word(make(Status::rejected, ErrorClass::protocol)) == "protocol");
  CHECK(failure_word(make(Status::unreachable, ErrorClass::proxy)) == "proxy");
  CHECK(failure_word(unsupported_here("why")) == "unsupported");
}

TEST_CASE("render describe: one-line summaries and safe text") {
  Outcome o = sample::alert(71);
  o.error.sec_status = 0x80090331;
  CHECK(failure_summary(o) == "alert 71 insufficient_security in handshake, status 0x80090331");
  Outcome t = failure(Status::rejected, ErrorClass::timeout, Phase::hello, "");
  CHECK(failure_summary(t) == "timeout in hello");
  CHECK(sec_status_hex(0x00090320) == "0x00090320");
  CHECK(one_line("a\r\nb\nc\x1b[31m\xc2\x9b" "d\r\n") == "a b c [31m d");
  CHECK(one_line("déjà\tvu") == "déjà vu");
}

TEST_CASE("render describe: row names") {
  AttemptResult r;
  r.target = sample::target("host.example", 443);
  CHECK(row_name(r) == "host.example (no address)");
  r.address = "192.0.2.1";
  CHECK(row_name(r) == "host.example (192.0.2.1)");
  r.target = sample::target("192.0.2.1", 443);
  CHECK(row_name(r) == "192.0.2.1");
}

TEST_CASE("render describe: http check summaries") {
  CHECK(http_summary(sample::http_ok()) == "HEAD / answered HTTP/1.1 200 OK");
  CHECK(http_summary(sample::http_reset()) == "HEAD / failed: reset 10054 in http: Connection reset by peer");
  HttpCheck odd = sample::http_ok(200, "HTTP/1.1 200 O\x1b[2JK");
  odd.path = "/health";
  CHECK(http_summary(odd) == "HEAD /health answered HTTP/1.1 200 O [2JK");
  HttpCheck timeout;
  timeout.path = "/";
  timeout.error =
      failure(Status::rejected, ErrorClass::timeout, Phase::http, "no answer before the http deadline").error;
  CHECK(http_summary(timeout) == "HEAD / failed: timeout in http: no answer before the http deadline");
}
