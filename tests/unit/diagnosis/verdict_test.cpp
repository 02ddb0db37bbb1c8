#include "diagnosis/verdict.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>

#include "render/verdicts.hpp"

using namespace tlsprobe;

namespace {

AttemptResult cell(const std::string& address, const std::string& backend, Version v, Outcome o) {
  AttemptResult r;
  r.target.label = "vault.example";
  r.target.host = "vault.example";
  r.address = address;
  r.backend = backend;
  r.version = v;
  r.outcome = std::move(o);
  return r;
}

Outcome alert(int n) {
  auto o = failure(Status::rejected, ErrorClass::alert, Phase::hello, "alert");
  o.error.alert = n;
  return o;
}
Outcome reset() {
  auto o = failure(Status::rejected, ErrorClass::reset, Phase::hello, "reset");
  o.error.posix_errno = ECONNRESET;
  o.error.winsock = 10054;
  return o;
}
Outcome ok(Version v) { return accepted(v, "TLS_AES_128_GCM_SHA256"); }

Verdict only(const Report& rep, const std::optional<LocalFacts>& facts = std::nullopt) {
  const auto verdicts = diagnose(rep, facts);
  REQUIRE(verdicts.size() == 1);
  return verdicts.front();
}

Report report(Version v, std::vector<AttemptResult> cells) {
  Report rep;
  rep.versions = {v};
  rep.results = std::move(cells);
  return rep;
}

}  // namespace

TEST_CASE("verdict: every stack and address accepts -> works") {
  const auto v = only(report(Version::tls1_2, {cell("10.0.0.1", "openssl", Version::tls1_2, ok(Version::tls1_2)),
                                               cell("10.0.0.1", "raw", Version::tls1_2, ok(Version::tls1_2))}));
  CHECK(v.cause == Cause::works);
  CHECK(verdict_fix(v).empty());
}

TEST_CASE("verdict: registry blocks the SChannel client while the server accepts -> local, with the fix") {
  LocalFacts facts;
  facts.source = "registry export";
  facts.versions[Version::tls1_2] = {true, "SCHANNEL\\Protocols\\TLS 1.2\\Client Enabled=0", "[HKEY_LOCAL_MACHINE\\...]"};
  const auto v = only(report(Version::tls1_2, {cell("10.0.0.1", "openssl", Version::tls1_2, ok(Version::tls1_2)),
                                               cell("10.0.0.1", "raw", Version::tls1_2, ok(Version::tls1_2))}),
                      facts);
  CHECK(v.cause == Cause::local);
  CHECK(v.reason == Reason::blocked_by_registry);
  CHECK(verdict_summary(v) ==
        "TLS 1.2 is blocked on this machine: SCHANNEL\\Protocols\\TLS 1.2\\Client Enabled=0 (the server accepts it)");
  CHECK(verdict_fix(v) == "[HKEY_LOCAL_MACHINE\\...]");
}

TEST_CASE("verdict: an old version blocked locally and refused remotely is the healthy state") {
  LocalFacts facts;
  facts.versions[Version::tls1_0] = {true, "TLS 1.0 Client Enabled=0", "fix"};
  const auto v = only(report(Version::tls1_0, {cell("10.0.0.1", "openssl", Version::tls1_0, alert(70)),
                                               cell("10.0.0.1", "raw", Version::tls1_0, reset())}),
                      facts);
  CHECK(v.cause == Cause::server);
  CHECK(v.expected);
  CHECK(verdict_fix(v).empty());
  REQUIRE(v.registry);
  CHECK(v.registry->why == "TLS 1.0 Client Enabled=0");
}

TEST_CASE("verdict: one stack cannot offer what the server accepts -> local") {
  const auto v = only(report(
      Version::tls1_2,
      {cell("10.0.0.1", "schannel", Version::tls1_2, unsupported_here("disabled on this client")),
       cell("10.0.0.1", "raw", Version::tls1_2, ok(Version::tls1_2))}));
  CHECK(v.cause == Cause::local);
  CHECK(v.reason == Reason::stack_cannot_offer);
  CHECK(v.stacks == std::vector<std::string>{"schannel"});
  CHECK(verdict_summary(v).find("schannel on this machine cannot offer it") != std::string::npos);
}

