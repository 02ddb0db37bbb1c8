#include "integration/probe.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "backends/openssl/openssl_backend.hpp"
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

}  // namespace

EngineOptions quick_options() {
  EngineOptions o;
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.handshake_timeout = std::chrono::milliseconds(2000);
  return o;
}

std::vector<Version> every_version() { return {all_versions.begin(), all_versions.end()}; }

Report probe(const std::string& target, const std::vector<Version>& versions, const EngineOptions& options,
             const BackendConfig& config) {
  OpenSslBackend backend(config);
  const std::vector<Target> targets{parse_target(target)};
  const std::vector<Backend*> backends{&backend};
  return run_probe(targets, backends, versions, options);
}

Expect accepted_as(Version v) {
  Expect e;
  e.negotiated = v;
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

void check_row(const Report& report, const std::string& server, const std::string& address, const Row& row) {
  INFO("server: " << server << " at " << address);
  CHECK(report.results.size() == row.size());
  for (const auto& [version, e] : row) {
    const AttemptResult* found = nullptr;
    int count = 0;
    for (const auto& r : report.results) {
      if (r.version == version) {
        found = &r;
        ++count;
      }
    }
    INFO("version: " << token(version));
    CHECK(count == 1);
    if (found == nullptr) continue;
    const auto& r = *found;
    const auto& o = r.outcome;
    INFO("message: " << o.error.message);
    CHECK(r.address == address);
    CHECK(r.backend == "openssl");
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
    if (e.status == Status::accepted) {
      CHECK(!o.cipher.empty());
      CHECK(o.certificate.has_value());
      if (!o.certificate) continue;
      CHECK(o.certificate->subject.find("localhost") != std::string::npos);
      CHECK(o.certificate->issuer.find("localhost") != std::string::npos);  // self-signed
      CHECK(!o.certificate->not_after.empty());
      CHECK(o.certificate->verified == e.verified);
      CHECK(o.certificate->verify_error.empty() == e.verified);
    } else {
      CHECK(o.cipher.empty());
      CHECK(!o.certificate.has_value());
      CHECK(!o.error.message.empty());
    }
  }
}

}  // namespace tlsprobe::test
