#include "integration/probe.hpp"

#include <doctest/doctest.h>

#include <memory>

#include "backends/registry.hpp"
#include "core/native_codes.hpp"
#include "core/target.hpp"

namespace tlsprobe::test {
namespace {

std::string text(const std::optional<int>& v) { return v ? std::to_string(*v) : "none"; }
std::string text(const std::optional<Version>& v) { return v ? std::string(token(*v)) : "none"; }

Expect failed(Status status, ErrorClass cls, Phase phase) {
  Expect e;
  e.status = status;
  e.cls = cls;
  e.phase = phase;
  e.failed_attempts = 1;
  return e;
}

// The cells of `backend` for `version`; more than one is a bug the callers report.
std::vector<const AttemptResult*> cells(const Report& report, const std::string& backend, Version version) {
  std::vector<const AttemptResult*> out;
  for (const auto& r : report.results)
    if (r.backend == backend && r.version == version) out.push_back(&r);
  return out;
}

std::size_t cell_count(const Report& report, const std::string& backend) {
  std::size_t n = 0;
  for (const auto& r : report.results) n += r.backend == backend ? 1 : 0;
  return n;
}

// One line per disagreement, so a failed comparison prints both lists readably.
std::string text(const Disagreement& d) {
  std::string s = d.endpoint + " " + d.address + " " + std::string(token(d.version)) + ":";
  for (const auto& [backend, status] : d.outcomes) s += " " + backend + "=" + std::string(to_string(status));
  return s;
}

}  // namespace

EngineOptions quick_options() {
  EngineOptions o;
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.handshake_timeout = std::chrono::milliseconds(2000);
  return o;
}

std::vector<Version> every_version() { return {all_versions.begin(), all_versions.end()}; }

std::vector<Version> tls_versions() { return {Version::tls1_0, Version::tls1_1, Version::tls1_2, Version::tls1_3}; }

std::vector<std::string> both_backends() { return {"openssl", "raw"}; }

Report probe(const std::string& target, const std::vector<Version>& versions, const EngineOptions& options,
             const BackendConfig& config, const std::vector<std::string>& backends) {
  std::vector<std::unique_ptr<Backend>> owned;
  std::vector<Backend*> used;
  for (const auto& name : backends) used.push_back(owned.emplace_back(make_backend(name, config)).get());
  const std::vector<Target> targets{parse_target(target)};
  return run_probe(targets, used, versions, options);
}

Expect accepted_as(Version v, std::string cipher) {
  Expect e;
  e.negotiated = v;
  e.cipher = std::move(cipher);
  return e;
}

Expect unsupported_ssl3() { return failed(Status::unsupported, ErrorClass::local, Phase::none); }

Expect alert_in(int number, std::string name, Phase phase) {
  auto e = failed(Status::rejected, ErrorClass::alert, phase);
  e.alert = number;
  e.alert_name = std::move(name);
  return e;
}

Expect reset_in(Phase phase) {
  auto e = failed(Status::rejected, ErrorClass::reset, phase);
  e.posix_errno = 104;  // ECONNRESET
  e.winsock = 10054;    // WSAECONNRESET, what Windows and Azure's documentation show
  return e;
}

Expect closed_in(Phase phase) { return failed(Status::rejected, ErrorClass::closed, phase); }

Expect timeout_in(Phase phase) {
  auto e = failed(Status::rejected, ErrorClass::timeout, phase);
  e.posix_errno = 110;  // ETIMEDOUT
  e.winsock = 10060;    // WSAETIMEDOUT
  return e;
}

Expect refused() {
  auto e = failed(Status::unreachable, ErrorClass::refused, Phase::connect);
  e.posix_errno = 111;  // ECONNREFUSED
  e.winsock = 10061;    // WSAECONNREFUSED
  return e;
}

Expect mismatch(Version offered) {
  // The ServerHello came back, so the server did answer; it chose another version.
  auto e = failed(Status::rejected, ErrorClass::version_mismatch, Phase::handshake);
  e.offered = offered;
  return e;
}

void check_cell(const Report& report, const std::string& backend, const std::string& server,
                const std::string& address, Version version, const Expect& e) {
  INFO("server: " << server << " at " << address << ", backend " << backend << ", version " << token(version));
  const auto found = cells(report, backend, version);
  CHECK(found.size() == 1);
  if (found.size() != 1) return;
  const auto& r = *found.front();
  const auto& o = r.outcome;
  INFO("message: " << o.error.message);
  CHECK(r.address == address);
  CHECK(r.sni.empty());  // IP literal targets send no server_name (RFC 6066 3)
  CHECK(to_string(o.status) == to_string(e.status));
  CHECK(to_string(o.error.cls) == to_string(e.cls));
  CHECK(to_string(o.error.phase) == to_string(e.phase));
  CHECK(text(o.negotiated) == text(e.negotiated));
  CHECK(text(o.error.alert) == text(e.alert));
  if (o.error.alert) CHECK(std::string(alert_name(*o.error.alert)) == e.alert_name);
  CHECK(text(o.error.posix_errno) == text(e.posix_errno));
  CHECK(text(o.error.winsock) == text(e.winsock));
  CHECK(text(o.error.offered) == text(e.offered));
  CHECK(!o.error.sec_status.has_value());  // SChannel only
  CHECK(r.attempts == e.attempts);
  CHECK(r.failed_attempts == e.failed_attempts);
  if (e.status != Status::accepted) {
    CHECK(o.cipher.empty());
    CHECK(!o.certificate.has_value());
    CHECK(!o.error.message.empty());
    return;
  }
  CHECK(!o.cipher.empty());
  if (!e.cipher.empty()) CHECK(o.cipher == e.cipher);
  if (backend == "raw") {
    // The raw backend stops at the ServerHello (it sees acceptance, not a finished
    // handshake): it never checks a chain, so it must not claim a certificate summary.
    CHECK(!o.certificate.has_value());
    return;
  }
  CHECK(o.certificate.has_value());
  if (!o.certificate) return;
  CHECK(o.certificate->subject.find("localhost") != std::string::npos);
  CHECK(o.certificate->issuer.find("localhost") != std::string::npos);  // self-signed
  CHECK(!o.certificate->not_after.empty());
  CHECK(o.certificate->verified == e.verified);
  CHECK(o.certificate->verify_error.empty() == e.verified);
}

void check_row(const Report& report, const std::string& backend, const std::string& server,
               const std::string& address, const Row& row) {
  INFO("server: " << server << ", backend " << backend);
  CHECK(cell_count(report, backend) == row.size());
  for (const auto& [version, e] : row) check_cell(report, backend, server, address, version, e);
}

void check_same_row(const Report& report, const std::string& a, const std::string& b,
                    const std::vector<Version>& versions) {
  CHECK(cell_count(report, a) == cell_count(report, b));
  for (const auto version : versions) {
    INFO(a << " against " << b << ", version " << token(version));
    const auto in_a = cells(report, a, version);
    const auto in_b = cells(report, b, version);
    CHECK(in_a.size() == 1);
    CHECK(in_b.size() == 1);
    if (in_a.size() != 1 || in_b.size() != 1) continue;
    const auto& x = *in_a.front();
    const auto& y = *in_b.front();
    INFO(a << ": " << x.outcome.error.message);
    INFO(b << ": " << y.outcome.error.message);
    CHECK(x.address == y.address);
    CHECK(x.sni == y.sni);
    CHECK(to_string(x.outcome.status) == to_string(y.outcome.status));
    CHECK(to_string(x.outcome.error.cls) == to_string(y.outcome.error.cls));
    CHECK(to_string(x.outcome.error.phase) == to_string(y.outcome.error.phase));
    CHECK(text(x.outcome.error.alert) == text(y.outcome.error.alert));
    CHECK(text(x.outcome.error.posix_errno) == text(y.outcome.error.posix_errno));
    CHECK(text(x.outcome.error.winsock) == text(y.outcome.error.winsock));
    CHECK(text(x.outcome.error.offered) == text(y.outcome.error.offered));
    // Both unset unless accepted. The cipher may differ: each stack offers its own list
    // in its own order, and servers may follow the client's preference.
    CHECK(text(x.outcome.negotiated) == text(y.outcome.negotiated));
    CHECK(x.attempts == y.attempts);
    CHECK(x.failed_attempts == y.failed_attempts);
  }
}

void check_disagreements(const Report& report, const std::vector<Disagreement>& expected) {
  std::string want;
  std::string got;
  for (const auto& d : expected) want += text(d) + "\n";
  for (const auto& d : find_disagreements(report)) got += text(d) + "\n";
  CHECK(got == want);
}

}  // namespace tlsprobe::test