TEST_CASE("verdict: a reset on one of two addresses -> path") {
  const auto v = only(report(Version::tls1_2, {cell("10.0.0.1", "openssl", Version::tls1_2, ok(Version::tls1_2)),
                                               cell("10.0.0.2", "openssl", Version::tls1_2, reset())}));
  CHECK(v.cause == Cause::path);
  CHECK(v.reason == Reason::split_on_path);
  CHECK(v.failing_addresses == std::vector<std::string>{"10.0.0.2"});
  CHECK(verdict_summary(v) == "TLS 1.2 fails on the path: accepted by some addresses or stacks, refused at 10.0.0.2");
}

TEST_CASE("verdict: every stack refused on every address -> server; expected below 1.2 only") {
  const auto old = only(report(Version::tls1_1, {cell("10.0.0.1", "openssl", Version::tls1_1, alert(70)),
                                                 cell("10.0.0.2", "raw", Version::tls1_1, reset())}));
  CHECK(old.cause == Cause::server);
  CHECK(old.expected);
  CHECK(verdict_summary(old) ==
        "TLS 1.1 refused by the server on every address and stack (deprecation in effect, as expected)");

  const auto current = only(report(Version::tls1_2, {cell("10.0.0.1", "openssl", Version::tls1_2, alert(40)),
                                                     cell("10.0.0.1", "raw", Version::tls1_2, alert(40))}));
  CHECK(current.cause == Cause::server);
  CHECK_FALSE(current.expected);
  CHECK_FALSE(verdict_fix(current).empty());
}

TEST_CASE("verdict: an old version still accepted is news, not a failure") {
  const auto v = only(report(Version::ssl3_0,
                             {cell("10.0.0.1", "openssl", Version::ssl3_0, unsupported_here("no SSL 3.0 in this OpenSSL")),
                              cell("10.0.0.1", "raw", Version::ssl3_0, ok(Version::ssl3_0))}));
  CHECK(v.cause == Cause::works);
  CHECK(v.reason == Reason::still_accepted);
  CHECK(verdict_summary(v) == "SSL 3.0 is still accepted by the server: not deprecated there yet");
}

TEST_CASE("verdict: nothing got through -> unreachable") {
  auto refused = failure(Status::unreachable, ErrorClass::refused, Phase::connect, "refused");
  refused.error.winsock = 10061;
  const auto v = only(report(Version::tls1_2, {cell("10.0.0.1", "openssl", Version::tls1_2, refused),
                                               cell("10.0.0.1", "raw", Version::tls1_2, refused)}));
  CHECK(v.cause == Cause::unreachable);
  CHECK(v.reason == Reason::never_reached);
  CHECK(verdict_summary(v) == "TLS 1.2 never got a chance: refused 10061 in connect");
}

TEST_CASE("verdict: the handshake works but the first request is reset -> path") {
  auto o = ok(Version::tls1_2);
  HttpCheck http;
  http.path = "/";
  ErrorInfo e;
  e.cls = ErrorClass::reset;
  e.phase = Phase::http;
  e.posix_errno = ECONNRESET;
  e.winsock = 10054;
  http.error = e;
  o.http = http;
  const auto v = only(report(Version::tls1_2, {cell("10.0.0.1", "openssl", Version::tls1_2, o),
                                               cell("10.0.0.1", "raw", Version::tls1_2, ok(Version::tls1_2))}));
  CHECK(v.cause == Cause::path);
  CHECK(v.reason == Reason::cut_after_handshake);
  REQUIRE(v.decisive);
  CHECK(v.decisive->backend == "openssl");
  CHECK(verdict_summary(v).find("TLS 1.2 handshake works, but the first request fails (reset 10054") == 0);
}

namespace {

Outcome refused_at_connect(int err, int winsock) {
  auto o = failure(Status::unreachable, ErrorClass::refused, Phase::connect, "no route");
  o.error.posix_errno = err;
  o.error.winsock = winsock;
  return o;
}

}  // namespace

TEST_CASE("verdict: an address unreachable on every version is a connectivity note, never a TLS verdict") {
  // A dual-stack name on an IPv4-only machine: the AAAA address fails every attempt with
  // ENETUNREACH (10051), the IPv4 one serves TLS 1.2 and refuses TLS 1.0.
  Report rep;
  rep.versions = {Version::tls1_0, Version::tls1_2};
  for (const auto* backend : {"openssl", "raw"}) {
    rep.results.push_back(cell("10.0.0.1", backend, Version::tls1_0, alert(70)));
    rep.results.push_back(cell("10.0.0.1", backend, Version::tls1_2, ok(Version::tls1_2)));
    rep.results.push_back(cell("2603:1000::1", backend, Version::tls1_0, refused_at_connect(ENETUNREACH, 10051)));
    rep.results.push_back(cell("2603:1000::1", backend, Version::tls1_2, refused_at_connect(ENETUNREACH, 10051)));
  }
  const auto verdicts = diagnose(rep, std::nullopt);
  REQUIRE(verdicts.size() == 2);
  CHECK(verdicts[0].version == Version::tls1_0);
  CHECK(verdicts[0].cause == Cause::server);
  CHECK(verdicts[0].expected);
  CHECK(verdicts[1].version == Version::tls1_2);
  CHECK(verdicts[1].cause == Cause::works);
  for (const auto& v : verdicts) {
    CHECK(v.unreachable_addresses == std::vector<std::string>{"2603:1000::1"});
    const auto evidence = verdict_evidence(v);
    CHECK(std::count(evidence.begin(), evidence.end(),
                     "2603:1000::1: unreachable on every version, left out of this verdict") == 1);
  }
}

TEST_CASE("verdict: an endpoint no address of which was reached keeps its unreachable verdict") {
  const auto v = only(report(Version::tls1_2, {cell("10.0.0.1", "openssl", Version::tls1_2, refused_at_connect(ECONNREFUSED, 10061)),
                                               cell("10.0.0.2", "openssl", Version::tls1_2, refused_at_connect(ECONNREFUSED, 10061))}));
  CHECK(v.cause == Cause::unreachable);
  CHECK(v.unreachable_addresses.empty());
}

TEST_CASE("verdict: a local socket error on one attempt is no TLS evidence") {
  // EMFILE on the OpenSSL attempt; raw reached the server and was accepted.
  auto no_descriptor = failure(Status::unreachable, ErrorClass::local, Phase::connect, "Too many open files");
  no_descriptor.error.posix_errno = EMFILE;
  const auto v = only(report(Version::tls1_2, {cell("10.0.0.1", "openssl", Version::tls1_2, no_descriptor),
                                               cell("10.0.0.1", "raw", Version::tls1_2, ok(Version::tls1_2))}));
  CHECK(v.cause == Cause::works);
}

TEST_CASE("verdict: tlsprobe's own faults are left out") {
  const auto v = only(report(Version::tls1_2, {cell("10.0.0.1", "openssl", Version::tls1_2, internal_failure(Phase::none, "boom")),
                                               cell("10.0.0.1", "raw", Version::tls1_2, ok(Version::tls1_2))}));
  CHECK(v.cause == Cause::works);
  CHECK(v.cells.size() == 1);
}

namespace {

// A hello that offered exactly these suites (and the renegotiation SCSV, which is no cipher).
Outcome with_hello(Outcome o, std::vector<std::uint16_t> suites) {
  ClientHelloInfo h;
  h.legacy_version = 0x0303;
  h.cipher_suites = std::move(suites);
  h.cipher_suites.push_back(0x00FF);
  o.client_hello = h;
  return o;
}

CipherScan scan_of(std::vector<std::uint16_t> accepted, bool complete = true) {
  CipherScan s;
  s.endpoint = "vault.example";
  s.address = "10.0.0.1";
  s.version = Version::tls1_2;
  s.accepted = std::move(accepted);
  s.complete = complete;
  return s;
}

}  // namespace

TEST_CASE("verdict: a stack offering none of the suites the server accepts -> local, no common cipher suite") {
  // A GCM-only front door (TLSv1.2_2023) and a CBC-only client (Windows 2012 R2 without the update).
  auto rep = report(Version::tls1_2, {cell("10.0.0.1", "schannel", Version::tls1_2, with_hello(alert(40), {0xC014, 0xC013})),
                                      cell("10.0.0.1", "raw", Version::tls1_2, ok(Version::tls1_2))});
  rep.cipher_scans = {scan_of({0xC02F, 0xC030})};
  const auto v = only(rep);
  CHECK(v.cause == Cause::local);
  CHECK(v.reason == Reason::no_common_cipher);
  REQUIRE(v.cipher_gaps.size() == 1);
  CHECK(v.cipher_gaps[0].backend == "schannel");
  CHECK(v.cipher_gaps[0].offered == std::vector<std::uint16_t>{0xC014, 0xC013});  // the SCSV is no cipher
  CHECK(v.cipher_gaps[0].server == std::vector<std::uint16_t>{0xC02F, 0xC030});
  CHECK(verdict_summary(v) ==
        "TLS 1.2 fails locally: no common cipher suite: the server accepts it, but only with suites schannel on this "
        "machine does not offer");
  const auto evidence = verdict_evidence(v);
  CHECK(evidence.back() ==
        "the server accepts TLS 1.2 only with TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384; schannel offered none of them (it offered "
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA)");
  CHECK(verdict_fix(v).find("let this machine offer one of TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") == 0);
}

TEST_CASE("verdict: suites in common, an incomplete scan, or no scan: the failure is not blamed on suites") {
  const auto failing = [](std::vector<std::uint16_t> offered) {
    return report(Version::tls1_2, {cell("10.0.0.1", "schannel", Version::tls1_2, with_hello(alert(40), std::move(offered))),
                                    cell("10.0.0.1", "raw", Version::tls1_2, ok(Version::tls1_2))});
  };
  auto overlap = failing({0xC014, 0xC02F});
  overlap.cipher_scans = {scan_of({0xC02F, 0xC030})};
  CHECK(only(overlap).reason == Reason::split_on_path);

  auto cut_short = failing({0xC014});
  cut_short.cipher_scans = {scan_of({0xC02F}, false)};
  CHECK(only(cut_short).reason == Reason::split_on_path);

  CHECK(only(failing({0xC014})).reason == Reason::split_on_path);
}

TEST_CASE("verdict: suites in common but no key exchange group -> local, no common group; a group in common is not blamed") {
  const auto failing = [](std::vector<std::uint16_t> groups) {
    auto o = with_hello(alert(40), {0x1301, 0x1302});
    o.client_hello->supported_groups = std::move(groups);
    auto rep = report(Version::tls1_3, {cell("10.0.0.1", "raw", Version::tls1_3, o),
                                        cell("10.0.0.1", "openssl", Version::tls1_3, ok(Version::tls1_3))});
    auto suites = scan_of({0x1302, 0x1301});
    suites.version = Version::tls1_3;
    auto groups_seen = scan_of({0x0100});  // ffdhe2048 only
    groups_seen.version = Version::tls1_3;
    rep.cipher_scans = {suites};
    rep.group_scans = {groups_seen};
    return rep;
  };
  const auto v = only(failing({0x0A0A, 0x001D, 0x0017}));  // a GREASE group first
  CHECK(v.cause == Cause::local);
  CHECK(v.reason == Reason::no_common_group);
  CHECK(v.cipher_gaps.empty());
  REQUIRE(v.group_gaps.size() == 1);
  CHECK(v.group_gaps[0].offered == std::vector<std::uint16_t>{0x001D, 0x0017});
  CHECK(verdict_evidence(v).back() ==
        "the server accepts TLS 1.3 only with the groups ffdhe2048; raw offered none of them (it offered x25519, secp256r1)");
  CHECK(verdict_fix(v).starts_with("let this machine offer one of the groups ffdhe2048: for SChannel, list it in the ECC Curve Order policy"));
  CHECK(to_string(v.reason) == "groups");  // the JSON token: the local cause

  CHECK(only(failing({0x001D, 0x0100})).reason == Reason::split_on_path);
}
